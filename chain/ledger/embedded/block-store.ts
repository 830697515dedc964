// Append-only, hash-chained block log: one canonical-JSON block per line. Opening reads the file
// once, checks every block (number, link to the previous hash, data hash, header hash) and hands
// each to the caller to rebuild state. Appends are written whole and fsynced before a
// transaction is reported committed, so a crash can at most leave a torn last line, which open
// removes (it was never acknowledged). Anything else that does not verify is tampering or
// corruption and fails the open with LedgerIntegrityError.
import { type FileHandle, open } from "node:fs/promises";
import { canonicalJson } from "../../contract/json.js";
import { LedgerIntegrityError } from "../errors.js";
import { encodeBlock, type StoredBlock, sha256Hex } from "./format.js";

const CHUNK = 1 << 20;

interface Location {
  offset: number;
  length: number;
}

export class BlockStore {
  readonly #file: string;
  readonly #writer: FileHandle;
  readonly #reader: FileHandle;
  readonly #locations: Location[];
  #size: number;
  #tipHash: string;

  private constructor(file: string, writer: FileHandle, reader: FileHandle, locations: Location[], size: number, tipHash: string) {
    this.#file = file;
    this.#writer = writer;
    this.#reader = reader;
    this.#locations = locations;
    this.#size = size;
    this.#tipHash = tipHash;
  }

  /**
   * Opens (or creates) the log and verifies it, calling `onBlock` for each block in order.
   * `onTornTail` is told when an incomplete last line (a crash mid-append) was cut off.
   */
  static async open(file: string, onBlock: (block: StoredBlock) => void, onTornTail: (bytes: number) => void = () => {}): Promise<BlockStore> {
    const writer = await open(file, "a+");
    try {
      const locations: Location[] = [];
      let tipHash = "";
      const fail = (n: number, why: string): never => {
        throw new LedgerIntegrityError(`block ${n} in ${file} does not verify: ${why}`, n, file);
      };
      const verify = (line: string, offset: number): void => {
        const n = locations.length;
        let block: StoredBlock | null = null;
        try {
          block = JSON.parse(line) as StoredBlock;
        } catch {
          fail(n, "not JSON");
        }
        const h = block?.header;
        if (!block || !h || typeof h !== "object" || typeof block.hash !== "string" || !block.data) {
          throw new LedgerIntegrityError(`block ${n} in ${file} does not verify: not a block`, n, file);
        }
        if (h.number !== n) fail(n, `it says it is block ${String(h.number)}`);
        if (h.previousHash !== tipHash) fail(n, "previousHash does not match the hash of the block before it");
        if (sha256Hex(canonicalJson(block.data)) !== h.dataHash) fail(n, "its data does not match its dataHash");
        if (sha256Hex(canonicalJson(h)) !== block.hash) fail(n, "its header does not match its hash");
        onBlock(block);
        locations.push({ offset, length: Buffer.byteLength(line, "utf8") });
        tipHash = block.hash;
      };
      let { complete, tail } = await scanLines(writer, verify);
      if (tail.length > 0) {
        // A crash mid-append leaves a partial last line, which does not parse: that block was
        // never acknowledged and is cut off. A last line that parses is a whole block whose
        // newline was not written: it must verify like any other.
        const text = tail.toString("utf8");
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        if (parses) {
          verify(text, complete);
          await writer.write("\n", null, "utf8");
          complete += tail.length + 1;
        } else {
          await writer.truncate(complete);
          onTornTail(tail.length);
        }
        await writer.datasync();
      }
      const size = complete;
      const reader = await open(file, "r");
      return new BlockStore(file, writer, reader, locations, size, tipHash);
    } catch (error) {
      await writer.close();
      throw error;
    }
  }

  get file(): string {
    return this.#file;
  }

  /** Number of blocks. */
  get height(): number {
    return this.#locations.length;
  }

  /** Hash of the last block; "" when empty. */
  get tipHash(): string {
    return this.#tipHash;
  }

  /** Appends a block made on the current tip; durable when the promise resolves. */
  async append(block: StoredBlock): Promise<void> {
    if (block.header.number !== this.height || block.header.previousHash !== this.#tipHash) {
      throw new Error(`block ${block.header.number} does not extend the chain at height ${this.height}`);
    }
    const bytes = Buffer.from(encodeBlock(block), "utf8");
    await this.#writer.write(bytes, 0, bytes.length, null);
    await this.#writer.datasync();
    this.#locations.push({ offset: this.#size, length: bytes.length - 1 });
    this.#size += bytes.length;
    this.#tipHash = block.hash;
  }

  async read(n: number): Promise<StoredBlock> {
    const loc = this.#locations[n];
    if (!loc) throw new RangeError(`no block ${n} (height ${this.height})`);
    const buf = Buffer.alloc(loc.length);
    const { bytesRead } = await this.#reader.read(buf, 0, loc.length, loc.offset);
    if (bytesRead !== loc.length) throw new LedgerIntegrityError(`block ${n} in ${this.#file} is cut short`, n, this.#file);
    return JSON.parse(buf.toString("utf8")) as StoredBlock;
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.#writer.close(), this.#reader.close()]);
  }
}

/** Calls `onLine` for each complete line; returns the size of the complete part and of a torn tail. */
async function scanLines(fh: FileHandle, onLine: (line: string, offset: number) => void): Promise<{ complete: number; tail: Buffer }> {
  const { size } = await fh.stat();
  const chunk = Buffer.alloc(CHUNK);
  let carry: Buffer[] = [];
  let carryLength = 0;
  let lineStart = 0;
  let position = 0;
  while (position < size) {
    const { bytesRead } = await fh.read(chunk, 0, Math.min(CHUNK, size - position), position);
    if (bytesRead === 0) break;
    let from = 0;
    for (let nl = chunk.indexOf(10, 0); nl !== -1 && nl < bytesRead; nl = chunk.indexOf(10, from)) {
      const piece = chunk.subarray(from, nl);
      const line = carryLength ? Buffer.concat([...carry, piece]).toString("utf8") : piece.toString("utf8");
      carry = [];
      carryLength = 0;
      onLine(line, lineStart);
      from = nl + 1;
      lineStart = position + from;
    }
    if (from < bytesRead) {
      carry.push(Buffer.from(chunk.subarray(from, bytesRead)));
      carryLength += bytesRead - from;
    }
    position += bytesRead;
  }
  return { complete: lineStart, tail: Buffer.concat(carry) };
}
