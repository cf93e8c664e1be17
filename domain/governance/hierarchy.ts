/**
 * The region's management groups and where each subscription sits in them.
 * Pure: from the platform file's choices and each tenant's subscription, the
 * same groups and placements every time, keyed by what never moves (the group's
 * role, the municipality's slug), never by list position.
 *
 * Under the directory's tenant root group:
 *
 *   <prefix>                     the region; the policies every subscription obeys
 *   ├── <prefix>-platform        the host's platform subscription
 *   ├── <prefix>-municipalities  each municipality's own subscription
 *   └── <prefix>-decommissioned  subscriptions of municipalities whose departure is approved
 *
 * Municipalities in the platform's subscription have no subscription of their
 * own to place; they are governed where the platform's subscription is. A
 * hub's shared tenant subscription (platform.yaml network.hubs.<key>.tenantSubscriptionId)
 * holds municipalities only, so it sits in <prefix>-municipalities, placed once
 * for the hub, whichever tenants it holds.
 */

export const MANAGEMENT_GROUP_KEYS = ["region", "platform", "municipalities", "decommissioned"] as const;
export type ManagementGroupKey = (typeof MANAGEMENT_GROUP_KEYS)[number];

export interface PlannedManagementGroup {
  readonly key: ManagementGroupKey;
  /** The group's id (its name in ARM), within Azure's limits. */
  readonly groupId: string;
  readonly displayName: string;
  /** The parent's key; undefined for the region's group, which sits under the tenant root group. */
  readonly parent?: ManagementGroupKey;
}

export interface TenantSubscriptionFacts {
  readonly slug: string;
  readonly displayName: string;
  /** azure.subscriptionId of the tenant file (validation has checked it against platform.yaml subscriptions). */
  readonly subscriptionId?: string;
  /** True once the tenant asks to leave and the platform team has approved it (tenants/departure.ts). */
  readonly departing: boolean;
}

/** A hub's shared tenant subscription (domain/azure/tenant-subscription.ts hubTenantSubscriptions). */
export interface HubSubscriptionFacts {
  readonly hub: string;
  readonly subscriptionId: string;
}

/** The placement key of a hub's shared tenant subscription. */
export const hubPlacementKey = (hub: string) => `hub-${hub}`;

export interface SubscriptionPlacement {
  /** Stable key of the placement: the tenant's slug, or hub-<key> for a hub's shared tenant subscription. */
  readonly key: string;
  readonly subscriptionId: string;
  readonly group: ManagementGroupKey;
}

/**
 * Management group ids: at most 90 characters of letters, digits, "-", "_",
 * "(", ")" and "."; not ending in "."
 * (https://learn.microsoft.com/azure/governance/management-groups/create-management-group-portal,
 * "Management group ID"). The schema allows 52 characters of prefix, so
 * "-municipalities" always fits.
 */
const MANAGEMENT_GROUP_ID = /^[A-Za-z0-9_().-]{1,90}$/;

export function managementGroupPrefix(hostSlug: string, configured?: string): string {
  return configured ?? `${hostSlug}-grunnmur`;
}

export function managementGroupPlan(prefix: string, regionDisplayName: string): PlannedManagementGroup[] {
  const groups: PlannedManagementGroup[] = [
    { key: "region", groupId: prefix, displayName: `grunnmur ${regionDisplayName}` },
    { key: "platform", groupId: `${prefix}-platform`, displayName: `grunnmur ${regionDisplayName}: platform`, parent: "region" },
    { key: "municipalities", groupId: `${prefix}-municipalities`, displayName: `grunnmur ${regionDisplayName}: municipalities`, parent: "region" },
    { key: "decommissioned", groupId: `${prefix}-decommissioned`, displayName: `grunnmur ${regionDisplayName}: decommissioned`, parent: "region" },
  ];
  for (const g of groups) {
    if (!MANAGEMENT_GROUP_ID.test(g.groupId) || g.groupId.endsWith(".")) {
      throw new Error(`platform.yaml governance.managementGroupPrefix: "${g.groupId}" is not a valid management group id; use up to 90 letters, digits and hyphens, not ending in "."`);
    }
  }
  return groups;
}

