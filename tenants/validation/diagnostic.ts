/**
 * A validation finding. Errors are values: every layer adds to one list, and
 * the command prints them all at once so an admin fixes a file in one pass.
 */
export type FieldPath = ReadonlyArray<string | number>;

export interface Diagnostic {
  /** File as given on the command line or relative to the working directory. */
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  /** Field path inside the file; empty for the file as a whole. */
  readonly path: FieldPath;
  readonly message: string;
  /** A value the municipality has yet to fill in (placeholder-values.ts): an error like any other, but expected in a file just onboarded. */
  readonly placeholder?: boolean;
}

export function formatPath(path: FieldPath): string {
  return path.map((part, i) => (typeof part === "number" ? `[${part}]` : i === 0 ? part : `.${part}`)).join("");
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line === undefined ? d.file : `${d.file}:${d.line}:${d.column ?? 1}`;
  const field = d.path.length > 0 ? ` ${formatPath(d.path)}:` : "";
  return `${where}${field} ${d.message}`;
}

/** Stable order: by file, then position, so output diffs cleanly between runs. */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.message.localeCompare(b.message),
  );
}
