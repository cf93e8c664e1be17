/**
 * The offline preview of a region: the platform stack first (its outputs feed
 * every other stack's StackReference), then the hub stacks (hub-<key>, whose
 * outputs feed their tenants') and every tenant stack in a worker pool. A large
 * platform runs in parts that share the pool with the others and are merged at
 * the end (see platform-scope.ts).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { hubStackName, PLATFORM_STACK, PROJECT } from "../../stacks/contract";
import { HUB_MAIN, hubOf, hubsOf } from "../../domain/network/hub-placement";
import type { Region } from "../../tenants/region";
import { countTypes, failedResult, type PreviewJob, type PreviewResult } from "./job";
import { mergePlatformParts, platformParts, restrictToScope } from "./platform-scope";
import { WorkerPool } from "./pool";
import { localToday } from "../../tenants/validation/date-rules";
import { readPreviewFile, type StackPreview, writePreviewFile } from "./preview-file";
import type { PolicyEnvironment } from "../../policies/core/environment";
import type { PackConfig } from "../check/run-policies";
import { policyJobFor } from "../check/check-file";

export interface PreviewOptions {
  readonly outDir: string;
  readonly concurrency?: number;
  readonly timeoutMs?: number;
  /** Tenant slugs to preview; all when undefined. */
  readonly only?: ReadonlySet<string>;
  /**
   * With `only`: register only those tenants' attachments in the platform (the
   * shared core is always whole), as a pull request's check does; the platform
   * file then records its scope. Default: the whole platform.
   */
  readonly scopePlatform?: boolean;
  /** The day the preview stands for (YYYY-MM-DD), e.g. for budget start dates; default today. */
  readonly today?: string;
  /** Tenants per platform worker (default TENANTS_PER_PLATFORM_PART). */
  readonly tenantsPerPlatformPart?: number;
  readonly onProgress?: (result: PreviewResult, done: number, total: number) => void;
  /**
   * Run the policy pack over each stack in its worker, right after its preview, and
   * record it in the file; a platform split in parts is checked by policyReportsOf once
   * merged. Without it, the files have no policy section.
   */
  readonly policies?: { readonly env: PolicyEnvironment; readonly config?: PackConfig };
  /**
   * With `only` and `scopePlatform`: the platform stack's preview of the base branch, taken
   * instead of running the platform again, for a change the platform does not read
   * (`grunnmur changed` says platform: false; domain/azure/platform-reads-tenant.ts). Its
   * file is written cut down to the scope, as a scoped run would write it.
   */
  readonly reusePlatform?: StackPreview;
  /**
   * With `only` and `scopePlatform`: hub stacks to run beside those of the tenants in `only`
   * (`grunnmur changed`'s hubs: a moved tenant's old hub), so the report sees its detach.
   */
  readonly extraHubStacks?: ReadonlySet<string>;
  /** A pool the caller made (and may have prestarted) and closes; one of its own otherwise. */
  readonly pool?: WorkerPool;
}

export interface RegionPreview {
  readonly platform: PreviewResult;
  /** The hub stacks previewed (hub-<key>), in key order: every one, or a scoped preview's tenants' hubs. */
  readonly hubs: PreviewResult[];
  readonly tenants: PreviewResult[];
  readonly durationMs: number;
}

/** How long one stack may take in a worker before it is stopped. */
export const PREVIEW_TIMEOUT_MS = 120_000;

export const OFFLINE_PLATFORM_STACK_NAME = `organization/${PROJECT}/${PLATFORM_STACK}`;

/** The offline name of a hub's stack, as the tenants' StackReference names it. */
export const offlineStackName = (stack: string) => `organization/${PROJECT}/${stack}`;

type PlatformJob = Extract<PreviewJob, { kind: "platform" }>;
type HubJob = Extract<PreviewJob, { kind: "hub" }>;

/** The hub stacks of the region: every hub but the primary, whose stack is the platform's. */
export function regionHubStacks(region: Pick<Region, "platform">): string[] {
  return hubsOf(region.platform).filter((h) => h.key !== HUB_MAIN).map((h) => hubStackName(h.key));
}

