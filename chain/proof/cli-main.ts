/**
 * corridor-verify <proof.json> --roots <roots.pem> [options]
 *
 * Exit code 0: the proof is valid; 1: it is not (or is not a proof at all); 2: usage error
 * (bad arguments, unreadable files, unusable roots).
 */
import { readFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { RootsInput, VerificationResult } from "./verify.js";
import { createTrustStore, verifyProof } from "./verify.js";

const USAGE = `Usage: corridor-verify <proof.json | -> --roots <roots.pem> [options]

Checks a Corridor vehicle proof offline: record, Merkle path, anchor, endorsement
signatures and certificate chains, endorsement policy. No network, no database.

Options:
  --roots <file>          PEM bundle of the consortium's root CA certificates; each root
                          vouches for the MSP id in its subject O. Repeatable.
  --roots <MSP>=<file>    Trust the roots in <file> for MSP id <MSP>, whatever their O.
                          Repeatable; not to be mixed with the plain form.
  --require <MSP>         MSP id that must endorse every anchor, besides the record's own
                          organization (e.g. --require CorridorMSP). Repeatable.
  --now <time>            Reference time (RFC 3339) instead of the clock.
  --json                  Print the result as JSON.
  -h, --help              Show this help.

Exit codes: 0 valid, 1 invalid, 2 usage error.`;

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readFile: (path: string) => string;
  readStdin: () => string;
  cwd: string;
}

// npm exec -w runs bins inside the workspace folder; INIT_CWD is where the user typed the command.
// biome-ignore lint/style/noProcessEnv: the caller's directory is only known from npm's environment
const callerDir = process.env.INIT_CWD ?? process.cwd();

const defaultIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  readFile: (p) => readFileSync(p, "utf8"),
  readStdin: () => readFileSync(0, "utf8"),
  cwd: callerDir,
};

class UsageError extends Error {}

function parse(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        roots: { type: "string", multiple: true },
        require: { type: "string", multiple: true },
        now: { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

function loadRoots(specs: readonly string[], io: Io): RootsInput {
  const read = (file: string) => {
    try {
      return io.readFile(isAbsolute(file) ? file : resolve(io.cwd, file));
    } catch (e) {
      throw new UsageError(`cannot read roots file ${file}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const mapped = specs.filter((s) => /^[A-Za-z0-9][A-Za-z0-9._-]*=/.test(s) && !/^[A-Za-z]:[\\/]/.test(s));
  if (mapped.length > 0 && mapped.length !== specs.length) throw new UsageError("use either --roots <file> or --roots <MSP>=<file>, not both");
  if (mapped.length === 0) return specs.map(read);
  const byMsp: Record<string, string[]> = {};
  for (const spec of mapped) {
    const eq = spec.indexOf("=");
    const msp = spec.slice(0, eq);
    byMsp[msp] = [...(byMsp[msp] ?? []), read(spec.slice(eq + 1))];
  }
  return byMsp;
}

/** Proof contents reach the terminal: show control characters (escape sequences) as \\uXXXX. */
function printable(text: string): string {
  let out = "";
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    out += (c < 0x20 && ch !== "\n") || (c >= 0x7f && c <= 0x9f) ? `\\u${c.toString(16).padStart(4, "0")}` : ch;
  }
  return out;
}

function render(result: VerificationResult): string {
  const lines: string[] = [];
  lines.push(result.valid ? "VALID: the proof checks out" : "INVALID: the proof does not check out");
  const v = result.vehicle;
  if (v) {
    lines.push(`  vehicle  ${v.vin ? `VIN ${v.vin}` : `frame ${v.frameNumber}`}${v.vin && v.frameNumber ? `, frame ${v.frameNumber}` : ""}`);
    lines.push(`           model ${v.modelCode}, made ${v.productionDate} by ${v.makerMspId}`);
    lines.push(`           battery ${v.batterySerial}, motor ${v.motorNumber}`);
  }
  const a = result.anchor;
  if (a) lines.push(`  anchor   ${a.channel}/${a.chaincode} block ${a.blockNumber}, tx ${a.txId}, ${a.timestamp}, batch ${a.batchId}`);
  for (const [i, ev] of result.events.entries()) {
    const r = ev.record;
    const what = !r
      ? "unreadable event"
      : r.kind === "certification"
        ? `certification ${r.certificationId} (${r.scheme}) ${r.status}`
        : `custody ${r.event} at ${r.occurredAt}${r.location ? ` in ${r.location}` : ""}`;
    lines.push(`  event ${i}  ${what}: ${ev.valid ? "valid" : "INVALID"}`);
  }
  lines.push("");
  for (const c of result.checks) lines.push(`${c.ok ? "✓" : "✗"} ${c.name}: ${c.reason}${c.code ? ` [${c.code}]` : ""}`);
  return `${printable(lines.join("\n"))}\n`;
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  try {
    const { values, positionals } = parse(argv);
    if (values.help) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? "no proof file given" : "give exactly one proof file");
    if (!values.roots?.length) throw new UsageError("--roots is required: the consortium's root CA certificates");
    let now: Date | undefined;
    if (values.now !== undefined) {
      now = new Date(values.now);
      if (Number.isNaN(now.getTime())) throw new UsageError(`--now ${values.now} is not a time`);
    }
    const file = positionals[0]!;
    let text: string;
    try {
      text = file === "-" ? io.readStdin() : io.readFile(isAbsolute(file) ? file : resolve(io.cwd, file));
    } catch (e) {
      throw new UsageError(`cannot read proof ${file}: ${e instanceof Error ? e.message : String(e)}`);
    }
    let roots: RootsInput;
    try {
      roots = createTrustStore(loadRoots(values.roots, io));
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`unusable roots: ${e instanceof Error ? e.message : String(e)}`);
    }
    let proof: unknown;
    try {
      proof = JSON.parse(text);
    } catch (e) {
      const result: VerificationResult = {
        valid: false,
        checks: [{ name: "format", ok: false, reason: `not JSON: ${e instanceof Error ? e.message : String(e)}`, code: "NOT_JSON" }],
        vehicle: null,
        anchor: null,
        events: [],
      };
      io.stdout(values.json ? `${JSON.stringify(result, null, 2)}\n` : render(result));
      return 1;
    }
    const result = verifyProof(proof, { roots, ...(now ? { now } : {}), ...(values.require ? { requiredEndorsers: values.require } : {}) });
    io.stdout(values.json ? `${JSON.stringify(result, null, 2)}\n` : render(result));
    return result.valid ? 0 : 1;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`corridor-verify: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
}
