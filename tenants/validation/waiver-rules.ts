/**
 * Waivers name the policy they waive. Which names exist is the policy pack's
 * business, so the caller passes them in: the tenant schema stays independent
 * of the pack, and the pack can load the files without loading itself.
 */
import type { Waiver } from "../schema/fields";
import type { Finding } from "./finding";
import { editDistance } from "./schema-messages";

export function checkWaiverPolicies(waivers: readonly Waiver[], policyNames: readonly string[]): Finding[] {
  const findings: Finding[] = [];
  waivers.forEach((waiver, i) => {
    if (policyNames.includes(waiver.policy)) return;
    const guess = policyNames.map((known) => ({ known, d: editDistance(waiver.policy, known) })).sort((a, b) => a.d - b.d)[0];
    const hint = guess && guess.d <= Math.max(3, Math.floor(waiver.policy.length / 4)) ? `did you mean "${guess.known}"? ` : "";
    findings.push({
      path: ["waivers", i, "policy"],
      message: `"${waiver.policy}" is not a policy of the pack; ${hint}the names are listed by "npx grunnmur check --help" and in policies/README.md`,
    });
  });
  return findings;
}
