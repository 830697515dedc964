export * from "./demo.js";
export * from "./freight.js";
export * from "./reference.js";
export * from "./seeder.js";
