import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { previewRegion } from "../../scripts/preview/run-preview";
import { attachmentTenant } from "../../scripts/preview/platform-scope";
import { diffRegion } from "../../scripts/report/diff";
import { readPreviewDir } from "../../scripts/commands/report";
import { loadRegion } from "../../tenants/validation/load-region";
import type { Region } from "../../tenants/region";
import { readPreview } from "../helpers/preview-fixture";
import { copyExampleRegion, type FixtureRegion } from "../helpers/region-fixture";

// The example region with the DR firewall on, so rule groups chain through two firewall policies.
describe("the platform stack previewed in parts", () => {
  let fixture: FixtureRegion;
  let region: Region;
  const dirs: string[] = [];
  const outDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-parts-"));
    dirs.push(dir);
    return dir;
  };
  const read = (dir: string, stack: string) => readPreview(path.join(dir, `${stack}.json`));
  const previewsIn = (dir: string) => {
    const result = readPreviewDir(dir);
    if (!result.ok) throw new Error(result.problems.join("\n"));
    return result.previews;
  };
  let whole: string;

  beforeAll(async () => {
    fixture = copyExampleRegion();
    fs.writeFileSync(fixture.platformFile, fs.readFileSync(fixture.platformFile, "utf8").replace("firewall: false", "firewall: true"));
    region = loadRegion({ tenantsDir: fixture.tenantsDir, platformFile: fixture.platformFile }).region!;
    whole = outDir();
    const result = await previewRegion(region, { outDir: whole, tenantsPerPlatformPart: 1000 });
    expect(result.platform.ok).toBe(true);
  });
  afterAll(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    fixture.remove();
  });

  it("writes the same platform file from three-tenant parts as from one worker, and cleans up the parts", async () => {
    const dir = outDir();
    const result = await previewRegion(region, { outDir: dir, tenantsPerPlatformPart: 3 });
    expect(result.platform).toMatchObject({ ok: true, resourceCount: read(whole, "platform").resources.length });
    expect(fs.readFileSync(path.join(dir, "platform.json"), "utf8")).toBe(fs.readFileSync(path.join(whole, "platform.json"), "utf8"));
    expect(fs.readdirSync(dir).filter((f) => f.startsWith("."))).toEqual([]);
    // Each rule group after the first waits for the one before it, across parts too.
    const groups = read(dir, "platform").resources.filter((r) => r.type === "azure-native:network:FirewallPolicyRuleCollectionGroup" && r.name.startsWith("hub-dr-firewall-rcg-"));
    const slugs = region.tenants.map((t) => t.spec.slug);
    for (let i = 1; i < slugs.length; i += 1) {
      const group = groups.find((g) => g.name === `hub-dr-firewall-rcg-${slugs[i]}`)!;
      expect(group.options.dependsOn.filter((urn) => urn.includes("-rcg-"))).toEqual([groups.find((g) => g.name === `hub-dr-firewall-rcg-${slugs[i - 1]}`)!.urn]);
    }
  });

  it("previews one tenant with the shared core and only that tenant's share of the hub", async () => {
    const dir = outDir();
    const result = await previewRegion(region, { outDir: dir, only: new Set(["senja"]), scopePlatform: true });
    expect(result.tenants.map((t) => [t.stack, t.ok])).toEqual([["senja", true]]);
    const scoped = read(dir, "platform");
    expect(scoped.scope).toEqual({ tenants: ["senja"], regionTenants: region.tenants.map((t) => t.spec.slug) });
    const tenantsIn = new Set(scoped.resources.map(attachmentTenant).filter(Boolean));
    expect([...tenantsIn]).toEqual(["senja"]);
    const full = read(whole, "platform");
    const core = full.resources.filter((r) => attachmentTenant(r) === undefined);
    expect(scoped.resources.filter((r) => attachmentTenant(r) === undefined)).toEqual(core);
    expect(scoped.resources.filter((r) => attachmentTenant(r) === "senja")).toEqual(full.resources.filter((r) => attachmentTenant(r) === "senja"));
    // Compared with a whole baseline, an unchanged tenant's check shows no change at all.
    const diffs = diffRegion(previewsIn(whole), previewsIn(dir));
    expect(diffs.map((d) => [d.stack, d.status])).toEqual([
      ["platform", "unchanged"],
      ["senja", "unchanged"],
    ]);
  });
});
