/** `grunnmur report`: the Markdown PR comment comparing two sets of previews. */
import * as fs from "node:fs";
import * as path from "node:path";
import { UsageError, type CommandSpec, type ParsedCommand } from "../args";
import { platformSchema } from "../../tenants/schema/platform";
import { displayPath, loadPlatform } from "../../tenants/validation/load-region";
import { formatDiagnostic } from "../../tenants/validation/diagnostic";
import { readPreviewFile, type StackPreview } from "../preview/preview-file";
import { DEFAULT_ASSUMPTIONS, metersFor } from "../../domain/cost/meters";
import { isVmProtectedItem, linkVmBackups, previewedVmDisks } from "../../domain/cost/workloads";
import { workloadChanges } from "../report/workloads";
import { comparableBaseline, diffRegion } from "../report/diff";
import { networkDiagram } from "../report/mermaid";
import { renderReport, type PolicyViolation, type StackExtras } from "../report/markdown";

export const reportSpec: CommandSpec = {
  name: "report",
  summary: "write the pull-request comment: changes per stack against a baseline, policy, cost, network diagram",
  usage: "grunnmur report --baseline DIR [--current DIR] [--out FILE] [--platform FILE]",
  details: [
    "Compares the previews in --current (default out/preview) with those in --baseline",
    "(e.g. previews of main) by URN and inputs. Removing or replacing a protected or",
    "stateful resource is blocking: the report says so first and the exit code is 1.",
    "The Markdown stays under GitHub's 64 KB comment limit by trimming detail.",
    "",
    "Options:",
    "  --baseline DIR     previews to compare against (required)",
    "  --current DIR      previews of the change (default: out/preview)",
    "  --out FILE         also write the Markdown to FILE",
  ].join("\n"),
  options: { baseline: { type: "string" }, current: { type: "string" }, out: { type: "string" } },
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

/**
 * A stack's monthly cost. A VM's backup is priced on the VM's disks; a retired
 * VM (gone from the preview, its protected item kept) on the disks it had in
 * `earlier`, so its backup storage stays in the cost and is no saving.
 */
export function monthlyCost(preview: StackPreview | undefined, prices: Readonly<Record<string, { nok: number }>>, tenantCount: number, earlier?: StackPreview): number {
  if (!preview) return 0;
  const protectedShares = preview.resources.filter((r) => r.type === "azure-native:recoveryservices:ProtectedItem" && !isVmProtectedItem(r)).length;
  const vmBackup = linkVmBackups(preview.resources, previewedVmDisks(earlier?.resources ?? []));
  return preview.resources.reduce(
    (sum, r) => sum + metersFor(r, { assumptions: DEFAULT_ASSUMPTIONS, tenantCount, protectedShares, vmBackup }).reduce((a, m) => a + m.quantity * (prices[m.item]?.nok ?? 0), 0),
    0,
  );
}

function violationsOf(preview: StackPreview | undefined): PolicyViolation[] {
  return preview?.policy?.violations ?? [];
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
  const diffs = diffRegion(baseline, current);
  const comparable = comparableBaseline(baseline, current);
  const tenantsBefore = [...baseline.keys()].filter((s) => s !== "platform").length;
  // A scoped preview holds only the changed tenants; the region's size is in its scope.
  const tenantsAfter = current.get("platform")?.scope?.regionTenants.length ?? [...current.keys()].filter((s) => s !== "platform").length;
  const extras = new Map<string, StackExtras>(
    diffs.map((d) => [
      d.stack,
      {
        costBefore: monthlyCost(comparable.get(d.stack), prices, tenantsBefore),
        costAfter: monthlyCost(current.get(d.stack), prices, tenantsAfter, comparable.get(d.stack)),
        violations: violationsOf(current.get(d.stack)),
        workloads: workloadChanges(comparable.get(d.stack), current.get(d.stack), prices, tenantsAfter),
      },
    ]),
  );
  const tenants = [...current.values()].filter((p) => p.stack !== "platform");
  const markdown = renderReport({ diffs, extras, diagram: networkDiagram(current.get("platform"), tenants, { platform: comparable.get("platform"), tenants: [...comparable.values()].filter((p) => p.stack !== "platform") }) });
  if (cmd.values.out) fs.writeFileSync(path.resolve(String(cmd.values.out)), markdown);
  console.log(markdown);
  return diffs.some((d) => d.changes.some((c) => c.blocking)) ? 1 : 0;
}