function platformJobs(region: Region, options: PreviewOptions, partsDir: string): PlatformJob[] {
  const input = { platform: region.platform, tenants: region.tenants, secretMode: "placeholder" as const, today: options.today ?? localToday() };
  const whole = path.join(options.outDir, `${PLATFORM_STACK}.json`);
  // A job that writes the whole file checks it too; the parts of a split platform are checked once merged.
  const policy = options.policies ? { policy: policyJobFor(options.policies.env, PLATFORM_STACK, options.policies.config) } : {};
  if (options.only && options.scopePlatform) {
    const scope = region.tenants.map((t) => t.spec.slug).filter((s) => options.only!.has(s));
    // A region of one hub records no hub stacks: its preview files read as they always did.
    const hubStacks = regionHubStacks(region);
    return [{ kind: "platform", stack: PLATFORM_STACK, input, tenantScope: scope, ...(hubStacks.length > 0 ? { hubStacks } : {}), outFile: whole, ...policy }];
  }
  // Only the primary hub's tenants are attached here; another hub's are in its own stack.
  const parts = platformParts(region.tenants.filter((t) => hubOf(region.platform, t.spec) === HUB_MAIN).map((t) => t.spec.slug), options.tenantsPerPlatformPart);
  if (parts.length === 1) return [{ kind: "platform", stack: PLATFORM_STACK, input, outFile: whole, ...policy }];
  // A large platform runs in parts, each the shared core plus a slice of tenants, merged afterwards.
  return parts.map((slice, i) => ({
    kind: "platform",
    stack: PLATFORM_STACK,
    input,
    tenantScope: slice,
    outFile: path.join(partsDir, `${PLATFORM_STACK}.part-${i + 1}.json`),
  }));
}

/** One platform result from its parts: merged file, summed time, the largest part's memory. */
export function mergeParts(jobs: readonly PlatformJob[], results: readonly PreviewResult[], outFile: string): PreviewResult {
  const durationMs = results.reduce((sum, r) => sum + r.durationMs, 0);
  const peakRssMb = Math.max(...results.map((r) => r.peakRssMb));
  const failed = results.map((r, i) => (r.ok ? undefined : `part ${i + 1} of ${results.length}: ${r.error}`)).filter((e) => e !== undefined);
  if (failed.length > 0) return failedResult(PLATFORM_STACK, failed.join("; "), durationMs, peakRssMb);
  const previews: StackPreview[] = [];
  const problems: string[] = [];
  for (const job of jobs) {
    const read = readPreviewFile(job.outFile);
    if (read.ok) previews.push(read.preview);
    else problems.push(...read.problems);
  }
  if (problems.length > 0) return failedResult(PLATFORM_STACK, problems.join("; "), durationMs, peakRssMb);
  try {
    const merged = mergePlatformParts(previews);
    writePreviewFile(outFile, merged);
    for (const job of jobs) fs.rmSync(job.outFile, { force: true });
    return { stack: PLATFORM_STACK, ok: true, resourceCount: merged.resources.length, typeCounts: countTypes(merged.resources), outputs: merged.outputs, durationMs, peakRssMb };
  } catch (err) {
    return failedResult(PLATFORM_STACK, (err as Error).message, durationMs, peakRssMb);
  }
}

/** The base branch's platform preview as this scoped run's platform result: its file cut down to the scope, not run again. */
function reusedPlatform(base: StackPreview, job: PlatformJob): PreviewResult {
  const scope = { tenants: [...job.tenantScope!], regionTenants: job.input.tenants.map((t) => t.spec.slug), ...(job.hubStacks ? { hubStacks: [...job.hubStacks] } : {}) };
  const preview = restrictToScope(base, scope);
  // The base's policy section stays: it is the policy report of this very platform stack.
  writePreviewFile(job.outFile, { ...preview, generatedBy: `${base.generatedBy}; taken from the base branch's preview, as this change leaves the platform alone`, ...(base.policy ? { policy: base.policy } : {}) });
  return { stack: PLATFORM_STACK, ok: true, resourceCount: preview.resources.length, typeCounts: countTypes(preview.resources), outputs: preview.outputs, durationMs: 0, peakRssMb: 0, ...(base.policy ? { policy: { violations: base.policy.violations, waived: base.policy.waived, summary: base.policy.summary } } : {}) };
}

