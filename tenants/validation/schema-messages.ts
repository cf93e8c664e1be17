/**
 * Turns zod issues into the sentences a municipal IT admin reads: the field
 * path leads, then what was found and what would be valid. One error map for
 * both schemas, so every message has the same shape.
 */
import { retiredField } from "../schema/retired-fields";
import { z } from "zod";
import type { Diagnostic, FieldPath } from "./diagnostic";
import { diagnosticAt, locate, type YamlSource } from "./yaml-source";

type Issue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;

function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "an empty value";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map of fields";
  if (typeof value === "string") return `the text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return `${typeof value} ${String(value)}`;
}

const TYPE_WORDS: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "a map of fields",
  array: "a list",
  record: "a map of fields",
};

/** Default messages for issues whose schema did not set its own. */
export function errorMap(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type": {
      if (issue.input === undefined) return "is required but missing";
      const expected = TYPE_WORDS[issue.expected] ?? issue.expected;
      return `must be ${expected}, found ${describeValue(issue.input)}`;
    }
    case "invalid_value":
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}; found ${describeValue(issue.input)}`;
    case "too_small": {
      const min = String(issue.minimum);
      if (issue.origin === "array") return `must have at least ${min} entr${min === "1" ? "y" : "ies"}`;
      if (issue.origin === "string") return `must be at least ${min} characters long`;
      return `must be at least ${min}; found ${describeValue(issue.input)}`;
    }
    case "too_big": {
      const max = String(issue.maximum);
      if (issue.origin === "array") return `must have at most ${max} entries`;
      if (issue.origin === "string") return `must be at most ${max} characters long`;
      return `must be at most ${max}; found ${describeValue(issue.input)}`;
    }
    default:
      return undefined;
  }
}

/** Edit distance, for "did you mean" on misspelt keys. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

/** The field names an object schema accepts at `path`, for unknown-key messages. */
export function knownKeysAt(schema: z.ZodType, path: FieldPath, value: unknown): string[] {
  let current: z.core.$ZodType | undefined = schema;
  let data: unknown = value;
  const unwrap = (s: z.core.$ZodType | undefined): z.core.$ZodType | undefined => {
    let node = s;
    for (let guard = 0; node && guard < 20; guard += 1) {
      const def = node._zod.def as unknown as Record<string, unknown> & { type: string };
      if (def.type === "optional" || def.type === "default" || def.type === "nullable" || def.type === "prefault") {
        node = def.innerType as z.core.$ZodType;
      } else if (def.type === "pipe") {
        node = def.in as z.core.$ZodType;
      } else if (def.type === "union") {
        // Discriminated unions: follow the option whose discriminator matches the data.
        const options = def.options as z.core.$ZodType[];
        const match = options.find((option) => {
          const shape = (option._zod.def as unknown as { shape?: Record<string, z.core.$ZodType> }).shape;
          if (!shape || typeof data !== "object" || data === null) return false;
          return Object.entries(shape).some(([k, v]) => {
            const lit = (v._zod.def as unknown as { type: string; values?: unknown[] });
            return lit.type === "literal" && lit.values?.includes((data as Record<string, unknown>)[k]);
          });
        });
        node = match ?? options[0];
      } else {
        return node;
      }
    }
    return node;
  };
  for (const part of path) {
    current = unwrap(current);
    if (!current) return [];
    const def = current._zod.def as unknown as Record<string, unknown> & { type: string };
    if (def.type === "object") current = (def.shape as Record<string, z.core.$ZodType>)[String(part)];
    else if (def.type === "record") current = def.valueType as z.core.$ZodType;
    else if (def.type === "array") current = def.element as z.core.$ZodType;
    else return [];
    data = typeof data === "object" && data !== null ? (data as Record<string, unknown>)[String(part)] : undefined;
  }
  current = unwrap(current);
  const def = current?._zod.def as unknown as { type: string; shape?: Record<string, unknown> } | undefined;
  return def?.type === "object" && def.shape ? Object.keys(def.shape) : [];
}

