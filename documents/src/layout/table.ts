import type { Composer } from "./composer.js";
import type { FontWeight } from "./fonts.js";
import type { TextBlock } from "./text.js";
import { type Bilingual, CELL_PAD_X, CELL_PAD_Y, COLORS, LINE, SIZES } from "./theme.js";

export interface Column {
  header: Bilingual;
  /** Relative width. */
  width: number;
  align?: "left" | "center" | "right";
  weight?: FontWeight;
}

export type TableRow =
  | { kind?: "data"; cells: readonly string[] }
  /** Full-width heading row (e.g. a container); repeated with `repeatText` after a page break. */
  | { kind: "section"; text: string; repeatText?: string }
  | { kind: "total"; cells: readonly string[] };

export interface TableOptions {
  fontSize?: number;
  /** Light fill on every other data row (default true). */
  zebra?: boolean;
  x?: number;
  width?: number;
}

type Segment = [x1: number, y1: number, x2: number, y2: number];

/**
 * A grid table that splits across pages: the header row is repeated on every page, and the
 * current section heading is repeated (marked as continued) under it. Cells wrap; a row grows to
 * fit its tallest cell and never splits.
 */
export function drawTable(c: Composer, columns: readonly Column[], rows: readonly TableRow[], opts: TableOptions = {}): void {
  const x0 = opts.x ?? c.left;
  const width = opts.width ?? c.width;
  const size = opts.fontSize ?? SIZES.table;
  const zebra = opts.zebra ?? true;
  const totalWeight = columns.reduce((s, col) => s + col.width, 0);
  const xs: number[] = [x0];
  for (const col of columns) xs.push((xs[xs.length - 1] ?? x0) + (width * col.width) / totalWeight);
  xs[xs.length - 1] = x0 + width;
  const colW = (i: number) => (xs[i + 1] ?? 0) - (xs[i] ?? 0);

  // Header cells: Chinese (bold) above English.
  const headerBlocks = columns.map((col, i) => {
    const inner = colW(i) - 2 * CELL_PAD_X;
    const align = col.align ?? "left";
    const zh = c.layout(col.header.zh, inner, { size: SIZES.tableHeader, weight: "bold", align });
    const en = c.layout([col.header.en, col.header.ru].filter(Boolean).join("\n"), inner, {
      size: SIZES.tableHeader - 0.6,
      color: COLORS.muted,
      align,
      lineHeight: 1.18,
    });
    return { zh, en };
  });
  const headerH = Math.max(...headerBlocks.map((b) => b.zh.height + b.en.height)) + 2 * CELL_PAD_Y;

  let lines: Segment[] = [];
  let verticalFrom = c.y;
  const flushLines = (to: number, withVerticals: boolean) => {
    if (withVerticals && to > verticalFrom) for (const x of xs) lines.push([x, verticalFrom, x, to]);
    if (lines.length === 0) return;
    for (const [a, b, cc, d] of lines) c.doc.moveTo(a, b).lineTo(cc, d);
    c.doc.lineWidth(LINE).strokeColor(COLORS.grid).stroke();
    lines = [];
  };

  const drawHeader = () => {
    const y = c.y;
    c.doc.rect(x0, y, width, headerH).fillColor(COLORS.headerFill).fill();
    headerBlocks.forEach((b, i) => {
      const inner = colW(i) - 2 * CELL_PAD_X;
      const x = (xs[i] ?? 0) + CELL_PAD_X;
      c.draw(b.zh, x, y + CELL_PAD_Y, inner);
      c.draw(b.en, x, y + CELL_PAD_Y + b.zh.height, inner);
    });
    for (const x of xs) lines.push([x, y, x, y + headerH]);
    flushLines(y, false);
    c.doc
      .moveTo(x0, y)
      .lineTo(x0 + width, y)
      .lineWidth(0.9)
      .strokeColor(COLORS.accent)
      .stroke();
    c.doc
      .moveTo(x0, y + headerH)
      .lineTo(x0 + width, y + headerH)
      .lineWidth(0.7)
      .strokeColor(COLORS.accent)
      .stroke();
    c.y = y + headerH;
    verticalFrom = c.y;
  };

  const layoutCells = (cells: readonly string[], weight: FontWeight | undefined) => {
    const blocks: TextBlock[] = columns.map((col, i) =>
      c.layout(cells[i] ?? "", colW(i) - 2 * CELL_PAD_X, {
        size,
        weight: weight ?? col.weight ?? "regular",
        align: col.align ?? "left",
      }),
    );
    const h = Math.max(...blocks.map((b) => b.height)) + 2 * CELL_PAD_Y;
    return { blocks, h };
  };

  const sectionBlock = (text: string) => c.layout(text, width - 2 * CELL_PAD_X, { size, weight: "bold", color: COLORS.accent });

  const drawSection = (block: TextBlock) => {
    flushLines(c.y, true);
    const h = block.height + 2 * CELL_PAD_Y;
    const y = c.y;
    c.doc.rect(x0, y, width, h).fillColor(COLORS.sectionFill).fill();
    c.draw(block, x0 + CELL_PAD_X, y + CELL_PAD_Y, width - 2 * CELL_PAD_X);
    lines.push([x0, y, x0, y + h], [x0 + width, y, x0 + width, y + h], [x0, y + h, x0 + width, y + h]);
    c.y = y + h;
    verticalFrom = c.y;
  };

  let section: { text: string; repeat: string } | null = null;
  let dataIndex = 0;
  const pageBreak = () => {
    flushLines(c.y, true);
    c.newPage();
    drawHeader();
    if (section) drawSection(sectionBlock(section.repeat));
  };

  // Keep the header with at least the first row.
  const first = rows[0];
  const firstH = first && first.kind !== "section" ? layoutCells(first.cells, undefined).h : 2 * size + 2 * CELL_PAD_Y;
  c.ensure(headerH + firstH + (first?.kind === "section" ? 3 * size : 0));
  drawHeader();

  rows.forEach((row, index) => {
    if (row.kind === "section") {
      const block = sectionBlock(row.text);
      const next = rows[index + 1];
      const nextH = next && next.kind !== "section" ? layoutCells(next.cells, undefined).h : 0;
      if (c.y + block.height + 2 * CELL_PAD_Y + nextH > c.bottom) {
        section = null;
        pageBreak();
      }
      section = { text: row.text, repeat: row.repeatText ?? `${row.text}（续 continued）` };
      drawSection(block);
      dataIndex = 0;
      return;
    }
    const isTotal = row.kind === "total";
    const { blocks, h } = layoutCells(row.cells, isTotal ? "bold" : undefined);
    if (c.y + h > c.bottom) pageBreak();
    const y = c.y;
    if (isTotal) c.doc.rect(x0, y, width, h).fillColor(COLORS.totalFill).fill();
    else if (zebra && dataIndex % 2 === 1) c.doc.rect(x0, y, width, h).fillColor("#F7F9FB").fill();
    blocks.forEach((b, i) => {
      c.draw(b, (xs[i] ?? 0) + CELL_PAD_X, y + CELL_PAD_Y, colW(i) - 2 * CELL_PAD_X);
    });
    lines.push([x0, y + h, x0 + width, y + h]);
    c.y = y + h;
    if (!isTotal) dataIndex++;
  });
  flushLines(c.y, true);
}
