/**
 * A pull request's check of a municipality on the primary hub runs the platform again (its
 * attachment is there) and may start the municipality's own stack beside it with the base
 * branch's platform outputs (previewRegion's basePlatformOutputs). The files must be those
 * of a run that waits for the platform: kept when the outputs match, run again when not.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { previewFiles, readPreview, type PreviewedRegion } from "../helpers/preview-fixture";
import { copyExampleRegion, type FixtureRegion } from "../helpers/region-fixture";
import { previewRegion, sameOutputs } from "../../scripts/preview/run-preview";
import { loadRegion } from "../../tenants/validation/load-region";

describe("the primary hub's tenants started beside the platform", () => {
  let base: PreviewedRegion;
  let changed: FixtureRegion;
  const dirs: string[] = [];
  const run = async (basePlatformOutputs?: Record<string, unknown>) => {
    const region = loadRegion({ tenantsDir: changed.tenantsDir, platformFile: changed.platformFile }).region!;
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-speculative-"));
    dirs.push(outDir);
    const result = await previewRegion(region, { outDir, only: new Set(["bardu"]), scopePlatform: true, basePlatformOutputs, concurrency: 2 });
    expect([result.platform, ...result.tenants].map((r) => [r.stack, r.ok])).toEqual([["platform", true], ["bardu", true]]);
    return (stack: string) => readPreview(path.join(outDir, `${stack}.json`));
  };
  beforeAll(async () => {
    base = await previewFiles(undefined, undefined, new Set(["bardu"]));
    changed = copyExampleRegion();
    // A bigger share: bardu's own stack and its attachment's alerts change, the platform's outputs do not.
    const file = path.join(changed.tenantsDir, "bardu.yaml");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(/quotaGb: (\d+)/, (_m, n) => `quotaGb: ${Number(n) + 10}`));
  }, 300_000);
  afterAll(() => {
    base?.remove();
    changed?.remove();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it("writes the same files with the base's outputs kept, with wrong ones run again, and waiting for the platform", async () => {
    const waited = await run();
    const kept = await run(base.read("platform").outputs);
    const wrong = await run({ ...base.read("platform").outputs, workspaceId: "/subscriptions/x/resourceGroups/y/providers/Microsoft.OperationalInsights/workspaces/elsewhere" });
    for (const read of [kept, wrong]) {
      for (const stack of ["platform", "bardu"]) {
        expect({ stack, resources: read(stack).resources, outputs: read(stack).outputs }).toEqual({ stack, resources: waited(stack).resources, outputs: waited(stack).outputs });
      }
    }
    // The wrong workspace would show in bardu's diagnostics had it been kept.
    expect(JSON.stringify(wrong("bardu").resources)).not.toContain("workspaces/elsewhere");
  }, 300_000);

  it("counts outputs alike whatever their key order and tenantCount, and not when a value differs", () => {
    expect(sameOutputs({ a: 1, b: { c: 2, d: [1, 2] }, tenantCount: 3 }, { b: { d: [1, 2], c: 2 }, a: 1, tenantCount: 4 })).toBe(true);
    expect(sameOutputs({ a: 1, b: { d: [1, 2] } }, { a: 1, b: { d: [2, 1] } })).toBe(false);
    expect(sameOutputs({ a: 1 }, undefined)).toBe(false);
  });
});
