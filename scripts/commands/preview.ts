/** `grunnmur preview`: the whole region previewed offline under Pulumi's mocks. */
import * as os from "node:os";
import * as path from "node:path";
import { UsageError, type CommandSpec, type ParsedCommand } from "../args";
import { formatDiagnostic } from "../../tenants/validation/diagnostic";
import { PREVIEW_TIMEOUT_MS, previewedHubs, previewRegion, regionHubStacks, removeStalePreviews, workersToPrestart } from "../preview/run-preview";
import { WorkerPool } from "../preview/pool";
import type { PreviewResult } from "../preview/job";
import { hubStackName, PLATFORM_STACK } from "../../stacks/contract";
import { renderTable } from "../table";
import { readPreviewFile, type PolicyReport, type StackPreview } from "../preview/preview-file";
import { displayPath } from "../../tenants/validation/load-region";
import * as fs from "node:fs";
import { stacksSince } from "./changed";
import { regionEnvironment } from "../../policies/core/environment";
import { policyReportsOf } from "../check/check-file";
import { renderPolicyReport, renderPolicyTotals } from "../check/render-report";
import { packConfigOption } from "./check";
import { checkRegionFiles, recordRegionFindings, renderRegionFindings } from "../check/check-region";
import { summariseRegionCheck } from "../../domain/preflight";
import { loadSince } from "./validate";

export const previewSpec: CommandSpec = {
  name: "preview",
  summary: "preview the platform and every tenant stack offline and write out/preview/<stack>.json",
  usage: "grunnmur preview [--only a,b] [--out DIR] [--jobs N] [--verbose] [--tenants DIR] [--platform FILE]",
  details: [
    "Validates the files, then runs the platform program and each tenant program",
    "under Pulumi's mock engine (no cloud, no credentials), each in its own worker",
    "process. Writes one JSON file per stack with every resource, its inputs and",
    "options, and the stack outputs. Then runs the policy pack (policies/) over",
    "each stack, prints its violations and adds them to the file under \"policy\".",
    "Then runs the region preflight over all stacks at once (Azure's limits summed",
    "over the region, names Azure takes once) and prints how close each limit is.",
    "Exit code 1 if the files are invalid, any stack failed, any stack has a",
    "mandatory policy violation, or the region preflight has a finding.",
    "",
    "It prints one line per stack (resources, adds: resources not in the last preview",
    "in the same folder, policy findings), and each policy finding once, with the",
    "stacks it is found in. --verbose prints every stack's resources by type and",
    "each stack's own policy table instead.",
    "",
    "Options:",
    "  --only a,b         preview only these tenants; the platform runs its shared core",
    "                     and only these tenants' attachments (its file records the scope)",
    "  --changed-since R  preview only the stacks whose files changed since git ref R",
    "  --platform-from D  with --changed-since: when the change leaves the platform stack",
    "                     alone (grunnmur changed: platform false), take its preview from",
    "                     D/platform.json (the base branch's) instead of running it again",
    "  --out DIR          where to write the previews (default: out/preview)",
    "  --jobs N           worker processes at once (default: the number of CPUs)",
    "  --policy-config F  per-policy settings, the JSON pulumi's --policy-pack-config takes",
    "  --verbose          every stack's resources by type, its own policy table, and a",
    "                     progress line per stack",
  ].join("\n"),
  options: { only: { type: "string" }, out: { type: "string" }, jobs: { type: "string" }, "changed-since": { type: "string" }, "platform-from": { type: "string" }, "policy-config": { type: "string" }, verbose: { type: "boolean" } },
  readsFiles: true,
};

function shortType(type: string): string {
  return type.replace(/^azure-native:/, "");
}

/** Wraps the type list onto continuation rows so wide stacks stay readable in a terminal. */
export function summaryTable(results: readonly PreviewResult[], width = 100): string {
  const rows: Array<Array<string | number>> = [];
  for (const r of results) {
    const parts = Object.entries(r.typeCounts).map(([type, n]) => `${shortType(type)} ${n}`);
    const lines: string[] = [];
    for (const part of parts) {
      const last = lines.length - 1;
      if (last >= 0 && lines[last].length + part.length + 2 <= width) lines[last] += `, ${part}`;
      else lines.push(part);
    }
    rows.push([r.stack, r.ok ? "ok" : "FAILED", String(r.resourceCount), (r.durationMs / 1000).toFixed(1), lines[0] ?? ""]);
    for (const line of lines.slice(1)) rows.push(["", "", "", "", line]);
  }
  return renderTable(["stack", "status", "resources", "seconds", "resources by type"], rows);
}

