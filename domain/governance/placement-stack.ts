/**
 * Which stack writes a subscription's placement in the management groups and
 * its Defender plans. Pure. A municipality's own subscription on a hub other
 * than the primary is written by that hub's stack, `hub-<key>`, beside the rest
 * of the municipality's share of its hub, so onboarding it there leaves the
 * platform's stack as it is (docs/hubs.md). The platform writes the others: its
 * own subscription, those of the primary hub's municipalities, and every hub's
 * shared tenant subscription, placed once for the hub. The hierarchy itself,
 * vending (subscription aliases) and the policy exemptions stay the platform's.
 */
import { HUB_MAIN } from "../network/hub-placement";
import type { SubscriptionPlacement } from "./hierarchy";

/**
 * The hub whose stack writes this placement: HUB_MAIN for the platform's stack.
 * `hubOfTenant` gives each municipality's hub by slug; a hub's shared
 * subscription has a key no slug can take (hierarchy.ts hubPlacementKey), so
 * it is never found there and stays the platform's.
 */
export function placementHub(placement: SubscriptionPlacement, hubOfTenant: ReadonlyMap<string, string>): string {
  return hubOfTenant.get(placement.key) ?? HUB_MAIN;
}

/** The placements one stack writes: `hub` is HUB_MAIN for the platform's. */
export function placementsWrittenBy(hub: string, placements: readonly SubscriptionPlacement[], hubOfTenant: ReadonlyMap<string, string>): SubscriptionPlacement[] {
  return placements.filter((p) => placementHub(p, hubOfTenant) === hub);
}
