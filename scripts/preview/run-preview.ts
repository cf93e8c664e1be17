/**
 * The offline preview of a region: the platform stack first (its outputs feed
 * the tenants' StackReference), then every tenant stack in a worker pool.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PLATFORM_STACK, PROJECT } from "../../stacks/inputs";
import type { Region } from "../../tenants/region";
import type { PreviewJob, PreviewResult } from "./job";
import { runInWorker, runPool } from "./pool";

export interface PreviewOptions {
  readonly outDir: string;
  readonly concurrency?: number;
  readonly timeoutMs?: number;
  /** Tenant slugs to preview; all when undefined. */
  readonly only?: ReadonlySet<string>;
  readonly onProgress?: (result: PreviewResult, done: number, total: number) => void;
}

export interface RegionPreview {
  readonly platform: PreviewResult;
  readonly tenants: PreviewResult[];
  readonly durationMs: number;
}

export const OFFLINE_PLATFORM_STACK_NAME = `organization/${PROJECT}/${PLATFORM_STACK}`;

export async function previewRegion(region: Region, options: PreviewOptions): Promise<RegionPreview> {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? 120_000;
  const tenants = region.tenants.filter((t) => !options.only || options.only.has(t.spec.slug));
  const total = tenants.length + 1;
  fs.mkdirSync(options.outDir, { recursive: true });

  const platform = await runInWorker(
    {
      kind: "platform",
      stack: PLATFORM_STACK,
      input: { platform: region.platform, tenants: region.tenants, secretMode: "placeholder" },
      outFile: path.join(options.outDir, `${PLATFORM_STACK}.json`),
    },
    timeoutMs,
  );
  options.onProgress?.(platform, 1, total);
  if (!platform.ok || !platform.outputs) {
    const skipped = tenants.map((t) => ({
      stack: t.spec.slug,
      ok: false,
      error: "not previewed: the platform stack failed, and tenant stacks need its outputs",
      resourceCount: 0,
      typeCounts: {},
      durationMs: 0,
      peakRssMb: 0,
    }));
    return { platform, tenants: skipped, durationMs: Date.now() - started };
  }

  const jobs: PreviewJob[] = tenants.map((tenant) => ({
    kind: "tenant",
    stack: tenant.spec.slug,
    input: { platform: region.platform, tenant, platformStackName: OFFLINE_PLATFORM_STACK_NAME, secretMode: "placeholder" },
    platformOutputs: platform.outputs!,
    outFile: path.join(options.outDir, `${tenant.spec.slug}.json`),
  }));
  const results = await runPool(jobs, {
    concurrency: options.concurrency ?? os.availableParallelism(),
    timeoutMs,
    onDone: (result, done) => options.onProgress?.(result, done + 1, total),
  });
  return { platform, tenants: results, durationMs: Date.now() - started };
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