/**
 * The URNs in a preview file, or undefined when it is missing or unreadable. Only the URNs
 * are needed to count adds, so the file is parsed without the schema check: over 357 stacks,
 * read before and after the run, that check would cost seconds for nothing.
 */
export function urnsInFile(file: string): Set<string> | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as { resources?: Array<{ urn?: unknown }> };
    if (!Array.isArray(parsed.resources)) return undefined;
    return new Set(parsed.resources.map((r) => r.urn).filter((u): u is string => typeof u === "string"));
  } catch {
    return undefined;
  }
}

/** The URNs of each stack's last preview in `outDir`, read before this run overwrites them; a stack without a readable one is absent. */
export function previousUrns(outDir: string, stacks: readonly string[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const stack of stacks) {
    const urns = urnsInFile(path.join(outDir, `${stack}.json`));
    if (urns) out.set(stack, urns);
  }
  return out;
}

/** What a stack's findings line says: "1 advisory", "2 mandatory, 1 waived", "none". */
export function findingCounts(report: PolicyReport | undefined): string {
  if (!report) return "not checked";
  const { mandatory, advisory, waived } = report.summary;
  const parts = [mandatory > 0 ? `${mandatory} mandatory` : "", advisory > 0 ? `${advisory} advisory` : "", waived > 0 ? `${waived} waived` : ""].filter(Boolean);
  return parts.length > 0 ? parts.join(", ") : "none";
}

export interface CompactRow {
  readonly result: PreviewResult;
  /** Resources not in the last preview in the same folder; undefined when there was none. */
  readonly adds?: number;
  readonly report?: PolicyReport;
}

