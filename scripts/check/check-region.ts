/**
 * The region-wide preflight (domain/preflight/across-stacks.ts) over the preview
 * files `grunnmur preview` has written: every stack at once, with the platform
 * file's limits. Its findings are mandatory, like the per-stack preflight's.
 */
import * as path from "node:path";
import { effectiveLimits, runRegionPreflight, ACROSS_STACK_RULES, type RegionCheck } from "../../domain/preflight";
import { renderTable } from "../table";
import { readPreviewFile } from "../preview/preview-file";

export type RegionFileCheck = { ok: true; check: RegionCheck } | { ok: false; problems: string[] };

/** Reads `<outDir>/<stack>.json` for each stack and runs the region rules over them together. */
export function checkRegionFiles(outDir: string, stacks: readonly string[], limits: Readonly<Record<string, number>> = {}): RegionFileCheck {
  const read = stacks.map((stack) => readPreviewFile(path.join(outDir, `${stack}.json`)));
  const problems = read.flatMap((r) => (r.ok ? [] : r.problems));
  if (problems.length > 0) return { ok: false, problems };
  const previews = read.flatMap((r) => (r.ok ? [r.preview] : []));
  return { ok: true, check: runRegionPreflight(previews, effectiveLimits(limits)) };
}

const NAMES = new Map(ACROSS_STACK_RULES.map((r) => [r.id, r.name]));

/** The findings as the policy report shows violations: one mandatory row each. */
export function renderRegionFindings(check: RegionCheck): string {
  return renderTable(
    ["enforcement", "rule", "policy", "stack", "resource", "message"],
    check.findings.map((f) => ["mandatory", f.rule, NAMES.get(f.rule) ?? f.rule, f.stack, f.resource, f.message]),
  );
}
