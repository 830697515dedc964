import type { FormInstance } from "antd";
import type { Dictionary } from "@/i18n/en";
import { GqlError } from "./core";

/** What every error member of a mutation's result union carries (interface DomainError). */
export interface DomainFailure {
  code: string;
  message: string;
  fieldErrors?: ReadonlyArray<{ path: readonly string[]; message: string }>;
}

/** True for the error members of a `Success | …Error` union (they select `code`). */
export function isFailure<R extends object>(result: R): result is Extract<R, { code: unknown }> {
  return "code" in result;
}

type ErrorCodeMessage = Exclude<keyof Dictionary["errors"], "pageTitle" | "pageBody" | "notFoundTitle" | "notFoundBody">;

/** A sentence for the person, in their language; the API's own text for codes we don't know. */
export function failureMessage(t: Dictionary, failure: { code: string; message: string }): string {
  const known = failure.code as ErrorCodeMessage;
  return Object.hasOwn(t.errors, known) && failure.code !== "VALIDATION" ? t.errors[known] : failure.message || t.errors.UNKNOWN;
}

/** For thrown errors (network, GraphQL request errors, bugs). */
export function thrownMessage(t: Dictionary, error: unknown): string {
  if (error instanceof GqlError) {
    const known = error.code as ErrorCodeMessage;
    if (Object.hasOwn(t.errors, known)) return t.errors[known];
  }
  return t.errors.UNKNOWN;
}

/**
 * Puts a ValidationError's field errors under the matching form fields. Paths are relative to the
 * mutation input (`["email"]`, or `["input", "email"]`); an item of a list field goes under that
 * item's field (`["legs", "1", "toCode"]` under `name={[1, "toCode"]}` of `<Form.List name="legs">`).
 * Returns the errors that matched no field.
 */
export function applyFieldErrors(form: Pick<FormInstance, "setFields">, fieldErrors: DomainFailure["fieldErrors"], fieldNames: readonly string[]): string[] {
  const unmatched: string[] = [];
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const fieldError of fieldErrors ?? []) {
    const at = fieldError.path.findLastIndex((segment) => fieldNames.includes(segment));
    if (at < 0) {
      unmatched.push(fieldError.message);
      continue;
    }
    const [index, ...inner] = fieldError.path.slice(at + 1);
    const name: (string | number)[] =
      index !== undefined && /^\d+$/.test(index) && inner.length > 0 ? [fieldError.path[at] as string, Number(index), ...inner] : [fieldError.path[at] as string];
    const key = name.join(".");
    byField.set(key, { name, errors: [...(byField.get(key)?.errors ?? []), fieldError.message] });
  }
  form.setFields([...byField.values()].map(({ name, errors }) => ({ name: name.length === 1 ? name[0] : name, errors })));
  return unmatched;
}

/**
 * Shows a mutation's failure where it belongs: field errors under their fields, anything else in
 * a message. Returns nothing; the caller keeps the form open.
 */
export function reportFailure(
  failure: DomainFailure,
  { t, notify, form, fields = [] }: { t: Dictionary; notify: (text: string) => void; form?: FormInstance; fields?: readonly string[] },
): void {
  if (failure.code === "VALIDATION" && form) {
    const rest = applyFieldErrors(form, failure.fieldErrors, fields);
    if (rest.length > 0 || (failure.fieldErrors ?? []).length === 0) notify(rest.join(" ") || failure.message || t.errors.VALIDATION);
    return;
  }
  notify(failureMessage(t, failure));
}
