import type { CargoClass, ContainerType, CrateSpec, UnplacedReason } from "./types.js";

/** One way a crate can stand on the floor: its extents along the container's x and y. */
export interface FloorOrientation {
  dx: number;
  dy: number;
  rotated: boolean;
}

/** Crates above a crate in its column that its packaging allows. */
export function maxOnTop(crate: CrateSpec): number {
  const limit = crate.stackLimit;
  return "maxTiers" in limit ? Math.max(0, limit.maxTiers - 1) : Math.max(0, limit.maxOnTop);
}

/** Tiers of identical crates that fit both the container height and the stack limit. */
export function tiersIn(crate: CrateSpec, container: ContainerType): number {
  return Math.max(0, Math.min(Math.floor(container.inner.height / crate.height), maxOnTop(crate) + 1));
}

/**
 * Orientations in which the crate passes the door and fits inside, upright. Forklifts carry a
 * crate in through the door the way it will stand, so its width across the container must clear
 * the door width and its height the door height.
 */
export function floorOrientations(crate: CrateSpec, container: ContainerType): FloorOrientation[] {
  const { inner, door } = container;
  const across = Math.min(inner.width, door.width);
  if (crate.height > Math.min(inner.height, door.height)) return [];
  const candidates: FloorOrientation[] = [{ dx: crate.length, dy: crate.width, rotated: false }];
  if (crate.mayTurn && crate.length !== crate.width) candidates.push({ dx: crate.width, dy: crate.length, rotated: true });
  return candidates.filter((o) => o.dx <= inner.length && o.dy <= across);
}

export function cargoClass(crate: CrateSpec): CargoClass {
  return crate.lithium.un === "none" ? "non-DG" : crate.lithium.un;
}

export function crateKwh(crate: CrateSpec): number {
  return crate.lithium.un === "none" ? 0 : crate.lithium.whPerCrate / 1000;
}

export function crateVolume(crate: CrateSpec): number {
  return crate.length * crate.width * crate.height;
}

export interface Rejection {
  reason: UnplacedReason;
  detail: string;
}

const positive = (v: number) => Number.isFinite(v) && v > 0;

/** Why a line cannot be loaded at all, checked against data only (lithium rules come separately). */
export function validateCrate(crate: CrateSpec, quantity: number): Rejection | null {
  if (!Number.isInteger(quantity) || quantity < 0) return { reason: "INVALID_LINE", detail: `quantity ${quantity} is not a whole number ≥ 0` };
  for (const key of ["length", "width", "height", "grossKg"] as const) {
    if (!positive(crate[key])) return { reason: "INVALID_LINE", detail: `crate ${key} ${crate[key]} must be a positive number` };
  }
  const limit = crate.stackLimit;
  const n = "maxTiers" in limit ? limit.maxTiers : limit.maxOnTop;
  if (!Number.isInteger(n) || n < ("maxTiers" in limit ? 1 : 0)) return { reason: "INVALID_LINE", detail: `stack limit ${JSON.stringify(limit)} is not valid` };
  if (crate.lithium.un !== "none") {
    const { whPerCrate, stateOfCharge } = crate.lithium;
    if (!(Number.isFinite(whPerCrate) && whPerCrate >= 0)) return { reason: "INVALID_LINE", detail: `lithium Wh ${whPerCrate} must be ≥ 0` };
    if (!(Number.isFinite(stateOfCharge) && stateOfCharge >= 0 && stateOfCharge <= 1)) {
      return { reason: "INVALID_LINE", detail: `state of charge ${stateOfCharge} must be between 0 and 1` };
    }
  }
  return null;
}

/** Why the crate fits none of the container types, or null when one takes it. */
export function geometryRejection(crate: CrateSpec, types: readonly ContainerType[]): Rejection | null {
  let anyInside = false;
  for (const t of types) {
    if (floorOrientations(crate, t).length > 0) {
      if (crate.grossKg <= t.payloadKg) return null;
      continue;
    }
    const turns = crate.mayTurn ? [crate.length, crate.width] : [crate.width];
    const fitsInside =
      crate.height <= t.inner.height && turns.some((across) => across <= t.inner.width && (across === crate.length ? crate.width : crate.length) <= t.inner.length);
    anyInside ||= fitsInside;
  }
  const fitsSome = types.some((t) => floorOrientations(crate, t).length > 0);
  if (fitsSome) {
    const maxPayload = Math.max(...types.map((t) => t.payloadKg));
    return { reason: "EXCEEDS_PAYLOAD", detail: `crate ${crate.grossKg} kg exceeds the largest payload ${maxPayload} kg` };
  }
  const size = `${crate.length}×${crate.width}×${crate.height} mm`;
  if (anyInside) {
    const doors = types.map((t) => `${t.code} door ${t.door.width}×${t.door.height} mm`).join(", ");
    const widestDoor = Math.max(...types.map((t) => t.door.width));
    const hint = !crate.mayTurn && crate.width > widestDoor && crate.length <= widestDoor ? " (turned it would clear the door, but it may not be turned)" : "";
    return { reason: "EXCEEDS_DOOR", detail: `crate ${size} does not pass the door: ${doors}${hint}` };
  }
  const inners = types.map((t) => `${t.code} ${t.inner.length}×${t.inner.width}×${t.inner.height} mm`).join(", ");
  return { reason: "EXCEEDS_CONTAINER", detail: `crate ${size} standing upright does not fit inside: ${inners}` };
}
