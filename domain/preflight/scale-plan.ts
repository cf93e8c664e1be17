/**
 * The region's scale limits counted from its files, before anything is
 * previewed: the tenants, the hub each is placed in (domain/network/hub-placement.ts)
 * and the platform's hubs. The region rules of across-stacks.ts count the same
 * limits on previewed resources; this plan answers "does a region of N fit this
 * design" in milliseconds, for the bench, for sizing hubs in platform.yaml and
 * for the acceptance tests at 120 and 357 municipalities. Each check is a pure
 * function returning its usage; `scaleFindings` turns usage over a limit into
 * findings a municipal IT admin can act on.
 */
import { TENANT_ROLE_GRANTS, TENANT_VAULT_ROLE_GRANTS } from "../azure/tenant-names";
import { vpnConnectionLimit, type AzureLimit, type EffectiveLimits } from "./limits";

/** What the plan reads of one tenant. */
export interface ScaleTenant {
  readonly slug: string;
  readonly kommunenummer: string;
  /** The hub it is placed in (hubOf). */
  readonly hub: string;
  /** Its sites: one site-to-site connection each on its hub's VPN gateway. */
  readonly sites: number;
  /** Its sites' prefixes outside the RFC 1918 ranges: each a route of its own in the hub service route table (routes.ts). */
  readonly publicSitePrefixes?: number;
  /**
   * Its site prefixes that reach the core (those holding a Wi-Fi access point, for
   * RADIUS): in a hub other than the primary, each is a return route in the
   * primary hub's RADIUS route table, written by that hub's stack (routes.ts
   * coreRadiusReturnRoutes) into the table the platform made.
   */
  readonly coreSitePrefixes?: number;
  /**
   * The subscription it lands in when not the platform's (tenantSubscriptionOf,
   * domain/azure/tenant-subscription.ts): its own, or its hub's shared tenant
   * subscription; undefined for the platform's.
   */
  readonly subscription?: string;
}

export interface ScaleHub {
  readonly key: string;
  readonly vpnGatewaySku: string;
  /** The hub's own service subnets routed through its firewall (shared services, RADIUS): one route each in its gateway route table. */
  readonly serviceRoutes?: number;
  /** The CIDRs covering its counties' ranges of the tenant pool (county-ranges.ts): the core's return routes to its spokes when summarised; 1 if not given. */
  readonly countyRangeRoutes?: number;
}

export interface ScaleRegion {
  readonly hubs: readonly ScaleHub[];
  readonly tenants: readonly ScaleTenant[];
  /** The platform's private DNS zones (privateDnsZoneNames): each linked once per hub VNet. */
  readonly privateDnsZones: number;
  /** The platform's shared subscription, where the hubs and the tenants without one of their own land. */
  readonly platformSubscription: string;
  /** Role assignments the platform stack itself makes in its subscription. */
  readonly platformRoleAssignments: number;
  /** Rule collection groups the parent policy gives every child (the isolation group) plus a child's own non-tenant groups (shared services). */
  readonly fixedRuleGroupsPerPolicy: number;
  /** Whether a shared-services spoke is peered to each hub. */
  readonly sharedServicesSpoke?: boolean;
  /**
   * Whether the core returns to another hub's spokes with the few routes of its
   * counties' ranges (countyRangeRoutes) instead of one per spoke. The platform
   * program does so (routes.ts countyRanges), since a county's spokes all lie in
   * its 100 slots of the pool; false models a plan without it.
   */
  readonly hubPoolsSummarised?: boolean;
}

/** One limit's use on one thing, as the bench and the tests print it. */
export interface ScaleUsage {
  readonly check: string;
  readonly subject: string;
  readonly used: number;
  readonly limit: AzureLimit;
}

export interface ScaleFinding extends ScaleUsage {
  readonly message: string;
}

const byHub = (region: ScaleRegion) => {
  const of = new Map<string, ScaleTenant[]>(region.hubs.map((h) => [h.key, []]));
  for (const t of region.tenants) {
    const list = of.get(t.hub);
    if (!list) throw new Error(`tenant ${t.slug} is placed in hub "${t.hub}", which is not a hub of the platform (${region.hubs.map((h) => h.key).join(", ")})`);
    list.push(t);
  }
  return of;
};

