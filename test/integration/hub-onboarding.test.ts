/**
 * Onboarding one municipality in a region of two hubs: a new Finnmark
 * municipality (Hasvik, 5616) on hub finnmark, without eduroam or waivers,
 * changes that hub's stack and its own stack, and nothing of the platform's:
 * no resource and no output. Whole previews before and after show it, and so
 * does the pull request's report over a scoped preview.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "../helpers/cli";
import { previewFiles, type PreviewedRegion } from "../helpers/preview-fixture";
import { copyExampleRegion, type FixtureRegion } from "../helpers/region-fixture";
import { diffRegion } from "../../scripts/report/diff";
import type { StackPreview } from "../../scripts/preview/preview-file";
import { hasvikFromGamvik as hasvik, readPreviewDir as readDir, withFinnmarkHub } from "../helpers/finnmark-region";
import { previewRegion } from "../../scripts/preview/run-preview";
import { loadRegion } from "../../tenants/validation/load-region";


describe("onboarding one municipality in a region of two hubs", () => {
  let base: FixtureRegion;
  let changed: FixtureRegion;
  let before: PreviewedRegion;
  let after: PreviewedRegion;
  let scoped: string;
  beforeAll(async () => {
    base = copyExampleRegion();
    changed = copyExampleRegion();
    for (const r of [base, changed]) fs.writeFileSync(r.platformFile, withFinnmarkHub(fs.readFileSync(r.platformFile, "utf8")));
    fs.writeFileSync(path.join(changed.tenantsDir, "hasvik.yaml"), hasvik(fs.readFileSync(path.join(changed.tenantsDir, "gamvik.yaml"), "utf8")));
    before = await previewFiles(base.tenantsDir, base.platformFile);
    after = await previewFiles(changed.tenantsDir, changed.platformFile);
    scoped = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-hub-onboarding-"));
    const run = await runCli(["preview", "--only", "hasvik", "--tenants", changed.tenantsDir, "--platform", changed.platformFile, "--out", scoped, "--jobs", "2"]);
    expect(run.code).toBe(0);
  }, 600_000);
  afterAll(() => {
    for (const r of [before, after]) r?.remove();
    if (scoped) fs.rmSync(scoped, { recursive: true, force: true });
    for (const r of [base, changed]) r?.remove();
  });

  const changedStacks = (current: Map<string, StackPreview>) => diffRegion(readDir(before.outDir), current).filter((d) => d.status !== "unchanged").map((d) => d.stack);

  it("changes only its hub's stack and its own, previewed whole", () => {
    expect(changedStacks(readDir(after.outDir))).toEqual(["hub-finnmark", "hasvik"]);
    // Not even an output of the platform's changes: its stack has nothing to update.
    expect(after.read("platform").outputs).toEqual(before.read("platform").outputs);
    expect(after.read("platform").resources).toEqual(before.read("platform").resources);
  });

  it("removes nothing but its own stack and its share of its hub's when a municipality leaves the region: nobody else moves or changes", async () => {
    const without = copyExampleRegion();
    let gone: PreviewedRegion | undefined;
    try {
      fs.writeFileSync(without.platformFile, withFinnmarkHub(fs.readFileSync(without.platformFile, "utf8")));
      fs.rmSync(path.join(without.tenantsDir, "gamvik.yaml"));
      gone = await previewFiles(without.tenantsDir, without.platformFile);
      const diffs = diffRegion(readDir(before.outDir), readDir(gone.outDir)).filter((d) => d.status !== "unchanged");
      expect(diffs.map((d) => [d.stack, d.status])).toEqual([["hub-finnmark", "changed"], ["gamvik", "removed"]]);
      const hub = diffs[0];
      expect(hub.changes.filter((c) => c.kind === "removed").every((c) => c.urn.includes("grunnmur:network:TenantAttachment") && /gamvik/.test(c.urn))).toBe(true);
      expect(hub.changes.filter((c) => c.kind !== "removed").map((c) => `${c.kind} ${c.name}`)).toEqual(["changed hub-finnmark-gateway", "changed hub-finnmark-radius", "changed hub-finnmark-shared"]);
      expect(gone.read("platform").outputs).toEqual(before.read("platform").outputs);
    } finally {
      gone?.remove();
      without.remove();
    }
  }, 300_000);

  it("adds its attachment to the hub's stack: its rule group, VPN site and connection", () => {
    const [hub] = diffRegion(readDir(before.outDir), readDir(after.outDir)).filter((d) => d.stack === "hub-finnmark");
    const added = hub.changes.filter((c) => c.kind === "added").map((c) => c.type);
    expect(added).toEqual(expect.arrayContaining(["azure-native:network:FirewallPolicyRuleCollectionGroup", "azure-native:network:LocalNetworkGateway", "azure-native:network:VirtualNetworkGatewayConnection"]));
    // Everything added is in its TenantAttachment; what else changes is the hub's route tables, which take a route to its spoke.
    const added2 = hub.changes.filter((c) => c.kind === "added");
    expect(added2.every((c) => c.urn.includes("grunnmur:network:TenantAttachment") && /hasvik/.test(c.urn))).toBe(true);
    const rest = hub.changes.filter((c) => c.kind !== "added").map((c) => `${c.kind} ${c.name}`);
    expect(rest).toEqual(["changed hub-finnmark-gateway", "changed hub-finnmark-radius", "changed hub-finnmark-shared"]);
    expect(after.read("hub-finnmark").outputs.tenants).toEqual(["alta", "gamvik", "hasvik"]);
  });

  it("previews only the platform's core, its hub's stack and its own stack in the pull request's check, and the report lists only the last two", async () => {
    expect(fs.readdirSync(scoped).filter((e) => e.endsWith(".json")).sort()).toEqual(["hasvik.json", "hub-finnmark.json", "platform.json"]);
    expect(changedStacks(readDir(scoped))).toEqual(["hub-finnmark", "hasvik"]);
    const report = await runCli([
      "report", "--baseline", before.outDir, "--current", scoped,
      "--tenants", changed.tenantsDir, "--platform", changed.platformFile,
      "--baseline-tenants", base.tenantsDir, "--baseline-platform", base.platformFile,
    ]);
    expect(report.code).toBe(0);
    expect(report.stdout).toMatch(/hub-finnmark/);
  });

  it("gives the same files when it takes the platform's preview from the base branch instead of running it", async () => {
    const region = loadRegion({ tenantsDir: changed.tenantsDir, platformFile: changed.platformFile }).region!;
    const reused = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-hub-reuse-"));
    try {
      const result = await previewRegion(region, { outDir: reused, only: new Set(["hasvik"]), scopePlatform: true, reusePlatform: before.read("platform"), concurrency: 2 });
      expect([result.platform, ...result.hubs, ...result.tenants].map((r) => [r.stack, r.ok])).toEqual([["platform", true], ["hub-finnmark", true], ["hasvik", true]]);
      const ran = readDir(scoped);
      const took = readDir(reused);
      for (const stack of ["platform", "hub-finnmark", "hasvik"]) {
        expect({ stack, resources: took.get(stack)!.resources, outputs: took.get(stack)!.outputs, scope: took.get(stack)!.scope }).toEqual({
          stack,
          resources: ran.get(stack)!.resources,
          outputs: ran.get(stack)!.outputs,
          scope: ran.get(stack)!.scope,
        });
      }
      expect(took.get("platform")!.generatedBy).toMatch(/taken from the base branch's preview/);
    } finally {
      fs.rmSync(reused, { recursive: true, force: true });
    }
  });

  it("refuses --platform-from without --changed-since", async () => {
    const run = await runCli(["preview", "--only", "hasvik", "--platform-from", before.outDir, "--tenants", changed.tenantsDir, "--platform", changed.platformFile, "--out", scoped]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/--platform-from goes with --changed-since/);
  });

  it.each<[string, () => string, RegExp]>([
    ["a folder without a platform preview", () => fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-no-platform-")), /--platform-from: there is no .*platform\.json; preview the base branch there first/],
    ["a platform preview of part of the region", () => scoped, /--platform-from: .*platform\.json covers part of the region only; preview the base branch whole/],
  ])("refuses --platform-from with %s, saying what to give instead", async (_what, dir, message) => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-platform-from-"));
    try {
      const run = await runCli(["preview", "--changed-since", "HEAD", "--platform-from", dir(), "--tenants", changed.tenantsDir, "--platform", changed.platformFile, "--out", out]);
      expect(run.code).not.toBe(0);
      expect(run.stderr).toMatch(message);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it("shows a move between hubs on both sides when the change's preview also runs the old hub's stack", async () => {
    const moved = copyExampleRegion();
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-hub-move-"));
    try {
      fs.writeFileSync(moved.platformFile, withFinnmarkHub(fs.readFileSync(moved.platformFile, "utf8")));
      const alta = path.join(moved.tenantsDir, "alta.yaml");
      fs.writeFileSync(alta, fs.readFileSync(alta, "utf8").replace("network:\n", "network:\n  hub: main\n"));
      const region = loadRegion({ tenantsDir: moved.tenantsDir, platformFile: moved.platformFile }).region!;
      // As grunnmur changed names them for this change: alta's old hub and its new one (the platform's).
      await previewRegion(region, { outDir: out, only: new Set(["alta"]), scopePlatform: true, extraHubStacks: new Set(["hub-finnmark"]), concurrency: 2 });
      const diffs = diffRegion(readDir(before.outDir), readDir(out)).filter((d) => d.status !== "unchanged");
      expect(diffs.map((d) => d.stack)).toEqual(["platform", "hub-finnmark", "alta"]);
      const kinds = (stack: string) => [...new Set(diffs.find((d) => d.stack === stack)!.changes.filter((c) => c.urn.includes("TenantAttachment")).map((c) => c.kind))];
      expect(kinds("platform")).toEqual(["added"]);
      expect(kinds("hub-finnmark")).toEqual(["removed"]);
      expect(diffs.find((d) => d.stack === "alta")!.changes.some((c) => c.blockingReason === "moves-hub")).toBe(true);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
      moved.remove();
    }
  }, 300_000);
});
