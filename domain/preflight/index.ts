/**
 * The preflight rule set, and running it over one stack. The runner that turns
 * findings into the policy report's mandatory violations is scripts/check/run-policies.ts.
 */
import { BACKUP_PREFLIGHT_RULES } from "./backup-values";
import { BASTION_AND_ROUTE_RULES } from "./bastion-and-routes";
import { NAME_PREFLIGHT_RULES } from "./names";
import { ORDERING_PREFLIGHT_RULES } from "./ordering";
import { REGION_PREFLIGHT_RULES } from "./regions";
import type { PreflightFinding, PreflightRule, PreflightStack } from "./rule";
import { SUBNET_PREFLIGHT_RULES } from "./subnets";
import { VALUE_PREFLIGHT_RULES } from "./values";

export type { PreflightFinding, PreflightResource, PreflightRule, PreflightStack } from "./rule";

/** Every rule, in id order. */
export const PREFLIGHT_RULES: readonly PreflightRule[] = [...NAME_PREFLIGHT_RULES, ...SUBNET_PREFLIGHT_RULES, ...REGION_PREFLIGHT_RULES, ...VALUE_PREFLIGHT_RULES, ...BASTION_AND_ROUTE_RULES, ...BACKUP_PREFLIGHT_RULES, ...ORDERING_PREFLIGHT_RULES];

/**
 * Every finding of the rules over one stack. A rule that throws does not pass
 * silently: it becomes a finding of its own, so the check still fails.
 */
export function runPreflight(stack: PreflightStack, rules: readonly PreflightRule[] = PREFLIGHT_RULES): PreflightFinding[] {
  return rules.flatMap((rule) => {
    try {
      return rule.check(stack);
    } catch (err) {
      const message = `the preflight rule itself failed (${err instanceof Error ? err.message : String(err)}); this is a bug in domain/preflight/, report it to the regional IT team`;
      return [{ rule: rule.id, stack: stack.stack, resource: stack.stack, azureName: "", value: "", allowed: "", reference: rule.reference, message }];
    }
  });
}

export { ACROSS_STACK_RULES, runRegionPreflight } from "./across-stacks";
export { FIREWALL_AND_QUOTA_RULES, VCPUS_PER_SIZE } from "./firewall-and-quotas";
export type { LimitUsage, RegionCheck, RegionResource, RegionRule, RegionStack } from "./region-rule";
export { summariseRegionCheck } from "./region-summary";
export { AZURE_LIMITS, effectiveLimits, limitOverrideProblem, LIMITS, type AzureLimit, type EffectiveLimits, type LimitEntry } from "./limits";