/** One line per stack: status, resources, adds and findings; the details are behind --verbose. */
export function compactTable(rows: readonly CompactRow[]): string {
  return renderTable(
    ["stack", "status", "resources", "adds", "findings"],
    rows.map(({ result, adds, report }) => [result.stack, result.ok ? "ok" : "FAILED", String(result.resourceCount), !result.ok ? "—" : adds === undefined ? "all (first preview here)" : String(adds), result.ok ? findingCounts(report) : "—"]),
  );
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Each policy finding once, with the stacks that have it. Findings that differ only in
 * the stack's own name (its tenant file, its slug as the resource) are the same finding:
 * nine municipalities without a restore test are one line, not nine tables.
 */
export function groupedFindings(reports: ReadonlyArray<{ stack: string; report: PolicyReport }>): string {
  interface Group { enforcement: string; rule: string; policy: string; resource: string; message: string; stacks: string[] }
  const groups = new Map<string, Group>();
  const add = (stack: string, enforcement: string, rule: string, policy: string, resource: string, message: string) => {
    const own = new RegExp(`\\b${escapeRegExp(stack)}\\b`, "g");
    const generic = { resource: resource.replace(own, "<stack>"), message: message.replace(own, "<stack>") };
    const key = JSON.stringify([enforcement, rule, policy, generic.resource, generic.message]);
    const group = groups.get(key) ?? { enforcement, rule, policy, ...generic, stacks: [] };
    if (!group.stacks.includes(stack)) group.stacks.push(stack);
    groups.set(key, group);
  };
  for (const { stack, report } of reports) {
    for (const v of report.violations) add(stack, v.enforcement, v.rule, v.policy, v.resource, v.message);
    for (const w of report.waived) add(stack, "waived", w.rule, w.policy, w.resource, `${w.message} (waived until ${w.waiver.expires} in ${w.waiver.file}: ${w.waiver.reason})`);
  }
  if (groups.size === 0) return "";
  const order: Record<string, number> = { mandatory: 0, advisory: 1, waived: 2 };
  const sorted = [...groups.values()].sort((a, b) => (order[a.enforcement] ?? 3) - (order[b.enforcement] ?? 3) || a.rule.localeCompare(b.rule) || b.stacks.length - a.stacks.length);
  const lines = [`Policy findings (${sorted.length} distinct; each once, with the stacks it is in; <stack> stands for each stack's own name):`];
  for (const g of sorted) {
    const where = g.stacks.length === 1 ? g.stacks[0] : `${g.stacks.length} stacks: ${g.stacks.join(", ")}`;
    lines.push(`  ${g.enforcement} ${g.rule} ${g.policy}, ${g.resource} (${where})`, `    ${g.stacks.length === 1 ? g.message.replace(/<stack>/g, g.stacks[0]) : g.message}`);
  }
  return lines.join("\n");
}

/**
 * Progress for the compact output on long runs: a line at each tenth of the stacks (and the
 * last), so a run over 357 stacks prints ten lines a CI log can follow, not 357. A run of
 * PROGRESS_FROM stacks or fewer takes seconds and prints none.
 */
export const PROGRESS_FROM = 20;

export function progressReporter(total: number, log: (line: string) => void, started = Date.now()): (done: number, failedSoFar: number) => void {
  const step = Math.max(1, Math.ceil(total / 10));
  return (done, failedSoFar) => {
    if (total <= PROGRESS_FROM || (done % step !== 0 && done !== total)) return;
    log(`  ${String(done).padStart(String(total).length)}/${total} stacks previewed${failedSoFar > 0 ? `, ${failedSoFar} failed` : ""} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  };
}

export async function runPreview(cmd: ParsedCommand): Promise<number> {
  const jobs = cmd.values.jobs === undefined ? os.availableParallelism() : Number(cmd.values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs must be a whole number of 1 or more, not "${String(cmd.values.jobs)}"`);
  // Workers start loading the SDK and the programs while this process validates the files: one
  // now, for the first stack (the platform, or with --platform-from most likely a hub's stack, the
  // base branch's platform preview standing in), and a second once the scope shows it has work.
  const pool = new WorkerPool({ concurrency: jobs, timeoutMs: PREVIEW_TIMEOUT_MS });
  pool.prestart(1, cmd.values["platform-from"] ? "hub" : "platform");
  try {
    return await previewWith(cmd, jobs, pool);
  } finally {
    pool.close();
  }
}

async function previewWith(cmd: ParsedCommand, jobs: number, pool: WorkerPool): Promise<number> {
  let changedPlatform: boolean | undefined;
  let changedHubs: ReadonlySet<string> | undefined;
  let only = cmd.values.only ? new Set(String(cmd.values.only).split(",").map((s) => s.trim()).filter(Boolean)) : undefined;
  if (cmd.values["changed-since"]) {
    if (only) throw new UsageError("use either --only or --changed-since, not both");
    let changed;
    try {
      changed = stacksSince(String(cmd.values["changed-since"]), cmd.tenantsDir, cmd.platformFile);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    if (changed.tenants !== "all") only = new Set(changed.tenants);
    changedPlatform = changed.platform;
    if (changed.hubs !== "all") changedHubs = new Set(changed.hubs);
    console.log(
      changed.tenants === "all"
        ? "Shared code or settings changed: previewing every stack."
        : `Changed since ${String(cmd.values["changed-since"])}: ${only && only.size > 0 ? [...only].join(", ") : "no tenant files"}${changed.platform ? " (and the platform)" : ""}.`,
    );
  }
  pool.prestart(workersToPrestart(jobs, { only, extraHubStacks: changedHubs }));
  // The base branch's platform preview stands in for this one only when the change leaves the platform alone.
  let reusePlatform: StackPreview | undefined;
  if (cmd.values["platform-from"]) {
    if (!cmd.values["changed-since"]) throw new UsageError("--platform-from goes with --changed-since: only a change the platform does not read may reuse the base branch's platform preview");
    const file = path.join(path.resolve(String(cmd.values["platform-from"])), `${PLATFORM_STACK}.json`);
    if (!fs.existsSync(file)) throw new UsageError(`--platform-from: there is no ${displayPath(file)}; preview the base branch there first (grunnmur preview --out DIR)`);
    const read = readPreviewFile(displayPath(file));
    if (!read.ok) throw new UsageError(`--platform-from: ${read.problems.join("; ")}`);
    if (read.preview.scope) throw new UsageError(`--platform-from: ${displayPath(file)} covers part of the region only; preview the base branch whole`);
    if (changedPlatform === false) {
      reusePlatform = read.preview;
      console.log(`The change leaves the platform stack alone: its preview is taken from ${displayPath(file)}.`);
    }
  }
  const outDir = path.resolve(String(cmd.values.out ?? "out/preview"));
  const policyConfig = packConfigOption(cmd);
  if (!policyConfig.ok) return 1;

  const load = loadSince(cmd);
  if (!load.region) {
    for (const d of load.diagnostics) console.error(formatDiagnostic(d));
    console.error(`\nThe files are not valid (${load.diagnostics.length} problems); nothing was previewed. Fix them and run again.`);
    return 1;
  }
  const region = load.region;
  if (only) {
    const known = new Set(region.tenants.map((t) => t.spec.slug));
    const unknown = [...only].filter((s) => !known.has(s));
    if (unknown.length > 0) {
      throw new UsageError(`--only names no tenant file: ${unknown.join(", ")}. Tenants are: ${[...known].join(", ")}`);
    }
  } else {
    removeStalePreviews(outDir, new Set([PLATFORM_STACK, ...regionHubStacks(region), ...region.tenants.map((t) => t.spec.slug)]));
  }

  const hubStacks = previewedHubs(region, { only, scopePlatform: only !== undefined, extraHubStacks: changedHubs }).map(hubStackName);
  const tenantCount = only ? only.size : region.tenants.length;
  const count = tenantCount + hubStacks.length + 1;
  const hubsText = hubStacks.length > 0 ? ` + ${hubStacks.length} hub${hubStacks.length === 1 ? "" : "s"}` : "";
  console.log(`Previewing ${count} stacks offline (platform${hubsText} + ${tenantCount} tenants) with ${jobs} worker${jobs === 1 ? "" : "s"}...`);
  const env = regionEnvironment(region);
  const verbose = cmd.values.verbose === true;
  const before = previousUrns(outDir, [PLATFORM_STACK, ...hubStacks, ...region.tenants.map((t) => t.spec.slug).filter((s) => !only || only.has(s))]);
  let failedSoFar = 0;
  const progress = progressReporter(count, (line) => console.log(line));
  const preview = await previewRegion(region, {
    outDir,
    concurrency: jobs,
    policies: { env, config: policyConfig.config },
    only,
    scopePlatform: only !== undefined,
    reusePlatform,
    extraHubStacks: changedHubs,
    pool,
    onProgress: (r, done, total) => {
      if (!r.ok) failedSoFar += 1;
      if (verbose) console.log(`  [${String(done).padStart(String(total).length)}/${total}] ${r.stack}: ${r.ok ? `${r.resourceCount} resources, ${(r.durationMs / 1000).toFixed(1)} s` : "FAILED"}`);
      else progress(done, failedSoFar);
    },
  });

  const all = [preview.platform, ...preview.hubs, ...preview.tenants];
  if (verbose) console.log(`\n${summaryTable(all)}`);
  const failed = all.filter((r) => !r.ok);
  for (const r of failed) console.error(`\n${r.stack} failed: ${r.error}`);
  const total = all.reduce((n, r) => n + r.resourceCount, 0);
  const rel = path.relative(process.cwd(), outDir) || ".";
  console.log(`\n${all.length - failed.length} of ${all.length} stacks previewed, ${total} resources, in ${(preview.durationMs / 1000).toFixed(1)} s; written to ${rel}/`);

  // Stacks were checked in their workers; a platform previewed in parts is checked here, once merged.
  const reports = await policyReportsOf(all, outDir, env, policyConfig.config);
  if (!reports.ok) {
    for (const problem of reports.problems) console.error(problem);
    return 1;
  }
  const checked = reports.checked;
  if (verbose) {
    for (const { stack, report } of checked.filter((c) => c.report.violations.length + c.report.waived.length > 0)) {
      console.log(`\n${renderPolicyReport(stack, report)}`);
    }
  } else {
    const reportOf = new Map(checked.map((c) => [c.stack, c.report]));
    const rows = all.map((result) => {
      const was = before.get(result.stack);
      const now = was && result.ok ? urnsInFile(path.join(outDir, `${result.stack}.json`)) : undefined;
      const adds = was && now ? [...now].filter((urn) => !was.has(urn)).length : undefined;
      return { result, adds, report: reportOf.get(result.stack) };
    });
    console.log(`\n${compactTable(rows)}`);
    const grouped = groupedFindings(checked);
    if (grouped) console.log(`\n${grouped}`);
  }
  console.log(`\n${renderPolicyTotals(checked)}`);
  const mandatory = checked.some((c) => c.report.summary.mandatory > 0);

  // The limits and names that only the stacks together run into: needs every stack, whole.
  let regionFindings = 0;
  if (only) {
    console.log("\nRegion preflight: not run; it counts over every stack, and --only or --changed-since previews part of the region.");
  } else if (failed.length === 0) {
    const region = checkRegionFiles(outDir, checked.map((c) => c.stack), load.region.platform.limits);
    if (!region.ok) {
      for (const problem of region.problems) console.error(problem);
      return 1;
    }
    regionFindings = region.check.findings.length;
    recordRegionFindings(outDir, region.previews, region.check, PLATFORM_STACK);
    if (regionFindings > 0) console.log(`\nRegion preflight findings (all stacks together; mandatory):\n${renderRegionFindings(region.check)}`);
    console.log(`\n${summariseRegionCheck(region.check).join("\n")}`);
  }
  return failed.length > 0 || mandatory || regionFindings > 0 ? 1 : 0;
}
