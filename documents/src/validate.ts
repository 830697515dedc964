import { type DataIssue, DocumentDataError } from "./errors.js";

/**
 * Collects every issue in a template's input (typed data can still arrive from JSON or a
 * database at run time), then throws one {@link DocumentDataError} listing them all.
 */
export class Validator {
  readonly issues: DataIssue[] = [];
  constructor(readonly template: string) {}

  add(path: string, code: DataIssue["code"], message: string): void {
    this.issues.push({ path, code, message });
  }

  done(): void {
    if (this.issues.length > 0) throw new DocumentDataError(this.template, this.issues);
  }

  obj(path: string, v: unknown, required = true): Record<string, unknown> | undefined {
    if (v === undefined || v === null) {
      if (required) this.add(path, "required", "is required");
      return undefined;
    }
    if (typeof v !== "object" || Array.isArray(v)) {
      this.add(path, "type", "must be an object");
      return undefined;
    }
    return v as Record<string, unknown>;
  }

  str(path: string, v: unknown, opts: { required?: boolean; max?: number; pattern?: RegExp; format?: string } = {}): string | undefined {
    const required = opts.required ?? true;
    if (v === undefined || v === null || (typeof v === "string" && v.trim() === "")) {
      if (required) this.add(path, v === undefined || v === null ? "required" : "empty", "is required");
      return undefined;
    }
    if (typeof v !== "string") {
      this.add(path, "type", "must be a string");
      return undefined;
    }
    const max = opts.max ?? 1000;
    if (v.length > max) this.add(path, "range", `must be at most ${max} characters`);
    if (opts.pattern && !opts.pattern.test(v)) this.add(path, "format", `must be ${opts.format ?? `like ${opts.pattern}`}`);
    return v;
  }

  num(path: string, v: unknown, opts: { required?: boolean; min?: number; max?: number; integer?: boolean; positive?: boolean } = {}): number | undefined {
    const required = opts.required ?? true;
    if (v === undefined || v === null) {
      if (required) this.add(path, "required", "is required");
      return undefined;
    }
    if (typeof v !== "number" || !Number.isFinite(v)) {
      this.add(path, "type", "must be a finite number");
      return undefined;
    }
    if (opts.integer && !Number.isSafeInteger(v)) this.add(path, "type", "must be an integer");
    if (opts.positive && v <= 0) this.add(path, "range", "must be greater than 0");
    if (opts.min !== undefined && v < opts.min) this.add(path, "range", `must be at least ${opts.min}`);
    if (opts.max !== undefined && v > opts.max) this.add(path, "range", `must be at most ${opts.max}`);
    return v;
  }

  arr(path: string, v: unknown, opts: { required?: boolean; min?: number; max?: number; emptyMessage?: string } = {}): unknown[] | undefined {
    const required = opts.required ?? true;
    if (v === undefined || v === null) {
      if (required) this.add(path, "required", "is required");
      return undefined;
    }
    if (!Array.isArray(v)) {
      this.add(path, "type", "must be an array");
      return undefined;
    }
    const min = opts.min ?? 0;
    if (v.length < min) this.add(path, "empty", opts.emptyMessage ?? `must have at least ${min} item(s)`);
    if (opts.max !== undefined && v.length > opts.max) this.add(path, "range", `must have at most ${opts.max} items`);
    return v;
  }

  oneOf<T extends string>(path: string, v: unknown, values: readonly T[], required = true): T | undefined {
    if (v === undefined || v === null || v === "") {
      if (required) this.add(path, "required", "is required");
      return undefined;
    }
    if (typeof v !== "string" || !(values as readonly string[]).includes(v)) {
      this.add(path, "format", `must be one of ${values.join(", ")}`);
      return undefined;
    }
    return v as T;
  }

  bool(path: string, v: unknown, required = false): boolean | undefined {
    if (v === undefined || v === null) {
      if (required) this.add(path, "required", "is required");
      return undefined;
    }
    if (typeof v !== "boolean") this.add(path, "type", "must be true or false");
    return v === true;
  }

  /** An ISO 8601 instant with an explicit offset or Z, e.g. 2025-03-14T02:30:00Z. */
  instant(path: string, v: unknown, required = true): string | undefined {
    const s = this.str(path, v, { required, max: 40 });
    if (s === undefined) return undefined;
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(s) || Number.isNaN(Date.parse(s))) {
      this.add(path, "format", "must be an ISO 8601 date-time with a time zone offset, e.g. 2025-03-14T10:30:00+08:00");
      return undefined;
    }
    return s;
  }

  /** A calendar date YYYY-MM-DD. */
  date(path: string, v: unknown, required = true): string | undefined {
    const s = this.str(path, v, { required, max: 10 });
    if (s === undefined) return undefined;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(Date.parse(`${s}T00:00:00Z`))) {
      this.add(path, "format", "must be a date YYYY-MM-DD");
      return undefined;
    }
    return s;
  }

  timeZone(path: string, v: unknown): string | undefined {
    const s = this.str(path, v, { max: 64 });
    if (s === undefined) return undefined;
    try {
      new Intl.DateTimeFormat("en", { timeZone: s });
      return s;
    } catch {
      this.add(path, "format", "must be an IANA time zone such as Asia/Shanghai");
      return undefined;
    }
  }

  url(path: string, v: unknown, required = true): string | undefined {
    const s = this.str(path, v, { required, max: 1000 });
    if (s === undefined) return undefined;
    if (!/^https?:\/\/[^\s]+$/.test(s)) {
      this.add(path, "format", "must be an http(s) URL");
      return undefined;
    }
    return s;
  }

  /** Validate each element of an array with `fn(path, element, index)`. */
  each(path: string, items: unknown[] | undefined, fn: (path: string, item: unknown, index: number) => void): void {
    items?.forEach((item, i) => {
      fn(`${path}[${i}]`, item, i);
    });
  }
}

export function at(base: string, key: string): string {
  return base ? `${base}.${key}` : key;
}
