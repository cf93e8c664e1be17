/**
 * `grunnmur changed` leaves out of the deploy lists a tenant whose departure is
 * due: grunnmur offboard takes its stack down, and a deploy after that would
 * build it again.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { runCli } from "../helpers/cli";
import { copyExampleRegion, type FixtureRegion, type Json } from "../helpers/region-fixture";

function withGamvikLeaving(dataExportedTo: string | undefined): FixtureRegion {
  const region = copyExampleRegion();
  const file = path.join(region.tenantsDir, "gamvik.yaml");
  const offboarding = { leaving: true, since: "2026-11-01", reason: "The council joined another IT cooperation", ...(dataExportedTo ? { dataExportedTo } : {}) };
  fs.writeFileSync(file, stringify({ ...(parse(fs.readFileSync(file, "utf8")) as Json), offboarding }));
  fs.writeFileSync(
    region.platformFile,
    fs.readFileSync(region.platformFile, "utf8").replace(/^offboarding: \{\}\n/m, 'offboarding:\n  gamvik: { approved: 2026-10-01, by: "Kari Nordmann, regional IT lead" }\n'),
  );
  return region;
}

async function changedAll(region: FixtureRegion): Promise<Json> {
  const run = await runCli(["changed", "--all", "--tenants", region.tenantsDir, "--platform", region.platformFile]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Json;
}

describe("grunnmur changed", () => {
  it("deploys every tenant of the example region, and no hub stack: its one hub is the platform's", async () => {
    const region = copyExampleRegion();
    try {
      const result = await changedAll(region);
      expect(result.tenants).toContain("gamvik");
      expect(result.offboarding).toEqual([]);
      expect(result.hubs).toEqual([]);
    } finally {
      region.remove();
    }
  });

  it("deploys every hub stack of a region of several hubs, in order", async () => {
    const region = copyExampleRegion();
    try {
      const platform = fs.readFileSync(region.platformFile, "utf8");
      expect(platform).toMatch(/^  drHub:$/m);
      fs.writeFileSync(region.platformFile, platform.replace(/^  drHub:$/m, '  hubs:\n    vest: { addressSpace: 10.95.12.0/22, counties: ["46"] }\n    nord: { addressSpace: 10.95.8.0/22, counties: ["56"] }\n  drHub:'));
      const result = await changedAll(region);
      expect(result.hubs).toEqual(["hub-nord", "hub-vest"]);
      expect(result.platform).toBe(true);
    } finally {
      region.remove();
    }
  });

  it("leaves out a tenant whose approved departure is due and whose data is exported", async () => {
    const region = withGamvikLeaving("Archive delivered to IKA Troms, 2026-11-15");
    try {
      const result = await changedAll(region);
      expect(result.offboarding).toEqual(["gamvik"]);
      expect(result.tenants).not.toContain("gamvik");
      expect((result.batches as string[]).join(" ")).not.toContain("gamvik");
      expect(result.tenants).toContain("senja");
    } finally {
      region.remove();
    }
  });

  it("still deploys a leaving tenant whose data is not exported yet", async () => {
    const region = withGamvikLeaving(undefined);
    try {
      const result = await changedAll(region);
      expect(result.offboarding).toEqual([]);
      expect(result.tenants).toContain("gamvik");
    } finally {
      region.remove();
    }
  });
});
