/**
 * Hostile files (issue 14, class 7): whatever a pull request puts in tenants/,
 * validation ends in diagnostics that name the file, never in a stack trace, a
 * hang or a crash. Each attack asserts the exact diagnostics. No test measures
 * time; the limits that keep time bounded are asserted as structure instead (a
 * 75,000-key file is refused by its size before the parser sees it).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { execFileSync } from "node:child_process";
import { loadCommandRegion } from "../../scripts/region";
import { formatDiagnostic } from "../../tenants/validation/diagnostic";
import { MAX_FILE_BYTES } from "../../tenants/validation/file-limits";
import { MAX_ALIASES, MAX_DEPTH, MAX_NODES, MAX_SCALAR_CHARS } from "../../tenants/validation/yaml-limits";
import { runCli } from "../helpers/cli";
import { basePlatform, baseTenant, copyExampleRegion, makeRegion, type FixtureRegion } from "../helpers/region-fixture";
import { stringify } from "yaml";

/** The diagnostics for a region whose tenants folder holds these entries (besides nothing else), with the folder shown as tenants/. */
function problemsWith(entries: Record<string, string | Buffer>, platform?: string | Buffer): string[] {
  const region = makeRegion({});
  try {
    for (const [name, content] of Object.entries(entries)) fs.writeFileSync(path.join(region.tenantsDir, name), content);
    if (platform !== undefined) fs.writeFileSync(region.platformFile, platform);
    return shown(region);
  } finally {
    region.remove();
  }
}

function shown(region: FixtureRegion): string[] {
  const load = loadCommandRegion({ tenantsDir: region.tenantsDir, platformFile: region.platformFile });
  return load.diagnostics.map((d) => formatDiagnostic(d).split(`${region.tenantsDir}${path.sep}`).join("tenants/").split(region.platformFile).join("platform.yaml"));
}

const keys = (count: number) => Array.from({ length: count }, (_, i) => `k${i}: 1`).join("\n");

describe("the limits are named and far above what real files need", () => {
  it("keeps the example files far inside every limit", () => {
    expect([MAX_FILE_BYTES, MAX_NODES, MAX_DEPTH, MAX_ALIASES, MAX_SCALAR_CHARS]).toEqual([65536, 5000, 16, 20, 4096]);
    const root = path.join(__dirname, "../../..");
    const files = [path.join(root, "platform.yaml"), ...fs.readdirSync(path.join(root, "tenants")).filter((f) => f.endsWith(".yaml")).map((f) => path.join(root, "tenants", f))];
    // A municipality's file stays under a tenth of the limit. The platform file carries the
    // region's shared settings and registrations (subscriptions, approvals, prices, VM sizes),
    // which grow with the region, so it gets a quarter.
    for (const file of files) expect([path.basename(file), fs.statSync(file).size < MAX_FILE_BYTES / (file.endsWith("platform.yaml") ? 4 : 10)]).toEqual([path.basename(file), true]);
  });
});

describe("size, keys, aliases and nesting", () => {
  it("refuses 75,000 keys by the file's size, before the parser sees them (they took minutes to parse)", () => {
    expect(problemsWith({ "x.yaml": keys(75_000) })).toEqual([
      "tenants/x.yaml is 738,889 bytes; a file may be at most 65,536 bytes (64 KiB), far more than a municipality's file needs, so remove what does not belong",
    ]);
  });

  it("refuses more keys than the limit in a file small enough to read", () => {
    const text = keys(6_000);
    expect(Buffer.byteLength(text)).toBeLessThan(MAX_FILE_BYTES);
    expect(problemsWith({ "x.yaml": text })).toEqual([
      "tenants/x.yaml:1:1 brings the file to more than 5,000 keys and list items, the most a file may hold; a municipality's file needs a few hundred",
    ]);
  });

  it("refuses an alias bomb (nine aliases, nine levels deep) at the first alias over the limit", () => {
    const levels = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    const bomb = levels.map((name, i) => `${name}: &${name} [${i === 0 ? Array(9).fill('"lol"').join(", ") : Array(9).fill(`*${levels[i - 1]}`).join(", ")}]`).join("\n");
    expect(problemsWith({ "x.yaml": bomb })).toEqual([
      "tenants/x.yaml:4:16 d[2]: is alias number 21; a file may use at most 20 aliases (*name), so write the values out",
    ]);
  });

  it("refuses few aliases that expand to many copies", () => {
    const bomb = ["a: &a [x, x, x, x, x]", "b: &b [*a, *a, *a, *a, *a]", "c: &c [*b, *b, *b, *b, *b]", "d: &d [*c, *c, *c, *c, *c]"].join("\n");
    expect(problemsWith({ "x.yaml": bomb })).toEqual(["tenants/x.yaml:1:1 its aliases (*name) expand to more than 100 copies of their anchors' values; write the values out"]);
  });

  it("refuses nesting deeper than the limit", () => {
    const text = Array.from({ length: 20 }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n") + " 1\n";
    expect(problemsWith({ "x.yaml": text })).toEqual([
      "tenants/x.yaml:17:17 k0.k1.k2.k3.k4.k5.k6.k7.k8.k9.k10.k11.k12.k13.k14.k15: nests deeper than 16 levels; no field of the schema is nested so deep",
    ]);
  });

  it("refuses nesting so deep the parser runs out of stack, as a diagnostic", () => {
    const text = `${"[".repeat(30_000)}${"]".repeat(30_000)}`;
    const found = problemsWith({ "x.yaml": text });
    // The column is where the parser's stack ran out, which depends on the stack Node was given.
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^tenants\/x\.yaml:1:\d+ nests too deep to read; no field of the schema is nested more than 16 levels$/);
  });

  it("refuses a huge value", () => {
    expect(problemsWith({ "x.yaml": `slug: ${"a".repeat(60_000)}\n` })).toEqual(["tenants/x.yaml:1:7 slug: is 60,000 characters long; a value may be at most 4,096"]);
  });

  it("shows ten YAML errors of a garbage file and counts the rest", () => {
    const found = problemsWith({ "x.yaml": "]\n".repeat(200) });
    expect(found).toHaveLength(11);
    expect(found[0]).toBe('tenants/x.yaml:1:1 YAML syntax error: Unexpected flow-seq-end token in YAML document: "]"');
    expect(found[10]).toBe("tenants/x.yaml:11:1 and 190 more YAML errors after this point; fix the ones above first");
  });
});

