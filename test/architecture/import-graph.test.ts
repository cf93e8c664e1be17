import {
  buildImportGraph,
  filesWithoutRuntimePackage,
  findCycles,
  forbiddenImports,
  formatCycle,
  formatForbidden,
  parseImports,
  runtimePackageImports,
} from "./import-graph";

/** An in-memory repository: path → source text. */
const graphOf = (files: Record<string, string>) => buildImportGraph(new Map(Object.entries(files)));

describe("reading the imports of a file", () => {
  it("finds import, export-from, require and dynamic import, across lines, and marks the ones the compiler erases", () => {
    const text = [
      'import * as fs from "node:fs";',
      "import {",
      "  a,",
      "  b,",
      '} from "./multi";',
      'import type { T } from "./types";',
      'import { type U, type V } from "./only-types";',
      'import { type W, x } from "./mixed";',
      'export { y } from "./reexport";',
      'export type { Z } from "./type-reexport";',
      'export * from "./star";',
      'import "./side-effect";',
      'const c = require("./required");',
      'const d = async () => import("./lazy");',
      'type E = import("./in-a-type").E;',
    ].join("\n");
    expect(parseImports("a.ts", text).map((i) => [i.specifier, i.kind, i.typeOnly, i.line])).toEqual([
      ["node:fs", "import", false, 1],
      ["./multi", "import", false, 2],
      ["./types", "import type", true, 6],
      ["./only-types", "import type", true, 7],
      ["./mixed", "import", false, 8],
      ["./reexport", "export", false, 9],
      ["./type-reexport", "export", true, 10],
      ["./star", "export", false, 11],
      ["./side-effect", "import", false, 12],
      ["./required", "require", false, 13],
      ["./lazy", "dynamic import", false, 14],
      ["./in-a-type", "import type", true, 15],
    ]);
  });

  it("is not fooled by comments and strings that look like imports", () => {
    const text = ['// import { a } from "./commented";', 'const s = "import { b } from \'./quoted\'";', "/* require('./block') */", 'const p = require.resolve("./resolved");'].join("\n");
    expect(parseImports("a.ts", text)).toEqual([]);
  });
});

describe("resolving imports to files", () => {
  it("finds X.ts and X/index.ts, leaves packages apart and reports a relative import that names no file", () => {
    const graph = graphOf({
      "domain/a.ts": 'import { b } from "./b";\nimport { c } from "../tenants/c";\nimport * as pulumi from "@pulumi/pulumi";\nimport { gone } from "./gone";',
      "domain/b.ts": "export const b = 1;",
      "tenants/c/index.ts": "export const c = 1;",
    });
    expect(graph.edges.map((e) => `${e.from} → ${e.to}`)).toEqual(["domain/a.ts → domain/b.ts", "domain/a.ts → tenants/c/index.ts"]);
    expect(graph.packages.map((e) => e.specifier)).toEqual(["@pulumi/pulumi"]);
    expect(graph.unresolved.map((e) => `${e.from}:${e.line} → ${e.specifier}`)).toEqual(["domain/a.ts:4 → ./gone"]);
  });
});

describe("finding import cycles", () => {
  it("finds a cycle and lists its files in import order", () => {
    const graph = graphOf({
      "a.ts": 'import { b } from "./b";',
      "b.ts": 'import { c } from "./c";',
      "c.ts": 'import { a } from "./a";',
      "d.ts": 'import { a } from "./a";',
    });
    expect(findCycles(graph).map(formatCycle)).toEqual(["a.ts → b.ts → c.ts → a.ts"]);
  });

  it("passes a clean graph, however many paths lead to the same file", () => {
    const graph = graphOf({
      "a.ts": 'import { b } from "./b";\nimport { c } from "./c";',
      "b.ts": 'import { c } from "./c";',
      "c.ts": "export const c = 1;",
    });
    expect(findCycles(graph)).toEqual([]);
  });

  it("counts type-only imports, and says when a cycle is made only of them", () => {
    const graph = graphOf({
      "a.ts": 'import type { B } from "./b";',
      "b.ts": 'import type { A } from "./a";',
    });
    expect(findCycles(graph).map(formatCycle)).toEqual(["a.ts → b.ts → a.ts (type-only imports)"]);
  });

  it("names every file of a tangle through the shortest cycle of each, each cycle once, and a file that imports itself", () => {
    const graph = graphOf({
      "a.ts": 'import { b } from "./b";',
      "b.ts": 'import { a } from "./a";\nimport { c } from "./c";',
      "c.ts": 'import { b } from "./b";\nimport { d } from "./d";',
      "d.ts": 'import { b } from "./b";',
      "self.ts": 'export * from "./self";',
    });
    expect(findCycles(graph).map(formatCycle)).toEqual(["a.ts → b.ts → a.ts", "b.ts → c.ts → b.ts", "b.ts → c.ts → d.ts → b.ts", "self.ts → self.ts"]);
    expect(findCycles(graph)[0].tangle).toEqual(["a.ts", "b.ts", "c.ts", "d.ts"]);
  });
});

describe("checking the direction of imports", () => {
  const graph = graphOf({
    "domain/plan.ts": 'import type { Region } from "../tenants/region";\nimport { Vnet } from "../components/vnet";\nimport type { Input } from "@pulumi/pulumi";',
    "domain/load.ts": 'import * as pulumi from "@pulumi/pulumi";',
    "tenants/region.ts": "export type Region = {};",
    "components/vnet.ts": 'import * as pulumi from "@pulumi/pulumi";\nexport class Vnet extends pulumi.ComponentResource {}',
    "components/cidr.ts": 'import { plan } from "../domain/plan";',
    "components/shared/tags.ts": "export interface Tags {}",
  });

  it("reports a forbidden edge as file:line → imported file, and leaves allowed ones alone", () => {
    const rule = { from: "domain/", forbidden: ["components/", "stacks/"] };
    expect(forbiddenImports(graph, rule).map(formatForbidden)).toEqual(["domain/plan.ts:2 → components/vnet.ts"]);
  });

  it("reports a runtime package import but allows import type", () => {
    expect(runtimePackageImports(graph, "domain/", /^@pulumi\//).map((e) => e.from)).toEqual(["domain/load.ts"]);
  });

  it("reports a file in a folder that loads no package of the kind the folder is for, apart from exempt folders", () => {
    expect(filesWithoutRuntimePackage(graph, "components/", /^@pulumi\//, ["components/shared/"])).toEqual(["components/cidr.ts"]);
  });
});
