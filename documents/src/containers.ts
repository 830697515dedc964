/** ISO 6346 container numbers: owner code (3 letters), category (U/J/Z), 6 digits, check digit. */
const LETTER_VALUES: Record<string, number> = (() => {
  const out: Record<string, number> = {};
  let v = 10;
  for (const ch of "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
    if (v % 11 === 0) v++;
    out[ch] = v++;
  }
  return out;
})();

/** Check digit for the first 10 characters of a container number. */
export function containerCheckDigit(first10: string): number {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const ch = first10[i] ?? "0";
    const value = /\d/.test(ch) ? Number(ch) : (LETTER_VALUES[ch] ?? 0);
    sum += value * 2 ** i;
  }
  return (sum % 11) % 10;
}

export function isContainerNumber(s: string): boolean {
  if (!/^[A-Z]{3}[UJZ]\d{7}$/.test(s)) return false;
  return containerCheckDigit(s.slice(0, 10)) === Number(s[10]);
}

/** Inside dimensions in mm of common ISO container types (DOMAIN.md "Containers and crates"). */
export const CONTAINER_TYPES = {
  "20GP": { lengthMm: 5898, widthMm: 2352, heightMm: 2393 },
  "40GP": { lengthMm: 12032, widthMm: 2352, heightMm: 2393 },
  "40HQ": { lengthMm: 12032, widthMm: 2350, heightMm: 2697 },
  "45HQ": { lengthMm: 13556, widthMm: 2352, heightMm: 2698 },
} as const;

export type ContainerType = keyof typeof CONTAINER_TYPES;
export const CONTAINER_TYPE_CODES = Object.keys(CONTAINER_TYPES) as ContainerType[];
