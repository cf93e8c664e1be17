import * as fs from "node:fs";
import * as path from "node:path";
import { diagnosticAt, locate, parseYamlSource, withoutTree, withPlainEnv, YAML_ENV_SWITCHES } from "../../tenants/validation/yaml-source";

/** Every .js file under `dir`. */
function scripts(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? scripts(path.join(dir, e.name)) : e.name.endsWith(".js") ? [path.join(dir, e.name)] : []));
}

describe("parsing with a plain process.env", () => {
  const KEY = "GRUNNMUR_TEST_PLAIN_ENV";
  afterEach(() => {
    delete process.env[KEY];
    for (const name of YAML_ENV_SWITCHES) delete process.env[name];
  });

  it("holds the yaml package's debug switches as they are set", () => {
    process.env.LOG_STREAM = "1";
    expect(withPlainEnv(() => ({ ...process.env }))).toEqual({ LOG_STREAM: "1" });
  });

  it("names every variable the installed yaml package reads, so an upgrade that reads another is noticed", () => {
    const dist = path.dirname(require.resolve("yaml"));
    const read = new Set(scripts(dist).flatMap((file) => [...fs.readFileSync(file, "utf8").matchAll(/\benv\s*(?:\.\s*([A-Za-z_$][\w$]*)|\[)/g)].map((m) => m[1] ?? "(computed)")));
    expect([...read].sort()).toEqual([...YAML_ENV_SWITCHES].sort());
  });

  it("puts the real process.env back afterwards", () => {
    const real = process.env;
    withPlainEnv(() => undefined);
    expect(process.env).toBe(real);
  });

  it("puts the real process.env back when the parse throws", () => {
    const real = process.env;
    expect(() =>
      withPlainEnv(() => {
        throw new Error("parser fault");
      }),
    ).toThrow("parser fault");
    expect(process.env).toBe(real);
  });

  it("keeps a variable set inside out of the real process.env", () => {
    withPlainEnv(() => {
      process.env[KEY] = "inside";
    });
    expect(process.env[KEY]).toBeUndefined();
  });

  it("leaves the real process.env as it was", () => {
    process.env[KEY] = "outside";
    withPlainEnv(() => undefined);
    expect(process.env[KEY]).toBe("outside");
  });

  it("leaves the parsed file as it was: value, positions and syntax errors", () => {
    const source = parseYamlSource("x.yaml", "slug: senja\nsites:\n  radhus:\n    prefixes: [10.0.0.0/24]\n");
    expect(source.value).toEqual({ slug: "senja", sites: { radhus: { prefixes: ["10.0.0.0/24"] } } });
    expect(source.lineCounter.linePos(source.doc.contents!.range![0])).toEqual({ line: 1, col: 1 });
    expect(parseYamlSource("x.yaml", "a: [1, 2\n").syntaxErrors.length).toBeGreaterThan(0);
  });
});

describe("a source without its syntax tree", () => {
  const TEXT = "slug: senja\nsites:\n  radhus:\n    publicIp: 198.51.100.7\n    prefixes:\n      - 10.0.0.0/24\n      - 10.0.1.0/24\n";

  it.each<[string, Array<string | number>, "key" | "value"]>([
    ["a top-level value", ["slug"], "value"],
    ["a map's key", ["sites", "radhus"], "key"],
    ["a list item", ["sites", "radhus", "prefixes", 1], "value"],
    ["the nearest ancestor of a missing field", ["sites", "radhus", "vlan"], "value"],
  ])("points at %s where the full source does", (_label, path, at) => {
    const full = parseYamlSource("senja.yaml", TEXT);
    expect(locate(withoutTree(full, TEXT), path, at)).toEqual(locate(full, path, at));
  });

  it("keeps the file, the value and the diagnostics' text", () => {
    const full = parseYamlSource("senja.yaml", TEXT);
    const light = withoutTree(full, TEXT);
    expect([light.file, light.value, light.syntaxErrors]).toEqual([full.file, full.value, full.syntaxErrors]);
    expect(diagnosticAt(light, ["sites", "radhus", "publicIp"], "m")).toEqual({ file: "senja.yaml", line: 4, column: 15, path: ["sites", "radhus", "publicIp"], message: "m" });
  });

  it("parses the text again once, on the first position asked for", () => {
    const light = withoutTree(parseYamlSource("senja.yaml", TEXT), TEXT);
    const first = light.doc;
    expect(light.doc).toBe(first);
    expect(light.lineCounter.linePos(first.contents!.range![0])).toEqual({ line: 1, col: 1 });
  });
});
