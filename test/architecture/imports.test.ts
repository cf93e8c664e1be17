/**
 * The folders show the architecture (README, house rule 1), and this test
 * keeps them honest: it reads the TypeScript sources of the product folders
 * (not dist/, not test/) and fails on import cycles, on imports against the
 * direction of the layers, and on pure logic left in components/.
 *
 * Type-only imports count as edges everywhere: the compiler erases them, but
 * the files still depend on each other, and "no import circle remains in the
 * product code" means none. The one exception is that domain/ may name
 * Pulumi's types (`import type`), never load Pulumi.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import {
  buildImportGraph,
  filesWithoutRuntimePackage,
  findCycles,
  forbiddenImports,
  formatCycle,
  formatForbidden,
  runtimePackageImports,
  type DirectionRule,
  type ImportGraph,
} from "./import-graph";

/** Tests run from dist/test/architecture; the sources are read from the repository itself. */
const REPO_ROOT = path.join(__dirname, "../../..");
const PRODUCT_FOLDERS = ["tenants", "domain", "components", "stacks", "policies", "scripts"];

function sourcesUnder(folder: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(path.join(REPO_ROOT, folder), { withFileTypes: true })) {
    const relative = `${folder}/${entry.name}`;
    if (entry.isDirectory() && entry.name !== "node_modules") found.push(...sourcesUnder(relative));
    else if (entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) found.push(relative);
  }
  return found;
}

function productGraph(): ImportGraph {
  const sources = new Map(PRODUCT_FOLDERS.flatMap(sourcesUnder).map((file) => [file, fs.readFileSync(path.join(REPO_ROOT, file), "utf8")]));
  return buildImportGraph(sources, (file) => fs.existsSync(path.join(REPO_ROOT, file)));
}

/** The layers, from the bottom: tenants (data and schema), domain (pure logic), components, stacks; policies and scripts beside them. */
const DIRECTION_RULES: ReadonlyArray<DirectionRule & { readonly says: string }> = [
  { says: "nothing under policies/ imports from scripts/", from: "policies/", forbidden: ["scripts/"] },
  { says: "nothing under tenants/schema/ imports from policies/", from: "tenants/schema/", forbidden: ["policies/"] },
  { says: "tenants/ imports nothing from components/, stacks/, scripts/ or policies/", from: "tenants/", forbidden: ["components/", "stacks/", "scripts/", "policies/"] },
  { says: "domain/ imports nothing from components/, stacks/, scripts/ or policies/", from: "domain/", forbidden: ["components/", "stacks/", "scripts/", "policies/"] },
  { says: "components/ imports nothing from stacks/, scripts/ or policies/", from: "components/", forbidden: ["stacks/", "scripts/", "policies/"] },
  { says: "stacks/ imports nothing from scripts/ or policies/", from: "stacks/", forbidden: ["scripts/", "policies/"] },
  // Every preview worker loads a program and what it imports: the validation (and its YAML parser) stays in the entry point.
  { says: "the platform program imports nothing from tenants/validation/", from: "stacks/platform/", forbidden: ["tenants/validation/"] },
  { says: "the tenant program imports nothing from tenants/validation/", from: "stacks/tenant/", forbidden: ["tenants/validation/"] },
  { says: "components/ imports nothing from tenants/validation/", from: "components/", forbidden: ["tenants/validation/"] },
];

describe("the imports of the product code", () => {
  const graph = productGraph();

  it("are read from every source file of the product folders, and every relative one names a file", () => {
    for (const folder of PRODUCT_FOLDERS) expect(graph.files.some((f) => f.startsWith(`${folder}/`))).toBe(true);
    expect(graph.files.some((f) => f.startsWith("test/"))).toBe(false);
    // A parser that saw nothing would pass every check below.
    expect(graph.edges.length).toBeGreaterThan(graph.files.length);
    expect(graph.unresolved.map((e) => `${e.from}:${e.line} → ${e.specifier}`)).toEqual([]);
  });

  it("form no cycle, type-only imports included", () => {
    expect(findCycles(graph).map(formatCycle)).toEqual([]);
  });

  it.each(DIRECTION_RULES)("follow the layers: $says", (rule) => {
    expect(forbiddenImports(graph, rule).map(formatForbidden)).toEqual([]);
  });

  it("never load Pulumi in domain/ (naming its types with import type is fine)", () => {
    expect(runtimePackageImports(graph, "domain/", /^@pulumi\//).map((e) => `${e.from}:${e.line} → ${e.specifier}`)).toEqual([]);
  });

  it("make every file under components/ a Pulumi building block (shared/ holds the cross-cutting interfaces): pure logic belongs in domain/", () => {
    expect(filesWithoutRuntimePackage(graph, "components/", /^@pulumi\//, ["components/shared/"]).map((f) => `${f} loads no @pulumi package: pure logic belongs in domain/`)).toEqual([]);
  });
});
