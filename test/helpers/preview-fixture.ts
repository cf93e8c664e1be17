/** Runs the offline preview of a region into a temporary directory and reads the results. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEFAULT_PLATFORM_FILE, DEFAULT_TENANTS_DIR } from "../../tenants/paths";
import { readPreviewFile, type StackPreview } from "../../scripts/preview/preview-file";
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
  const failed = [result.platform, ...result.hubs, ...result.tenants].filter((r) => !r.ok);
  if (failed.length > 0) throw new Error(`preview failed: ${failed.map((f) => `${f.stack}: ${f.error}`).join("; ")}`);
  return {
    outDir,
    result,
    read: (stack) => readPreview(path.join(outDir, `${stack}.json`)),
    remove: () => fs.rmSync(outDir, { recursive: true, force: true }),
  };
}

/** A preview file read as every tool reads it; a file that does not read fails the test with its problems. */
export function readPreview(file: string): StackPreview {
  const read = readPreviewFile(file);
  if (!read.ok) throw new Error(read.problems.join("\n"));
  return read.preview;
}

export type Resource = StackPreview["resources"][number];

export function ofType(preview: StackPreview, type: string): Resource[] {
  return preview.resources.filter((r) => r.type === type);
}

export function only<T>(list: readonly T[], what: string): T {
  if (list.length !== 1) throw new Error(`expected exactly one ${what}, found ${list.length}`);
  return list[0];
}
