/**
 * Microsoft Defender for Cloud per subscription: which plans, at which
 * sub-plan, from platform.yaml's governance.defender. Pure; the component
 * turns each into a `security:Pricing` (Microsoft.Security/pricings,
 * api 2024-01-01: https://learn.microsoft.com/rest/api/defenderforcloud/pricings/update).
 */

export type DefenderPlanKey = "servers" | "storage" | "keyVaults" | "resourceManager";

export interface DefenderPlanSpec {
  readonly key: DefenderPlanKey;
  /** The pricing's name in Microsoft.Security/pricings. */
  readonly pricingName: string;
  /** The sub-plan; per protected resource where Azure offers it, so the cost follows what each stack creates. */
  readonly subPlan: string;
  /** The price item (platform.yaml prices.items) one protected resource costs a month. */
  readonly priceItem: string;
  /** The azure-native type of the protected resource, counted in the previews for the cost; "subscription" for a flat per-subscription plan. */
  readonly protects: string;
}

/**
 * Pricing names and sub-plans from the Pricings REST reference
 * (https://learn.microsoft.com/rest/api/defenderforcloud/pricings/update, "pricingName" and
 * "subPlan"; azure-rest-api-specs specification/security/resource-manager/Microsoft.Security/stable/2024-01-01/pricings.json).
 */
export function defenderPlan(key: DefenderPlanKey, serversPlan: "P1" | "P2"): DefenderPlanSpec {
  switch (key) {
    case "servers":
      return { key, pricingName: "VirtualMachines", subPlan: serversPlan, priceItem: `defender-servers-${serversPlan.toLowerCase()}`, protects: "azure-native:compute:VirtualMachine" };
    case "storage":
      return { key, pricingName: "StorageAccounts", subPlan: "DefenderForStorageV2", priceItem: "defender-storage", protects: "azure-native:storage:StorageAccount" };
    case "keyVaults":
      return { key, pricingName: "KeyVaults", subPlan: "PerKeyVault", priceItem: "defender-key-vault", protects: "azure-native:keyvault:Vault" };
    case "resourceManager":
      return { key, pricingName: "Arm", subPlan: "PerSubscription", priceItem: "defender-resource-manager", protects: "subscription" };
  }
}

export interface PlannedPricing extends DefenderPlanSpec {
  /** Stable logical key: the subscription's placement key and the plan. */
  readonly logicalKey: string;
  readonly subscriptionKey: string;
}

/** The pricing's scope: "subscriptions/<id>", without a leading slash (Pricings - Update, scopeId). */
export function pricingScopeId(subscriptionId: string): string {
  return `subscriptions/${subscriptionId}`;
}

/** One pricing per plan per subscription, keyed by the subscription's placement key ("platform" or a slug). */
export function plannedPricings(
  subscriptionKeys: readonly string[],
  plans: readonly DefenderPlanKey[],
  serversPlan: "P1" | "P2",
): PlannedPricing[] {
  return subscriptionKeys.flatMap((subscriptionKey) =>
    [...new Set(plans)].map((key) => ({ ...defenderPlan(key, serversPlan), logicalKey: `${subscriptionKey}-${key}`, subscriptionKey })),
  );
}

/**
 * Defender for Cloud's continuous export to the central workspace
 * (Microsoft.Security/automations, https://learn.microsoft.com/rest/api/defenderforcloud/automations/create-or-update).
 * An export's scopes must lie in the subscription it is created in, so each
 * subscription of the region has its own: the platform's in the platform stack,
 * a municipality's own in its tenant stack, all sending to the one workspace.
 */
export const CONTINUOUS_EXPORT = {
  automationName: "grunnmur-defender-export",
  description: "Continuous export of Defender for Cloud alerts and recommendations to the central workspace.",
  sources: ["Alerts", "Assessments", "SecureScores"],
} as const;

/** The export's one scope: the whole subscription it is created in. */
export function continuousExportScope(subscriptionId: string, description: string): { description: string; scopePath: string } {
  return { description, scopePath: `/subscriptions/${subscriptionId}` };
}
