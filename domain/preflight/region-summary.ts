/**
 * The region preflight's summary, as `grunnmur preview` and `npm run bench` print it.
 */
import type { LimitUsage, RegionCheck } from "./region-rule";

/** The share of its limit a usage takes, for picking the tightest. */
const share = (u: LimitUsage) => u.used / u.limit.value;

/** The busiest usage of each rule among `usage`, as "subject: N of M (busiest of K)". */
function busiestPerRule(usage: readonly LimitUsage[], indent: string): string[] {
  const rules = [...new Set(usage.map((u) => u.rule))];
  return rules.map((rule) => {
    const of = usage.filter((u) => u.rule === rule).sort((a, b) => share(b) - share(a) || a.subject.localeCompare(b.subject));
    const more = of.length > 1 ? ` (busiest of ${of.length})` : "";
    return `${indent}${of[0].subject}: ${of[0].used} of ${of[0].limit.value}${more}`;
  });
}

/**
 * The region's summary as the preview prints it: one line (rules, findings, the
 * tightest limit), then per hub and per subscription how close each limit is
 * ("N of M", the busiest where there are several), then the rest of the region,
 * so the team sees where the design runs out before Azure says no.
 */
export function summariseRegionCheck(check: RegionCheck): string[] {
  const tightest = [...check.usage].sort((a, b) => share(b) - share(a) || a.subject.localeCompare(b.subject))[0];
  const findings = `${check.findings.length} finding${check.findings.length === 1 ? "" : "s"}`;
  const lines = [
    `Region preflight: ${check.rules} rules over all stacks, ${findings}` +
      (tightest ? `; tightest limit: ${tightest.subject}, ${tightest.used} of ${tightest.limit.value} (${Math.round(share(tightest) * 100)}%)` : ""),
  ];
  const scopes = [...new Set(check.usage.map((u) => u.scope).filter((s): s is string => s !== undefined))];
  const ordered = [...scopes.filter((s) => s.startsWith("hub ")), ...scopes.filter((s) => !s.startsWith("hub "))];
  for (const scope of ordered) {
    // Under its subscription's heading a subject need not name the subscription again.
    const sub = /^subscription (\S+)/.exec(scope)?.[1];
    const within = check.usage.filter((u) => u.scope === scope).map((u) => (sub ? { ...u, subject: u.subject.replace(` in subscription ${sub}`, "") } : u));
    lines.push(`  ${scope}:`, ...busiestPerRule(within, "    "));
  }
  const rest = check.usage.filter((u) => u.scope === undefined);
  if (rest.length > 0) lines.push(ordered.length > 0 ? "  elsewhere in the region:" : "", ...busiestPerRule(rest, ordered.length > 0 ? "    " : "  "));
  return lines.filter((l) => l !== "");
}
