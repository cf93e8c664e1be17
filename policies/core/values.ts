/**
 * Reading resource properties the same way offline and inside `pulumi preview`.
 * During a real preview, @pulumi/policy wraps properties in a proxy that throws
 * when a value is not known yet (an id of a resource still to be created). Stack
 * policies read through `peek`, so one unknown value skips one comparison
 * instead of turning the whole policy into "can't run during preview".
 */

/** Stands for a value Pulumi cannot know until the resource exists. */
export const UNKNOWN: unique symbol = Symbol("unknown during preview");
export type Unknown = typeof UNKNOWN;

function isUnknownValueError(err: unknown): boolean {
  // @pulumi/policy's UnknownValueError is internal; it is recognised by its fields.
  return err instanceof Error && "unknownTypeSentinel" in err;
}

/** Runs `read`; returns UNKNOWN when it touched a value that is unknown during preview. */
export function peek<T>(read: () => T): T | Unknown {
  try {
    return read();
  } catch (err) {
    if (isUnknownValueError(err)) return UNKNOWN;
    throw err;
  }
}

/** A known, non-empty string, or undefined (unset or unknown). */
export function knownString(read: () => unknown): string | undefined {
  const value = peek(read);
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

/** The elements of a list property; unknown or unset lists are empty. */
export function knownList<T = unknown>(read: () => unknown): T[] {
  const value = peek(read);
  if (!Array.isArray(value)) return [];
  const out: T[] = [];
  for (let i = 0; i < value.length; i += 1) {
    const item = peek(() => value[i]);
    if (item !== UNKNOWN) out.push(item as T);
  }
  return out;
}

/** How a value reads in a message: strings quoted, unset said in words. */
export function show(value: unknown): string {
  if (value === undefined || value === null) return "not set";
  if (value === UNKNOWN) return "unknown until deployment";
  if (typeof value === "string") return `"${value}"`;
  if (Array.isArray(value)) return `[${value.map(show).join(", ")}]`;
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** ARM ids and names compare case-insensitively; Azure preserves but ignores case. */
export function sameText(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}
