import { CONTAINER_TYPE_CODES, CONTAINER_TYPES, type ContainerType, isContainerNumber } from "../containers.js";
import { formatDateIn, formatInstant, formatNumber, sumKg } from "../format.js";
import { Composer, type RenderOptions, type RenderResult } from "../layout/composer.js";
import { drawFieldGrid } from "../layout/fields.js";
import { drawDocumentHeader } from "../layout/header.js";
import { drawLegend, drawPictureView, type PictureRect } from "../layout/picture.js";
import { drawSignatureBoxes } from "../layout/signature.js";
import { type Column, drawTable, type TableRow } from "../layout/table.js";
import { COLORS } from "../layout/theme.js";
import { checkMeta, checkParty, type DocumentMeta, HEX_COLOR, type Party } from "../model.js";
import { at, Validator } from "../validate.js";
import { signatureLines } from "./shared.js";

export const CONTAINER_LOAD_PLAN = "container-load-plan";

export type { PictureRect };

export interface LoadPlanCargo {
  marks: string;
  description: string;
  packages: number;
  dimensionsMm: { length: number; width: number; height: number };
  /** Gross mass of the whole line, kg. */
  grossKg: number;
  /** Where it sits, e.g. "Rows 1–4, tier 1–2". */
  position?: string;
}

export interface ContainerLoadPlanData {
  meta: DocumentMeta;
  shipper: Party;
  container: {
    containerNumber: string;
    type: ContainerType;
    sealNumber?: string;
    maxPayloadKg: number;
    /** Inside dimensions; default to the type's standard ones. */
    insideMm?: { length: number; width: number; height: number };
  };
  loading: { place: string; at: string; supervisor?: string };
  bookingReference?: string;
  cargo: LoadPlanCargo[];
  /**
   * The picture: rectangles [x, y, w, h, color, label] in mm. Top view: x along the length from the
   * front wall (the door is at x = length), y across the width. Side view: x along the length, y up
   * from the floor.
   */
  picture: { topView: PictureRect[]; sideView: PictureRect[] };
  /** Legend entries; by default one per distinct colour, named by its first rectangle's label. */
  legend?: Array<{ color: string; label: string }>;
  remarks?: string;
}

function checkRects(v: Validator, path: string, value: unknown, extent: { w: number; h: number } | undefined): void {
  const rects = v.arr(path, value, { min: 1, max: 2000, emptyMessage: "the view needs at least one rectangle" });
  v.each(path, rects, (p, r) => {
    if (!Array.isArray(r) || r.length !== 6) {
      v.add(p, "type", "must be [x, y, w, h, color, label]");
      return;
    }
    const [x, y, w, h, color, label] = r as unknown[];
    v.num(`${p}[0]`, x, { min: 0 });
    v.num(`${p}[1]`, y, { min: 0 });
    v.num(`${p}[2]`, w, { positive: true });
    v.num(`${p}[3]`, h, { positive: true });
    v.str(`${p}[4]`, color, { pattern: HEX_COLOR, format: "a colour #RRGGBB" });
    v.str(`${p}[5]`, label, { required: false, max: 40 });
    if (extent && [x, y, w, h].every((n) => typeof n === "number")) {
      const [nx, ny, nw, nh] = [x, y, w, h] as number[];
      if ((nx ?? 0) + (nw ?? 0) > extent.w + 0.5 || (ny ?? 0) + (nh ?? 0) > extent.h + 0.5) {
        v.add(p, "range", `lies outside the container (${extent.w} × ${extent.h} mm)`);
      }
    }
  });
}

