/** One problem found in a template's input, located by a path such as `lines[3].hsCode`. */
export interface DataIssue {
  readonly path: string;
  readonly code: "required" | "empty" | "type" | "format" | "range" | "consistency";
  readonly message: string;
}

/**
 * Thrown by every template when its data cannot make a valid document. Carries every issue found,
 * not only the first, so a caller can show them all at once.
 */
export class DocumentDataError extends Error {
  readonly code = "DOCUMENT_DATA_INVALID";
  constructor(
    readonly template: string,
    readonly issues: readonly DataIssue[],
  ) {
    super(
      `${template}: invalid document data: ${issues
        .slice(0, 5)
        .map((i) => `${i.path}: ${i.message}`)
        .join("; ")}${issues.length > 5 ? ` (+${issues.length - 5} more)` : ""}`,
    );
    this.name = "DocumentDataError";
  }
  /** Paths of all issues, for assertions and form highlighting. */
  get paths(): string[] {
    return this.issues.map((i) => i.path);
  }
}
