/**
 * Which hub each municipality attaches to. Pure: a tenant's hub depends only on
 * its own file (an explicit pin or its kommunenummer's county) and on
 * the platform's list of hubs, never on which other tenants exist or on the
 * order of files. Adding or removing a municipality therefore moves nobody; the
 * only ways to move a tenant are changing its pin or changing which counties a
 * hub serves, both of which the report shows as blocking moves.
 */

/** The primary hub: `network.hub` in platform.yaml, also the core (RADIUS, Key Vault endpoint, Bastion). */
export const HUB_MAIN = "main";

/** A hub's stable key: `main`, or a key of `network.hubs` (lowercase letters and digits). */
export type HubKey = string;

/** Keys of `network.hubs`: short, stable, and safe inside Azure resource names. */
export const HUB_KEY_PATTERN = /^[a-z][a-z0-9]{1,15}$/;

export interface HubSpecInput {
  readonly addressSpace: string;
  readonly counties?: readonly string[];
  readonly vpnGatewaySku?: string;
  readonly firewallTier?: string;
}

/** The part of the platform file placement reads (structural, so tests and tools need no full file). */
export interface PlatformHubsInput {
  readonly network: {
    readonly hub: { readonly addressSpace: string; readonly vpnGatewaySku?: string; readonly firewallTier?: string };
    readonly hubs?: Readonly<Record<string, HubSpecInput>>;
  };
}

/** The part of a tenant file placement reads. */
export interface TenantHubInput {
  readonly slug: string;
  readonly kommunenummer: string;
  readonly network?: { readonly hub?: string };
}

export interface HubSpec {
  readonly key: HubKey;
  readonly addressSpace: string;
  /** Two-digit county numbers this hub serves; empty for the primary hub, which serves every county no other hub claims. */
  readonly counties: readonly string[];
  readonly vpnGatewaySku: string;
  readonly firewallTier: string;
  readonly primary: boolean;
}

const DEFAULT_VPN_SKU = "VpnGw1AZ";
const DEFAULT_FIREWALL_TIER = "Standard";

/** Every hub of the platform: the primary first, then the others in key order (never file order). */
export function hubsOf(platform: PlatformHubsInput): HubSpec[] {
  const main = platform.network.hub;
  const primary: HubSpec = {
    key: HUB_MAIN,
    addressSpace: main.addressSpace,
    counties: [],
    vpnGatewaySku: main.vpnGatewaySku ?? DEFAULT_VPN_SKU,
    firewallTier: main.firewallTier ?? DEFAULT_FIREWALL_TIER,
    primary: true,
  };
  const extra = Object.entries(platform.network.hubs ?? {})
    .filter(([key]) => key !== HUB_MAIN)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(
      ([key, hub]): HubSpec => ({
        key,
        addressSpace: hub.addressSpace,
        counties: [...(hub.counties ?? [])],
        vpnGatewaySku: hub.vpnGatewaySku ?? DEFAULT_VPN_SKU,
        firewallTier: hub.firewallTier ?? main.firewallTier ?? DEFAULT_FIREWALL_TIER,
        primary: false,
      }),
    );
  return [primary, ...extra];
}

/** Whether the platform has more than the primary hub. */
export function isMultiHub(platform: PlatformHubsInput): boolean {
  return hubsOf(platform).length > 1;
}

/**
 * The hub a tenant attaches to: its file's `network.hub` pin if set, else the hub
 * whose counties contain the first two digits of its kommunenummer, else `main`.
 * A pin naming no hub of the platform is a validation error
 * (tenants/validation/hub-rules.ts); here it throws, since no program may guess.
 */
export function hubOf(platform: PlatformHubsInput, tenant: TenantHubInput): HubKey {
  const hubs = hubsOf(platform);
  const pin = tenant.network?.hub;
  if (pin !== undefined) {
    if (!hubs.some((h) => h.key === pin)) {
      throw new Error(
        `tenant ${tenant.slug}: network.hub "${pin}" is not a hub of the platform; valid hubs: ${hubs.map((h) => h.key).join(", ")}`,
      );
    }
    return pin;
  }
  const county = tenant.kommunenummer.slice(0, 2);
  // Validation rejects a county claimed by two hubs; key order makes the answer deterministic regardless.
  const claimed = hubs.find((h) => !h.primary && h.counties.includes(county));
  return claimed ? claimed.key : HUB_MAIN;
}

/** Every tenant's hub, by slug. */
export function placeTenants(platform: PlatformHubsInput, tenants: readonly TenantHubInput[]): Map<string, HubKey> {
  const placement = new Map<string, HubKey>();
  for (const tenant of tenants) placement.set(tenant.slug, hubOf(platform, tenant));
  return placement;
}

/** Tenants of each hub, every hub present (an empty list for a hub with none yet), in the given order. */
export function tenantsByHub<T extends TenantHubInput>(platform: PlatformHubsInput, tenants: readonly T[]): Map<HubKey, T[]> {
  const byHub = new Map<HubKey, T[]>(hubsOf(platform).map((h) => [h.key, []]));
  for (const tenant of tenants) byHub.get(hubOf(platform, tenant))!.push(tenant);
  return byHub;
}

export interface HubMove {
  readonly slug: string;
  readonly from: HubKey;
  readonly to: HubKey;
}

/**
 * Tenants present in both placements whose hub differs. A tenant only in one of
 * them is an onboarding or a departure, not a move.
 */
export function hubMoves(baseline: ReadonlyMap<string, HubKey>, current: ReadonlyMap<string, HubKey>): HubMove[] {
  const moves: HubMove[] = [];
  for (const [slug, to] of current) {
    const from = baseline.get(slug);
    if (from !== undefined && from !== to) moves.push({ slug, from, to });
  }
  return moves.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}
