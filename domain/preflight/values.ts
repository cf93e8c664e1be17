/**
 * Values Azure only accepts within a range or a shape: a budget's start and
 * thresholds, soft-delete retention, firewall rule collection group priorities.
 */
import { monthOf } from "../cost/budget-period";
import { azureNameOf, inputAt, isRecord, ofTypes, preflightRule, quote, type PreflightRule, type Problem } from "./rule";

const BUDGETS_API = "https://learn.microsoft.com/rest/api/consumption/budgets/create-or-update";

/** The first of a month at midnight, as Budgets - Create Or Update takes timePeriod.startDate. */
const MONTH_START = /^\d{4}-(0[1-9]|1[0-2])-01(T00:00(:00(\.0+)?)?(Z|[+-]00:00)?)?$/;

export const budgetStartsOnFirst = preflightRule(
  { id: "PF-25", name: "budget-start-first-of-month", summary: "A budget's timePeriod.startDate is the first day of a month, at 00:00.", reference: BUDGETS_API },
  function* (stack): Iterable<Problem> {
    for (const budget of ofTypes(stack, "azure-native:consumption:Budget")) {
      const start = inputAt(budget, "timePeriod.startDate");
      if (typeof start !== "string" || MONTH_START.test(start)) continue;
      yield { resource: budget, subject: "budget", azureName: azureNameOf(budget), property: "timePeriod.startDate", value: quote(start), allowed: `the first of a month at 00:00, e.g. "${monthOf(start)}-01T00:00:00Z"` };
    }
  },
);

export const budgetThresholds = preflightRule(
  { id: "PF-26", name: "budget-notification-threshold", summary: "A budget notification's threshold is a percentage above 0 and at most 1000.", reference: BUDGETS_API },
  function* (stack): Iterable<Problem> {
    for (const budget of ofTypes(stack, "azure-native:consumption:Budget")) {
      const notifications = budget.inputs.notifications;
      if (!isRecord(notifications)) continue;
      for (const [key, notification] of Object.entries(notifications)) {
        const threshold = isRecord(notification) ? notification.threshold : undefined;
        if (typeof threshold !== "number" || (threshold > 0 && threshold <= 1000)) continue;
        yield { resource: budget, subject: "budget", azureName: azureNameOf(budget), property: `notifications.${key}.threshold`, value: String(threshold), allowed: "a percentage above 0 and at most 1000" };
      }
    }
  },
);

function rangeRule(meta: Omit<PreflightRule, "check">, type: string, subject: string, path: string, min: number, max: number, unit: string): PreflightRule {
  return preflightRule(meta, function* (stack): Iterable<Problem> {
    for (const resource of ofTypes(stack, type)) {
      const value = inputAt(resource, path);
      if (typeof value !== "number" || (Number.isInteger(value) && value >= min && value <= max)) continue;
      yield { resource, subject, azureName: azureNameOf(resource), property: path, value: String(value), allowed: `${min}-${max}${unit}` };
    }
  });
}

export const keyVaultSoftDeleteRetention = rangeRule(
  { id: "PF-27", name: "key-vault-soft-delete-retention", summary: "A key vault keeps deleted items 7 to 90 days (softDeleteRetentionInDays).", reference: "https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview" },
  "azure-native:keyvault:Vault",
  "key vault",
  "properties.softDeleteRetentionInDays",
  7,
  90,
  " days",
);

export const recoveryVaultSoftDeleteRetention = rangeRule(
  { id: "PF-28", name: "recovery-vault-soft-delete-retention", summary: "A Recovery Services vault keeps soft-deleted backups 14 to 180 days.", reference: "https://learn.microsoft.com/azure/backup/backup-azure-enhanced-soft-delete-about" },
  "azure-native:recoveryservices:Vault",
  "Recovery Services vault",
  "properties.securitySettings.softDeleteSettings.softDeleteRetentionPeriodInDays",
  14,
  180,
  " days",
);

const RULE_PROCESSING = "https://learn.microsoft.com/azure/firewall/rule-processing#rule-processing-using-firewall-policy";
const RCG = "azure-native:network:FirewallPolicyRuleCollectionGroup";

export const ruleCollectionGroupPriority = rangeRule(
  { id: "PF-29", name: "firewall-rule-collection-group-priority", summary: "A firewall policy's rule collection group has a priority from 100 to 65000.", reference: RULE_PROCESSING },
  RCG,
  "firewall rule collection group",
  "priority",
  100,
  65000,
  "",
);

export const ruleCollectionGroupPriorityUnique = preflightRule(
  { id: "PF-30", name: "firewall-rule-collection-group-priority-unique", summary: "No two rule collection groups of one firewall policy share a priority, so the order the firewall applies them in is defined.", reference: RULE_PROCESSING },
  function* (stack): Iterable<Problem> {
    const seen = new Map<string, string>();
    for (const group of ofTypes(stack, RCG)) {
      const priority = group.inputs.priority;
      if (typeof priority !== "number") continue;
      const policy = `${String(group.inputs.resourceGroupName ?? "")}/${String(group.inputs.firewallPolicyName ?? "")}`.toLowerCase();
      const key = `${policy}#${priority}`;
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, azureNameOf(group));
        continue;
      }
      yield {
        resource: group,
        subject: "firewall rule collection group",
        azureName: azureNameOf(group),
        within: `firewall policy ${String(group.inputs.firewallPolicyName ?? "")}`,
        property: "priority",
        value: `${priority}, which rule collection group ${first} of the same policy has`,
        allowed: "a priority no other group of the policy has",
      };
    }
  },
);

export const VALUE_PREFLIGHT_RULES: readonly PreflightRule[] = [budgetStartsOnFirst, budgetThresholds, keyVaultSoftDeleteRetention, recoveryVaultSoftDeleteRetention, ruleCollectionGroupPriority, ruleCollectionGroupPriorityUnique];
