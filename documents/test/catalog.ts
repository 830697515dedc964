import type { RenderOptions, RenderResult } from "../src/index.js";
import {
  renderBookingConfirmationResult,
  renderCertificateOfConformityResult,
  renderCommercialInvoiceResult,
  renderConsignmentNoteResult,
  renderContainerLoadPlanResult,
  renderDangerousGoodsDeclarationResult,
  renderPackingListResult,
  renderVehicleVerificationResult,
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

/** Every template with its sample data and the words page 1 must show in both languages. */
export interface CatalogEntry {
  name: string;
  render: (data: never, options?: RenderOptions) => Promise<RenderResult>;
  sample: () => unknown;
  expect: string[];
}

export const CATALOG: CatalogEntry[] = [
  {
    name: "booking-confirmation",
    render: renderBookingConfirmationResult,
    sample: () => sampleBooking(),
    expect: ["订舱确认书", "BOOKING CONFIRMATION", "订舱号", "Booking ref.", "CQ-X8013-2025-0318-042", "截止时间", "Cut-offs", "X8013", "UN3171"],
  },
  {
    name: "commercial-invoice",
    render: renderCommercialInvoiceResult,
    sample: () => sampleCommercialInvoice(),
    expect: ["商业发票", "COMMERCIAL INVOICE", "HS 编码", "HS code", "8711.60.90", "贸易术语", "FCA Chongqing Tuanjiecun", "SAY US DOLLARS"],
  },
  {
    name: "packing-list",
    render: renderPackingListResult,
    sample: () => samplePackingList(),
    expect: ["装箱单", "PACKING LIST", "唛头/箱号", "Marks & Nos.", "毛重 kg", "Gross wt", "MSKU1234", "合计 Total"],
  },
  {
    name: "consignment-note",
    render: renderConsignmentNoteResult,
    sample: () => sampleConsignmentNote(),
    expect: ["国际铁路联运运单数据页", "CIM/SMGS", "发货人", "Consignor", "Отправитель", "Станция назначения", "Duisburg"],
  },
  {
    name: "dangerous-goods",
    render: renderDangerousGoodsDeclarationResult,
    sample: () => sampleDangerousGoods(),
    expect: ["危险货物申报单", "DANGEROUS GOODS DECLARATION", "UN3171", "UN3480", "UN3481", "UN 38.3", "TS-YD-7232-2024", "荷电状态", "SoC"],
  },
  {
    name: "container-load-plan",
    render: renderContainerLoadPlanResult,
    sample: () => sampleLoadPlan(),
    expect: ["集装箱装箱方案", "CONTAINER LOAD PLAN", "俯视图", "Top view", "侧视图", "Side view", "图例 Legend"],
  },
  {
    name: "certificate-of-conformity",
    render: renderCertificateOfConformityResult,
    sample: () => sampleCoc(),
    expect: ["欧盟车辆合格证", "CERTIFICATE OF CONFORMITY", "LFYD8E2P0S1000123", "e4*168/2013*00123*00", "L3e-A1", "0.1 品牌", "Make"],
  },
  {
    name: "vehicle-verification",
    render: renderVehicleVerificationResult,
    sample: () => sampleVerification(),
    expect: ["车辆身份验证证书", "VEHICLE VERIFICATION CERTIFICATE", "LFYD8E2P0S1000123", "区块高度", "Block number", "184,223", "默克尔根", "Merkle root"],
  },
];
