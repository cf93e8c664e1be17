import * as fs from "node:fs";
import * as path from "node:path";
import { runCli } from "../helpers/cli";
import { copyExampleRegion, fakeOrgnr, type FixtureRegion } from "../helpers/region-fixture";

describe("grunnmur onboard", () => {
  let region: FixtureRegion;
  beforeEach(() => {
    region = copyExampleRegion();
  });
  afterEach(() => region.remove());
  const files = () => ["--tenants", region.tenantsDir, "--platform", region.platformFile];

  it("writes a file that fails validation naming each unfilled value, and validates and previews once they are filled in", async () => {
    const run = await runCli(["onboard", "--name", "Lyngen kommune", "--kommunenummer", "5536", "--orgnr", fakeOrgnr(77), "--population", "2800", ...files()]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("lyngen.yaml (slug lyngen, address space 10.96.72.0/23). The rest of the region validates with it;");
    expect(run.stdout).toContain("registers its realm with Sikt");
    expect(run.stdout).toContain("risk assessment and an exit plan");
    const file = path.join(region.tenantsDir, "lyngen.yaml");
    const text = fs.readFileSync(file, "utf8");
    expect(text.startsWith("# yaml-language-server: $schema=./schema/tenant.schema.json")).toBe(true);

    // Unfinished, the file fails, and each value the municipality owes is named by field.
    const unfinished = await runCli(["validate", ...files()]);
    expect(unfinished.code).toBe(1);
    const named = unfinished.stderr.split("\n").filter((l) => l.includes("is not filled in yet"));
    expect(named.map((l) => l.replace(/^.*lyngen\.yaml:\d+:\d+ ([^:]+):.*$/, "$1")).sort()).toEqual(
      ["budget.alertRecipients[0]", "budget.monthlyNok", "contacts[0].email", "contacts[0].name", "costCentre", "storage.shares.felles", "systems"],
    );
    expect(unfinished.stderr).toMatch(/lyngen\.yaml:\d+:\d+ costCentre: is not filled in yet: "TODO: /);
    expect(unfinished.stderr).toContain('contacts[0].email: is not filled in yet: "it@lyngen.kommune.invalid" is a placeholder address');
    expect(run.stdout).toContain("these 7 values");
    expect(unfinished.stderr).toContain("7 of them are values the municipality has not filled in yet");

    // Filling in one value at a time: each fill removes exactly its own finding.
    const filled = text
      .replace(/"TODO: the municipality's cost centre[^"]*"/, '"1190"')
      .replace(/"TODO: the full name[^"]*"/, '"Kari Nordmann"')
      .replaceAll("it@lyngen.kommune.invalid", "it@lyngen.kommune.no")
      .replace(/ *# TODO:[^\n]*/g, "");
    expect(filled.split("\n").filter((l) => !l.startsWith("#")).join("\n")).not.toMatch(/TODO|\.invalid/);
    fs.writeFileSync(file, filled.replace('"1190"', '"TODO"'));
    const oneLeft = await runCli(["validate", ...files()]);
    expect(oneLeft.code).toBe(1);
    expect(oneLeft.stderr.split("\n").filter((l) => l.includes("is not filled in yet"))).toHaveLength(1);
    fs.writeFileSync(file, filled);
    const done = await runCli(["validate", ...files()]);
    expect(done.stderr).toBe("");
    expect(done.code).toBe(0);
    // The offline preview runs the policy pack and exits 1 on any mandatory violation.
    const out = path.join(region.dir, "preview");
    const preview = await runCli(["preview", "--only", "lyngen", "--out", out, ...files()]);
    expect(preview.stderr).toBe("");
    expect(preview.code).toBe(0);
    expect(preview.stdout).toMatch(/Policy check: 2 stacks, 0 mandatory/);
    expect(fs.existsSync(path.join(out, "lyngen.json"))).toBe(true);
  });

  it("with --email, writes that address and leaves five values to fill in", async () => {
    const run = await runCli(["onboard", "--name", "Lyngen kommune", "--kommunenummer", "5536", "--orgnr", fakeOrgnr(77), "--population", "2800", "--email", "it@lyngen.kommune.no", ...files()]);
    expect(run.code).toBe(0);
    const text = fs.readFileSync(path.join(region.tenantsDir, "lyngen.yaml"), "utf8");
    expect(text).toContain("email: it@lyngen.kommune.no");
    expect(text).not.toContain(".invalid");
    expect(run.stdout).toContain("these 5 values");
  });

  it("keeps nothing and explains when the identifiers are wrong", async () => {
    const run = await runCli(["onboard", "--name", "Lyngen kommune", "--kommunenummer", "5436", "--orgnr", "123456784", "--population", "many", ...files()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--kommunenummer: "5436" starts with county 54');
    expect(run.stderr).toContain("--orgnr: \"123456784\" has check digit 4, but MOD11 gives 5");
    expect(run.stderr).toContain('--population: "many" is not a whole number');
    expect(fs.existsSync(path.join(region.tenantsDir, "lyngen.yaml"))).toBe(false);
  });

  it("does not keep a file that would break the region (a duplicate kommunenummer)", async () => {
    const run = await runCli(["onboard", "--name", "Ny Senja kommune", "--kommunenummer", "5530", "--orgnr", fakeOrgnr(78), "--population", "100", ...files()]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("kommunenummer 5530 is already used by");
    expect(run.stderr).toContain("ny-senja.yaml was not kept");
    expect(fs.existsSync(path.join(region.tenantsDir, "ny-senja.yaml"))).toBe(false);
  });

  it("asks for the missing flags when no terminal is attached", async () => {
    const run = await runCli(["onboard", "--name", "Lyngen kommune", ...files()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("missing --kommunenummer, --orgnr, --population");
  });
});
