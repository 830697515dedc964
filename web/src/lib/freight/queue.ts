import type { MilestoneType } from "@/gql/graphql";
import type { AppLocale } from "@/i18n/config";

export const DAY = 86_400_000;

/** What an operator does next about a train's load. */
export type Step = "noBookings" | "run" | "resolve" | "lock" | "review" | "ready";

interface TrainLoad {
  bookedFeu: number;
  cutoffAt: string;
  plan: { status: string; unplaced: readonly string[] } | null;
}

/** What the operator has to do next for a train's load, from its bookings, plan and cut-off. */
export function nextStep(train: TrainLoad, now: number): Step {
  const plan = train.plan;
  if (plan?.status === "LOCKED") return "ready";
  if (train.bookedFeu <= 0) return "noBookings";
  if (!plan) return "run";
  if (plan.unplaced.length > 0) return "resolve";
  return new Date(train.cutoffAt).getTime() <= now ? "lock" : "review";
}

/** "in 3 days", "passed 5 hours ago": the nearest whole unit, in the page's language. */
export function relativeTo(value: string, now: number, locale: AppLocale, inTime: string, passed: string): string {
  const ms = new Date(value).getTime() - now;
  const abs = Math.abs(ms);
  const unit: [number, Intl.RelativeTimeFormatUnit] = abs >= 2 * DAY ? [DAY, "day"] : abs >= 3_600_000 ? [3_600_000, "hour"] : [60_000, "minute"];
  const amount = Math.max(1, Math.round(abs / unit[0]));
  const text = new Intl.NumberFormat(locale, { style: "unit", unit: unit[1], unitDisplay: "long" }).format(amount);
  return (ms >= 0 ? inTime : passed).replace("{time}", text);
}

const JOURNEY: readonly MilestoneType[] = ["GATE_IN", "LOADED", "DEPARTED", "BORDER_CROSSING", "GAUGE_CHANGE", "CUSTOMS_CLEARED", "ARRIVED", "DELIVERED"];

/**
 * Milestones in the order they happened: by time, and within the same minute (times are entered
 * to the minute) by where they come in a journey, so "loaded" then "departed" at 13:10 reads so.
 */
export function byOccurrence(a: { occurredAt: string; type: MilestoneType }, b: { occurredAt: string; type: MilestoneType }): number {
  return a.occurredAt.localeCompare(b.occurredAt) || JOURNEY.indexOf(a.type) - JOURNEY.indexOf(b.type);
}
