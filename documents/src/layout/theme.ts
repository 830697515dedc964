/** Page geometry, colours and type sizes shared by every template (A4, points). */
export const PAGE = {
  width: 595.28,
  height: 841.89,
  marginX: 36,
  marginTop: 34,
  /** Space kept free at the bottom for the footer. */
  footerHeight: 30,
  marginBottom: 22,
} as const;

export const COLORS = {
  ink: "#1A1A1A",
  muted: "#5F6B7A",
  accent: "#1F3A5F",
  rule: "#1F3A5F",
  grid: "#A9B3C1",
  headerFill: "#E8EDF3",
  sectionFill: "#F2F4F7",
  totalFill: "#E8EDF3",
  faint: "#C4CBD4",
} as const;

export const SIZES = {
  label: 6.3,
  value: 8.3,
  table: 7.4,
  tableHeader: 6.9,
  footer: 6.3,
  titleZh: 17,
  titleEn: 10,
} as const;

export const LINE = 0.5;
export const CELL_PAD_X = 3.5;
export const CELL_PAD_Y = 2.6;

/** A label printed in both languages: Chinese first, English beside or beneath it. */
export interface Bilingual {
  zh: string;
  en: string;
  /** Optional third language, e.g. Russian on a CIM/SMGS sheet. */
  ru?: string;
}

export function bilingual(zh: string, en: string, ru?: string): Bilingual {
  return ru ? { zh, en, ru } : { zh, en };
}

/** "发货人 Shipper" (one line, for field labels). */
export function inline(label: Bilingual): string {
  return [label.zh, label.en, label.ru].filter(Boolean).join("  ");
}
