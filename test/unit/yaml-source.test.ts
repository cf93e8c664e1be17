import { parseYamlSource, withPlainEnv } from "../../tenants/validation/yaml-source";

describe("parsing with a plain copy of process.env", () => {
  const KEY = "GRUNNMUR_TEST_PLAIN_ENV";
  afterEach(() => {
    delete process.env[KEY];
  });

  it("sees the same variables inside as outside", () => {
    process.env[KEY] = "set";
    expect(withPlainEnv(() => process.env[KEY])).toBe("set");
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

  it("leaves the parsed file as it was: value, positions and syntax errors", () => {
    const source = parseYamlSource("x.yaml", "slug: senja\nsites:\n  radhus:\n    prefixes: [10.0.0.0/24]\n");
    expect(source.value).toEqual({ slug: "senja", sites: { radhus: { prefixes: ["10.0.0.0/24"] } } });
    expect(source.lineCounter.linePos(source.doc.contents!.range![0])).toEqual({ line: 1, col: 1 });
    expect(parseYamlSource("x.yaml", "a: [1, 2\n").syntaxErrors.length).toBeGreaterThan(0);
  });
});
