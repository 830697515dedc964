// fabric-contract-api, imported once, with decorators that work whether or not the compiler
// emits decorator metadata.
//
// fabric-contract-api's @Transaction infers parameters from `design:paramtypes`. tsc and Vitest
// (oxc) emit that metadata; tsx/esbuild do not, and then @Transaction records no parameters at all.
// Submit/Evaluate below apply @Transaction, then one @Param per declared parameter in order, then
// @Returns: with metadata the @Params overwrite the inferred entries by name, without it they
// append in order; both give the same contract metadata, which is checked at class definition.
import { createRequire } from "node:module";
import fabric, { Context, Contract } from "fabric-contract-api";

export { Context, Contract };
export const { Info } = fabric;

// The annotations log every decorator at info level when the class is defined: noise in any
// process that loads the contract, and nothing a peer operator needs. (Their loggers share one
// console transport, which filters by whichever logger was created last, so a level cannot be
// set per logger; `silent` can.)
const fabricLogger = createRequire(import.meta.url)("fabric-contract-api/lib/logger.js") as {
  getLogger(name: string): { silent: boolean };
};
for (const name of ["transaction", "object", "info", "default"]) {
  fabricLogger.getLogger(`./lib/annotations/${name}.js`).silent = true;
}

// reflect-metadata is loaded by fabric-contract-api; only its reader is needed here.
interface ReflectMetadata {
  getMetadata(key: string, target: object): unknown;
}

export type ParamType = "string" | "number" | "boolean";
export type ParamSpec = readonly [name: string, type: ParamType];

function transaction(commit: boolean, params: readonly ParamSpec[]) {
  return (target: object, key: string, descriptor: PropertyDescriptor): void => {
    fabric.Transaction(commit)(target, key);
    for (const [name, type] of params) fabric.Param(name, type)(target, key);
    fabric.Returns("string")(target, key);

    const method = descriptor.value as (...args: unknown[]) => unknown;
    const txs = ((Reflect as unknown as ReflectMetadata).getMetadata("fabric:transactions", target) ?? []) as {
      name: string;
      parameters?: { name: string }[];
    }[];
    const names = txs.find((t) => t.name === key)?.parameters?.map((p) => p.name) ?? [];
    const declared = params.map(([name]) => name);
    if (method.length !== params.length + 1 || names.join() !== declared.join()) {
      throw new Error(`${key}: parameters (${declared.join(", ")}) must match the method's after ctx; contract metadata has (${names.join(", ")})`);
    }
  };
}

/** A transaction that writes: submitted, endorsed and ordered. Returns a string. */
export function Submit(...params: ParamSpec[]) {
  return transaction(true, params);
}

/** A read-only transaction: evaluated on one peer, never ordered. Returns a string. */
export function Evaluate(...params: ParamSpec[]) {
  return transaction(false, params);
}