/** Site-to-site connections per hub VPN gateway, against its SKU's limit. A SKU the table does not know is not counted. */
export function vpnTunnelsPerHub(region: ScaleRegion, limits: EffectiveLimits): ScaleUsage[] {
  const tenants = byHub(region);
  return region.hubs.flatMap((hub) => {
    const limit = vpnConnectionLimit(hub.vpnGatewaySku, limits);
    if (!limit) return [];
    const used = (tenants.get(hub.key) ?? []).reduce((n, t) => n + t.sites, 0);
    return [{ check: "vpn-connections-per-hub", subject: `site-to-site connections on hub ${hub.key}'s VPN gateway (${hub.vpnGatewaySku})`, used, limit }];
  });
}

/**
 * Rule collection groups per child firewall policy: the fixed groups plus one
 * per tenant of the hub, as the program writes them (each tenant's group is in
 * its TenantAttachment, so a tenant joining or leaving touches no other's
 * group). Whether Azure counts a parent's groups against the child's limit is
 * not stated on the limits page; they are counted, which errs on the safe side.
 */
export function ruleGroupsPerPolicy(region: ScaleRegion, limits: EffectiveLimits): ScaleUsage[] {
  const tenants = byHub(region);
  return region.hubs.map((hub) => ({
    check: "rule-collection-groups-per-policy",
    subject: `rule collection groups in hub ${hub.key}'s firewall policy`,
    used: region.fixedRuleGroupsPerPolicy + (tenants.get(hub.key) ?? []).length,
    limit: limits.ruleCollectionGroups,
  }));
}

/** Virtual network links per private DNS zone: one per hub VNet, none per spoke (spokes resolve through their hub's resolver). */
export function dnsLinksPerZone(region: ScaleRegion, limits: EffectiveLimits): ScaleUsage[] {
  if (region.privateDnsZones === 0) return [];
  return [{ check: "links-per-private-dns-zone", subject: `virtual network links on each of the ${region.privateDnsZones} private DNS zones`, used: region.hubs.length, limit: limits.privateDnsLinks }];
}

/** Peerings per hub VNet: its spokes, the shared-services spoke, and a peering to every other hub (hubs are meshed). */
export function peeringsPerHub(region: ScaleRegion, limits: EffectiveLimits): ScaleUsage[] {
  const tenants = byHub(region);
  return region.hubs.map((hub) => ({
    check: "peerings-per-hub",
    subject: `peerings on hub ${hub.key}'s virtual network`,
    used: (tenants.get(hub.key) ?? []).length + (region.sharedServicesSpoke ? 1 : 0) + (region.hubs.length - 1),
    limit: limits.peerings,
  }));
}

/** RFC 1918 ranges the hub service route table always routes (routes.ts PRIVATE_RANGES). */
const PRIVATE_RANGE_ROUTES = 3;

/**
 * Routes in a hub's route tables (routes.ts): the gateway subnet's holds a route
 * per spoke of the hub and per hub service; a hub service subnet's a route per
 * spoke, the private ranges and each public site prefix. The primary hub's
 * service table, the core's, also returns to every other hub's tenants through
 * that hub's firewall: a route per spoke (or per hub, when hub pools are
 * summarised), and its RADIUS table a route per site prefix that reaches the core,
 * which the other hubs' stacks add. Counting those in one table with the spokes
 * overstates the busiest table by the shared one's share; the limit is per table,
 * so the count errs on the safe side. The busier table is counted.
 */
export function routesPerHubTable(region: ScaleRegion, limits: EffectiveLimits): ScaleUsage[] {
  const tenants = byHub(region);
  const primary = region.hubs[0]?.key;
  return region.hubs.map((hub) => {
    const of = tenants.get(hub.key) ?? [];
    const spokes = of.length + (region.sharedServicesSpoke ? 1 : 0);
    const gateway = spokes + (hub.serviceRoutes ?? 0);
    const others = hub.key === primary ? region.hubs.slice(1).map((h) => tenants.get(h.key) ?? []) : [];
    const otherHubs = hub.key === primary ? region.hubs.slice(1) : [];
    const summaryRoutes = (h: ScaleHub, ts: readonly ScaleTenant[]) => (ts.length > 0 ? h.countyRangeRoutes ?? 1 : 0);
    const returns = others.reduce((n, ts, i) => n + (region.hubPoolsSummarised ? summaryRoutes(otherHubs[i], ts) : ts.length) + ts.reduce((m, t) => m + (t.coreSitePrefixes ?? 0), 0), 0);
    const service = spokes + PRIVATE_RANGE_ROUTES + of.reduce((n, t) => n + (t.publicSitePrefixes ?? 0), 0) + returns;
    return { check: "routes-per-route-table", subject: `routes in hub ${hub.key}'s busiest route table`, used: Math.max(gateway, service), limit: limits.routes };
  });
}

