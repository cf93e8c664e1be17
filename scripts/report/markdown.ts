/**
 * The pull-request comment: summary first (stacks changed, resources added,
 * changed and removed, policy result, cost change, blocking changes), then one
 * collapsible section per stack. It stays under GitHub's 64 KB comment limit by
 * trimming detail, never the summary.
 */
import type { BlockingReason, InputChange, ResourceChange, StackDiff } from "./diff";
import type { MunicipalityTotal } from "./cost";
import { treeDiff } from "./file-diff";
import { bundleFromUserData } from "../../domain/eduroam/user-data";
import { formatNok, formatNokChange } from "../../domain/format/numbers";
import { RETIRED_NOTE, type WorkloadChange } from "./workloads";

export const GITHUB_COMMENT_LIMIT = 65_536;
/** Room kept free for the workflow's own header and marker. */
const MARGIN = 2_048;

export interface PolicyViolation {
  readonly policy: string;
  readonly resource: string;
  readonly message: string;
  readonly enforcement: string;
}

export interface StackExtras {
  /** Monthly cost of the stack's resources, before and after, NOK. */
  readonly costBefore: number;
  readonly costAfter: number;
  readonly violations: readonly PolicyViolation[];
  /** VMs added or retired (scripts/report/workloads.ts). */
  readonly workloads?: readonly WorkloadChange[];
}

/** A tenant that is leaving, announced at the top of the report. */
export interface LeavingNotice {
  readonly stack: string;
  /** offboarding.since, when the preview records it. */
  readonly since?: string;
  readonly approved?: string;
  readonly dataExportedTo?: string;
  /** Whether main (the baseline) already marks it as leaving, or only this change does. */
  readonly onMain: boolean;
  /** Whether this change removes its stack (its tenant file is gone). */
  readonly stackRemoved: boolean;
}

/** The region's monthly cost before and after, priced as `grunnmur cost` prices it (scripts/report/cost.ts). */
export interface RegionCost {
  readonly before: number;
  readonly after: number;
  /** Of what the change removes: retained resources, still billed, NOK a month. */
  readonly retained: number;
  readonly municipalities: readonly MunicipalityTotal[];
  /** Why a figure may be rough, e.g. the baseline's tenant files were not given. */
  readonly notes?: readonly string[];
}

export interface ReportInput {
  readonly diffs: readonly StackDiff[];
  readonly extras: ReadonlyMap<string, StackExtras>;
  readonly diagram?: string;
  /** Stacks in the whole region, when the previews cover part of it (--only, --changed-since). */
  readonly regionStacks?: number;
  readonly cost?: RegionCost;
  /** Why the region could not be priced (invalid tenant files); the cost row says so instead of a figure. */
  readonly costUnavailable?: string;
  readonly leaving?: readonly LeavingNotice[];
}

const count = (d: StackDiff, kind: string) => d.changes.filter((c) => c.kind === kind && !(kind === "removed" && c.retained && !c.blocking)).length;
const retainedCount = (d: StackDiff) => d.changes.filter((c) => c.kind === "removed" && c.retained && !c.blocking).length;
const nok = (n: number) => formatNokChange(n);
const short = (v: unknown) => {
  const text = v === undefined ? "—" : JSON.stringify(v);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};
const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** The headline's words for each reason a change blocks, and what to do about it. */
const BLOCKING_WORDS: Record<BlockingReason, { what: string; todo: string }> = {
  "deletes-data": { what: "would delete data", todo: "follow the offboarding steps before removing anything" },
  "replaces-data": { what: "would replace a resource that holds data", todo: "keep the input that forces the replacement as it is" },
  renumbers: { what: "would renumber a spoke network", todo: "keep the network where it is" },
  "moves-hub": { what: "would move a municipality to another hub", todo: "keep its hub, or plan the move with the platform team" },
  "leaving-adds": { what: "a leaving tenant takes no new resources", todo: "add nothing to a tenant marked as leaving" },
};

