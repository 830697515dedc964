import { formatInstant } from "../format.js";
import type { FieldCell } from "../layout/fields.js";
import { at, type Validator } from "../validate.js";

export const TRANSPORT_MODES = ["rail", "rail-sea", "sea", "road", "multimodal"] as const;
export type TransportMode = (typeof TRANSPORT_MODES)[number];

const MODE_LABELS: Record<TransportMode, string> = {
  rail: "铁路 Rail",
  "rail-sea": "铁海联运 Rail–sea",
  sea: "海运 Sea",
  road: "公路 Road",
  multimodal: "多式联运 Multimodal",
};

/** The movement a document refers to. */
export interface Transport {
  mode: TransportMode;
  /** Place or station of loading, e.g. "Chongqing Tuanjiecun 重庆团结村". */
  from: string;
  /** Destination, e.g. "Duisburg DE". */
  to: string;
  /** Border crossing(s), e.g. "Alashankou / Dostyk; Brest / Małaszewicze". */
  via?: string;
  /** Train number, voyage or truck plate. */
  trainOrVessel?: string;
  /** Planned departure (ISO instant). */
  departureAt?: string;
}

export function checkTransport(v: Validator, path: string, value: unknown): void {
  const t = v.obj(path, value);
  if (!t) return;
  v.oneOf(at(path, "mode"), t.mode, TRANSPORT_MODES);
  v.str(at(path, "from"), t.from, { max: 160 });
  v.str(at(path, "to"), t.to, { max: 160 });
  v.str(at(path, "via"), t.via, { required: false, max: 300 });
  v.str(at(path, "trainOrVessel"), t.trainOrVessel, { required: false, max: 80 });
  v.instant(at(path, "departureAt"), t.departureAt, false);
}

export function modeLabel(mode: TransportMode): string {
  return MODE_LABELS[mode];
}

export function transportCells(t: Transport, timeZone: string): FieldCell[] {
  return [
    { label: { zh: "运输方式", en: "Mode" }, value: modeLabel(t.mode), span: 0.8 },
    { label: { zh: "起运地", en: "From" }, value: t.from },
    { label: { zh: "经由口岸", en: "Via / border" }, value: t.via ?? "—", span: 1.2 },
    { label: { zh: "目的地", en: "To" }, value: t.to },
    { label: { zh: "班列/船名", en: "Train / vessel" }, value: t.trainOrVessel ?? "—", span: 0.8 },
    {
      label: { zh: "预计开行", en: "ETD" },
      value: t.departureAt ? formatInstant(t.departureAt, timeZone, false) : "—",
      span: 0.8,
    },
  ];
}

/** An extra amount on an invoice or quote (freight, insurance, discount as a negative amount). */
export interface Charge {
  label: { zh: string; en: string };
  amountMinor: number;
}

export function checkCharges(v: Validator, path: string, value: unknown): void {
  const list = v.arr(path, value, { required: false, max: 20 });
  v.each(path, list, (cp, cv) => {
    const ch = v.obj(cp, cv);
    if (!ch) return;
    const label = v.obj(at(cp, "label"), ch.label);
    if (label) {
      v.str(at(at(cp, "label"), "zh"), label.zh, { max: 60 });
      v.str(at(at(cp, "label"), "en"), label.en, { max: 80 });
    }
    v.num(at(cp, "amountMinor"), ch.amountMinor, { integer: true });
  });
}

/** Standard signature block: signed-for box with name/title/place-date, and a stamp box. */
export function signatureLines(s: { name?: string; title?: string; place?: string } | undefined, place: string | undefined, date: string): string[] {
  return [s?.name ?? "", s?.title ?? "", [s?.place ?? place ?? "", date].filter(Boolean).join("  ")].filter(Boolean);
}
