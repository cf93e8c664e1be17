/**
 * `npm run bench`: validation, full preview with policies, and a single-tenant
 * check on synthetic regions of 5, 39 and 357 municipalities; prints the figures,
 * the targets met or missed, and per size the region preflight's summary (how
 * close each hub and subscription is to Azure's limits, and which it passes, so it
 * shows at which size the design runs out), and writes them to out/bench/bench.json.
 * A script, not a test: timings on a shared machine are facts to read, not to assert.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEFAULT_PLATFORM_FILE } from "../../tenants/paths";
import { loadCommandRegion } from "../region";
import { PREVIEW_TIMEOUT_MS, previewRegion, workersToPrestart } from "../preview/run-preview";
import { WorkerPool } from "../preview/pool";
import { regionEnvironment } from "../../policies/core/environment";
import { policyReportsOf } from "../check/check-file";
import { renderTable } from "../table";
import { writeSyntheticRegion } from "./synthetic-region";
import { checkRegionFiles } from "../check/check-region";
import { summariseRegionCheck } from "../../domain/preflight";
import { readPreviewFile, type StackPreview } from "../preview/preview-file";
import { HUB_MAIN, hubOf } from "../../domain/network/hub-placement";
import { platformReadsTenant } from "../../domain/azure/platform-reads-tenant";

interface Figures {
  municipalities: number;
  validateSeconds: number;
  fullPreviewSeconds: number;
  /** Of the full preview: stacks in workers (tenant stacks with their policies), then the platform's policies in the main process. */
  previewSeconds: number;
  policySeconds: number;
  /** CPU the workers spent, summed: what the preview costs, however busy the machine is. */
  workerCpuSeconds: number;
  /** A tenant on another hub whose file the platform does not read: its hub's part and its own stack. Undefined in a region of one hub. */
  singleTenantCheckSeconds: number | undefined;
  singleTenant: string | undefined;
  /** A tenant on the primary hub: the platform's core and its attachment, and its own stack. */
  primaryTenantCheckSeconds: number | undefined;
  primaryTenant: string | undefined;
  resources: number;
  peakWorkerRssMb: number;
  mainRssMb: number;
  failedStacks: number;
  /** Stacks in the full preview: the platform, the hub stacks and the tenants. */
  stacks: number;
  mandatoryViolations: number;
  regionPreflight: {
    seconds: number;
    findings: number;
    /** The limits the region passes, as the findings say. */
    exceeded: string[];
    summary: string[];
  };
}

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;

async function previewWithPolicies(tenantsDir: string, platformFile: string, outDir: string, only?: Set<string>, reusePlatform?: StackPreview) {
  // As `grunnmur preview` runs it: the workers start while the files are validated, the first
  // loading the program of the first stack (a hub's when the base's platform preview stands in).
  const jobs = os.availableParallelism();
  const pool = new WorkerPool({ concurrency: jobs, timeoutMs: PREVIEW_TIMEOUT_MS });
  pool.prestart(1, reusePlatform ? "hub" : "platform");
  pool.prestart(workersToPrestart(jobs, { only }));
  try {
    return await previewIn(pool, tenantsDir, platformFile, outDir, only, reusePlatform);
  } finally {
    pool.close();
  }
}

async function previewIn(pool: WorkerPool, tenantsDir: string, platformFile: string, outDir: string, only?: Set<string>, reusePlatform?: StackPreview) {
  const load = loadCommandRegion({ tenantsDir, platformFile });
  if (!load.region) throw new Error(`synthetic region invalid: ${load.diagnostics.slice(0, 3).map((d) => `${d.file} ${d.path.join(".")}: ${d.message}`).join("; ")}`);
  const started = process.hrtime.bigint();
  const env = regionEnvironment(load.region);
  // As `grunnmur preview` runs it: tenant stacks' policies in their workers, the platform's here.
  const result = await previewRegion(load.region, { outDir, only, scopePlatform: only !== undefined, policies: { env }, reusePlatform, pool });
  const previewSeconds = seconds(started);
  const all = [result.platform, ...result.hubs, ...result.tenants];
  const reports = await policyReportsOf(all, outDir, env);
  if (!reports.ok) throw new Error(`policy check could not read the previews: ${reports.problems.slice(0, 3).join("; ")}`);
  const mandatory = reports.checked.reduce((n, c) => n + c.report.summary.mandatory, 0);
  const cpuSeconds = all.reduce((n, r) => n + (r.cpuMs ?? 0), 0) / 1000;
  return { all, mandatory, previewSeconds, policySeconds: seconds(started) - previewSeconds, cpuSeconds, limits: load.region.platform.limits };
}

