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

  it("prints each wave's VMs, the resources they add, their monthly cost and backup storage", async () => {
    const run = await runCli(["plan-migration", "senja", "--start", "2027-01-01"]);
    expect(run.stdout).toContain("wave 1: 1 VM (ephorte-app), 11 resources, NOK 4 943 a month, backup storage 480 GB");
    expect(run.stdout).toMatch(/^wave 2: 3 VMs \(profil-app, profil-db, familia-app\), 32 resources, NOK \d{1,3}( \d{3})* a month, backup storage 528 GB$/m);
  });

  it("writes Markdown on request", async () => {
    const run = await runCli(["plan-migration", "senja", "--start", "2027-01-01", "--format", "markdown"]);
    expect(run.stdout).toContain("## Wave 1 (from 2027-01-01)");
    expect(run.stdout).toContain("1 VM (`ephorte-app`): 11 resources, NOK 4 943 a month, backup storage 480 GB.");
  });

  it("reports a system on the platform ahead of one it depends on that it cannot reach without a VPN site", async () => {
    const region = copyExampleRegion();
    try {
      // Bardu has no VPN site: its portal already runs on the platform, its archive is still in the local datacentre.
      const file = path.join(region.tenantsDir, "bardu.yaml");
      const systems = [
        "systems:",
        "  portal: { name: Innbyggerportal, vendor: Acos, runsOn: shared-platform, dependsOn: [archive] }",
        "  archive: { name: Arkiv, vendor: Sikri, runsOn: local-datacentre }",
        "",
      ].join("\n");
      fs.writeFileSync(file, `${fs.readFileSync(file, "utf8")}\n${systems}`);
      const run = await runCli(["plan-migration", "bardu", "--start", "2027-01-01", "--tenants", region.tenantsDir, "--platform", region.platformFile]);
      expect(run.stderr).toContain("1 problem: a system would run on the platform without reaching a system it depends on.");
      expect(run.stdout).toContain(
        "problem: portal already runs on the platform but depends on archive, which is still in the local datacentre (it moves in wave 1), and the tenant file has no VPN site, so the platform cannot reach it: add a site under sites, or move archive first",
      );
      expect(run.stdout).toContain("wave 1: no VMs on the platform (no systems.*.hosting)");
      expect(run.code).toBe(1);
    } finally {
      region.remove();
    }
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
