/**
 * Consolidation engine: packs LCL cargo lines into containers and containers onto a departure,
 * with the lower bounds each plan is measured against and SVG load-plan pictures. Pure: plain data
 * in, plain data out, no I/O, deterministic.
 */
export { type BoundItem, computeLowerBounds } from "./bounds.js";
export { checkPlan, type PlanViolation, type PlanViolationKind } from "./check-plan.js";
export { type ContainerBound, containerBound } from "./container-bound.js";
export { CONTAINER_20GP, CONTAINER_40HQ, DEFAULT_CONTAINER_TYPES, DEFAULT_LITHIUM_RULES } from "./container-types.js";
export { floorOrientations, maxOnTop, tiersIn } from "./crate.js";
export { ConsolidationInputError, type ConsolidationInputErrorCode } from "./errors.js";
export { bestLayerPattern, type Footprint } from "./layer-pattern.js";
export { NO_LITHIUM_RULES } from "./lithium.js";
export { describePlacements, type MoveRefusal, type MoveRefusalReason, type MoveRequest, type MoveResult, moveBookingToContainer } from "./move.js";
export { planConsolidation } from "./plan.js";
export { type LoadPlanSvg, renderLoadPlanSvg, type SvgOptions } from "./svg.js";
export type * from "./types.js";
