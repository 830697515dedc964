import { defaultFontSet } from "./layout/fonts.js";
import { renderPackingListResult } from "./templates/packing-list.js";

/**
 * Parse the fonts and fill the shaping caches before the first real request: the first render in
 * a process is several times slower than the next ones. Call once at server start.
 */
export async function warmUp(): Promise<void> {
  defaultFontSet();
  const party = { name: "Warm-up 预热", address: ["—"] };
  await renderPackingListResult({
    meta: {
      documentId: "warm-up",
      documentNumber: "WARM-UP",
      issuedAt: "2025-01-01T00:00:00Z",
      timeZone: "Asia/Shanghai",
      verifyUrl: "https://example.invalid/warm-up",
      issuer: party,
    },
    shipper: party,
    consignee: party,
    transport: { mode: "rail", from: "重庆 Chongqing", to: "Duisburg" },
    containers: [
      {
        containerNumber: "CSQU3054383",
        type: "40HQ",
        lines: [
          {
            marks: "0123456789",
            description: "电动摩托车 Electric motorcycle",
            packages: 1,
            packageType: "CRATE",
            netKg: 1,
            grossKg: 1,
            dimensionsMm: { length: 1, width: 1, height: 1 },
          },
        ],
      },
    ],
  });
}
