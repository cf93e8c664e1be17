/**
 * A YAML file kept together with its syntax tree, so any finding about a field
 * path can be pointed at the line and column where that field is written.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import type { Diagnostic, FieldPath } from "./diagnostic";
import { checkYamlLimits, MAX_ALIAS_EXPANSION, MAX_REPORTED_SYNTAX_ERRORS, yamlErrorMessage } from "./yaml-limits";
import { yamlErrorInWords } from "./yaml-errors";

export interface YamlSource {
  readonly file: string;
  readonly doc: Document;
  readonly lineCounter: LineCounter;
  /** The parsed value; undefined when the file has syntax errors or is empty. */
  readonly value: unknown;
  readonly syntaxErrors: Diagnostic[];
}

function parseTree(text: string): { doc: Document; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  // uniqueKeys off: the package compares every key with every earlier one (75,000 keys
  // took minutes); checkYamlLimits finds duplicates in one pass. logLevel error: the
  // package would print warnings of its own; every problem becomes a diagnostic here.
  const doc = withPlainEnv(() => parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, logLevel: "error" }));
  return { doc, lineCounter };
}

export function parseYamlSource(file: string, text: string): YamlSource {
  const { doc, lineCounter } = parseTree(text);
  const diagnostic = (offset: number, message: string): Diagnostic => {
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, column: pos.col, path: [], message };
  };
  const syntaxErrors: Diagnostic[] = [];
  for (const err of doc.errors.slice(0, MAX_REPORTED_SYNTAX_ERRORS)) {
    const at = diagnostic(err.pos[0], yamlErrorMessage(err.code, err.message));
    const words = yamlErrorInWords(err.code, err.message, text, at.line ?? 1);
    const found = words ? { ...at, message: words.message, ...(words.line !== undefined && words.line !== at.line ? { line: words.line, column: 1 } : {}) } : at;
    // The package reports some mistakes twice at one place (BLOCK_AS_IMPLICIT_KEY and MULTILINE_IMPLICIT_KEY); say it once.
    if (!syntaxErrors.some((d) => d.line === found.line && d.message === found.message)) syntaxErrors.push(found);
  }
  if (doc.errors.length > MAX_REPORTED_SYNTAX_ERRORS) {
    const last = doc.errors[MAX_REPORTED_SYNTAX_ERRORS];
    syntaxErrors.push(diagnostic(last.pos[0], `and ${doc.errors.length - MAX_REPORTED_SYNTAX_ERRORS} more YAML errors after this point; fix the ones above first`));
  }
  if (syntaxErrors.length === 0 && doc.contents === null) {
    syntaxErrors.push({ file, path: [], message: "the file is empty; it needs the fields described in the schema header" });
  }
  if (syntaxErrors.length === 0) syntaxErrors.push(...checkYamlLimits({ file, doc, lineCounter }));
  let value: unknown;
  if (syntaxErrors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION });
    } catch (err) {
      const message = err instanceof ReferenceError && /Excessive alias count/.test(err.message)
        ? `its aliases (*name) expand to more than ${MAX_ALIAS_EXPANSION} copies of their anchors' values; write the values out`
        : `cannot be read as YAML: ${err instanceof Error ? err.message : String(err)}`;
      syntaxErrors.push({ file, line: 1, column: 1, path: [], message });
    }
  }
  return { file, doc, lineCounter, value, syntaxErrors };
}

/**
 * The same source without its syntax tree, which is parsed again from `text`
 * the first time a rule asks for a position (and then kept). The rules across
 * files run after every file is read, and the trees of 357 files held until
 * then were tens of megabytes that every garbage collection had to copy or
 * mark; a region without findings never needs them again. The parse is
 * deterministic, so the positions are the ones the first tree gave. Only for a
 * source without syntax errors, whose tree the rules have already walked.
 */
export function withoutTree(source: YamlSource, text: string): YamlSource {
  let tree: { doc: Document; lineCounter: LineCounter } | undefined;
  const parsed = () => (tree ??= parseTree(text));
  return {
    file: source.file,
    value: source.value,
    syntaxErrors: source.syntaxErrors,
    get doc() {
      return parsed().doc;
    },
    get lineCounter() {
      return parsed().lineCounter;
    },
  };
}

/** The only variables the yaml package reads (its debug switches); test/unit/yaml-source.test.ts checks its code for others. */
export const YAML_ENV_SWITCHES = ["LOG_TOKENS", "LOG_STREAM"] as const;

/**
 * Runs `parse` with process.env swapped for a plain object holding the yaml
 * package's two debug switches. The package reads process.env.LOG_TOKENS once
 * per token (yaml 2.9.1, dist/parse/parser.js, Parser.next), and Node's
 * process.env is no plain object: every read calls into C++. The 357-municipality
 * region has 420,000 tokens, and those reads were a fifth of its parse time; a
 * full copy of the environment per file cost a few percent more. Only the
 * package's code runs inside, and the real object is put back before anything
 * else can run, also when the parse throws.
 */
export function withPlainEnv<T>(parse: () => T): T {
  const real = process.env;
  const plain: NodeJS.ProcessEnv = {};
  for (const name of YAML_ENV_SWITCHES) if (real[name] !== undefined) plain[name] = real[name];
  process.env = plain;
  try {
    return parse();
  } finally {
    process.env = real;
  }
}

/**
 * Line and column of the field at `path`: of its value by default, of its key
 * when `at` is "key" (where an unknown key is written). Falls back to the
 * nearest ancestor that exists, since a missing field has no position of its own.
 */
export function locate(source: YamlSource, path: FieldPath, at: "key" | "value" = "value"): { line: number; column: number } {
  let node: unknown = source.doc.contents;
  let best: Node | undefined = isNode(node) ? node : undefined;
  for (let i = 0; i < path.length; i += 1) {
    const part = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(part));
      if (!pair) break;
      if (last && at === "key" && isNode(pair.key)) {
        best = pair.key;
        break;
      }
      node = pair.value;
      if (isNode(node)) best = node;
      else if (isNode(pair.key)) best = pair.key;
    } else if (isSeq(node) && typeof part === "number") {
      node = node.items[part];
      if (!isNode(node)) break;
      best = node;
    } else {
      break;
    }
  }
  const offset = best?.range?.[0] ?? 0;
  const pos = source.lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && "range" in value;
}

/** Builds a diagnostic pointed at `path` in `source`. */
export function diagnosticAt(source: YamlSource, path: FieldPath, message: string, at: "key" | "value" = "value"): Diagnostic {
  const { line, column } = locate(source, path, at);
  return { file: source.file, line, column, path, message };
}
