// Test support: a tiny protobuf writer and Fabric messages built with it (envelopes as a peer
// gateway prepares them), for the decoder's unit tests and the fake gateway service.

function varint(n: number | bigint): number[] {
  let v = BigInt(n);
  const out: number[] = [];
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) b |= 0x80;
    out.push(b);
  } while (v > 0n);
  return out;
}
export type F = [field: number, value: number | bigint | Uint8Array | string];
export function pb(...fields: F[]): Uint8Array {
  const out: number[] = [];
  for (const [field, value] of fields) {
    if (typeof value === "number" || typeof value === "bigint") out.push(...varint(field << 3), ...varint(value));
    else {
      const bytes = typeof value === "string" ? Buffer.from(value, "utf8") : value;
      out.push(...varint((field << 3) | 2), ...varint(bytes.length), ...bytes);
    }
  }
  return Uint8Array.from(out);
}

export function envelope(txId: string, creatorMsp: string, args: string[], event?: { name: string; payload: string }, result = '{"ok":true}'): Uint8Array {
  const identity = (msp: string) => pb([1, msp], [2, `-----BEGIN CERTIFICATE-----\n${msp}\n-----END CERTIFICATE-----\n`]);
  const channelHeader = pb([1, 3], [3, pb([1, 1_764_000_000], [2, 500_000_000])], [4, "corridor"], [5, txId]);
  const header = pb([1, channelHeader], [2, pb([1, identity(creatorMsp)], [2, "nonce"])]);
  const spec = pb([1, 1], [2, pb([2, "corridor"])], [3, pb(...args.map((a): F => [1, a]))]);
  const proposalPayload = pb([1, pb([1, spec])]);
  const ccEvent = event ? pb([1, "corridor"], [2, txId], [3, event.name], [4, event.payload]) : new Uint8Array();
  const chaincodeAction = pb([1, "rwset"], [2, ccEvent], [3, pb([1, 200], [3, result])]);
  const prp = pb([1, "hash"], [2, chaincodeAction]);
  const endorsed = pb([1, prp], [2, pb([1, identity(creatorMsp)], [2, Uint8Array.from([1, 2, 3])])], [2, pb([1, identity("PlatformMSP")], [2, Uint8Array.from([4, 5])])]);
  const txAction = pb([1, "hdr"], [2, pb([1, proposalPayload], [2, endorsed])]);
  const payload = pb([1, header], [2, pb([1, txAction])]);
  return pb([1, payload], [2, "sig"]);
}
