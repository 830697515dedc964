export * from "./fx.js";
