/**
 * What the YAML of a tenant (or platform) file may hold, checked on the parsed
 * tree before it becomes data: a bounded number of keys and list items, bounded
 * nesting, few aliases that expand to few copies, no tags, no YAML 1.1, short
 * values, plain-text keys each written once. Together with MAX_FILE_BYTES
 * (file-limits.ts) this keeps every step after parsing linear and small, and
 * makes every hostile file a diagnostic instead of a stack trace. The walk is a
 * loop, not a recursion, so nesting cannot exhaust the stack here.
 */
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from "yaml";
import type { Diagnostic, FieldPath } from "./diagnostic";

/**
 * Keys and list items in one file: 5,000. senja.yaml, with every section, has 95
 * and platform.yaml 132; a system inventory of 300 systems adds about 2,000. Each
 * key becomes a value that the schema and every rule visit.
 */
export const MAX_NODES = 5_000;

/**
 * Nesting of maps and lists: 16 levels. The schemas' deepest field is 6 levels
 * down (network.zones.exam.allowedEgress[0]); the parser itself gives up near
 * 800 on Node's default stack, and the schema check recurses per level.
 */
export const MAX_DEPTH = 16;

/** Alias nodes (`*name`): 20. No field needs one; a few are allowed for the reader who reuses a block. */
export const MAX_ALIASES = 20;

/**
 * Copies the aliases may expand to, as the yaml package counts them (its
 * maxAliasCount, default 100): an "alias bomb" of nine aliases nine levels deep
 * would otherwise expand to 9^9 values.
 */
export const MAX_ALIAS_EXPANSION = 100;

/** Characters in one key or value: 4,096. The longest real value, an ssh-rsa 4096 public key, is about 750. */
export const MAX_SCALAR_CHARS = 4_096;

/** YAML errors shown per file: garbage makes one per line, and ten say what the rest would. */
export const MAX_REPORTED_SYNTAX_ERRORS = 10;

interface Parsed {
  readonly file: string;
  readonly doc: Document;
  readonly lineCounter: LineCounter;
}

/** Every way the parsed tree exceeds the limits or uses a YAML feature tenant files do not need. */
export function checkYamlLimits(source: Parsed): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (node: Node | undefined, path: FieldPath, message: string) => {
    const pos = source.lineCounter.linePos(node?.range?.[0] ?? 0);
    out.push({ file: source.file, line: pos.line, column: pos.col, path, message });
  };
  if (source.doc.directives?.yaml.explicit) {
    at(undefined, [], `the %YAML ${source.doc.directives.yaml.version} directive is not allowed: YAML 1.1 reads yes/no as true/false and merges "<<" keys; remove it (the file is read as YAML 1.2)`);
  }
  let nodes = 0;
  let aliases = 0;
  const stack: Frame[] = [{ node: source.doc.contents, depth: 0 }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    // A node's field path is built from the parent links only when it is reported: most never need theirs.
    const { node, depth } = frame;
    if (isAlias(node)) {
      aliases += 1;
      if (aliases === MAX_ALIASES + 1) {
        at(node, pathOf(frame), `is alias number ${aliases}; a file may use at most ${MAX_ALIASES} aliases (*name), so write the values out`);
      } else if (aliases <= MAX_ALIASES && !node.resolve(source.doc)) {
        at(node, pathOf(frame), `is the alias *${node.source}, but no anchor &${node.source} is written before it; write the value out or set the anchor first`);
      }
      continue;
    }
    if (!isScalar(node) && !isCollection(node)) continue;
    if (node.tag) {
      at(node, pathOf(frame), `uses the YAML tag ${shortTag(node.tag)}; tags can turn text into other types and objects, and no field needs one, so remove it`);
      continue;
    }
    if (isScalar(node)) {
      if (typeof node.value === "string" && node.value.length > MAX_SCALAR_CHARS) {
        at(node, pathOf(frame), `is ${node.value.length.toLocaleString("en-US")} characters long; a value may be at most ${MAX_SCALAR_CHARS.toLocaleString("en-US")}`);
      }
      continue;
    }
    if (depth >= MAX_DEPTH) {
      at(node, pathOf(frame), `nests deeper than ${MAX_DEPTH} levels; no field of the schema is nested so deep`);
      continue;
    }
    nodes += node.items.length;
    if (nodes > MAX_NODES) {
      at(node, pathOf(frame), `brings the file to more than ${MAX_NODES.toLocaleString("en-US")} keys and list items, the most a file may hold; a municipality's file needs a few hundred`);
      return out;
    }
    // Children go on the stack last first, so they are visited (and counted) in the order written.
    if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i -= 1) stack.push({ node: node.items[i], depth: depth + 1, key: i, parent: frame });
      continue;
    }
    if (!isMap(node)) continue;
    const keys = new Map<string, Node>();
    const children: typeof stack = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = pair.key;
      if (!isScalar(key) || key.tag) {
        at(isCollection(key) || isAlias(key) || isScalar(key) ? key : node, pathOf(frame), "has a key that is not plain text (a list, map, alias or tagged value); write each key as a plain name");
        continue;
      }
      // Keys become object properties: 1 and "1" are one key after parsing, and the later one would silently win.
      const name = String(key.value);
      const first = keys.get(name);
      if (first) {
        const line = source.lineCounter.linePos(first.range?.[0] ?? 0).line;
        at(key, [...pathOf(frame), name], `is written twice in this map (first on line ${line}); YAML would keep only the last, so keep one`);
        continue;
      }
      keys.set(name, key);
      if (name.length > MAX_SCALAR_CHARS) at(key, pathOf(frame), `has a key ${name.length.toLocaleString("en-US")} characters long; a key may be at most ${MAX_SCALAR_CHARS.toLocaleString("en-US")}`);
      children.push({ node: pair.value, depth: depth + 1, key: name, parent: frame });
    }
    stack.push(...children.reverse());
  }
  return out;
}

/** A node to visit, with its key in its parent. */
interface Frame {
  readonly node: unknown;
  readonly depth: number;
  readonly key?: string | number;
  readonly parent?: Frame;
}

function pathOf(frame: Frame): FieldPath {
  const out: Array<string | number> = [];
  for (let f: Frame | undefined = frame; f?.parent !== undefined; f = f.parent) out.push(f.key!);
  return out.reverse();
}

/** How a tag is written: !!binary for the YAML namespace, as it is. */
function shortTag(tag: string): string {
  return tag.startsWith("tag:yaml.org,2002:") ? `!!${tag.slice("tag:yaml.org,2002:".length)}` : tag;
}

/** The message for one of the yaml package's errors, by its code, in the file's terms. */
export function yamlErrorMessage(code: string, message: string): string {
  if (code === "RESOURCE_EXHAUSTION") return `nests too deep to read; no field of the schema is nested more than ${MAX_DEPTH} levels`;
  if (code === "MULTIPLE_DOCS") return 'holds more than one YAML document (a second "---" line); a file is one document';
  return `YAML syntax error: ${message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")}`;
}
