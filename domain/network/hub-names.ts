/**
 * The keys and names of the platform's hubs that tenants' names sit beside: the
 * private DNS zones link each hub VNet as `link-<key>` and each spoke as
 * `link-<slug>`, and each tenant's rule group is named after the firewall it
 * goes into. The platform program and the region's name check
 * (domain/azure/region-names.ts) both read them from here.
 */
import type { PlatformFile } from "../../tenants/schema/platform";

/** The hub VNets' keys among the platform's hubs (and their DNS links). */
export const HUB_VNET_KEYS = { primary: "hub", dr: "hub-dr" } as const;

/** The hub firewalls' component names. */
export const HUB_FIREWALL_NAMES = { primary: "hub-firewall", dr: "hub-dr-firewall" } as const;

export interface HubsInUse {
  /** Whether the Norway West hub is built. */
  readonly dr: boolean;
  /** Whether a second firewall runs in it. */
  readonly drFirewall: boolean;
  /** Keys of the hub VNets built, primary first. */
  readonly vnetKeys: readonly string[];
  /** Names of the firewalls built, primary first. */
  readonly firewallNames: readonly string[];
}

/** Which hubs and firewalls a platform file builds. */
export function hubsInUse(platform: Pick<PlatformFile, "regions" | "network">): HubsInUse {
  const dr = platform.regions.dr.enabled && platform.network.drHub !== undefined;
  const drFirewall = dr && platform.regions.dr.firewall;
  return {
    dr,
    drFirewall,
    vnetKeys: dr ? [HUB_VNET_KEYS.primary, HUB_VNET_KEYS.dr] : [HUB_VNET_KEYS.primary],
    firewallNames: drFirewall ? [HUB_FIREWALL_NAMES.primary, HUB_FIREWALL_NAMES.dr] : [HUB_FIREWALL_NAMES.primary],
  };
}

/** Name of the peering on the hub VNet towards a tenant's spoke. */
export function hubPeeringName(slug: string): string {
  return `to-${slug}`;
}

/**
 * Name of a VNet link in each of the platform's private DNS zones: a hub's key
 * or a tenant's slug, in one namespace per zone, so a tenant named `hub` would
 * take the hub's own link.
 */
export function dnsLinkName(vnetKey: string): string {
  return `link-${vnetKey}`;
}
