// The one interface the API uses to reach the shared ledger. Backends:
//   embedded        the contract run in process, one node (./embedded) — development, demos, tests
//   fabric-gateway  Fabric >= 2.4 through @hyperledger/fabric-gateway          (fabric-gateway/)
//   fabric-network  Fabric 2.2 networks through fabric-network                 (fabric-network/)
//
// The shape follows fabric-gateway: submit = endorse + order + wait for commit status, evaluate =
// query one peer, chaincode events from a block number with checkpointing by (block, txId).
// Block numbers are plain numbers (fabric-gateway's bigint converted at the edge: 2^53 blocks is
// out of reach). Failures are the typed errors of ./errors.ts.

/**
 * An identity the backend holds and submits as. The embedded backend finds it in its local MSP
 * folder (<dataDir>/msp/<mspId>/users/<user>); the Fabric backends in their configured wallet.
 */
export interface IdentityRef {
  mspId: string;
  /** Which of the organization's identities; default: its only role's identity (e.g. "certifier"). */
  user?: string;
}

export interface TransactionRequest {
  /** Transaction name in the corridor contract (CorridorTransactions in chain/contract). */
  fn: string;
  /** Arguments as strings, in the transaction's parameter order. */
  args?: readonly string[];
  identity: IdentityRef;
  /**
   * Organizations whose peers must endorse, besides those the endorsement policy needs (the
   * submitter's and the platform's). fabric-gateway's `endorsingOrganizations`.
   */
  endorsingOrganizations?: readonly string[];
}

/** One organization's signature on a transaction's proposal response. */
export interface Endorsement {
  mspId: string;
  /** The endorsing peer's X.509 certificate, PEM. */
  certificate: string;
  /**
   * Base64 DER ECDSA signature (P-256, SHA-256, low S) over the proposal response payload
   * followed by the endorser's identity: `SubmitResult.proposalResponse ‖ certificate` in the
   * embedded backend, `ProposalResponsePayload ‖ SerializedIdentity` in Fabric.
   */
  signature: string;
}

export interface ChaincodeEvent {
  blockNumber: number;
  txId: string;
  chaincodeName: string;
  /** One of CorridorEvents (chain/contract/events.ts). */
  eventName: string;
  /** Canonical JSON of the record the transaction wrote. */
  payload: Uint8Array;
}

export interface SubmitResult {
  txId: string;
  /** Transaction timestamp (proposal time), ISO 8601 UTC. */
  timestamp: string;
  /** Block holding the committed transaction. */
  blockNumber: number;
  /** Lowercase hex SHA-256 hash of that block's header. */
  blockHash: string;
  /** What the transaction returned (the contract returns canonical JSON text). */
  result: Uint8Array;
  /** Chaincode events of the transaction (Fabric keeps at most one). */
  events: ChaincodeEvent[];
  /** The bytes every endorsement signs (before the endorser's identity is appended). */
  proposalResponse: Uint8Array;
  endorsements: Endorsement[];
}

/** Fabric transaction validation codes the backends report. */
export type ValidationCode = "VALID" | "MVCC_READ_CONFLICT" | "PHANTOM_READ_CONFLICT" | "ENDORSEMENT_POLICY_FAILURE" | "BAD_PAYLOAD" | (string & {});

export interface BlockTransaction {
  txId: string;
  timestamp: string;
  creatorMspId: string;
  /** Transaction name without the contract prefix. */
  fn: string;
  args: string[];
  validationCode: ValidationCode;
  /** Events, when the transaction is valid. */
  events: ChaincodeEvent[];
  endorsements: Endorsement[];
}

export interface LedgerBlock {
  number: number;
  /** Lowercase hex SHA-256 of the header. */
  hash: string;
  /** Hash of block number - 1; "" for block 0. */
  previousHash: string;
  /** Lowercase hex SHA-256 of the block's data. */
  dataHash: string;
  /** Channel configuration blocks carry no transactions (block 0 is one). */
  isConfig: boolean;
  transactions: BlockTransaction[];
}

export interface EventsOptions {
  /** First block to deliver events from; default: the next block to be committed. */
  startBlock?: number;
  /**
   * Checkpoint: the last transaction already processed in `startBlock`; its events and those
   * before it in that block are skipped (fabric-gateway's Checkpointer semantics).
   */
  afterTransactionId?: string;
}

/** An event stream: iterate with for await; close() ends it (also ends a pending next()). */
export interface CloseableAsyncIterable<T> extends AsyncIterable<T> {
  close(): void;
}

export interface Ledger {
  /** Fabric channel name. */
  readonly channel: string;
  /** Chaincode name. */
  readonly chaincode: string;
  /**
   * Endorses, orders and commits a transaction; resolves when it is committed valid.
   * Rejects with ContractRejectedError (the contract refused: its code, e.g. NOT_AUTHORIZED),
   * CommitError (ordered but invalid: MVCC_READ_CONFLICT … — retry those), or another LedgerError.
   */
  submit(tx: TransactionRequest): Promise<SubmitResult>;
  /** Runs a read-only transaction on committed state; nothing is ordered. */
  evaluate(tx: TransactionRequest): Promise<Uint8Array>;
  /** Chaincode events of valid transactions, from a block on, then live. */
  events(options?: EventsOptions): CloseableAsyncIterable<ChaincodeEvent>;
  /** A committed block; LedgerError NOT_FOUND beyond the height. */
  block(n: number): Promise<LedgerBlock>;
  /** Number of committed blocks (the next block's number). */
  height(): Promise<number>;
  /** Waits for in-flight transactions, ends event streams and releases the backend. */
  close(): Promise<void>;
}
