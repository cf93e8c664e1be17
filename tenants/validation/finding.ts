/**
 * A problem found in one file by a rule: where (the field path) and what. The
 * loader turns it into a diagnostic with the file's line and column.
 */
import type { FieldPath } from "./diagnostic";

export interface Finding {
  readonly path: FieldPath;
  readonly message: string;
  readonly at?: "key" | "value";
}