describe("YAML features a tenant file does not need", () => {
  it.each<[string, string, string]>([
    ["a JavaScript function tag", "slug: !!js/function 'function () {}'\n", "tenants/x.yaml:1:21 slug: uses the YAML tag !!js/function; tags can turn text into other types and objects, and no field needs one, so remove it"],
    ["a binary tag", "slug: !!binary aGVsbG8=\n", "tenants/x.yaml:1:16 slug: uses the YAML tag !!binary; tags can turn text into other types and objects, and no field needs one, so remove it"],
    ["a set tag on a map", "services: !!set { storage }\n", "tenants/x.yaml:1:17 services: uses the YAML tag !!set; tags can turn text into other types and objects, and no field needs one, so remove it"],
    ["a custom tag", "slug: !vault senja\n", "tenants/x.yaml:1:14 slug: uses the YAML tag !vault; tags can turn text into other types and objects, and no field needs one, so remove it"],
    ["a verbatim tag", "slug: !<tag:yaml.org,2002:js/regexp> /x/\n", "tenants/x.yaml:1:38 slug: uses the YAML tag !!js/regexp; tags can turn text into other types and objects, and no field needs one, so remove it"],
  ])("refuses %s", (_label, text, expected) => {
    expect(problemsWith({ "x.yaml": text })).toEqual([expected]);
  });

  it.each<[string, string, string]>([
    ["a key written twice", "slug: alta\nslug: senja\n", "tenants/x.yaml:2:1 slug: is written twice in this map (first on line 1); YAML would keep only the last, so keep one"],
    ["a number key and a text key that are one key", "1: a\n'1': b\n", "tenants/x.yaml:2:1 1: is written twice in this map (first on line 1); YAML would keep only the last, so keep one"],
    ["a key that is a list", "? [slug]\n: alta\n", "tenants/x.yaml:1:3 has a key that is not plain text (a list, map, alias or tagged value); write each key as a plain name"],
    ["a second document", "slug: alta\n---\nslug: senja\n", 'tenants/x.yaml:2:1 holds more than one YAML document (a second "---" line); a file is one document'],
    [
      "a YAML 1.1 directive, which turns yes into true and enables merge keys",
      "%YAML 1.1\n---\nslug: alta\n",
      'tenants/x.yaml:1:1 the %YAML 1.1 directive is not allowed: YAML 1.1 reads yes/no as true/false and merges "<<" keys; remove it (the file is read as YAML 1.2)',
    ],
  ])("refuses %s", (_label, text, expected) => {
    expect(problemsWith({ "x.yaml": text })).toEqual([expected]);
  });
});

describe("bytes that are not plain UTF-8 text", () => {
  it.each<[string, string | Buffer, string]>([
    ["Latin-1 text, naming the line", Buffer.from("slug: alta\ndisplayName: Troms\xf8 kommune\n", "latin1"), "tenants/x.yaml:2:19 byte 0xf8 is not UTF-8; a tenant file is UTF-8 text, so save it as UTF-8 (or remove binary content)"],
    ["binary garbage (a PNG header)", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), "tenants/x.yaml:1:1 byte 0x89 is not UTF-8; a tenant file is UTF-8 text, so save it as UTF-8 (or remove binary content)"],
    ["UTF-16 text", Buffer.from("\ufeffslug: alta\n", "utf16le"), "tenants/x.yaml:1:1 is UTF-16 text; save it as UTF-8"],
    ["an overlong UTF-8 encoding of /", Buffer.from([0x73, 0x3a, 0x20, 0xc0, 0xaf]), "tenants/x.yaml:1:4 byte 0xc0 is not UTF-8; a tenant file is UTF-8 text, so save it as UTF-8 (or remove binary content)"],
    ["a NUL byte", "slug: se\u0000nja\n", "tenants/x.yaml:1:9 holds U+0000, a control character; remove it"],
    ["a bidirectional override that hides text from review", "slug: alta # \u202e comment\n", "tenants/x.yaml:1:14 holds U+202E, a bidirectional text control, which makes the text show in another order than it is read; remove it"],
  ])("refuses %s", (_label, content, expected) => {
    expect(problemsWith({ "x.yaml": content })).toEqual([expected]);
  });
});

