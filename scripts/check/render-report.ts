/** The policy report as the regional IT team reads it in a terminal or a CI log. */
import { renderTable } from "../table";
import type { PolicyReport } from "../preview/preview-file";

function counts(report: PolicyReport): string {
  const { mandatory, advisory, waived } = report.summary;
  return `${mandatory} mandatory, ${advisory} advisory, ${waived} waived`;
}

/** Tables of violations and waived findings for one stack; a single line when it is clean. */
export function renderPolicyReport(stack: string, report: PolicyReport): string {
  const { summary } = report;
  if (report.violations.length === 0 && report.waived.length === 0) {
    return `Policy check ${stack}: no violations (${summary.policies} policies, ${summary.preflightRules !== undefined ? `${summary.preflightRules} preflight rules, ` : ""}${summary.resources} resources)`;
  }
  const lines = [`Policy check ${stack}: ${counts(report)}`];
  if (report.violations.length > 0) {
    lines.push(
      renderTable(
        ["enforcement", "rule", "policy", "resource", "message"],
        report.violations.map((v) => [v.enforcement, v.rule, v.policy, v.resource, v.message]),
      ),
    );
  }
  if (report.waived.length > 0) {
    lines.push(
      "",
      "Waived (not counted):",
      renderTable(
        ["policy", "resource", "until", "file", "reason"],
        report.waived.map((w) => [w.policy, w.resource, w.waiver.expires, w.waiver.file, w.waiver.reason]),
      ),
    );
  }
  return lines.join("\n");
}

/** One line over many stacks. */
export function renderPolicyTotals(reports: ReadonlyArray<{ stack: string; report: PolicyReport }>): string {
  const sum = (key: "mandatory" | "advisory" | "waived") => reports.reduce((n, r) => n + r.report.summary[key], 0);
  const failing = reports.filter((r) => r.report.summary.mandatory > 0).map((r) => r.stack);
  return (
    `Policy check: ${reports.length} stack${reports.length === 1 ? "" : "s"}, ${sum("mandatory")} mandatory, ${sum("advisory")} advisory, ${sum("waived")} waived` +
    (failing.length ? `; mandatory violations in ${failing.join(", ")}` : "")
  );
}
