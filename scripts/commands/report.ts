/** `grunnmur report`: the Markdown PR comment comparing two sets of previews. */
import * as fs from "node:fs";
import * as path from "node:path";
import { UsageError, type CommandSpec, type ParsedCommand } from "../args";
import { displayPath, loadPlatform } from "../../tenants/validation/load-region";
import { platformSchema } from "../../tenants/schema/platform";
import { formatDiagnostic } from "../../tenants/validation/diagnostic";
import { readPreviewFile, type StackPreview } from "../preview/preview-file";
import { workloadChanges } from "../report/workloads";
import { comparableBaseline, diffRegion } from "../report/diff";
import { networkDiagram } from "../report/mermaid";
import { renderReport, type LeavingNotice, type PolicyViolation, type StackExtras } from "../report/markdown";
import { isLeaving } from "../report/offboarding-guard";
import { municipalityTotals, priceRegion, retainedMonthly, stackMonthly, wholeRegion } from "../report/cost";
import { loadCatalogue, tenantFacts } from "./cost";
import { loadCommandRegion } from "../region";
import { REPO_ROOT } from "../../tenants/paths";
import type { Region } from "../../tenants/region";
import type { TenantFacts } from "../../domain/cost/estimate";
import { chargedByUseOf } from "../../domain/cost/charged-by-use";
import { OUTPUT, PLATFORM_STACK, stackKind, type TenantOutputs } from "../../stacks/contract";
import { platformSide } from "../preview/platform-scope";

export const reportSpec: CommandSpec = {
  name: "report",
  summary: "write the pull-request comment: changes per stack against a baseline, policy, cost, network diagram",
  usage: "grunnmur report --baseline DIR [--current DIR] [--baseline-tenants DIR] [--baseline-platform FILE] [--out FILE] [--tenants DIR] [--platform FILE]",
  details: [
    "Compares the previews in --current (default out/preview) with those in --baseline",
    "(e.g. previews of main) by URN and inputs. Removing or replacing a protected or",
    "stateful resource is blocking: the report says so first and the exit code is 1.",
    "The Markdown stays under GitHub's 64 KB comment limit by trimming detail.",
    "Each added resource shows its Azure name and key inputs; a changed RADIUS",
    "configuration shows as a diff of the generated FreeRADIUS files. The cost change is",
    "the region priced before and after exactly as \"grunnmur cost\" prices it, with each",
    "changed municipality's monthly total (own resources, platform share, hosting)",
    "against its budget. A leaving tenant is announced first; resources removed from a",
    "stack but kept in Azure (retainOnDelete) are \"retained (still billed)\", no saving.",
    "",
    "Options:",
    "  --baseline DIR     previews to compare against (required)",
    "  --current DIR      previews of the change (default: out/preview)",
    "  --baseline-tenants DIR  the baseline's tenant files (e.g. ../base/tenants), to price",
    "                     the baseline with its own files; without it, this change's files",
    "  --baseline-platform FILE  the baseline's platform file (default: --platform)",
    "  --catalogue FILE   service catalogue (default: the repository's catalogue.yaml)",
    "  --out FILE         also write the Markdown to FILE",
  ].join("\n"),
  options: { baseline: { type: "string" }, current: { type: "string" }, out: { type: "string" }, "baseline-tenants": { type: "string" }, "baseline-platform": { type: "string" }, catalogue: { type: "string" } },
  readsFiles: true,
};

export type PreviewDirRead = { ok: true; previews: Map<string, StackPreview> } | { ok: false; problems: string[] };

/** Every preview file in `dir` by stack; a file that does not read as one is a problem, never skipped. */
export function readPreviewDir(dir: string): PreviewDirRead {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UsageError(`${displayPath(dir)} is not a folder of previews; create one with "grunnmur preview --out ${displayPath(dir)}"`);
  const previews = new Map<string, StackPreview>();
  const problems: string[] = [];
  for (const entry of fs.readdirSync(dir).sort()) {
    if (!entry.endsWith(".json")) continue;
    const read = readPreviewFile(displayPath(path.join(dir, entry)));
    if (read.ok) previews.set(read.preview.stack, read.preview);
    else problems.push(...read.problems);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, previews };
}

