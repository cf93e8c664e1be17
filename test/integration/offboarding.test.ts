import * as fs from "node:fs";
import * as path from "node:path";
import { runCli } from "../helpers/cli";
import { copyExampleRegion, type FixtureRegion } from "../helpers/region-fixture";
import { previewFiles, type PreviewedRegion } from "../helpers/preview-fixture";

describe("the CI guard when a tenant file is removed", () => {
  let region: FixtureRegion;
  let baseline: PreviewedRegion;
  beforeAll(async () => {
    region = copyExampleRegion();
    baseline = await previewFiles(region.tenantsDir, region.platformFile, new Set(["gamvik"]));
  });
  afterAll(() => {
    baseline.remove();
    region.remove();
  });

  it("fails and names the protected resources that would be lost when the tenant was not marked as leaving", async () => {
    fs.rmSync(path.join(region.tenantsDir, "gamvik.yaml"));
    const current = await previewFiles(region.tenantsDir, region.platformFile, new Set());
    try {
      const run = await runCli(["report", "--baseline", baseline.outDir, "--current", current.outDir, "--platform", region.platformFile]);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain("> - gamvik: storage (storage:StorageAccount) would be deleted although it is protected");
      expect(run.stdout).toContain("> - gamvik: storage-share-felles (storage:FileShare) would be deleted although it is protected");
      expect(run.stdout).toContain("> - gamvik: backup-files-felles (recoveryservices:ProtectedItem) would be deleted although it is protected");
      // The platform loses only gamvik's firewall rules and VPN site, which hold no data.
      expect(run.stdout).not.toMatch(/> - platform:/);
    } finally {
      current.remove();
    }
  });
});
