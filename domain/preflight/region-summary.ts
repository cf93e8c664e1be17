/**
 * The region preflight's summary, as `grunnmur preview` and `npm run bench` print it.
 */
import type { LimitUsage, RegionCheck } from "./region-rule";

/** The share of its limit a usage takes, for picking the tightest. */
const share = (u: LimitUsage) => u.used / u.limit.value;

/**
 * The region's summary as the preview prints it: one line (rules, findings, the
 * tightest limit), then the busiest thing of each limit as "N of M", so the
 * team sees how close the hub and the subscriptions are before Azure says no.
 */
export function summariseRegionCheck(check: RegionCheck): string[] {
  const tightest = [...check.usage].sort((a, b) => share(b) - share(a) || a.subject.localeCompare(b.subject))[0];
  const findings = `${check.findings.length} finding${check.findings.length === 1 ? "" : "s"}`;
  const lines = [
    `Region preflight: ${check.rules} rules over all stacks, ${findings}` +
      (tightest ? `; tightest limit: ${tightest.subject}, ${tightest.used} of ${tightest.limit.value} (${Math.round(share(tightest) * 100)}%)` : ""),
  ];
  const rules = [...new Set(check.usage.map((u) => u.rule))];
  for (const rule of rules) {
    const of = check.usage.filter((u) => u.rule === rule).sort((a, b) => share(b) - share(a) || a.subject.localeCompare(b.subject));
    const more = of.length > 1 ? ` (busiest of ${of.length})` : "";
    lines.push(`  ${of[0].subject}: ${of[0].used} of ${of[0].limit.value}${more}`);
  }
  return lines;
}