export function validateContainerLoadPlan(data: unknown): asserts data is ContainerLoadPlanData {
  const v = new Validator(CONTAINER_LOAD_PLAN);
  const d = v.obj("", data) ?? {};
  checkMeta(v, "meta", d.meta);
  checkParty(v, "shipper", d.shipper, true);
  const k = v.obj("container", d.container);
  let inside: { length: number; width: number; height: number } | undefined;
  if (k) {
    const no = v.str("container.containerNumber", k.containerNumber, { max: 11 });
    if (no !== undefined && !isContainerNumber(no)) v.add("container.containerNumber", "format", "must be an ISO 6346 container number with a valid check digit");
    const type = v.oneOf("container.type", k.type, CONTAINER_TYPE_CODES);
    v.str("container.sealNumber", k.sealNumber, { required: false, max: 40 });
    v.num("container.maxPayloadKg", k.maxPayloadKg, { positive: true, max: 40_000 });
    const ins = v.obj("container.insideMm", k.insideMm, false);
    if (ins) {
      for (const key of ["length", "width", "height"] as const) v.num(`container.insideMm.${key}`, ins[key], { positive: true, max: 20_000 });
      inside = ins as typeof inside;
    } else if (type) {
      const t = CONTAINER_TYPES[type];
      inside = { length: t.lengthMm, width: t.widthMm, height: t.heightMm };
    }
  }
  const l = v.obj("loading", d.loading);
  if (l) {
    v.str("loading.place", l.place, { max: 160 });
    v.instant("loading.at", l.at);
    v.str("loading.supervisor", l.supervisor, { required: false, max: 120 });
  }
  v.str("bookingReference", d.bookingReference, { required: false, max: 60 });
  const cargo = v.arr("cargo", d.cargo, { min: 1, max: 2000, emptyMessage: "a load plan needs at least one cargo line" });
  v.each("cargo", cargo, (p, x) => {
    const o = v.obj(p, x);
    if (!o) return;
    v.str(at(p, "marks"), o.marks, { max: 120 });
    v.str(at(p, "description"), o.description, { max: 300 });
    v.num(at(p, "packages"), o.packages, { integer: true, positive: true });
    const dims = v.obj(at(p, "dimensionsMm"), o.dimensionsMm);
    if (dims) for (const key of ["length", "width", "height"] as const) v.num(at(p, `dimensionsMm.${key}`), dims[key], { positive: true, max: 20_000 });
    v.num(at(p, "grossKg"), o.grossKg, { positive: true });
    v.str(at(p, "position"), o.position, { required: false, max: 120 });
  });
  const pic = v.obj("picture", d.picture);
  if (pic) {
    checkRects(v, "picture.topView", pic.topView, inside && { w: inside.length, h: inside.width });
    checkRects(v, "picture.sideView", pic.sideView, inside && { w: inside.length, h: inside.height });
  }
  const legend = v.arr("legend", d.legend, { required: false, max: 40 });
  v.each("legend", legend, (p, x) => {
    const o = v.obj(p, x);
    if (!o) return;
    v.str(at(p, "color"), o.color, { pattern: HEX_COLOR, format: "a colour #RRGGBB" });
    v.str(at(p, "label"), o.label, { max: 80 });
  });
  v.str("remarks", d.remarks, { required: false, max: 2000 });
  v.done();
}

function defaultLegend(rects: readonly PictureRect[]): Array<{ color: string; label: string }> {
  const seen = new Map<string, string>();
  for (const r of rects) if (!seen.has(r[4].toUpperCase())) seen.set(r[4].toUpperCase(), r[5]);
  return [...seen].map(([color, label]) => ({ color, label }));
}