function blockingHeadline(reasons: readonly (BlockingReason | undefined)[], n: number): string {
  const distinct = [...new Set(reasons.filter((r): r is BlockingReason => r !== undefined))];
  const what = distinct.map((r) => BLOCKING_WORDS[r].what);
  const todo = distinct.map((r) => BLOCKING_WORDS[r].todo);
  const changes = `${n} change${n === 1 ? "" : "s"}`;
  if (distinct.length === 0) return `**Blocking: ${changes}.** Each line says what to do.`;
  return `**Blocking: ${changes}: ${what.join("; ")}.** ${todo.map((t, i) => (i === 0 ? t[0].toUpperCase() + t.slice(1) : t)).join("; ")}; each line says what.`;
}

function leavingLine(l: LeavingNotice): string {
  const facts = [l.since ? `leaving on ${l.since}` : "", l.approved ? `approved ${l.approved}` : "", l.dataExportedTo ? `data exported to ${l.dataExportedTo}` : "no data export recorded yet"].filter(Boolean).join(", ");
  const marked = l.onMain ? "is leaving the platform" : "is marked as leaving by this change";
  const then = l.stackRemoved
    ? "This change removes its stack; its retained storage and backups stay in Azure, still billed, until deleted by hand."
    : "It takes no new resources; its storage and backups are retained (still billed) when its stack goes.";
  return `> **Offboarding: ${l.stack} ${marked}** (${facts}). ${then}`;
}

function costRow(input: ReportInput): string {
  const c = input.cost;
  if (!c && input.costUnavailable) return cell(input.costUnavailable);
  if (!c) return `${nok([...input.extras.values()].reduce((a, e) => a + e.costAfter - e.costBefore, 0))} a month`;
  const change = c.after - c.before;
  const base = `${nok(change)} a month (region ${formatNok(c.before)} → ${formatNok(c.after)}, as \`grunnmur cost\` prices it)`;
  if (c.retained <= 0) return base;
  return `${base}; of what it removes, ${formatNok(c.retained)} a month is retained (still billed) until deleted by hand, so the bill changes by ${nok(change + c.retained)}`;
}

function municipalityTable(c: RegionCost | undefined): string[] {
  if (!c || c.municipalities.length === 0) return [];
  const lines = ["| municipality | own resources | platform share | hosting | total a month | before | budget |", "|---|---|---|---|---|---|---|"];
  for (const m of c.municipalities.slice(0, MAX_MUNICIPALITY_ROWS)) {
    const before = m.totalBefore === undefined ? "new" : `${formatNok(m.totalBefore)} (${nok(m.total - m.totalBefore)})`;
    const budget = m.budget === undefined ? "none set" : m.total > m.budget ? `**${formatNok(m.budget)}: over by ${formatNok(m.total - m.budget)}**` : `${formatNok(m.budget)}: within`;
    lines.push(`| ${cell(m.displayName)} (${m.slug}) | ${formatNok(m.own)} | ${formatNok(m.platformShare)} | ${formatNok(m.hosting)} | ${formatNok(m.total)} | ${before} | ${budget} |`);
  }
  if (c.municipalities.length > MAX_MUNICIPALITY_ROWS) lines.push(`| ... and ${c.municipalities.length - MAX_MUNICIPALITY_ROWS} more whose share changes | | | | | | |`);
  lines.push("");
  return lines;
}

/** Rows of the municipality table; a platform change moves every share, and the rest are counted. */
export const MAX_MUNICIPALITY_ROWS = 25;

