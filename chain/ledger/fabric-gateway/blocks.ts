// Decoded Fabric blocks as the Ledger interface's LedgerBlock / SubmitResult pieces. Shared by
// both Fabric backends, which fetch blocks through qscc.
import type { BlockTransaction, ChaincodeEvent, Endorsement, LedgerBlock } from "../ledger.js";
import { type DecodedBlock, type DecodedTransaction, HeaderType, validationCodeName } from "./protobuf.js";

export function toEndorsements(tx: DecodedTransaction): Endorsement[] {
  return tx.endorsements.map((e) => ({ mspId: e.mspId, certificate: e.certificate, signature: Buffer.from(e.signature).toString("base64") }));
}

export function toEvents(tx: DecodedTransaction, blockNumber: number, valid: boolean): ChaincodeEvent[] {
  if (!valid || !tx.event) return [];
  return [{ blockNumber, txId: tx.txId, chaincodeName: tx.event.chaincodeName, eventName: tx.event.eventName, payload: tx.event.payload }];
}

function stripContract(fn: string): string {
  return fn.includes(":") ? fn.slice(fn.indexOf(":") + 1) : fn;
}

/** A LedgerBlock; transactions of other chaincodes (lifecycle, qscc never ordered) are kept with their names. */
export function toLedgerBlock(block: DecodedBlock): LedgerBlock {
  const isConfig = block.transactions.some((t) => t.type === HeaderType.CONFIG);
  const transactions: BlockTransaction[] = isConfig
    ? []
    : block.transactions.map((tx, i) => {
        const code = validationCodeName(block.validationCodes[i] ?? 254);
        return {
          txId: tx.txId,
          timestamp: tx.timestamp,
          creatorMspId: tx.creatorMspId,
          fn: stripContract(tx.input[0] ?? ""),
          args: tx.input.slice(1),
          validationCode: code,
          events: toEvents(tx, block.number, code === "VALID"),
          endorsements: toEndorsements(tx),
        };
      });
  return { number: block.number, hash: block.hash, previousHash: block.number === 0 ? "" : block.previousHash, dataHash: block.dataHash, isConfig, transactions };
}
