// Chaincode event streams for the Fabric backends: a checkpoint (block, transactions already
// delivered in it) that the stream keeps up to date, and a stream that reopens the peer's event
// service from that checkpoint when the connection drops, so no event is lost or repeated.
import type { ChaincodeEvent, CloseableAsyncIterable } from "../ledger.js";

/**
 * Where to resume: fabric-gateway's Checkpoint shape (getBlockNumber / getTransactionId), so it
 * can be passed as `network.getChaincodeEvents(name, { checkpoint })`.
 */
export class EventCheckpoint {
  #block: bigint | undefined;
  #lastTx: string | undefined;
  readonly #seen = new Set<string>();

  constructor(startBlock?: number, afterTransactionId?: string) {
    if (startBlock !== undefined) this.#block = BigInt(startBlock);
    if (afterTransactionId !== undefined) {
      if (startBlock === undefined) throw new Error("afterTransactionId needs startBlock");
      this.#lastTx = afterTransactionId;
      this.#seen.add(afterTransactionId);
    }
  }

  /** Block to (re)start from; undefined: the next block to be committed. */
  getBlockNumber(): bigint | undefined {
    return this.#block;
  }

  /** Last transaction already delivered in that block (the peer skips it and those before it). */
  getTransactionId(): string | undefined {
    return this.#lastTx;
  }

  /** False for an event delivered already (a peer replaying a block after a reconnect). */
  accepts(event: Pick<ChaincodeEvent, "blockNumber" | "txId">): boolean {
    if (this.#block === undefined) return true;
    const b = BigInt(event.blockNumber);
    if (b < this.#block) return false;
    return b > this.#block || !this.#seen.has(event.txId);
  }

  /** Records a delivered event: the checkpoint moves to its block and transaction. */
  record(event: Pick<ChaincodeEvent, "blockNumber" | "txId">): void {
    const b = BigInt(event.blockNumber);
    if (this.#block === undefined || b > this.#block) {
      this.#block = b;
      this.#seen.clear();
    }
    this.#seen.add(event.txId);
    this.#lastTx = event.txId;
  }

  /** Every transaction of blocks before `nextBlock` is done (a block without our events). */
  recordBlock(nextBlock: number): void {
    const b = BigInt(nextBlock);
    if (this.#block === undefined || b > this.#block) {
      this.#block = b;
      this.#seen.clear();
      this.#lastTx = undefined;
    }
  }
}

export interface EventSource {
  events: AsyncIterable<ChaincodeEvent>;
  close(): void;
}

export interface ResumableOptions {
  /** Opens the peer's event stream from the checkpoint. */
  open(checkpoint: EventCheckpoint): Promise<EventSource>;
  /** True for failures after which reopening may work (connection lost, deadline). */
  transient(error: unknown): boolean;
  /** Typed error for a failure the stream gives up on. */
  mapError(error: unknown): Error;
  /** Delay before reopening; default 1 s, doubling to 30 s. */
  retryDelayMs?: number;
  onClose?: () => void;
}

export function resumableEvents(checkpoint: EventCheckpoint, options: ResumableOptions): CloseableAsyncIterable<ChaincodeEvent> {
  let closed = false;
  let current: EventSource | undefined;
  let wake: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(t);
        resolve();
      };
    });

  async function* run(): AsyncGenerator<ChaincodeEvent> {
    let delay = options.retryDelayMs ?? 1000;
    try {
      while (!closed) {
        try {
          current = await options.open(checkpoint);
          if (closed) break;
          for await (const event of current.events) {
            if (closed) break;
            if (!checkpoint.accepts(event)) continue;
            checkpoint.record(event);
            delay = options.retryDelayMs ?? 1000;
            yield event;
            if (closed) break;
          }
          if (closed) break;
          // The service ended the stream without an error: reopen from the checkpoint.
        } catch (error) {
          if (closed) break;
          if (!options.transient(error)) throw options.mapError(error);
        } finally {
          current?.close();
          current = undefined;
        }
        if (!closed) {
          await sleep(delay);
          delay = Math.min(delay * 2, 30_000);
        }
      }
    } finally {
      closed = true;
      options.onClose?.();
    }
  }

  const generator = run();
  return {
    [Symbol.asyncIterator]: () => generator,
    close(): void {
      if (closed) return;
      closed = true;
      current?.close();
      wake?.();
      options.onClose?.();
    },
  };
}