export function summary(input: ReportInput): string {
  const changed = input.diffs.filter((d) => d.status !== "unchanged");
  const totals = ["added", "changed", "replaced", "removed"].map((k) => input.diffs.reduce((a, d) => a + count(d, k), 0));
  const retained = input.diffs.reduce((a, d) => a + retainedCount(d), 0);
  const violations = [...input.extras.values()].flatMap((e) => e.violations);
  const mandatory = violations.filter((v) => v.enforcement === "mandatory").length;
  const blockingChanges = input.diffs.flatMap((d) => d.changes.filter((c) => c.blocking).map((c) => ({ line: `${d.stack}: ${c.blocking}`, reason: c.blockingReason })));
  const blocking = blockingChanges.map((b) => b.line);
  const lines = ["## grunnmur: what this change does", ""];
  for (const l of input.leaving ?? []) lines.push(leavingLine(l), "");
  if (blocking.length > 0) {
    lines.push(`> ${blockingHeadline(blockingChanges.map((b) => b.reason), blocking.length)}`, ">");
    for (const b of blocking.slice(0, 20)) lines.push(`> - ${cell(b)}`);
    if (blocking.length > 20) lines.push(`> - ... and ${blocking.length - 20} more`);
    lines.push("");
  }
  const stacks = Math.max(input.regionStacks ?? 0, input.diffs.length);
  lines.push(
    "| | |",
    "|---|---|",
    `| Stacks changed | ${changed.length} of ${stacks}${changed.length > 0 ? ` (${changed.map((d) => d.stack).slice(0, 12).join(", ")}${changed.length > 12 ? ", ..." : ""})` : ""} |`,
    `| Resources | ${totals[0]} added, ${totals[1]} changed, ${totals[2]} replaced, ${totals[3]} removed${retained > 0 ? `, ${retained} retained (still billed)` : ""} |`,
    `| Policy | ${violations.length === 0 ? "no violations" : `${mandatory} mandatory, ${violations.length - mandatory} advisory violations`} |`,
    `| Cost change | ${costRow(input)} |`,
    `| Blocking | ${blocking.length === 0 ? "no" : `**yes** (${blocking.length})`} |`,
    "",
    ...municipalityTable(input.cost),
  );
  for (const note of input.cost?.notes ?? []) lines.push(`_${note}_`, "");
  return lines.join("\n");
}

function kindLabel(c: ResourceChange): string {
  if (c.blocking) return `**${c.kind} (blocking)**`;
  if (c.kind === "removed" && c.retained) return "retained (still billed)";
  return c.kind;
}

function inputsCell(c: ResourceChange, detail: "full" | "names"): string {
  if (c.kind === "added") {
    const name = c.azureName ? `Azure name \`${c.azureName}\`` : "";
    const keys = detail === "full" ? (c.keyInputs ?? []) : [];
    return [name, ...keys].filter(Boolean).map(cell).join("<br/>");
  }
  if (c.kind === "removed" && c.retained && !c.blocking) return "removed from the stack, kept in Azure (retainOnDelete): still billed until deleted by hand";
  return detail === "full"
    ? c.inputs.map((i) => (radiusFilesChanged(c, i) ? `\`${i.key}\`: the RADIUS configuration, see its diff below` : `\`${i.key}\`: ${cell(short(i.before))} → ${cell(short(i.after))}`)).join("<br/>")
    : c.inputs.map((i) => `\`${i.key}\``).join(", ");
}

const secretValue = (properties: unknown): unknown => (properties && typeof properties === "object" ? (properties as { value?: unknown }).value : undefined);

/**
 * Where a RADIUS bundle can be in a change: a server's userData, or a Key Vault secret's
 * value, as a hub's stack writes its bundle (stacks/platform/radius-config.ts,
 * hubRadiusBundleSecret; not marked secret, so previews keep it). A secret's value
 * marked secret is "[secret]" in previews, which is no bundle.
 */
function bundleSides(c: ResourceChange, i: InputChange): [unknown, unknown] | undefined {
  if (i.key === "userData") return [i.before, i.after];
  if (i.key === "properties" && c.type === "azure-native:keyvault:Secret") return [secretValue(i.before), secretValue(i.after)];
  return undefined;
}

/** The generated FreeRADIUS files behind a changed userData or hub bundle, decoded; undefined when it is not a RADIUS bundle. */
function radiusFilesChanged(c: ResourceChange, i: InputChange): Array<{ file: string; diff: string }> | undefined {
  const sides = bundleSides(c, i);
  if (!sides) return undefined;
  const before = typeof sides[0] === "string" ? bundleFromUserData(sides[0]) : undefined;
  const after = typeof sides[1] === "string" ? bundleFromUserData(sides[1]) : undefined;
  if (!before && !after) return undefined;
  return treeDiff(before?.files ?? {}, after?.files ?? {});
}

