/**
 * The offline preview of a region: the platform stack first (its outputs feed
 * the tenants' StackReference), then every tenant stack in a worker pool. A
 * large platform runs in parts that share the pool with the tenants and are
 * merged at the end (see platform-scope.ts).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PLATFORM_STACK, PROJECT } from "../../stacks/contract";
import type { Region } from "../../tenants/region";
import { countTypes, failedResult, type PreviewJob, type PreviewResult } from "./job";
import { mergePlatformParts, platformParts } from "./platform-scope";
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
}

export interface RegionPreview {
  readonly platform: PreviewResult;
  readonly tenants: PreviewResult[];
  readonly durationMs: number;
}

export const OFFLINE_PLATFORM_STACK_NAME = `organization/${PROJECT}/${PLATFORM_STACK}`;

type PlatformJob = Extract<PreviewJob, { kind: "platform" }>;

function platformJobs(region: Region, options: PreviewOptions, partsDir: string): PlatformJob[] {
  const input = { platform: region.platform, tenants: region.tenants, secretMode: "placeholder" as const, today: options.today ?? localToday() };
  const whole = path.join(options.outDir, `${PLATFORM_STACK}.json`);
  // A job that writes the whole file checks it too; the parts of a split platform are checked once merged.
  const policy = options.policies ? { policy: policyJobFor(options.policies.env, PLATFORM_STACK, options.policies.config) } : {};
  if (options.only && options.scopePlatform) {
    const scope = region.tenants.map((t) => t.spec.slug).filter((s) => options.only!.has(s));
    return [{ kind: "platform", stack: PLATFORM_STACK, input, tenantScope: scope, outFile: whole, ...policy }];
  }
  const parts = platformParts(region.tenants.map((t) => t.spec.slug), options.tenantsPerPlatformPart);
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

export async function previewRegion(region: Region, options: PreviewOptions): Promise<RegionPreview> {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? 120_000;
  const concurrency = options.concurrency ?? os.availableParallelism();
  const tenants = region.tenants.filter((t) => !options.only || options.only.has(t.spec.slug));
  const total = tenants.length + 1;
  let done = 0;
  fs.mkdirSync(options.outDir, { recursive: true });
  const partsDir = path.join(options.outDir, `.platform-parts-${process.pid}`);

  const pool = new WorkerPool({
    concurrency,
    timeoutMs,
    onDone: (result, _done, _total, job) => {
      if (job.kind === "tenant") options.onProgress?.(result, ++done, total);
    },
  });
  try {
    // The first platform part gives the outputs every tenant stack reads; the other parts
    // and the tenants then share the pool, and the parts are merged at the end.
    const parts = platformJobs(region, options, partsDir);
    if (parts.length > 1) fs.mkdirSync(partsDir, { recursive: true });
    const first = await pool.run(parts[0]);
    if (!first.ok || !first.outputs) {
      const platform = parts.length === 1 ? first : { ...first, error: `part 1 of ${parts.length}: ${first.error}` };
      options.onProgress?.(platform, ++done, total);
      const skipped = tenants.map((t) => failedResult(t.spec.slug, "not previewed: the platform stack failed, and tenant stacks need its outputs"));
      return { platform, tenants: skipped, durationMs: Date.now() - started };
    }
    if (parts.length === 1) options.onProgress?.(first, ++done, total);

    const tenantJobs: PreviewJob[] = tenants.map((tenant) => ({
      kind: "tenant",
      stack: tenant.spec.slug,
      input: { platform: region.platform, tenant, platformStackName: OFFLINE_PLATFORM_STACK_NAME, secretMode: "placeholder", today: options.today ?? localToday() },
      platformOutputs: first.outputs!,
      outFile: path.join(options.outDir, `${tenant.spec.slug}.json`),
      ...(options.policies ? { policy: policyJobFor(options.policies.env, tenant.spec.slug, options.policies.config) } : {}),
    }));
    const rest = parts.slice(1);
    const results = await pool.runAll([...rest, ...tenantJobs]);
    const platform = parts.length === 1 ? first : mergeParts(parts, [first, ...results.slice(0, rest.length)], path.join(options.outDir, `${PLATFORM_STACK}.json`));
    if (parts.length > 1) options.onProgress?.(platform, ++done, total);
    return { platform, tenants: results.slice(rest.length), durationMs: Date.now() - started };
  } finally {
    pool.close();
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