describe("what lives in the tenants folder", () => {
  it("reports every entry that looks like a tenant file but is not read, whatever its case", () => {
    const region = makeRegion({});
    try {
      const t = region.tenantsDir;
      fs.writeFileSync(path.join(t, "Lyngen.YAML"), "");
      fs.writeFileSync(path.join(t, "lyngen.yml"), "");
      fs.writeFileSync(path.join(t, "lyngen.yaml.orig"), "");
      fs.writeFileSync(path.join(region.dir, "secret.txt"), "not a tenant\n");
      fs.symlinkSync(path.join(region.dir, "secret.txt"), path.join(t, "link.yaml"));
      fs.mkdirSync(path.join(t, "folder.yaml"));
      execFileSync("mkfifo", [path.join(t, "pipe.yaml")]);
      expect(shown(region)).toEqual([
        "tenants/folder.yaml is a folder, not a tenant file; tenant files are <slug>.yaml files directly in the tenants folder",
        "tenants/link.yaml is a symbolic link; a tenant file must be a regular file in the tenants folder (a link could point anywhere), so replace the link with the file itself",
        "tenants/Lyngen.YAML tenant files end in .yaml; rename it to Lyngen.yaml",
        "tenants/lyngen.yaml.orig is not read: tenant files end in .yaml, and this looks like a copy of one; remove it, or rename it to lyngen.yaml if it is a tenant file",
        "tenants/lyngen.yml tenant files end in .yaml; rename it to lyngen.yaml",
        "tenants/pipe.yaml is not a regular file (a pipe, socket or device); a tenant file is a plain text file",
      ]);
    } finally {
      region.remove();
    }
  });

  it("ignores the repository's own README.md, schema/, validation/ and TypeScript files", () => {
    const region = copyExampleRegion();
    try {
      for (const entry of ["README.md", "schema", "validation", "paths.ts"]) expect(fs.existsSync(path.join(region.tenantsDir, entry))).toBe(true);
      expect(shown(region)).toEqual([]);
    } finally {
      region.remove();
    }
  });

  it("applies the same limits to the platform file", () => {
    const platform = `${stringify(basePlatform())}extra: &x [*y]\n`;
    expect(problemsWith({ "alta.yaml": stringify(baseTenant("alta", "5601", 1)) }, platform)).toEqual(["platform.yaml:37:12 extra[0]: is the alias *y, but no anchor &y is written before it; write the value out or set the anchor first"]);
    expect(problemsWith({}, Buffer.concat([Buffer.from("host:\n"), Buffer.from([0xff])]))).toEqual([
      "platform.yaml:2:1 byte 0xff is not UTF-8; a tenant file is UTF-8 text, so save it as UTF-8 (or remove binary content)",
    ]);
  });
});

describe("grunnmur validate on a folder of hostile files", () => {
  it("exits 1 with a diagnostic per file and no stack trace", async () => {
    const region = copyExampleRegion();
    try {
      const hostile: Record<string, string | Buffer> = {
        "bomb.yaml": ["a: &a [x, x, x, x, x]", "b: &b [*a, *a, *a, *a, *a]", "c: &c [*b, *b, *b, *b, *b]", "d: &d [*c, *c, *c, *c, *c]"].join("\n"),
        "deep.yaml": `${"[".repeat(30_000)}${"]".repeat(30_000)}`,
        "big.yaml": keys(75_000),
        "binary.yaml": Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)),
        "tags.yaml": "slug: !!js/function 'function () { return process.exit(3) }'\n",
        "garbage.yaml": "{[}]\n".repeat(500),
      };
      for (const [name, content] of Object.entries(hostile)) fs.writeFileSync(path.join(region.tenantsDir, name), content);
      const run = await runCli(["validate", "--tenants", region.tenantsDir, "--platform", region.platformFile]);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe("");
      expect(run.stderr).not.toMatch(/^\s+at /m);
      const files = new Set(run.stderr.split("\n").filter((l) => l.startsWith(region.tenantsDir)).map((l) => path.basename(l.split(/[: ]/)[0])));
      expect([...files].sort()).toEqual(Object.keys(hostile).sort());
      expect(run.stderr).toMatch(/\n\d+ problems in 6 files; nothing was changed\.$/);
    } finally {
      region.remove();
    }
  });
});
