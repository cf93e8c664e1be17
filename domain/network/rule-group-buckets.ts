/**
 * Rule collection groups at scale. Azure caps a firewall policy's rule
 * collection groups (60 for a policy made today by the lowest figure Learn
 * states: domain/preflight/limits.ts), so one group per municipality stops at
 * about 60 municipalities per policy. Instead a tenant's rule collections go
 * into a shared group chosen by its county: the two first digits of its
 * kommunenummer. The bucket depends only on the tenant's own number, so adding
 * or removing another municipality never moves a tenant's rules to another
 * group, and Norway's 15 counties give at most 15 tenant groups per policy.
 *
 * Inside a group a tenant's collections take priorities from the last two
 * digits of its kommunenummer, again its own number only, so no tenant's
 * priorities shift when a neighbour joins. docs/network-scale.md has the design.
 */
import type { RuleCollection, RuleCollectionGroupSpec } from "./firewall-rule-types";
import { TENANT_GROUP_BASE_PRIORITY } from "./firewall-rules";

/** A tenant's own rule collections as tenantRuleCollectionGroup builds them, with the number that places them. */
export interface TenantRules {
  readonly kommunenummer: string;
  readonly group: RuleCollectionGroupSpec;
}

const KOMMUNENUMMER = /^\d{4}$/;

function digits(kommunenummer: string): string {
  if (!KOMMUNENUMMER.test(kommunenummer)) throw new Error(`kommunenummer "${kommunenummer}" is not four digits; a rule group bucket is taken from a four-digit kommunenummer such as 5501`);
  return kommunenummer;
}

/** The bucket (rule collection group key) of a municipality: "county-55" for 5501. */
export function ruleGroupBucket(kommunenummer: string): string {
  return `county-${digits(kommunenummer).slice(0, 2)}`;
}

/**
 * The priority of a bucket's group: above the isolation group's (200), so the
 * isolation deny is always processed first, and unique per county.
 * Group priorities run 100-65,000 (RuleCollectionGroup priority in the
 * Microsoft.Network firewallPolicies/ruleCollectionGroups REST spec).
 */
export function bucketPriority(kommunenummer: string): number {
  return TENANT_GROUP_BASE_PRIORITY + Number(digits(kommunenummer).slice(0, 2));
}

/** Collections per tenant a bucket has room for: network and web today; ten leaves room without moving anyone. */
export const COLLECTIONS_PER_TENANT = 10;

/**
 * The priority of a tenant's `index`-th collection inside its bucket: 1000 +
 * (last two digits) x 10 + index, so 1000-1999, unique within a county (its
 * municipalities differ in the last two digits) and fixed by the tenant's own number.
 */
export function collectionPriority(kommunenummer: string, index: number): number {
  if (!Number.isInteger(index) || index < 0 || index >= COLLECTIONS_PER_TENANT) {
    throw new Error(`a tenant has at most ${COLLECTIONS_PER_TENANT} rule collections in its group; collection ${index} of ${kommunenummer} has no priority`);
  }
  return 1000 + Number(digits(kommunenummer).slice(2)) * COLLECTIONS_PER_TENANT + index;
}

/**
 * The tenants' rules grouped into their buckets: one group per county present,
 * its collections those of each tenant (re-prioritised by collectionPriority),
 * ordered by priority so the result does not depend on the input's order. Two
 * tenants with the same kommunenummer are refused: their priorities would collide.
 */
export function bucketRuleGroups(tenants: readonly TenantRules[]): RuleCollectionGroupSpec[] {
  const seen = new Map<string, string>();
  const buckets = new Map<string, { priority: number; collections: RuleCollection[] }>();
  for (const t of tenants) {
    const other = seen.get(t.kommunenummer);
    if (other !== undefined) throw new Error(`tenants ${other} and ${t.group.key} both have kommunenummer ${t.kommunenummer}; each municipality's number is its own`);
    seen.set(t.kommunenummer, t.group.key);
    const key = ruleGroupBucket(t.kommunenummer);
    const bucket = buckets.get(key) ?? { priority: bucketPriority(t.kommunenummer), collections: [] };
    // The tenant's collections in their own order (network before web), as the one-group design had them.
    [...t.group.ruleCollections]
      .sort((a, b) => a.priority - b.priority)
      .forEach((c, i) => bucket.collections.push({ ...c, priority: collectionPriority(t.kommunenummer, i) }));
    buckets.set(key, bucket);
  }
  return [...buckets]
    .map(([key, b]) => ({ key, priority: b.priority, ruleCollections: b.collections.sort((x, y) => x.priority - y.priority) }))
    .sort((a, b) => a.priority - b.priority);
}