/**
 * Where each municipality's own subscription belongs, by slug, and each hub's
 * shared tenant subscription, by hub-<key>. The platform's subscription (known
 * only once the deploying identity signs in) always goes to the platform group.
 */
export function subscriptionPlacements(tenants: readonly TenantSubscriptionFacts[], hubs: readonly HubSubscriptionFacts[] = []): SubscriptionPlacement[] {
  const placements: SubscriptionPlacement[] = [];
  const seen = new Map<string, string>();
  for (const t of [...tenants].sort((a, b) => a.slug.localeCompare(b.slug))) {
    if (!t.subscriptionId) continue;
    const owner = seen.get(t.subscriptionId.toLowerCase());
    if (owner) {
      // A subscription belongs to one management group; two owners would fight over it.
      throw new Error(`tenants/${t.slug}.yaml azure.subscriptionId: ${t.subscriptionId} is already ${owner}'s subscription; a municipality's own subscription must be its alone`);
    }
    seen.set(t.subscriptionId.toLowerCase(), t.slug);
    placements.push({ key: t.slug, subscriptionId: t.subscriptionId, group: t.departing ? "decommissioned" : "municipalities" });
  }
  const slugs = new Set(tenants.map((t) => t.slug));
  for (const h of [...hubs].sort((a, b) => a.hub.localeCompare(b.hub))) {
    const key = hubPlacementKey(h.hub);
    const owner = seen.get(h.subscriptionId.toLowerCase());
    // Validation refuses both (tenants/validation/subscription-rules.ts); a program must not guess.
    if (owner) throw new Error(`platform.yaml tenantSubscriptionId of hub ${h.hub}: ${h.subscriptionId} is already ${owner}'s subscription; a hub's shared subscription is no one else's`);
    if (slugs.has(key)) throw new Error(`tenants/${key}.yaml: the slug ${key} is the placement key of hub ${h.hub}'s shared subscription; rename the tenant's slug`);
    seen.set(h.subscriptionId.toLowerCase(), key);
    placements.push({ key, subscriptionId: h.subscriptionId, group: "municipalities" });
  }
  return placements;
}

export interface PlannedSubscriptionAlias {
  readonly slug: string;
  /** The alias's name: stable, so a re-run finds the same alias instead of creating a second subscription. */
  readonly aliasName: string;
  readonly displayName: string;
  readonly billingScope: string;
  readonly workload: "Production" | "DevTest";
  /** The group the new subscription is created in. */
  readonly group: ManagementGroupKey;
}

/**
 * Subscriptions to vend: one alias per tenant the platform team lists that has
 * no subscription of its own yet. A tenant that already has one keeps it: the
 * alias then changes nothing, and the subscription is adopted, never created
 * twice. An unknown slug is refused.
 */
export function subscriptionAliases(
  vending: { billingScope: string; vend: readonly string[] } | undefined,
  tenants: readonly TenantSubscriptionFacts[],
  environment: "prod" | "test",
): PlannedSubscriptionAlias[] {
  if (!vending) return [];
  const bySlug = new Map(tenants.map((t) => [t.slug, t]));
  return [...new Set(vending.vend)].sort().map((slug) => {
    const tenant = bySlug.get(slug);
    if (!tenant) {
      throw new Error(`platform.yaml governance.subscriptionVending.vend: "${slug}" is not a tenant of the region; list slugs of files in tenants/ (${[...bySlug.keys()].sort().join(", ")})`);
    }
    return {
      slug,
      aliasName: `grunnmur-${slug}-${environment}`,
      displayName: `grunnmur ${tenant.displayName} (${environment})`,
      billingScope: vending.billingScope,
      workload: environment === "prod" ? "Production" : "DevTest",
      group: tenant.departing ? "decommissioned" : "municipalities",
    };
  });
}

/** The ARM id of a management group. */
export function managementGroupResourceId(groupId: string): string {
  return `/providers/Microsoft.Management/managementGroups/${groupId}`;
}