function violationsOf(preview: StackPreview | undefined): PolicyViolation[] {
  return preview?.policy?.violations ?? [];
}

/** A tenant leaving in the baseline or in the change, for the top of the report. */
export function leavingNotices(baseline: ReadonlyMap<string, StackPreview>, current: ReadonlyMap<string, StackPreview>): LeavingNotice[] {
  const stacks = [...new Set([...baseline.keys(), ...current.keys()])].filter((s) => stackKind(s) === "tenant").sort();
  const out: LeavingNotice[] = [];
  for (const stack of stacks) {
    const was = baseline.get(stack);
    const now = current.get(stack);
    // A stack the scoped preview did not cover is neither leaving nor removed by this change.
    const scope = current.get(PLATFORM_STACK)?.scope;
    if (!now && scope && scope.regionTenants.includes(stack)) continue;
    if (!isLeaving(now) && !(isLeaving(was) && !now)) continue;
    const departure = ((now ?? was)?.outputs?.[OUTPUT.offboarding] ?? undefined) as TenantOutputs["offboarding"];
    out.push({ stack, since: departure?.since, approved: departure?.approved, dataExportedTo: departure?.dataExportedTo, onMain: isLeaving(was), stackRemoved: !now });
  }
  return out;
}

/**
 * The tenant files at `tenantsDir` with this platform file, as every command reads them. Invalid
 * files leave the report without its cost, never without its blocking lines: `grunnmur validate`
 * fails the check on them, and a broken file must not hide a change that loses data.
 */
function loadTenants(tenantsDir: string, platformFile: string, what: string): { region?: Region; problem?: string } {
  const load = loadCommandRegion({ tenantsDir, platformFile });
  if (load.region) return { region: load.region };
  for (const d of load.diagnostics) console.error(formatDiagnostic(d));
  return { problem: `${what} are not valid (${load.diagnostics.length} problem${load.diagnostics.length === 1 ? "" : "s"}; run grunnmur validate)` };
}