/**
 * Role assignments the tenant program makes per tenant (stacks/tenant/program.ts):
 * its resource groups' grants, and its own vault's when it is in a subscription
 * apart from the platform's (its own or its hub's shared one), which a vault
 * there needs. Counted as if every such tenant had a vault: it errs on the safe side.
 */
export function tenantRoleAssignments(apartFromThePlatform: boolean): number {
  const groups = TENANT_ROLE_GRANTS.reduce((n, [, grants]) => n + grants.length, 0);
  return groups + (apartFromThePlatform ? TENANT_VAULT_ROLE_GRANTS.length : 0);
}

/**
 * Role assignments per subscription: the platform's holds its own and those of
 * every tenant in it; a hub's shared tenant subscription those of all its
 * tenants without one of their own; an own subscription its tenant's.
 */
export function roleAssignmentsPerSubscription(region: ScaleRegion, limits: EffectiveLimits): ScaleUsage[] {
  const used = new Map<string, { n: number; tenants: number }>([[region.platformSubscription, { n: region.platformRoleAssignments, tenants: 0 }]]);
  for (const t of region.tenants) {
    const sub = t.subscription ?? region.platformSubscription;
    const was = used.get(sub) ?? { n: 0, tenants: 0 };
    used.set(sub, { n: was.n + tenantRoleAssignments(t.subscription !== undefined), tenants: was.tenants + 1 });
  }
  return [...used].map(([sub, { n, tenants }]) => ({
    check: "role-assignments-per-subscription",
    subject:
      sub === region.platformSubscription
        ? `role assignments in the platform's subscription ${sub}`
        : `role assignments in subscription ${sub}${tenants > 1 ? `, shared by ${tenants} municipalities` : ""}`,
    used: n,
    limit: limits.roleAssignments,
  }));
}

export const SCALE_CHECKS = [vpnTunnelsPerHub, ruleGroupsPerPolicy, dnsLinksPerZone, peeringsPerHub, routesPerHubTable, roleAssignmentsPerSubscription] as const;

export function scaleUsage(region: ScaleRegion, limits: EffectiveLimits): ScaleUsage[] {
  return SCALE_CHECKS.flatMap((check) => check(region, limits));
}

/** Usage over its limit, as findings that say what to change. */
export function scaleFindings(usage: readonly ScaleUsage[]): ScaleFinding[] {
  return usage
    .filter((u) => u.used > u.limit.value)
    .map((u) => ({
      ...u,
      message: `${u.subject}: ${u.used}; Azure allows at most ${u.limit.value} ${u.limit.what} (${u.limit.reference}). ${REMEDY[u.check] ?? ""}`.trim(),
    }));
}

const REMEDY: Record<string, string> = {
  "vpn-connections-per-hub": "In platform.yaml, give the hub a VpnGw4AZ or VpnGw5AZ gateway (network.hub.vpnGatewaySku or network.hubs.<key>.vpnGatewaySku), or add a hub under network.hubs and move counties to it.",
  "rule-collection-groups-per-policy": "Tenant rules are grouped by county; add a hub under network.hubs so the hub's policy holds fewer counties.",
  "peerings-per-hub": "Add a hub under network.hubs and move counties to it.",
  "routes-per-route-table": "For the primary hub: give each hub an address block of its own for its spokes, so the core returns to it with one route (docs/network-scale.md). For another hub: add a hub under network.hubs and move counties to it, or give sites prefixes inside the RFC 1918 ranges.",
  "role-assignments-per-subscription": "Give the busiest hub a shared tenant subscription (network.hubs.<key>.tenantSubscriptionId or network.hub.tenantSubscriptionId in platform.yaml), add a hub under network.hubs and move counties to it, or give the largest municipalities their own subscription (azure.subscriptionId in the tenant file, registered under subscriptions in platform.yaml).",
  "links-per-private-dns-zone": "Each hub links once; a region this large needs Virtual WAN (docs/network-scale.md).",
};

/** The usage closest to its limit, for the bench's "tightest limit" line. */
export function tightest(usage: readonly ScaleUsage[]): ScaleUsage | undefined {
  return [...usage].sort((a, b) => b.used / b.limit.value - a.used / a.limit.value || a.subject.localeCompare(b.subject))[0];
}
