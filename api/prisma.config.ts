import { defineConfig } from "prisma/config";

// Prisma 7 keeps the connection out of schema.prisma. Generate needs no database;
// migrations are applied by src/db/migrate.ts (WebAssembly engine, offline).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
