import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runInWorker, runPool } from "../../scripts/preview/pool";
import type { PreviewJob } from "../../scripts/preview/job";
import { OFFLINE_PLATFORM_STACK_NAME } from "../../scripts/preview/run-preview";
import { checkStackFile, policyJobFor } from "../../scripts/check/check-file";
import { readPreviewFile } from "../../scripts/preview/preview-file";
import { regionEnvironment } from "../../policies/core/environment";
import { loadRegion } from "../../tenants/validation/load-region";
import { DEFAULT_PLATFORM_FILE, DEFAULT_TENANTS_DIR } from "../../tenants/paths";

// A worker previews several stacks in turn (pool.ts). What it writes must not depend on
// which stacks it ran before, a failed stack must not break the next one, and the
// policies it runs must give the report `grunnmur check` gives for the same file.
describe("preview workers that take several stacks", () => {
  const region = loadRegion({ tenantsDir: DEFAULT_TENANTS_DIR, platformFile: DEFAULT_PLATFORM_FILE }).region!;
  const env = regionEnvironment(region, "2026-12-02");
  const slugs = ["senja", "nordreisa", "alta"];
  let dir: string;
  let platformOutputs: Record<string, unknown>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-reuse-"));
    const platform = await runInWorker({ kind: "platform", stack: "platform", input: { platform: region.platform, tenants: region.tenants, secretMode: "placeholder", today: "2026-12-02" }, outFile: path.join(dir, "platform.json") }, 60_000);
    expect(platform.ok).toBe(true);
    platformOutputs = platform.outputs!;
  });
  afterAll(() => {
    delete process.env.GRUNNMUR_STACKS_PER_WORKER;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const job = (slug: string, label: string, outputs = platformOutputs): PreviewJob => ({
    kind: "tenant",
    stack: slug,
    input: { platform: region.platform, tenant: region.tenants.find((t) => t.spec.slug === slug)!, platformStackName: OFFLINE_PLATFORM_STACK_NAME, secretMode: "placeholder", today: "2026-12-02" },
    platformOutputs: outputs,
    outFile: path.join(dir, `${label}-${slug}.json`),
    policy: policyJobFor(env, slug),
  });

  it("writes the same files whether each stack has its own process or one process takes them all", async () => {
    process.env.GRUNNMUR_STACKS_PER_WORKER = "1";
    const alone = await runPool(slugs.map((s) => job(s, "alone")), { concurrency: 1, timeoutMs: 60_000 });
    delete process.env.GRUNNMUR_STACKS_PER_WORKER;
    const shared = await runPool(slugs.map((s) => job(s, "shared")), { concurrency: 1, timeoutMs: 60_000 });

    expect(alone.map((r) => r.ok)).toEqual([true, true, true]);
    expect(shared.map((r) => r.ok)).toEqual([true, true, true]);
    expect(new Set(alone.map((r) => r.workerPid)).size).toBe(3);
    expect(new Set(shared.map((r) => r.workerPid)).size).toBe(1);
    for (const slug of slugs) {
      expect(fs.readFileSync(path.join(dir, `shared-${slug}.json`), "utf8")).toBe(fs.readFileSync(path.join(dir, `alone-${slug}.json`), "utf8"));
    }
  });

  it("gives the stack after a failed one a fresh worker, and previews it whole", async () => {
    // A platform without its outputs: the tenant's StackReference.requireOutput fails.
    const results = await runPool([job("senja", "ok1"), job("alta", "bad", {}), job("nordreisa", "after")], { concurrency: 1, timeoutMs: 60_000 });
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    expect(results[1].error).toMatch(/Required output '\w+' does not exist/);
    // The failed stack ran in the first stack's worker; the next stack got a new one.
    expect(results[1].workerPid).toBe(results[0].workerPid);
    expect(results[2].workerPid).not.toBe(results[1].workerPid);
    expect(fs.readFileSync(path.join(dir, "after-nordreisa.json"), "utf8")).toBe(fs.readFileSync(path.join(dir, "alone-nordreisa.json"), "utf8"));
  });

  it("records the policy report grunnmur check gives for the same file", async () => {
    const [result] = await runPool([job("nordreisa", "policy")], { concurrency: 1, timeoutMs: 60_000 });
    expect(result.ok).toBe(true);
    expect(result.policy).toBeDefined();
    const file = path.join(dir, "policy-nordreisa.json");
    const recorded = readPreviewFile(file);
    expect(recorded.ok && recorded.preview.policy).toMatchObject({ checkedOn: "2026-12-02", ...result.policy });
    const again = await checkStackFile(file, env, { record: true });
    expect(again.ok && again.report).toEqual(result.policy);
    // Nordreisa's file has waivers and VMs: the report is not trivially empty.
    expect(result.policy!.violations.length + result.policy!.waived.length).toBeGreaterThan(0);
  });

  it("checks the platform in its worker too, with the report grunnmur check gives", async () => {
    const file = path.join(dir, "policy-platform.json");
    const result = await runInWorker({ kind: "platform", stack: "platform", input: { platform: region.platform, tenants: region.tenants, secretMode: "placeholder", today: "2026-12-02" }, outFile: file, policy: policyJobFor(env, "platform") }, 60_000);
    expect(result.ok).toBe(true);
    expect(result.policy).toBeDefined();
    const again = await checkStackFile(file, env, { record: true });
    expect(again.ok && again.report).toEqual(result.policy);
  });
});