function radiusDiffs(d: StackDiff): string[] {
  const out: string[] = [];
  // The servers of a pair get the same bundle: one diff, the second server named against it.
  const shown = new Map<string, string>();
  for (const c of d.changes) {
    const files = c.inputs.map((i) => radiusFilesChanged(c, i)).find((f) => f !== undefined);
    if (!files) continue;
    const key = JSON.stringify(files);
    const same = shown.get(key);
    if (same !== undefined) {
      out.push(`RADIUS configuration of ${cell(c.name)}: the same change as ${cell(same)}.`, "");
      continue;
    }
    shown.set(key, c.name);
    out.push(`RADIUS configuration of ${cell(c.name)}: ${files.length} generated file${files.length === 1 ? "" : "s"} changed${files.length ? ` (${files.map((f) => f.file).join(", ")})` : ""}`, "");
    if (files.length > 0) out.push("```diff", ...files.map((f) => f.diff), "```", "");
  }
  return out;
}

function stackSection(d: StackDiff, extras: StackExtras | undefined, detail: "full" | "names"): string {
  const retained = retainedCount(d);
  const lines = [
    `<details><summary><b>${d.stack}</b>: ${d.status}, ${count(d, "added")} added, ${count(d, "changed")} changed, ${count(d, "replaced")} replaced, ${count(d, "removed")} removed${retained > 0 ? `, ${retained} retained (still billed)` : ""}${extras ? `, cost ${nok(extras.costAfter - extras.costBefore)}/month` : ""}${extras?.violations.length ? `, ${extras.violations.length} violations` : ""}</summary>`,
    "",
  ];
  if (extras?.workloads?.length) {
    lines.push("| VM | zone | size | backup tier | NOK/month |", "|---|---|---|---|---|");
    for (const w of extras.workloads) {
      const what = w.kind === "added" ? `${nok(w.monthlyNok)}` : `${nok(w.monthlyNok)}; ${RETIRED_NOTE} (backup storage ${formatNok(w.backupKeptNok ?? 0)}/month stays)`;
      lines.push(`| ${w.kind === "added" ? "added" : "**retired**"}: ${cell(w.name)} | ${cell(w.zone)} | ${cell(w.size)} | ${cell(w.backupTier)} | ${cell(what)} |`);
    }
    lines.push("");
  }
  if (d.changes.length > 0) {
    lines.push("| change | resource | type | inputs |", "|---|---|---|---|");
    for (const c of d.changes) lines.push(`| ${kindLabel(c)} | ${cell(c.name)} | ${c.type.replace("azure-native:", "")} | ${inputsCell(c, detail)} |`);
    lines.push("");
  }
  if (detail === "full") lines.push(...radiusDiffs(d));
  if (extras?.violations.length) {
    lines.push("| policy | resource | enforcement | what to change |", "|---|---|---|---|");
    for (const v of extras.violations) lines.push(`| ${v.policy} | ${cell(v.resource)} | ${v.enforcement} | ${cell(v.message)} |`);
    lines.push("");
  }
  lines.push("</details>", "");
  return lines.join("\n");
}

export function renderReport(input: ReportInput, limit = GITHUB_COMMENT_LIMIT - MARGIN): string {
  const head = summary(input);
  const diagram = input.diagram ? `<details><summary>Network diagram</summary>\n\n${input.diagram}\n\n</details>\n` : "";
  const interesting = input.diffs.filter((d) => d.status !== "unchanged" || (input.extras.get(d.stack)?.violations.length ?? 0) > 0);
  // Try full detail, then names only, then as many stacks as fit; the summary always stays.
  for (const detail of ["full", "names"] as const) {
    const body = interesting.map((d) => stackSection(d, input.extras.get(d.stack), detail)).join("\n");
    const text = `${head}\n${body}\n${diagram}`;
    if (Buffer.byteLength(text) <= limit) return text;
  }
  let text = head;
  let shown = 0;
  for (const d of interesting) {
    const section = stackSection(d, input.extras.get(d.stack), "names");
    const note = `\n_${interesting.length - shown - 1} more stacks not shown: the comment would exceed GitHub's size limit. Run \`grunnmur report\` locally for all of them._\n`;
    if (Buffer.byteLength(text + section + note) > limit) break;
    text += section;
    shown += 1;
  }
  if (shown < interesting.length) text += `\n_${interesting.length - shown} more stacks not shown: the comment would exceed GitHub's size limit. Run \`grunnmur report\` locally for all of them._\n`;
  return text;
}
