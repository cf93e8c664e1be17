/**
 * A test tool: the import graph of TypeScript sources, and the checks the
 * architecture test makes on it (cycles, forbidden directions between
 * folders, packages a folder may not load). Pure: sources come in as a map of
 * repository-relative path → text, so the checks can be tested on tiny graphs.
 * Imports are read with the TypeScript parser, so comments and strings that
 * look like imports are not mistaken for them.
 */
import * as path from "node:path";
import * as ts from "typescript";

export type ImportKind = "import" | "export" | "require" | "dynamic import" | "import type";

export interface ParsedImport {
  readonly specifier: string;
  readonly kind: ImportKind;
  /** Erased by the compiler: `import type`, `export type`, `import { type A }` only, `import("x").T` in a type. */
  readonly typeOnly: boolean;
  readonly line: number;
}

export interface ImportEdge extends ParsedImport {
  /** Repository-relative path, `/`-separated. */
  readonly from: string;
  /** The imported file for a relative specifier; undefined for a package. */
  readonly to?: string;
}

export interface ImportGraph {
  /** The source files, sorted. */
  readonly files: readonly string[];
  /** Relative imports resolved to a file (a source file or another existing file, e.g. JSON). */
  readonly edges: readonly ImportEdge[];
  /** Imports of packages (`@pulumi/pulumi`, `node:fs`, `yaml`). */
  readonly packages: readonly ImportEdge[];
  /** Relative imports that name no file. */
  readonly unresolved: readonly ImportEdge[];
}

function allNamedTypeOnly(elements: ts.NodeArray<ts.ImportSpecifier | ts.ExportSpecifier>): boolean {
  return elements.length > 0 && elements.every((e) => e.isTypeOnly);
}

