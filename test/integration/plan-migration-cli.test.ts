import * as fs from "node:fs";
import * as path from "node:path";
import { runCli } from "../helpers/cli";
import { copyExampleRegion } from "../helpers/region-fixture";

describe("grunnmur plan-migration", () => {
  it("prints waves for an example tenant, with the SaaS systems apart", async () => {
    const run = await runCli(["plan-migration", "senja", "--start", "2027-01-01"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^wave 1\s+2027-01-01\s+ephorte/m);
    expect(run.stdout).toMatch(/^wave 2\s+2027-04-01\s+profil .*contract ends 2026-06-30, before wave 2 starts 2027-04-01/m);
    expect(run.stdout).toContain("stays: office365 (Microsoft 365): SaaS");
  });

  it("writes Markdown on request", async () => {
    const run = await runCli(["plan-migration", "senja", "--start", "2027-01-01", "--format", "markdown"]);
    expect(run.stdout).toContain("## Wave 1 (from 2027-01-01)");
  });

  it("rejects a dependency cycle by name", async () => {
    const region = copyExampleRegion();
    try {
      const file = path.join(region.tenantsDir, "senja.yaml");
      fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("    runsOn: saas\n  ephorte:", "    runsOn: saas\n    dependsOn: [profil]\n  ephorte:"));
      const run = await runCli(["plan-migration", "senja", "--tenants", region.tenantsDir, "--platform", region.platformFile]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/dependencies form a cycle: \w+ → \w+ → \w+/);
    } finally {
      region.remove();
    }
  });

  it("names the tenants when the slug is unknown", async () => {
    const run = await runCli(["plan-migration", "narvik"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no tenant "narvik"; tenants are alta, bardu');
  });
});