/** The region preflight over a full preview's files, as `grunnmur preview` runs it. */
function regionPreflight(outDir: string, stacks: readonly string[], limits: Readonly<Record<string, number>> | undefined): Figures["regionPreflight"] {
  const started = process.hrtime.bigint();
  const region = checkRegionFiles(outDir, stacks, limits);
  const took = seconds(started);
  if (!region.ok) throw new Error(`region preflight could not read the previews: ${region.problems.slice(0, 3).join("; ")}`);
  return {
    seconds: took,
    findings: region.check.findings.length,
    exceeded: [...new Set(region.check.findings.filter((f) => f.value !== "").map((f) => `${f.rule} ${f.message.split(";")[0]}`))],
    summary: summariseRegionCheck(region.check),
  };
}

async function measure(count: number): Promise<Figures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `grunnmur-bench-${count}-`));
  try {
    const { tenantsDir, platformFile, slugs } = writeSyntheticRegion(dir, count, DEFAULT_PLATFORM_FILE);
    let t = process.hrtime.bigint();
    const load = loadCommandRegion({ tenantsDir, platformFile });
    const validateSeconds = Number(process.hrtime.bigint() - t) / 1e9;
    if (!load.region) throw new Error(`synthetic region invalid: ${load.diagnostics[0]?.message}`);

    process.stderr.write(`  ${count}: full preview of the platform, its hub stacks and ${count} tenant stacks...\n`);
    t = process.hrtime.bigint();
    const full = await previewWithPolicies(tenantsDir, platformFile, path.join(dir, "full"));
    const fullPreviewSeconds = Number(process.hrtime.bigint() - t) / 1e9;
    const ok = full.all.filter((r) => r.ok).map((r) => r.stack);
    const region = regionPreflight(path.join(dir, "full"), ok, full.limits);

    // What one onboarding PR costs, as the pull-request workflow runs it: validate the region, preview
    // the tenant's hub's part and its own stack with their policies. On another hub, for a file the
    // platform does not read, the platform's preview is the base branch's (--platform-from); on the
    // primary hub the platform runs its core and that tenant's attachment.
    const platform = load.region.platform;
    const middle = <T>(list: readonly T[]) => list[Math.floor(list.length / 2)];
    const elsewhere = middle(load.region.tenants.filter((t) => hubOf(platform, t.spec) !== HUB_MAIN && !platformReadsTenant(t.spec)).map((t) => t.spec.slug));
    const onPrimary = primaryTenantOf(load.region);
    const basePlatform = readPreviewFile(path.join(dir, "full", "platform.json"));
    if (!basePlatform.ok) throw new Error(basePlatform.problems.join("; "));
    let singleTenantCheckSeconds: number | undefined;
    if (elsewhere) {
      t = process.hrtime.bigint();
      await previewWithPolicies(tenantsDir, platformFile, path.join(dir, "single"), new Set([elsewhere]), basePlatform.preview);
      singleTenantCheckSeconds = seconds(t);
    }
    let primaryTenantCheckSeconds: number | undefined;
    if (onPrimary) {
      t = process.hrtime.bigint();
      await previewWithPolicies(tenantsDir, platformFile, path.join(dir, "single-primary"), new Set([onPrimary]));
      primaryTenantCheckSeconds = seconds(t);
    }

    return {
      municipalities: count,
      validateSeconds,
      fullPreviewSeconds,
      previewSeconds: full.previewSeconds,
      policySeconds: full.policySeconds,
      workerCpuSeconds: full.cpuSeconds,
      singleTenantCheckSeconds,
      singleTenant: elsewhere,
      primaryTenantCheckSeconds,
      primaryTenant: onPrimary,
      resources: full.all.reduce((a, r) => a + r.resourceCount, 0),
      peakWorkerRssMb: Math.max(...full.all.map((r) => r.peakRssMb)),
      mainRssMb: Math.round(process.memoryUsage().rss / 1024 / 1024),
      failedStacks: full.all.filter((r) => !r.ok).length,
      stacks: full.all.length,
      mandatoryViolations: full.mandatory,
      regionPreflight: region,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Seconds per stack of a full preview: the platform, the hub stacks and the tenants. */
const perStack = (r: Figures) => r.fullPreviewSeconds / r.stacks;

/** A one-municipality pull request check under 2 s at every size: on another hub, and on the primary hub. */
function checkTargets(results: readonly Figures[]): Array<[string, boolean | undefined, string]> {
  const row = (what: string, pick: (r: Figures) => number | undefined): [string, boolean | undefined, string] => {
    const figures = results.map((r) => [r.municipalities, pick(r)] as const).filter(([, s]) => s !== undefined) as Array<readonly [number, number]>;
    if (figures.length === 0) return [`one-municipality check under 2 s, ${what}`, undefined, "no such tenant"];
    return [`one-municipality check under 2 s, ${what}`, figures.every(([, s]) => s < 2), figures.map(([n, s]) => `${s.toFixed(1)} s at ${n}`).join(", ")];
  };
  return [row("tenant on another hub (its hub's part and its own stack)", (r) => r.singleTenantCheckSeconds), row("tenant on the primary hub (the platform's core too)", (r) => r.primaryTenantCheckSeconds)];
}

/** The middle tenant of the primary hub, as measure() picks it. */
function primaryTenantOf(region: NonNullable<ReturnType<typeof loadCommandRegion>["region"]>): string | undefined {
  const onPrimary = region.tenants.filter((t) => hubOf(region.platform, t.spec) === HUB_MAIN).map((t) => t.spec.slug);
  return onPrimary[Math.floor(onPrimary.length / 2)];
}

/**
 * `--only-check`: only the one-municipality check of a tenant on the primary hub, `--repeat=N`
 * times in one process (default 5), without the full preview before it. The first run is in a
 * cold process; the later ones are warm, as measure()'s check is after its full preview, so
 * their median is the figure to compare with the full bench's.
 */
async function onlyCheck(sizes: readonly number[], repeat: number): Promise<void> {
  for (const count of sizes) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `grunnmur-bench-${count}-`));
    try {
      const { tenantsDir, platformFile } = writeSyntheticRegion(dir, count, DEFAULT_PLATFORM_FILE);
      const load = loadCommandRegion({ tenantsDir, platformFile });
      if (!load.region) throw new Error(`synthetic region invalid: ${load.diagnostics[0]?.message}`);
      const tenant = primaryTenantOf(load.region);
      if (!tenant) throw new Error(`the region of ${count} has no tenant on the primary hub`);
      const runs: number[] = [];
      for (let i = 0; i < repeat; i += 1) {
        const t = process.hrtime.bigint();
        await previewWithPolicies(tenantsDir, platformFile, path.join(dir, "single-primary"), new Set([tenant]));
        runs.push(seconds(t));
      }
      const warm = runs.slice(1).sort((a, b) => a - b);
      const median = warm.length > 0 ? warm[Math.floor(warm.length / 2)] : undefined;
      console.log(`${count} municipalities, one tenant on the primary hub (${tenant}): ${runs.map((s) => s.toFixed(2)).join(", ")} s; warm median ${median === undefined ? "n/a" : `${median.toFixed(2)} s`}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}

async function main(): Promise<void> {
  const arg = process.argv.find((a) => a.startsWith("--sizes="));
  const sizes = (arg ? arg.slice("--sizes=".length) : "5,39,357").split(",").map(Number);
  process.stderr.write(`Benchmark on ${os.availableParallelism()} CPUs, sizes ${sizes.join(", ")}\n`);
  if (process.argv.includes("--only-check")) {
    const repeatArg = process.argv.find((a) => a.startsWith("--repeat="));
    const repeat = repeatArg ? Number(repeatArg.slice("--repeat=".length)) : 5;
    if (!Number.isInteger(repeat) || repeat < 1) throw new Error(`--repeat must be a whole number of 1 or more, not "${repeatArg?.slice("--repeat=".length)}"`);
    return onlyCheck(sizes, repeat);
  }
  const results: Figures[] = [];
  for (const size of sizes) results.push(await measure(size));
  console.log(
    renderTable(
      ["municipalities", "validate s", "full preview+policy s", "of which platform policy s", "worker CPU s", "s per stack", "one tenant, other hub s", "one tenant, primary hub s", "resources", "peak worker MB", "main MB", "failed", "mandatory", "region preflight s", "region findings"],
      results.map((r) => [
        r.municipalities,
        Number(r.validateSeconds.toFixed(2)),
        Number(r.fullPreviewSeconds.toFixed(1)),
        Number(r.policySeconds.toFixed(1)),
        Number(r.workerCpuSeconds.toFixed(1)),
        Number(perStack(r).toFixed(2)),
        r.singleTenantCheckSeconds === undefined ? "n/a" : Number(r.singleTenantCheckSeconds.toFixed(1)),
        r.primaryTenantCheckSeconds === undefined ? "n/a" : Number(r.primaryTenantCheckSeconds.toFixed(1)),
        r.resources,
        r.peakWorkerRssMb,
        r.mainRssMb,
        r.failedStacks,
        r.mandatoryViolations,
        Number(r.regionPreflight.seconds.toFixed(2)),
        r.regionPreflight.findings,
      ]),
    ),
  );
  // Where the design runs out: each size's limits as "N of M", and what Azure would refuse.
  for (const r of results) {
    console.log(`\n${r.municipalities} municipalities:`);
    for (const line of r.regionPreflight.summary) console.log(`  ${line}`);
    for (const over of r.regionPreflight.exceeded) console.log(`  OVER    ${over}`);
  }
  const first = results.find((r) => r.regionPreflight.exceeded.length > 0);
  console.log(first ? `\nThe design runs out at ${first.municipalities} municipalities: ${first.regionPreflight.exceeded.join("; ")}` : "\nNo size benchmarked runs out of an Azure limit.");
  const big = results.find((r) => r.municipalities === 357);
  const mid = results.find((r) => r.municipalities === 39);
  const targets: Array<[string, boolean | undefined, string]> = [
    // Issue 18's targets.
    ["357-municipality full preview with policies and preflight under 120 s", big && big.fullPreviewSeconds + big.regionPreflight.seconds < 120, big ? `${(big.fullPreviewSeconds + big.regionPreflight.seconds).toFixed(1)} s` : "not run"],
    ["peak memory of any process under 1 GB", results.every((r) => r.peakWorkerRssMb < 1024 && r.mainRssMb < 1024), `${Math.max(...results.map((r) => Math.max(r.peakWorkerRssMb, r.mainRssMb)))} MB`],
    ...checkTargets(results),
    ["validation of 357 tenant files under 1 s", big && big.validateSeconds < 1, big ? `${big.validateSeconds.toFixed(2)} s` : "not run"],
    [
      "time per stack not rising from 39 to 357",
      big && mid ? perStack(big) <= perStack(mid) * 1.05 : undefined,
      big && mid ? `${perStack(mid).toFixed(2)} → ${perStack(big).toFixed(2)} s per stack` : "needs 39 and 357",
    ],
  ];
  console.log("");
  for (const [name, met, figure] of targets) console.log(`${met === undefined ? "NOT RUN" : met ? "met    " : "MISSED "}  ${name}: ${figure}`);
  const outDir = path.resolve("out/bench");
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, "bench.json"), `${JSON.stringify({ date: new Date().toISOString(), cpus: os.availableParallelism(), node: process.version, results, targets: targets.map(([name, met, figure]) => ({ name, met, figure })) }, null, 2)}\n`);
  console.log(`\nFigures written to ${path.relative(process.cwd(), path.join(outDir, "bench.json"))}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
