export * from "./demo.js";
export * from "./reference.js";
export * from "./seeder.js";
