/**
 * Values a tenant file still has to have filled in: `TODO: ...` notes,
 * placeholder e-mail addresses (placeholder-catalogue.ts), and values the
 * onboarding template wrote as a working default with a `# TODO` comment after
 * them (the comment goes when the municipality has given the real value). Runs on the YAML
 * tree before the schema, so a note can stand where a number, list or map
 * belongs (`monthlyNok: "TODO: ..."`) and still be reported as unfilled rather
 * than as the wrong type. One pass over the nodes, which yaml-limits.ts has
 * already bounded.
 */
import { isMap, isPair, isScalar, isSeq } from "yaml";
import type { Diagnostic, FieldPath } from "./diagnostic";
import { isPlaceholderComment, placeholderReason } from "./placeholder-catalogue";
import { diagnosticAt, type YamlSource } from "./yaml-source";

/** Starts every placeholder message, so the onboard command (and a reader) can tell them from real errors. */
export const UNFILLED = "is not filled in yet:";

/** A node to visit; its field path is built from the parent links only for a node that is reported. */
interface Frame {
  readonly node: unknown;
  readonly key?: string | number;
  readonly parent?: Frame;
}

function pathOf(frame: Frame): FieldPath {
  const out: Array<string | number> = [];
  for (let f: Frame | undefined = frame; f?.key !== undefined; f = f.parent) out.push(f.key);
  return out.reverse();
}

export function findPlaceholders(source: YamlSource): Diagnostic[] {
  const out: Diagnostic[] = [];
  const stack: Frame[] = [{ node: source.doc.contents }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const node = frame.node;
    // The yaml package keeps a comment written after a value on that value's node.
    const comment = isScalar(node) || isMap(node) || isSeq(node) ? node.comment : undefined;
    if (comment && isPlaceholderComment(comment)) {
      out.push({ ...diagnosticAt(source, pathOf(frame), `${UNFILLED} it is marked "#${comment.length > 80 ? `${comment.slice(0, 80)}…` : comment}"; write the municipality's real value and remove the TODO comment`), placeholder: true });
      // One finding per field: a TODO comment and a TODO text on the same value say the same thing.
      continue;
    }
    if (isScalar(node)) {
      if (typeof node.value !== "string") continue;
      const reason = placeholderReason(node.value);
      if (reason) out.push({ ...diagnosticAt(source, pathOf(frame), message(node.value, reason)), placeholder: true });
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i -= 1) stack.push({ node: node.items[i], key: i, parent: frame });
    } else if (isMap(node)) {
      for (let i = node.items.length - 1; i >= 0; i -= 1) {
        const pair = node.items[i];
        if (isPair(pair) && isScalar(pair.key)) stack.push({ node: pair.value, key: String(pair.key.value), parent: frame });
      }
    }
  }
  return out;
}

function message(value: string, reason: string): string {
  const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  return `${UNFILLED} "${shown}" ${reason}; write the municipality's real value in its place`;
}

/** True when `inner` is `outer` or a field inside it. */
export function isWithin(inner: FieldPath, outer: FieldPath): boolean {
  return outer.length <= inner.length && outer.every((part, i) => String(part) === String(inner[i]));
}