/** Every module specifier a file names, with whether the compiler erases the import. */
export function parseImports(fileName: string, text: string): ParsedImport[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: ParsedImport[] = [];
  const add = (node: ts.Node, specifier: ts.Expression | undefined, kind: ImportKind, typeOnly: boolean) => {
    if (!specifier || !ts.isStringLiteralLike(specifier)) return;
    found.push({ specifier: specifier.text, kind, typeOnly, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1 });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!named && ts.isNamedImports(named) && allNamedTypeOnly(named.elements)));
      add(node, node.moduleSpecifier, typeOnly ? "import type" : "import", typeOnly);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      const clause = node.exportClause;
      const typeOnly = node.isTypeOnly || (!!clause && ts.isNamedExports(clause) && allNamedTypeOnly(clause.elements));
      add(node, node.moduleSpecifier, "export", typeOnly);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression, "require", node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node, node.arguments[0], "dynamic import", false);
    } else if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "require" && node.arguments.length === 1) {
      add(node, node.arguments[0], "require", false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node, node.argument.literal, "import type", true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const isRelative = (specifier: string) => specifier === "." || specifier === ".." || specifier.startsWith("./") || specifier.startsWith("../");

/** The file a relative specifier names: X.ts, X/index.ts, or X itself (a JSON file); `./x.js` also finds x.ts. */
export function resolveRelative(from: string, specifier: string, exists: (file: string) => boolean): string | undefined {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  const withoutJs = base.replace(/\.js$/, "");
  const candidates = [`${withoutJs}.ts`, `${withoutJs}.tsx`, `${withoutJs}/index.ts`, base];
  return candidates.find((c) => !c.endsWith("/") && exists(c));
}

/**
 * The graph of `sources` (path → text). `exists` answers for files that are
 * not sources but may be imported (JSON); by default only sources exist.
 */
export function buildImportGraph(sources: ReadonlyMap<string, string>, exists: (file: string) => boolean = (f) => sources.has(f)): ImportGraph {
  const files = [...sources.keys()].sort();
  const edges: ImportEdge[] = [];
  const packages: ImportEdge[] = [];
  const unresolved: ImportEdge[] = [];
  const known = (f: string) => sources.has(f) || exists(f);
  for (const from of files) {
    for (const parsed of parseImports(from, sources.get(from)!)) {
      if (!isRelative(parsed.specifier)) {
        packages.push({ ...parsed, from });
        continue;
      }
      const to = resolveRelative(from, parsed.specifier, known);
      (to ? edges : unresolved).push({ ...parsed, from, to });
    }
  }
  return { files, edges, packages, unresolved };
}

export interface ImportCycle {
  /** One cycle, starting and ending at the same file: a.ts → b.ts → a.ts; it starts at its first file in sorted order. */
  readonly path: readonly string[];
  /** Every file in the same tangle (strongly connected component), sorted; one or more cycles run through them. */
  readonly tangle: readonly string[];
  /** True when the cycle is made only of type-only imports (erased at runtime, but the files still depend on each other). */
  readonly typeOnly: boolean;
}

/** Tangles of files that import each other (Tarjan), iterative so a deep graph cannot overflow the stack. */
function tanglesOf(files: readonly string[], next: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const tangles: string[][] = [];
  for (const root of files) {
    if (index.has(root)) continue;
    const work: Array<{ node: string; children: string[]; at: number }> = [];
    const open = (node: string) => {
      index.set(node, counter);
      low.set(node, counter);
      counter += 1;
      stack.push(node);
      onStack.add(node);
      work.push({ node, children: [...next.get(node)!].sort(), at: 0 });
    };
    open(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (frame.at < frame.children.length) {
        const child = frame.children[frame.at++];
        if (!index.has(child)) open(child);
        else if (onStack.has(child)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(child)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const tangle: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          tangle.push(member);
        } while (member !== frame.node);
        if (tangle.length > 1 || next.get(frame.node)!.has(frame.node)) tangles.push(tangle.sort());
      }
    }
  }
  return tangles.sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/** The shortest cycle from `start` back to it inside `members` (breadth-first), as start → … → start. */
function shortestCycle(start: string, members: ReadonlySet<string>, next: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const child of [...next.get(node)!].sort()) {
      if (!members.has(child)) continue;
      if (child === start) {
        const middle: string[] = [];
        for (let n = node; n !== start; n = cameFrom.get(n)!) middle.unshift(n);
        return [start, ...middle, start];
      }
      if (!cameFrom.has(child)) {
        cameFrom.set(child, node);
        queue.push(child);
      }
    }
  }
  throw new Error(`internal: ${start} is in a tangle but on no cycle`);
}

/** The same cycle starting at its first file in sorted order, so each cycle is reported once. */
function rotated(cycle: readonly string[]): string[] {
  const ring = cycle.slice(0, -1);
  const first = ring.indexOf([...ring].sort()[0]);
  const turned = [...ring.slice(first), ...ring.slice(0, first)];
  return [...turned, turned[0]];
}

/**
 * Import cycles: for every file that lies on one, the shortest cycle through
 * it, each distinct cycle once. Together they name every file of every
 * tangle without listing the (possibly huge) set of all cycles.
 */
export function findCycles(graph: ImportGraph): ImportCycle[] {
  const sources = new Set(graph.files);
  const next = new Map<string, Set<string>>(graph.files.map((f) => [f, new Set<string>()]));
  const edgeTypeOnly = new Map<string, boolean>();
  for (const e of graph.edges) {
    if (e.to === undefined || !sources.has(e.to)) continue;
    next.get(e.from)!.add(e.to);
    const key = `${e.from}\n${e.to}`;
    edgeTypeOnly.set(key, (edgeTypeOnly.get(key) ?? true) && e.typeOnly);
  }
  const cycles: ImportCycle[] = [];
  for (const tangle of tanglesOf(graph.files, next)) {
    const members = new Set(tangle);
    const seen = new Set<string>();
    const found: ImportCycle[] = [];
    for (const start of tangle) {
      const cycle = rotated(shortestCycle(start, members, next));
      const key = cycle.join("\n");
      if (seen.has(key)) continue;
      seen.add(key);
      const typeOnly = cycle.slice(1).every((to, i) => edgeTypeOnly.get(`${cycle[i]}\n${to}`));
      found.push({ path: cycle, tangle, typeOnly });
    }
    cycles.push(...found.sort((a, b) => (a.path.join("\n") < b.path.join("\n") ? -1 : 1)));
  }
  return cycles;
}

export function formatCycle(cycle: ImportCycle): string {
  return `${cycle.path.join(" → ")}${cycle.typeOnly ? " (type-only imports)" : ""}`;
}

/** Files under `from` (a folder prefix such as "domain/") may not import files under any of `forbidden`. */
export interface DirectionRule {
  readonly from: string;
  readonly forbidden: readonly string[];
}

export interface ForbiddenImport {
  readonly from: string;
  readonly to: string;
  readonly line: number;
  readonly typeOnly: boolean;
}

const under = (file: string, folder: string) => file.startsWith(folder.endsWith("/") ? folder : `${folder}/`);

/** Edges that break `rule`, type-only ones included: they still tie the folders together. */
export function forbiddenImports(graph: ImportGraph, rule: DirectionRule): ForbiddenImport[] {
  return graph.edges
    .filter((e) => e.to !== undefined && under(e.from, rule.from) && rule.forbidden.some((folder) => under(e.to!, folder)))
    .map((e) => ({ from: e.from, to: e.to!, line: e.line, typeOnly: e.typeOnly }));
}

export function formatForbidden(v: ForbiddenImport): string {
  return `${v.from}:${v.line} → ${v.to}${v.typeOnly ? " (type-only)" : ""}`;
}

/** Imports of a package matching `pattern` by files under `folder` that remain at runtime. */
export function runtimePackageImports(graph: ImportGraph, folder: string, pattern: RegExp): ImportEdge[] {
  return graph.packages.filter((e) => under(e.from, folder) && pattern.test(e.specifier) && !e.typeOnly);
}

/** Files under `folder`, outside every `exempt` folder, that load no package matching `pattern` at runtime. */
export function filesWithoutRuntimePackage(graph: ImportGraph, folder: string, pattern: RegExp, exempt: readonly string[] = []): string[] {
  const users = new Set(graph.packages.filter((e) => pattern.test(e.specifier) && !e.typeOnly).map((e) => e.from));
  return graph.files.filter((f) => under(f, folder) && !exempt.some((x) => under(f, x)) && !users.has(f));
}