/**
 * The hub stacks a preview runs, by key: every hub, or in a scoped run the hubs of its tenants
 * and those the change names besides (a moved tenant's old hub, whose run then registers nothing
 * of it, so the report shows its detach). The preview command prints the same list.
 */
export function previewedHubs(region: Pick<Region, "platform" | "tenants">, options: Pick<PreviewOptions, "only" | "scopePlatform" | "extraHubStacks">): string[] {
  const scoped = options.only !== undefined && options.scopePlatform === true;
  const ownHubs = scoped ? new Set(region.tenants.filter((t) => options.only!.has(t.spec.slug)).map((t) => hubOf(region.platform, t.spec))) : undefined;
  return hubsOf(region.platform)
    .map((h) => h.key)
    .filter((key) => key !== HUB_MAIN && (!ownHubs || ownHubs.has(key) || options.extraHubStacks?.has(hubStackName(key)) === true));
}

/**
 * How many workers are worth starting before the files are read (WorkerPool.prestart): at most
 * two, and one when the preview can run only one stack at a time. A preview of one tenant runs
 * its stacks in turn (the platform, its hub's stack, its own), each needing the one before's
 * outputs; a second worker would only take CPU from the validation it is meant to overlap.
 * `only` and `extraHubStacks` as previewRegion takes them; `only` undefined is the whole region.
 */
export function workersToPrestart(jobs: number, scope: Pick<PreviewOptions, "only" | "extraHubStacks">): number {
  const most = Math.min(jobs, 2);
  if (scope.only === undefined) return most;
  // Each tenant's stack and each hub stack besides may run beside another; one runs alone.
  return Math.max(1, Math.min(most, scope.only.size + (scope.extraHubStacks?.size ?? 0)));
}

/** The hub stacks' jobs (previewedHubs); a scoped run's scope is all its tenants: each hub attaches only its own of them. */
function hubJobs(region: Region, options: PreviewOptions, platformOutputs: Record<string, unknown>): HubJob[] {
  const scoped = options.only !== undefined && options.scopePlatform === true;
  const scope = scoped ? region.tenants.filter((t) => options.only!.has(t.spec.slug)).map((t) => t.spec.slug) : undefined;
  const jobs: HubJob[] = [];
  for (const key of previewedHubs(region, options)) {
    const stack = hubStackName(key);
    jobs.push({
      kind: "hub",
      stack,
      input: { platform: region.platform, hub: key, tenants: region.tenants, platformStackName: OFFLINE_PLATFORM_STACK_NAME, secretMode: "placeholder", today: options.today ?? localToday() },
      platformOutputs,
      tenantScope: scope,
      outFile: path.join(options.outDir, `${stack}.json`),
      ...(options.policies ? { policy: policyJobFor(options.policies.env, stack, options.policies.config) } : {}),
    });
  }
  return jobs;
}

