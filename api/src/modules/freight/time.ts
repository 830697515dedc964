/** Offset of a time zone from UTC at an instant, in minutes (e.g. +480 for Asia/Shanghai). */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((asUtc - instant.getTime()) / 60_000);
}

/** The instant at which the wall clock in `timeZone` shows this local date and time. */
export function localToUtc(year: number, month: number, day: number, hhmm: string, timeZone: string): Date {
  const [h, m] = hhmm.split(":").map(Number);
  const guess = Date.UTC(year, month - 1, day, h ?? 0, m ?? 0);
  const first = guess - zoneOffsetMinutes(new Date(guess), timeZone) * 60_000;
  // a second pass settles instants near a daylight-saving change
  return new Date(guess - zoneOffsetMinutes(new Date(first), timeZone) * 60_000);
}

/** The next `count` dates (year, month, day in `timeZone`) falling on an ISO weekday, from `from`. */
export function nextWeekdays(from: Date, isoWeekday: number, count: number, timeZone: string): { year: number; month: number; day: number }[] {
  const local = new Date(from.getTime() + zoneOffsetMinutes(from, timeZone) * 60_000);
  const dow = local.getUTCDay() === 0 ? 7 : local.getUTCDay();
  const ahead = (isoWeekday - dow + 7) % 7;
  const out: { year: number; month: number; day: number }[] = [];
  for (let i = 0; i < count; i++) {
    const d = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + ahead + 7 * i));
    out.push({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
  }
  return out;
}