export function runReport(cmd: ParsedCommand): number {
  if (!cmd.values.baseline) throw new UsageError('--baseline DIR is required: the previews to compare against (e.g. "grunnmur preview --out out/baseline" on main)');
  const baselineRead = readPreviewDir(path.resolve(String(cmd.values.baseline)));
  const currentRead = readPreviewDir(path.resolve(String(cmd.values.current ?? "out/preview")));
  if (!baselineRead.ok || !currentRead.ok) {
    const problems = [baselineRead, currentRead].flatMap((read) => (read.ok ? [] : read.problems));
    for (const problem of problems) console.error(problem);
    console.error(`\nThe preview files cannot be read (${problems.length} problem${problems.length === 1 ? "" : "s"}); no report was written.`);
    return 1;
  }
  const baseline = baselineRead.previews;
  const current = currentRead.previews;
  const platform = loadPlatform(cmd.platformFile);
  if (!platform.platform) {
    for (const d of platform.diagnostics) console.error(formatDiagnostic(d));
    return 1;
  }
  const prices = platformSchema.parse(platform.platform.spec).prices.items;
  const loaded = loadTenants(cmd.tenantsDir, cmd.platformFile, "The tenant files of this change");
  const region = loaded.region;
  const baselineTenantsDir = cmd.values["baseline-tenants"] ? path.resolve(String(cmd.values["baseline-tenants"])) : undefined;
  const baselinePlatformFile = cmd.values["baseline-platform"] ? path.resolve(String(cmd.values["baseline-platform"])) : cmd.platformFile;
  if (baselineTenantsDir && !fs.existsSync(baselineTenantsDir)) throw new UsageError(`--baseline-tenants ${displayPath(baselineTenantsDir)} does not exist; give the tenants folder of the baseline's checkout (e.g. ../base/tenants)`);
  const baseLoaded = baselineTenantsDir ? loadTenants(baselineTenantsDir, baselinePlatformFile, "The baseline's tenant files") : {};
  const baseRegion = baseLoaded.region;
  const unpriced = loaded.problem ?? baseLoaded.problem;
  const catalogue = loadCatalogue(path.resolve(String(cmd.values.catalogue ?? path.join(REPO_ROOT, "catalogue.yaml"))));
  const chargedByUse = chargedByUseOf(catalogue);

  const diffs = diffRegion(baseline, current);
  const comparable = comparableBaseline(baseline, current);
  // The cost is of the whole region, before and after: the same estimate `grunnmur cost` makes.
  const after = wholeRegion(baseline, current);
  const notes: string[] = [];
  const factsAfter = region ? tenantFacts(region.tenants) : [];
  let factsBefore: TenantFacts[];
  if (baseRegion) factsBefore = tenantFacts(baseRegion.tenants);
  else {
    notes.push("The baseline is priced with this change's tenant files (no --baseline-tenants given): a change to a tenant file's backup size or VMs shows in the cost only through the previews.");
    const known = new Set(factsAfter.map((f) => f.slug));
    factsBefore = [...factsAfter, ...[...baseline.keys()].filter((s) => stackKind(s) === "tenant" && !known.has(s)).map((slug) => ({ slug, displayName: slug, population: 0 }))];
  }
  if (baseline.get(PLATFORM_STACK)?.scope) notes.push("The baseline previews cover part of the region only (--only or --changed-since); preview the baseline whole for the region's cost.");
  const beforePlatform = (baseRegion ?? region)?.platform;
  const priceBefore = unpriced || !beforePlatform ? undefined : priceRegion(beforePlatform, baseline, factsBefore, chargedByUse);
  const priceAfter = unpriced || !region ? undefined : priceRegion(region.platform, after, factsAfter, chargedByUse);
  const retained = retainedMonthly(priceBefore, diffs);
  const tenantsAfter = [...after.keys()].filter((s) => stackKind(s) === "tenant").length;
  const extras = new Map<string, StackExtras>(
    diffs.map((d) => [
      d.stack,
      {
        costBefore: stackMonthly(priceBefore, d.stack),
        // Retained resources are still billed: no saving in the stack's own line.
        costAfter: stackMonthly(priceAfter, d.stack) + (retained.get(d.stack) ?? 0),
        violations: violationsOf(current.get(d.stack)),
        workloads: workloadChanges(comparable.get(d.stack), current.get(d.stack), prices, tenantsAfter),
      },
    ]),
  );
  const budgets = new Map((region?.tenants ?? []).flatMap((t) => (t.spec.budget ? [[t.spec.slug, t.spec.budget.monthlyNok] as const] : [])));
  const changedStacks = new Set(diffs.filter((d) => d.status !== "unchanged").map((d) => d.stack));
  const cost = priceBefore && priceAfter
    ? { before: priceBefore.region.monthly, after: priceAfter.region.monthly, retained: [...retained.values()].reduce((a, b) => a + b, 0), municipalities: municipalityTotals(priceBefore, priceAfter, changedStacks, budgets), notes }
    : undefined;
  const costUnavailable = cost ? undefined : `not priced: ${unpriced ?? "the previews have no platform stack"}`;
  const regionStacks = new Set([...after.keys(), ...comparable.keys()]).size;
  const tenants = [...current.values()].filter((p) => stackKind(p.stack) === "tenant");
  const markdown = renderReport({
    diffs,
    extras,
    cost,
    costUnavailable,
    regionStacks,
    leaving: leavingNotices(baseline, current),
    diagram: networkDiagram(platformSide(current), tenants, { platform: platformSide(comparable), tenants: [...comparable.values()].filter((p) => stackKind(p.stack) === "tenant") }),
  });
  if (cmd.values.out) fs.writeFileSync(path.resolve(String(cmd.values.out)), markdown);
  console.log(markdown);
  return diffs.some((d) => d.changes.some((c) => c.blocking)) ? 1 : 0;
}