export async function previewRegion(region: Region, options: PreviewOptions): Promise<RegionPreview> {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? PREVIEW_TIMEOUT_MS;
  const concurrency = options.concurrency ?? os.availableParallelism();
  const tenants = region.tenants.filter((t) => !options.only || options.only.has(t.spec.slug));
  const hubCount = previewedHubs(region, options).length;
  const total = tenants.length + hubCount + 1;
  let done = 0;
  fs.mkdirSync(options.outDir, { recursive: true });
  const partsDir = path.join(options.outDir, `.platform-parts-${process.pid}`);

  const onDone = (result: PreviewResult, job: PreviewJob) => {
    if (job.kind !== "platform") options.onProgress?.(result, ++done, total);
  };
  const pool = options.pool ?? new WorkerPool({ concurrency, timeoutMs });
  pool.setOnDone((result, _done, _total, job) => onDone(result, job));
  try {
    // The first platform part gives the outputs every tenant stack reads; the other parts
    // and the tenants then share the pool, and the parts are merged at the end.
    const parts = platformJobs(region, options, partsDir);
    if (parts.length > 1) fs.mkdirSync(partsDir, { recursive: true });
    const first = options.reusePlatform && parts.length === 1 && parts[0].tenantScope ? reusedPlatform(options.reusePlatform, parts[0]) : await pool.run(parts[0]);
    if (!first.ok || !first.outputs) {
      const platform = parts.length === 1 ? first : { ...first, error: `part 1 of ${parts.length}: ${first.error}` };
      options.onProgress?.(platform, ++done, total);
      const skipped = tenants.map((t) => failedResult(t.spec.slug, "not previewed: the platform stack failed, and tenant stacks need its outputs"));
      const hubsSkipped = hubJobs(region, options, {}).map((j) => failedResult(j.stack, "not previewed: the platform stack failed, and hub stacks need its outputs"));
      return { platform, hubs: hubsSkipped, tenants: skipped, durationMs: Date.now() - started };
    }
    if (parts.length === 1) options.onProgress?.(first, ++done, total);

    const tenantJob = (tenant: Region["tenants"][number], hubOutputs: Record<string, unknown> | undefined): PreviewJob => {
      const hub = hubOf(region.platform, tenant.spec);
      return {
        kind: "tenant",
        stack: tenant.spec.slug,
        input: {
          platform: region.platform,
          tenant,
          platformStackName: OFFLINE_PLATFORM_STACK_NAME,
          hubStackName: hub === HUB_MAIN ? undefined : offlineStackName(hubStackName(hub)),
          secretMode: "placeholder",
          today: options.today ?? localToday(),
        },
        platformOutputs: first.outputs!,
        hubOutputs,
        outFile: path.join(options.outDir, `${tenant.spec.slug}.json`),
        ...(options.policies ? { policy: policyJobFor(options.policies.env, tenant.spec.slug, options.policies.config) } : {}),
      };
    };
    // First the hub stacks (their tenants need their outputs), the primary hub's tenants and
    // the platform's other parts; then the other hubs' tenants.
    const hubs = hubJobs(region, options, first.outputs);
    const onMain = tenants.filter((t) => hubOf(region.platform, t.spec) === HUB_MAIN);
    const rest = parts.slice(1);
    const early = await pool.runAll([...hubs, ...onMain.map((t) => tenantJob(t, undefined)), ...rest]);
    const hubResults = early.slice(0, hubs.length);
    const hubOutputs = new Map(hubResults.map((r) => [r.stack, r]));
    const late: PreviewJob[] = [];
    const lateFailed = new Map<string, PreviewResult>();
    for (const t of tenants) {
      const hub = hubOf(region.platform, t.spec);
      if (hub === HUB_MAIN) continue;
      const result = hubOutputs.get(hubStackName(hub));
      if (result?.ok && result.outputs) late.push(tenantJob(t, result.outputs));
      else lateFailed.set(t.spec.slug, failedResult(t.spec.slug, `not previewed: its hub's stack ${hubStackName(hub)} failed, and the tenant stack needs its outputs`));
    }
    const lateResults = await pool.runAll(late);
    const bySlug = new Map<string, PreviewResult>([...early.slice(hubs.length, hubs.length + onMain.length), ...lateResults, ...lateFailed.values()].map((r) => [r.stack, r]));
    for (const r of lateFailed.values()) options.onProgress?.(r, ++done, total);
    const restResults = early.slice(hubs.length + onMain.length);
    const platform = parts.length === 1 ? first : mergeParts(parts, [first, ...restResults], path.join(options.outDir, `${PLATFORM_STACK}.json`));
    if (parts.length > 1) options.onProgress?.(platform, ++done, total);
    return { platform, hubs: hubResults, tenants: tenants.map((t) => bySlug.get(t.spec.slug)!), durationMs: Date.now() - started };
  } finally {
    if (!options.pool) pool.close();
    fs.rmSync(partsDir, { recursive: true, force: true });
  }
}

/** Previews of stacks that no longer exist would mislead later tools; remove them. */
export function removeStalePreviews(outDir: string, keep: ReadonlySet<string>): string[] {
  if (!fs.existsSync(outDir)) return [];
  const removed: string[] = [];
  for (const entry of fs.readdirSync(outDir)) {
    if (entry.endsWith(".json") && !keep.has(entry.slice(0, -5))) {
      fs.rmSync(path.join(outDir, entry));
      removed.push(entry);
    }
  }
  return removed;
}
