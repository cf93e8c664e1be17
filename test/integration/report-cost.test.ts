/**
 * The report's cost is `grunnmur cost`'s: the same previews and tenant files give the same
 * region totals and the same municipality figures, whether the change was previewed whole
 * or scoped to the tenants it touches.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { formatNok, formatNokChange } from "../../domain/format/numbers";
import { runCli } from "../helpers/cli";
import { previewFiles, type PreviewedRegion } from "../helpers/preview-fixture";
import { copyExampleRegion, type FixtureRegion, type Json } from "../helpers/region-fixture";

interface CostJson {
  region: { monthly: number };
  members: Array<{ slug: string; displayName: string; ownMonthly: number; ownMonthlyByService: Record<string, number>; platformShareMonthly: number; totalMonthly: number }>;
}

async function cost(previews: string, region: FixtureRegion): Promise<CostJson> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-report-cost-"));
  try {
    const run = await runCli(["cost", "--previews", previews, "--tenants", region.tenantsDir, "--platform", region.platformFile, "--out", out, "--format", "json"]);
    expect(run.code).toBe(0);
    return JSON.parse(fs.readFileSync(path.join(out, "cost.json"), "utf8")) as CostJson;
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

describe("the report's cost against grunnmur cost", () => {
  let base: FixtureRegion;
  let changed: FixtureRegion;
  let basePreviews: PreviewedRegion;
  let whole: PreviewedRegion;
  let scoped: string;
  let before: CostJson;
  let after: CostJson;
  beforeAll(async () => {
    base = copyExampleRegion();
    changed = copyExampleRegion();
    // A new share with more backed-up data: storage, its backup instance and backup storage all grow.
    const file = path.join(changed.tenantsDir, "senja.yaml");
    const senja = parse(fs.readFileSync(file, "utf8")) as Json & { storage: { shares: Json }; backup: Json };
    senja.storage.shares.skole = { quotaGb: 300 };
    senja.backup.estimatedGb = 1400;
    fs.writeFileSync(file, stringify(senja));
    basePreviews = await previewFiles(base.tenantsDir, base.platformFile);
    whole = await previewFiles(changed.tenantsDir, changed.platformFile);
    // As the pull-request workflow previews: only the changed tenant, the platform scoped to it.
    scoped = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-scoped-"));
    const preview = await runCli(["preview", "--only", "senja", "--tenants", changed.tenantsDir, "--platform", changed.platformFile, "--out", scoped, "--jobs", "2"]);
    expect(preview.code).toBe(0);
    before = await cost(basePreviews.outDir, base);
    after = await cost(whole.outDir, changed);
  });
  afterAll(() => {
    for (const r of [basePreviews, whole]) r?.remove();
    if (scoped) fs.rmSync(scoped, { recursive: true, force: true });
    for (const r of [base, changed]) r?.remove();
  });

  const report = (current: string, withBaselineFiles = true) =>
    runCli([
      "report",
      "--baseline", basePreviews.outDir,
      "--current", current,
      "--tenants", changed.tenantsDir,
      "--platform", changed.platformFile,
      ...(withBaselineFiles ? ["--baseline-tenants", base.tenantsDir, "--baseline-platform", base.platformFile] : []),
    ]);

  it.each([
    ["previewed whole", () => whole.outDir],
    ["previewed scoped to senja", () => scoped],
  ])("gives the cost change of two grunnmur cost runs, %s", async (_how, dir) => {
    const run = await report(dir());
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const change = after.region.monthly - before.region.monthly;
    // Backup storage grows with the estimate: the change is more than the share's own storage.
    expect(change).toBeGreaterThan(0);
    expect(run.stdout).toContain(`| Cost change | ${formatNokChange(change)} a month (region ${formatNok(before.region.monthly)} → ${formatNok(after.region.monthly)}, as \`grunnmur cost\` prices it) |`);
    const senja = after.members.find((m) => m.slug === "senja")!;
    const senjaBefore = before.members.find((m) => m.slug === "senja")!;
    const hosting = senja.ownMonthlyByService.workloads ?? 0;
    expect(run.stdout).toContain(
      `| ${senja.displayName} (senja) | ${formatNok(senja.ownMonthly - hosting)} | ${formatNok(senja.platformShareMonthly)} | ${formatNok(hosting)} | ${formatNok(senja.totalMonthly)} | ${formatNok(senjaBefore.totalMonthly)} (${formatNokChange(senja.totalMonthly - senjaBefore.totalMonthly)}) |`,
    );
    // The stack count is the region's, scoped or not.
    expect(run.stdout).toMatch(/\| Stacks changed \| \d+ of 10 /);
  });

  it("shows the added share with its Azure name and quota", async () => {
    const run = await report(whole.outDir);
    expect(run.stdout).toMatch(/\| added \| [^|]*skole[^|]* \| storage:FileShare \| Azure name `skole`<br\/>quota: 300 GiB \|/);
  });

  it("says when it prices the baseline with this change's files", async () => {
    const run = await report(whole.outDir, false);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("The baseline is priced with this change's tenant files (no --baseline-tenants given)");
  });
});

describe("the report when the tenant files are not valid", () => {
  it("still writes the blocking lines, and says the cost is not priced instead of a figure", async () => {
    const region = copyExampleRegion();
    const current = await previewFiles(region.tenantsDir, region.platformFile);
    const baseline = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-invalid-"));
    try {
      fs.cpSync(current.outDir, baseline, { recursive: true });
      const file = path.join(current.outDir, "senja.json");
      const senja = JSON.parse(fs.readFileSync(file, "utf8"));
      senja.resources = senja.resources.filter((r: { type: string }) => r.type !== "azure-native:storage:StorageAccount");
      fs.writeFileSync(file, JSON.stringify(senja));
      fs.writeFileSync(path.join(region.tenantsDir, "senja.yaml"), "slug: senja\ncostCenter: 1\n");
      const run = await runCli(["report", "--baseline", baseline, "--current", current.outDir, "--tenants", region.tenantsDir, "--platform", region.platformFile]);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/> - senja: storage \(storage:StorageAccount\) would be deleted although it is protected/);
      expect(run.stdout).toMatch(/\| Cost change \| not priced: The tenant files of this change are not valid \(\d+ problems?; run grunnmur validate\) \|/);
      expect(run.stderr).toContain("senja.yaml");
    } finally {
      current.remove();
      region.remove();
      fs.rmSync(baseline, { recursive: true, force: true });
    }
  });
});
