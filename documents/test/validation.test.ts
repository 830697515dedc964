import { describe, expect, it } from "vitest";
import {
  DocumentDataError,
  renderBookingConfirmation,
  renderCertificateOfConformity,
  renderCommercialInvoice,
  renderConsignmentNote,
  renderContainerLoadPlan,
  renderDangerousGoodsDeclaration,
  renderPackingList,
  renderVehicleVerification,
} from "../src/index.js";
import {
  sampleBooking,
  sampleCoc,
  sampleCommercialInvoice,
  sampleConsignmentNote,
  sampleDangerousGoods,
  sampleLoadPlan,
  samplePackingList,
  sampleVerification,
} from "./fixtures.js";

async function issues(p: Promise<unknown>): Promise<DocumentDataError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(DocumentDataError);
    return e as DocumentDataError;
  }
  throw new Error("expected a DocumentDataError");
}

describe("bad input throws DocumentDataError with field paths", () => {
  it("missing consignee", async () => {
    const { consignee: _, ...data } = samplePackingList();
    const err = await issues(renderPackingList(data as never));
    expect(err.code).toBe("DOCUMENT_DATA_INVALID");
    expect(err.template).toBe("packing-list");
    expect(err.paths).toEqual(["consignee"]);
    expect(err.issues[0]?.code).toBe("required");
    expect(err.message).toContain("consignee: is required");
  });

  it("missing HS code on an invoice line, and a bad currency", async () => {
    const data = sampleCommercialInvoice();
    const lines = data.lines.map((l, i) => (i === 2 ? { ...l, hsCode: "" } : l));
    const err = await issues(renderCommercialInvoice({ ...data, lines, currency: "XYZ1" }));
    expect(err.paths).toContain("lines[2].hsCode");
    expect(err.paths).toContain("currency");
  });

  it("HS code in the wrong format", async () => {
    const data = sampleCommercialInvoice();
    const err = await issues(renderCommercialInvoice({ ...data, lines: [{ ...data.lines[0]!, hsCode: "87A1" }] }));
    expect(err.paths).toEqual(["lines[0].hsCode"]);
    expect(err.issues[0]?.code).toBe("format");
  });

  it("booking with no cargo", async () => {
    const err = await issues(renderBookingConfirmation(sampleBooking({ cargo: [] })));
    expect(err.paths).toEqual(["cargo"]);
    expect(err.issues[0]?.message).toMatch(/no cargo/);
  });

  it("collects every issue at once, with nested paths", async () => {
    const data = samplePackingList();
    const k = data.containers[0]!;
    const bad = {
      ...data,
      meta: { ...data.meta, issuedAt: "14/03/2025", timeZone: "Mars/Olympus", verifyUrl: "ftp://x" },
      containers: [{ ...k, containerNumber: "MSKU1234560", lines: [{ ...k.lines[0]!, grossKg: 1, netKg: 2, packages: 1.5 }] }],
    };
    const err = await issues(renderPackingList(bad));
    expect(err.paths).toEqual(
      expect.arrayContaining([
        "meta.issuedAt",
        "meta.timeZone",
        "meta.verifyUrl",
        "containers[0].containerNumber",
        "containers[0].lines[0].packages",
        "containers[0].lines[0].grossKg",
      ]),
    );
  });

  it("wrong types from untyped callers", async () => {
    const err = await issues(renderPackingList({ meta: 5, containers: "many" } as never));
    expect(err.paths).toEqual(expect.arrayContaining(["meta", "shipper", "consignee", "transport", "containers"]));
    await expect(renderPackingList(null as never)).rejects.toBeInstanceOf(DocumentDataError);
  });

  it("dangerous goods: UN number, state of charge over the route cap, missing UN 38.3 summary", async () => {
    const data = sampleDangerousGoods();
    const [a, b, c] = data.lines;
    const { un383: _, ...noTest } = c!;
    const err = await issues(
      renderDangerousGoodsDeclaration({
        ...data,
        lines: [{ ...a!, unNumber: "UN1234" as never }, { ...b!, stateOfChargePct: 80 }, noTest as never],
      }),
    );
    expect(err.paths).toEqual(["lines[0].unNumber", "lines[1].stateOfChargePct", "lines[2].un383"]);
    expect(err.issues[1]?.message).toContain("cap of 65%");
  });

  it("consignment note: container without seal, unknown container type", async () => {
    const data = sampleConsignmentNote();
    const k = data.containers[0]!;
    const err = await issues(renderConsignmentNote({ ...data, containers: [{ ...k, sealNumbers: [], type: "53FT" as never }] }));
    expect(err.paths).toEqual(["containers[0].type", "containers[0].sealNumbers"]);
  });

  it("load plan: rectangle outside the container, bad colour", async () => {
    const data = sampleLoadPlan();
    const top = [...data.picture.topView, [11_000, 0, 2_000, 500, "#112233", "X"] as const, [0, 0, 10, 10, "blue", ""] as const];
    const err = await issues(renderContainerLoadPlan({ ...data, picture: { ...data.picture, topView: top } }));
    expect(err.paths).toEqual([`picture.topView[${top.length - 2}]`, `picture.topView[${top.length - 1}][4]`]);
  });

  it("certificate of conformity: VIN, approval number, category limits", async () => {
    const data = sampleCoc();
    const err = await issues(
      renderCertificateOfConformity({
        ...data,
        vehicle: { ...data.vehicle, vin: "LFYD8E2P0S100012O", typeApprovalNumber: "e4-168-2013", category: "L1e-B" },
        technical: { ...data.technical, motor: { ...data.technical.motor, maxContinuousRatedPowerKw: 5 } },
      }),
    );
    expect(err.paths).toEqual(["vehicle.vin", "vehicle.typeApprovalNumber", "technical.maxSpeedKmh", "technical.motor.maxContinuousRatedPowerKw"]);
  });

  it("vehicle verification: digests and proof length", async () => {
    const data = sampleVerification();
    const err = await issues(renderVehicleVerification({ ...data, proof: { ...data.proof, leafDigest: "abc", path: data.proof.path.slice(0, 3) } }));
    expect(err.paths).toEqual(["proof.leafDigest", "proof.path"]);
  });
});