export async function renderContainerLoadPlanResult(data: ContainerLoadPlanData, options: RenderOptions = {}): Promise<RenderResult> {
  validateContainerLoadPlan(data);
  const tz = data.meta.timeZone;
  const t = CONTAINER_TYPES[data.container.type];
  const inside = data.container.insideMm ?? { length: t.lengthMm, width: t.widthMm, height: t.heightMm };
  const c = new Composer({
    template: CONTAINER_LOAD_PLAN,
    title: { zh: "集装箱装箱方案", en: "Container Load Plan" },
    meta: data.meta,
    data,
    ...(options.fonts ? { fonts: options.fonts } : {}),
  });
  drawDocumentHeader(c, {
    references: data.bookingReference ? [{ label: { zh: "订舱号", en: "Booking ref." }, value: data.bookingReference }] : [],
  });
  const volume = data.cargo.reduce((s, l) => s + (l.dimensionsMm.length * l.dimensionsMm.width * l.dimensionsMm.height * l.packages) / 1e9, 0);
  const capacity = (inside.length * inside.width * inside.height) / 1e9;
  const gross = sumKg(data.cargo.map((l) => l.grossKg));
  const packages = data.cargo.reduce((s, l) => s + l.packages, 0);
  drawFieldGrid(c, [
    [
      { label: { zh: "箱号", en: "Container No." }, value: data.container.containerNumber, weight: "bold" },
      { label: { zh: "箱型", en: "Type" }, value: data.container.type, span: 0.6 },
      { label: { zh: "封号", en: "Seal No." }, value: data.container.sealNumber ?? "—" },
      { label: { zh: "内尺寸 mm", en: "Inside L × W × H" }, value: `${inside.length} × ${inside.width} × ${inside.height}`, span: 1.3 },
      { label: { zh: "发货人", en: "Shipper" }, value: data.shipper.name, span: 2 },
    ],
    [
      { label: { zh: "装箱地点", en: "Place of stuffing" }, value: data.loading.place, span: 1.6 },
      { label: { zh: "装箱时间", en: "Stuffed at" }, value: formatInstant(data.loading.at, tz), span: 1.6 },
      { label: { zh: "监装人", en: "Supervisor" }, value: data.loading.supervisor ?? "—" },
    ],
    [
      { label: { zh: "件数", en: "Packages" }, value: formatNumber(packages), weight: "bold" },
      { label: { zh: "毛重", en: "Gross weight" }, value: `${formatNumber(gross, 2)} kg` },
      {
        label: { zh: "载重利用率", en: "Payload used" },
        value: `${formatNumber((gross / data.container.maxPayloadKg) * 100, 1)}% of ${formatNumber(data.container.maxPayloadKg)} kg`,
        span: 1.4,
      },
      { label: { zh: "货物体积", en: "Cargo volume" }, value: `${formatNumber(volume, 2)} m³` },
      {
        label: { zh: "容积利用率", en: "Volume used" },
        value: `${formatNumber((volume / capacity) * 100, 1)}% of ${formatNumber(capacity, 1)} m³`,
        span: 1.4,
        weight: "bold",
      },
    ],
  ]);
  c.gap(8);
  c.heading({ zh: "装箱示意图", en: "Stowage picture" }, "比例 to scale · mm");
  c.ensure(250);
  const y0 = c.y;
  const topH = drawPictureView(
    c,
    { title: { zh: "俯视图", en: "Top view" }, extentMm: { w: inside.length, h: inside.width }, rects: data.picture.topView },
    c.left + 20,
    y0,
    c.width - 44,
    110,
  );
  const sideH = drawPictureView(
    c,
    { title: { zh: "侧视图", en: "Side view" }, extentMm: { w: inside.length, h: inside.height }, rects: data.picture.sideView },
    c.left + 20,
    y0 + topH + 4,
    c.width - 44,
    120,
  );
  c.y = y0 + topH + 4 + sideH + 2;
  const legend = data.legend ?? defaultLegend([...data.picture.topView, ...data.picture.sideView]);
  c.text("图例 Legend", c.left, c.y, 60, { size: 6.8, weight: "bold", color: COLORS.accent });
  c.y += drawLegend(c, legend, c.left + 50, c.y, c.width - 50) + 8;
  c.heading({ zh: "装箱货物", en: "Cargo stowed" });
  const columns: Column[] = [
    { header: { zh: "序号", en: "No." }, width: 3.4, align: "right" },
    { header: { zh: "唛头", en: "Marks" }, width: 10 },
    { header: { zh: "品名", en: "Description" }, width: 17 },
    { header: { zh: "件数", en: "Pkgs" }, width: 4.4, align: "right" },
    { header: { zh: "尺寸 mm", en: "L×W×H per pkg" }, width: 10, align: "center" },
    { header: { zh: "毛重 kg", en: "Gross" }, width: 6.4, align: "right" },
    { header: { zh: "位置", en: "Position" }, width: 10 },
  ];
  const rows: TableRow[] = data.cargo.map((l, i) => ({
    cells: [
      String(i + 1),
      l.marks,
      l.description,
      formatNumber(l.packages),
      `${l.dimensionsMm.length}×${l.dimensionsMm.width}×${l.dimensionsMm.height}`,
      formatNumber(l.grossKg, 2),
      l.position ?? "",
    ],
  }));
  rows.push({ kind: "total", cells: ["", "合计 Total", "", formatNumber(packages), "", formatNumber(gross, 2), ""] });
  drawTable(c, columns, rows);
  if (data.remarks) {
    c.gap(6);
    c.heading({ zh: "备注", en: "Remarks" });
    c.flow(data.remarks, { size: 7.6 });
  }
  c.gap(10);
  drawSignatureBoxes(
    c,
    [
      {
        label: { zh: "装箱人签字", en: "Stuffed by" },
        kind: "signature",
        lines: signatureLines(data.loading.supervisor ? { name: data.loading.supervisor } : undefined, data.loading.place, formatDateIn(data.loading.at, tz)),
      },
      { label: { zh: "施封确认", en: "Sealed and checked by" }, kind: "signature" },
      { label: { zh: "盖章", en: "Stamp" }, kind: "stamp" },
    ],
    { height: 70 },
  );
  return c.finish();
}

/** Container load plan with to-scale top and side views drawn from rectangles, legend and cargo list. */
export async function renderContainerLoadPlan(data: ContainerLoadPlanData, options: RenderOptions = {}): Promise<Buffer> {
  return (await renderContainerLoadPlanResult(data, options)).pdf;
}
