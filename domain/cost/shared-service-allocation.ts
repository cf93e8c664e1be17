/**
 * The cost of the shared services the platform hosts once (platform.yaml
 * sharedServices): the platform stack's resources tagged
 * `grunnmur:service: shared-<key>` come out of the general platform split and
 * go to the service's subscribers only, by the service's own allocation key.
 * A service nobody subscribes to stays in the general split: somebody pays for
 * what runs. Whole kroner, exactly (allocate.ts).
 */
import type { SharedServiceAllocation } from "../../tenants/schema/shared-services";
import { allocate, type AllocationKey, type Member } from "./allocate";

export const SHARED_SERVICE_TAG_PREFIX = "shared-";

/** The service key of a cost line's service tag, when it is one of a shared service. */
export function sharedServiceOf(service: string, known: ReadonlySet<string>): string | undefined {
  if (!service.startsWith(SHARED_SERVICE_TAG_PREFIX)) return undefined;
  const key = service.slice(SHARED_SERVICE_TAG_PREFIX.length);
  return known.has(key) ? key : undefined;
}

/** A service's key in the shape allocate() takes: equal and population are the two ends of equal-population. */
export function sharedServiceKey(allocation: SharedServiceAllocation): AllocationKey {
  switch (allocation.key) {
    case "equal":
      return { key: "equal-population", equalPercent: 100, populationPercent: 0 };
    case "population":
      return { key: "equal-population", equalPercent: 0, populationPercent: 100 };
    case "equal-population":
      return { key: "equal-population", equalPercent: allocation.equalPercent, populationPercent: allocation.populationPercent };
  }
}

export interface Subscriber extends Member {
  /** Keys of the shared services the member subscribes to. */
  readonly sharedServices: readonly string[];
}

export interface SharedServiceSplit {
  /** What stays in the general platform split: the platform's cost less the services allocated to subscribers. */
  readonly generalMonthly: number;
  /** Each shared service's monthly cost that went to its subscribers, by key. */
  readonly byService: Record<string, number>;
  /** Each member's share of each service it subscribes to, by slug, then key. */
  readonly byMember: Record<string, Record<string, number>>;
}

/**
 * Splits `platformByService` (whole kroner a month by service tag, the platform
 * stack's) into the general part and each shared service's subscribers' shares.
 */
export function splitSharedServices(
  platformByService: Readonly<Record<string, number>>,
  services: Readonly<Record<string, { readonly allocation: SharedServiceAllocation }>>,
  members: readonly Subscriber[],
): SharedServiceSplit {
  const known = new Set(Object.keys(services));
  const cost: Record<string, number> = {};
  let total = 0;
  for (const [service, monthly] of Object.entries(platformByService)) {
    total += monthly;
    const key = sharedServiceOf(service, known);
    if (key) cost[key] = (cost[key] ?? 0) + monthly;
  }
  const byService: Record<string, number> = {};
  const byMember: Record<string, Record<string, number>> = Object.fromEntries(members.map((m) => [m.slug, {}]));
  for (const key of Object.keys(cost).sort()) {
    const subscribers = members.filter((m) => m.sharedServices.includes(key));
    if (subscribers.length === 0 || cost[key] === 0) continue;
    byService[key] = cost[key];
    const shares = allocate(cost[key], subscribers, sharedServiceKey(services[key].allocation));
    for (const [slug, share] of Object.entries(shares)) byMember[slug][key] = share;
  }
  const allocated = Object.values(byService).reduce((a, b) => a + b, 0);
  return { generalMonthly: total - allocated, byService, byMember };
}
