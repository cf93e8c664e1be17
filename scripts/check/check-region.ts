/**
 * The region-wide preflight (domain/preflight/across-stacks.ts) over the preview
 * files `grunnmur preview` has written: every stack at once, with the platform
 * file's limits. Its findings are mandatory, like the per-stack preflight's, and
 * are recorded in the policy section of the stack they belong to (the platform's
 * for the region's own), so `grunnmur report` shows them with the stack's other
 * violations.
 */
import * as path from "node:path";
import { effectiveLimits, runRegionPreflight, ACROSS_STACK_RULES, type RegionCheck } from "../../domain/preflight";
import { renderTable } from "../table";
import { readPreviewFile, writePreviewFile, type StackPreview, type Violation } from "../preview/preview-file";

export type RegionFileCheck = { ok: true; check: RegionCheck; previews: StackPreview[] } | { ok: false; problems: string[] };

/** Reads `<outDir>/<stack>.json` for each stack and runs the region rules over them together. */
export function checkRegionFiles(outDir: string, stacks: readonly string[], limits: Readonly<Record<string, number>> = {}): RegionFileCheck {
  const read = stacks.map((stack) => readPreviewFile(path.join(outDir, `${stack}.json`)));
  const problems = read.flatMap((r) => (r.ok ? [] : r.problems));
  if (problems.length > 0) return { ok: false, problems };
  const previews = read.flatMap((r) => (r.ok ? [r.preview] : []));
  return { ok: true, check: runRegionPreflight(previews, effectiveLimits(limits)), previews };
}

const NAMES = new Map(ACROSS_STACK_RULES.map((r) => [r.id, r.name]));

/** The findings as the policy report shows violations: one mandatory row each. */
export function renderRegionFindings(check: RegionCheck): string {
  return renderTable(
    ["enforcement", "rule", "policy", "stack", "resource", "message"],
    check.findings.map((f) => ["mandatory", f.rule, NAMES.get(f.rule) ?? f.rule, f.stack, f.resource, f.message]),
  );
}

const REGION_RULES = new Set(ACROSS_STACK_RULES.map((r) => r.id));

/**
 * Adds each finding to its stack's file as a mandatory violation, replacing what
 * an earlier region check recorded there. A finding of the region as a whole
 * ("region") goes to `regionStack`'s file.
 */
export function recordRegionFindings(outDir: string, previews: readonly StackPreview[], check: RegionCheck, regionStack: string): void {
  // The previews checkRegionFiles read: each file is read once, and written only when its findings change.
  for (const preview of previews) {
    const stack = preview.stack;
    const file = path.join(outDir, `${stack}.json`);
    if (!preview.policy) continue;
    const mine = check.findings.filter((f) => f.stack === stack || (f.stack === "region" && stack === regionStack));
    const kept = preview.policy.violations.filter((v) => !REGION_RULES.has(v.rule));
    if (mine.length === 0 && kept.length === preview.policy.violations.length) continue;
    const added: Violation[] = mine.map((f) => ({ policy: NAMES.get(f.rule) ?? f.rule, rule: f.rule, enforcement: "mandatory", resource: f.resource, ...(f.urn ? { urn: f.urn } : {}), message: f.message }));
    const violations = [...kept, ...added];
    const mandatory = violations.filter((v) => v.enforcement === "mandatory").length;
    writePreviewFile(file, { ...preview, policy: { ...preview.policy, violations, summary: { ...preview.policy.summary, mandatory } } });
  }
}
