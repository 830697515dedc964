import QRCode from "qrcode";
import { COLORS } from "./theme.js";

/**
 * Draw a QR code as vector squares (crisp at any zoom, no image decoding, deterministic).
 * Horizontal runs of dark modules become one rectangle each. Includes the 4-module quiet zone.
 */
export function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: "M" });
  const n = qr.modules.size;
  const quiet = 4;
  const cell = size / (n + 2 * quiet);
  doc.rect(x, y, size, size).fillColor("#FFFFFF").fill();
  const data = qr.modules.data;
  for (let r = 0; r < n; r++) {
    let c = 0;
    while (c < n) {
      if (!data[r * n + c]) {
        c++;
        continue;
      }
      const start = c;
      while (c < n && data[r * n + c]) c++;
      // Slight overlap avoids hairline gaps between rows in some viewers.
      doc.rect(x + (quiet + start) * cell, y + (quiet + r) * cell, (c - start) * cell + 0.01, cell + 0.01);
    }
  }
  doc.fillColor(COLORS.ink).fill();
}
