/** Runs the offline preview of a region into a temporary directory and reads the results. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEFAULT_PLATFORM_FILE, DEFAULT_TENANTS_DIR } from "../../tenants/paths";
import type { StackPreview } from "../../scripts/preview/job";
import { previewRegion, type RegionPreview } from "../../scripts/preview/run-preview";
import { loadRegion } from "../../tenants/validation/load-region";

export interface PreviewedRegion {
  readonly outDir: string;
  readonly result: RegionPreview;
  read(stack: string): StackPreview;
  remove(): void;
}

export async function previewFiles(
  tenantsDir = DEFAULT_TENANTS_DIR,
  platformFile = DEFAULT_PLATFORM_FILE,
  only?: ReadonlySet<string>,
): Promise<PreviewedRegion> {
  const load = loadRegion({ tenantsDir, platformFile });
  if (!load.region) throw new Error(`invalid region: ${JSON.stringify(load.diagnostics, null, 2)}`);
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-preview-"));
  const result = await previewRegion(load.region, { outDir, only });
  const failed = [result.platform, ...result.tenants].filter((r) => !r.ok);
  if (failed.length > 0) throw new Error(`preview failed: ${failed.map((f) => `${f.stack}: ${f.error}`).join("; ")}`);
  return {
    outDir,
    result,
    read: (stack) => JSON.parse(fs.readFileSync(path.join(outDir, `${stack}.json`), "utf8")) as StackPreview,
    remove: () => fs.rmSync(outDir, { recursive: true, force: true }),
  };
}

export type Resource = StackPreview["resources"][number];

export function ofType(preview: StackPreview, type: string): Resource[] {
  return preview.resources.filter((r) => r.type === type);
}

export function only<T>(list: readonly T[], what: string): T {
  if (list.length !== 1) throw new Error(`expected exactly one ${what}, found ${list.length}`);
  return list[0];
}
