// The consortium an embedded ledger starts with when none is given: the organizations named in
// DOMAIN.md, one MSP each. The API passes its own list (from its organizations table) instead.
import type { OrganizationSpec } from "./msp.js";

export const DEMO_ORGANIZATIONS: readonly OrganizationSpec[] = [
  { mspId: "PlatformMSP", name: "Corridor platform (渝车出海)", roles: ["platform"] },
  { mspId: "YadeaMSP", name: "Yadea", roles: ["maker"] },
  { mspId: "AimaMSP", name: "Aima", roles: ["maker"] },
  { mspId: "TailgMSP", name: "Tailg", roles: ["maker"] },
  { mspId: "CQCMSP", name: "China Quality Certification Centre", roles: ["certifier"] },
  { mspId: "MinshengMSP", name: "Changan Minsheng Logistics", roles: ["logistics"] },
  { mspId: "DealerMSP", name: "Overseas dealer", roles: ["dealer"] },
];
