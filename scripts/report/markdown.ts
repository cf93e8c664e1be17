/**
 * The pull-request comment: summary first (stacks changed, resources added,
 * changed and removed, policy result, cost change, blocking changes), then one
 * collapsible section per stack. It stays under GitHub's 64 KB comment limit by
 * trimming detail, never the summary.
 */
import type { StackDiff } from "./diff";
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

export interface ReportInput {
  readonly diffs: readonly StackDiff[];
  readonly extras: ReadonlyMap<string, StackExtras>;
  readonly diagram?: string;
}

const count = (d: StackDiff, kind: string) => d.changes.filter((c) => c.kind === kind).length;
const nok = (n: number) => `${n >= 0 ? "+" : "−"}NOK ${Math.abs(Math.round(n)).toLocaleString("en-US")}`;
const short = (v: unknown) => {
  const text = v === undefined ? "—" : JSON.stringify(v);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};
const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function summary(input: ReportInput): string {
  const changed = input.diffs.filter((d) => d.status !== "unchanged");
  const totals = ["added", "changed", "replaced", "removed"].map((k) => input.diffs.reduce((a, d) => a + count(d, k), 0));
  const violations = [...input.extras.values()].flatMap((e) => e.violations);
  const mandatory = violations.filter((v) => v.enforcement === "mandatory").length;
  const costChange = [...input.extras.values()].reduce((a, e) => a + e.costAfter - e.costBefore, 0);
  const blocking = input.diffs.flatMap((d) => d.changes.filter((c) => c.blocking).map((c) => `${d.stack}: ${c.blocking}`));
  const lines = ["## grunnmur: what this change does", ""];
  if (blocking.length > 0) {
    lines.push(`> **Blocking: ${blocking.length} change${blocking.length === 1 ? "" : "s"} would lose data or renumber a network.** Each line says what to do: follow the offboarding steps, keep the network where it is, or undo the change.`, ">");
    for (const b of blocking.slice(0, 20)) lines.push(`> - ${cell(b)}`);
    if (blocking.length > 20) lines.push(`> - ... and ${blocking.length - 20} more`);
    lines.push("");
  }
  lines.push(
    "| | |",
    "|---|---|",
    `| Stacks changed | ${changed.length} of ${input.diffs.length}${changed.length > 0 ? ` (${changed.map((d) => d.stack).slice(0, 12).join(", ")}${changed.length > 12 ? ", ..." : ""})` : ""} |`,
    `| Resources | ${totals[0]} added, ${totals[1]} changed, ${totals[2]} replaced, ${totals[3]} removed |`,
    `| Policy | ${violations.length === 0 ? "no violations" : `${mandatory} mandatory, ${violations.length - mandatory} advisory violations`} |`,
    `| Cost change | ${nok(costChange)} a month |`,
    `| Blocking | ${blocking.length === 0 ? "no" : `**yes** (${blocking.length})`} |`,
    "",
  );
  return lines.join("\n");
}

function stackSection(d: StackDiff, extras: StackExtras | undefined, detail: "full" | "names"): string {
  const lines = [
    `<details><summary><b>${d.stack}</b>: ${d.status}, ${count(d, "added")} added, ${count(d, "changed")} changed, ${count(d, "replaced")} replaced, ${count(d, "removed")} removed${extras ? `, cost ${nok(extras.costAfter - extras.costBefore)}/month` : ""}${extras?.violations.length ? `, ${extras.violations.length} violations` : ""}</summary>`,
    "",
  ];
  if (extras?.workloads?.length) {
    lines.push("| VM | zone | size | backup tier | NOK/month |", "|---|---|---|---|---|");
    for (const w of extras.workloads) {
      const what = w.kind === "added" ? `${nok(w.monthlyNok)}` : `${nok(w.monthlyNok)}; ${RETIRED_NOTE} (backup storage NOK ${Math.round(w.backupKeptNok ?? 0).toLocaleString("en-US")}/month stays)`;
      lines.push(`| ${w.kind === "added" ? "added" : "**retired**"}: ${cell(w.name)} | ${cell(w.zone)} | ${cell(w.size)} | ${cell(w.backupTier)} | ${cell(what)} |`);
    }
    lines.push("");
  }
  if (d.changes.length > 0) {
    lines.push("| change | resource | type | inputs |", "|---|---|---|---|");
    for (const c of d.changes) {
      const inputs = detail === "full" ? c.inputs.map((i) => `\`${i.key}\`: ${cell(short(i.before))} → ${cell(short(i.after))}`).join("<br/>") : c.inputs.map((i) => `\`${i.key}\``).join(", ");
      lines.push(`| ${c.blocking ? "**" : ""}${c.kind}${c.blocking ? " (blocking)**" : ""} | ${cell(c.name)} | ${c.type.replace("azure-native:", "")} | ${inputs} |`);
    }
    lines.push("");
  }
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
