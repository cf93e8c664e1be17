/**
 * Edits of a region's captured previews, all stacks at once, for the region
 * preflight tests: each returns a new region and leaves the one it was given alone.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEFAULT_PLATFORM_FILE } from "../../tenants/paths";
import { loadPlatform } from "../../tenants/validation/load-region";
import type { StackPreview } from "../../scripts/preview/preview-file";

export type Resource = StackPreview["resources"][number];
export type Region = readonly StackPreview[];
export type RegionEdit = (region: Region) => Region;

/** The stack `stack`'s resources go through `change`. */
export const inStack = (stack: string, change: (resources: readonly Resource[]) => Resource[]): RegionEdit => (region) => {
  if (!region.some((s) => s.stack === stack)) throw new Error(`no stack ${stack}`);
  return region.map((s) => (s.stack === stack ? { ...s, resources: change(s.resources) } : s));
};

export const find = (resources: readonly Resource[], type: string, name?: string): Resource => {
  const found = resources.find((r) => r.type === type && (name === undefined || r.name === name));
  if (!found) throw new Error(`no ${type} ${name ?? ""}`);
  return found;
};

/** `count` more copies of the resource of `type` (and `name`), each with its own logical name and URN. */
export const copies = (stack: string, type: string, count: number, name?: string, from?: string, rename?: (i: number) => Record<string, unknown>): RegionEdit => (region) => {
  const source = find(region.find((s) => s.stack === (from ?? stack))!.resources, type, name);
  return inStack(stack, (resources) => [
    ...resources,
    ...Array.from({ length: count }, (_, i): Resource => ({ ...source, name: `${source.name}-copy-${i}`, urn: `${source.urn}-copy-${i}`, inputs: { ...source.inputs, ...rename?.(i) } })),
  ])(region);
};

/** The resource of `type` (and `name`) in `stack` gets `inputs` merged over its own. */
export const setInputs = (stack: string, type: string, name: string | undefined, inputs: Record<string, unknown>): RegionEdit =>
  inStack(stack, (resources) => {
    const target = find(resources, type, name);
    return resources.map((r) => (r === target ? { ...r, inputs: { ...r.inputs, ...inputs } } : r));
  });

/** The edits in order, first to last. */
export const all = (...edits: RegionEdit[]): RegionEdit => (region) => edits.reduce((r, edit) => edit(r), region);

/** The example platform file with a `limits` map appended, loaded as validation loads it. */
export function platformWithLimits(yaml: string): ReturnType<typeof loadPlatform> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-limits-"));
  const file = path.join(dir, "platform.yaml");
  fs.writeFileSync(file, `${fs.readFileSync(DEFAULT_PLATFORM_FILE, "utf8")}\nlimits:\n${yaml}`);
  try {
    return loadPlatform(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
