import * as fs from "node:fs";
import * as path from "node:path";
import { generatedSchemas, staleSchemas } from "../../scripts/commands/schema";
import { REPO_ROOT, SCHEMA_DIR } from "../../tenants/paths";

describe("committed JSON Schemas", () => {
  it("match what the zod schemas generate (run `npm run schema` when this fails)", () => {
    expect(staleSchemas()).toEqual([]);
  });

  it("are detected as stale when they differ", () => {
    const dir = fs.mkdtempSync(path.join(require("node:os").tmpdir(), "schema-"));
    for (const [file, text] of Object.entries(generatedSchemas())) fs.writeFileSync(path.join(dir, file), text);
    fs.writeFileSync(path.join(dir, "tenant.schema.json"), "{}\n");
    expect(staleSchemas(dir)).toEqual(["tenant.schema.json"]);
    fs.rmSync(dir, { recursive: true });
  });

  it("reject unknown keys, so editors flag misspellings", () => {
    const schema = JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, "tenant.schema.json"), "utf8"));
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(expect.arrayContaining(["slug", "kommunenummer", "organisasjonsnummer", "population"]));
  });

  it("are referenced from every tenant file and the platform file", () => {
    const tenants = fs.readdirSync(path.join(REPO_ROOT, "tenants")).filter((f) => f.endsWith(".yaml"));
    expect(tenants.length).toBeGreaterThan(0);
    for (const file of tenants) {
      expect(fs.readFileSync(path.join(REPO_ROOT, "tenants", file), "utf8")).toMatch(/^# yaml-language-server: \$schema=\.\/schema\/tenant\.schema\.json\n/);
    }
    expect(fs.readFileSync(path.join(REPO_ROOT, "platform.yaml"), "utf8")).toMatch(/^# yaml-language-server: \$schema=\.\/tenants\/schema\/platform\.schema\.json\n/);
  });
});
