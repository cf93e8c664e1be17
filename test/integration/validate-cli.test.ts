import * as fs from "node:fs";
import * as path from "node:path";
import { runCli } from "../helpers/cli";
import { copyExampleRegion, type FixtureRegion } from "../helpers/region-fixture";

/** The acceptance cases of the foundation issue, each applied to a copy of the example region. */
describe("grunnmur validate on the example region", () => {
  it("accepts the repository's own files and prints the address plan", async () => {
    const run = await runCli(["validate"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/senja\s+5530\s+10\.96\.60\.0\/23\s+allocated\s+general 10\.96\.60\.0\/24, secure 10\.96\.61\.0\/26/);
    expect(run.stdout).toContain("Valid: platform file and 9 tenant files.");
  });

  let region: FixtureRegion;
  beforeEach(() => {
    region = copyExampleRegion();
  });
  afterEach(() => region.remove());

  const edit = (file: string, change: (text: string) => string) => {
    const full = path.join(region.tenantsDir, file);
    fs.writeFileSync(full, change(fs.readFileSync(full, "utf8")));
  };
  const validate = () => runCli(["validate", "--tenants", region.tenantsDir, "--platform", region.platformFile]);

  it.each<[string, () => void, RegExp]>([
    ["a YAML syntax error", () => edit("senja.yaml", (t) => t.replace("services: [storage,", "services: [storage,,\n  ]]")), /senja\.yaml:\d+:\d+ YAML syntax error/],
    ["a misspelt key", () => edit("bardu.yaml", (t) => t.replace("costCentre:", "costCenter:")), /bardu\.yaml:\d+:\d+ costCenter: unknown field "costCenter"; did you mean "costCentre"\?/],
    ["a bad orgnr check digit", () => edit("alta.yaml", (t) => t.replace('"910000039"', '"910000038"')), /alta\.yaml:7:22 organisasjonsnummer: "910000038" has check digit 8, but MOD11 gives 9/],
    [
      "a duplicate of another tenant's file under a new name",
      () => fs.copyFileSync(path.join(region.tenantsDir, "gamvik.yaml"), path.join(region.tenantsDir, "gamvik-kopi.yaml")),
      /gamvik-kopi\.yaml:\d+:\d+ kommunenummer: kommunenummer 5626 is already used by .*gamvik\.yaml/,
    ],
    [
      "an overlapping address space",
      () => edit("bardu.yaml", (t) => t.replace("services: [storage, backup]", "services: [storage, backup]\nnetwork:\n  addressSpace: 10.96.60.0/23")),
      /bardu\.yaml:\d+:\d+ network\.addressSpace: the address space 10\.96\.60\.0\/23 overlaps the spoke of senja/,
    ],
    ["an empty file", () => fs.writeFileSync(path.join(region.tenantsDir, "tom.yaml"), ""), /tom\.yaml the file is empty/],
  ])("exits 1 and names the file and field for %s", async (_label, corrupt, expected) => {
    expect((await validate()).code).toBe(0);
    corrupt();
    const run = await validate();
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(expected);
    expect(run.stderr).toMatch(/\d+ problems? in \d+ files?; nothing was changed\./);
  });

  it("explains an unknown option instead of ignoring it", async () => {
    const run = await runCli(["validate", "--tenant", "x"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Unknown option '--tenant'");
  });

  it("says where the platform file should be when it is missing", async () => {
    const run = await runCli(["validate", "--tenants", region.tenantsDir, "--platform", path.join(region.dir, "nope.yaml")]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("nope.yaml does not exist; pass --platform FILE with the host's platform file");
  });

  it("has --help on every subcommand", async () => {
    for (const command of ["validate", "preview", "schema"]) {
      const run = await runCli([command, "--help"]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Usage: grunnmur ${command}`);
    }
  });
});
