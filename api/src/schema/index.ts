// Imports only: each module registers its types on the builder.
import "./errors.js";
import "../modules/identity/schema.js";
import "../modules/network/schema.js";
import "../modules/freight/schema.js";
import "../modules/vehicles/schema.js";
import "../modules/documents/schema.js";
import "../modules/dashboard/schema.js";
import { builder } from "./builder.js";

export const schema = builder.toSchema({ sortSchema: true });