/** Validates `source.value` against `schema`; returns the parsed value or the diagnostics. */
export function checkAgainstSchema<T extends z.ZodType>(
  schema: T,
  source: YamlSource,
): { ok: true; value: z.output<T> } | { ok: false; diagnostics: Diagnostic[] } {
  const result = schema.safeParse(source.value, { error: errorMap });
  if (result.success) return { ok: true, value: result.data };
  const diagnostics: Diagnostic[] = [];
  for (const issue of result.error.issues) diagnostics.push(...toDiagnostics(schema, source, issue));
  return { ok: false, diagnostics };
}

function toDiagnostics(schema: z.ZodType, source: YamlSource, issue: Issue): Diagnostic[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  if (issue.code === "unrecognized_keys") {
    const known = knownKeysAt(schema, path, source.value);
    return issue.keys.map((key) => {
      const retired = retiredField([...path, key]);
      if (retired) return diagnosticAt(source, [...path, key], `"${key}" ${retired.message}`, "key");
      const owner = ownerFor(schema, path, key, source.value);
      if (owner) {
        const line = locate(source, [...path, owner], "key").line;
        const here = path.length > 0 ? `"${String(path[path.length - 1])}"` : "the top level";
        return diagnosticAt(source, [...path, key], `"${key}" must be indented under "${owner}" (line ${line}): it is a field of ${owner}, not of ${here}, so indent it further than "${owner}"`, "key");
      }
      const guess = known
        .map((k) => ({ k, d: editDistance(key, k) }))
        .filter(({ d }) => d <= Math.max(2, Math.floor(key.length / 3)))
        .sort((a, b) => a.d - b.d)[0];
      const hint = guess ? `did you mean "${guess.k}"? ` : "";
      const valid = known.length > 0 ? `valid fields here: ${known.join(", ")}` : "remove it";
      return diagnosticAt(source, [...path, key], `unknown field "${key}"; ${hint}${valid}`, "key");
    });
  }
  if (issue.code === "invalid_key") {
    const inner = issue.issues[0]?.message ?? "is not a valid key";
    return [diagnosticAt(source, path, `the key "${String(path[path.length - 1])}" ${inner}`, "key")];
  }
  if (issue.code === "invalid_union" && issue.errors.length > 0 && issue.message === "Invalid input") {
    // Without a schema message, the best single explanation is the first option's first problem.
    const first = issue.errors[0][0];
    if (first) return toDiagnostics(schema, source, { ...first, path: [...issue.path, ...first.path] } as Issue);
  }
  if (issue.code === "invalid_type" && !issue.message.startsWith("is required") && isAbsent(source.value, path)) {
    // A field's own message ("must be an e-mail address like ...") replaces the error map's, also when the field is left out; say that first.
    return [diagnosticAt(source, path, `is required but missing; it ${issue.message}`)];
  }
  return [diagnosticAt(source, path, issue.message)];
}

/**
 * The sibling an unknown key was meant to be indented under: one whose own
 * fields include the key ("storage:" then "shares:" at the same column), or
 * the one written just before it with nothing after its colon.
 */
function ownerFor(schema: z.ZodType, path: FieldPath, key: string, value: unknown): string | undefined {
  let node = value;
  for (const part of path) node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[String(part)] : undefined;
  if (typeof node !== "object" || node === null || Array.isArray(node)) return undefined;
  const siblings = Object.keys(node).filter((k) => k !== key);
  const owner = siblings.find((s) => knownKeysAt(schema, [...path, s], value).includes(key));
  if (owner) return owner;
  const keys = Object.keys(node);
  const before = keys[keys.indexOf(key) - 1];
  return before !== undefined && (node as Record<string, unknown>)[before] === null ? before : undefined;
}

/** True when the map that should hold the last key of `path` exists but does not have it. */
function isAbsent(value: unknown, path: FieldPath): boolean {
  if (path.length === 0) return false;
  let node = value;
  for (const part of path.slice(0, -1)) {
    if (typeof node !== "object" || node === null) return false;
    node = (node as Record<string, unknown>)[String(part)];
  }
  return typeof node === "object" && node !== null && !Array.isArray(node) && !Object.prototype.hasOwnProperty.call(node, String(path[path.length - 1]));
}
