/**
 * Routes of the spokes and of the hub. Pure. Traffic between a municipality's
 * sites, the hub's services and the spokes goes through the hub firewall, in
 * both directions, which is where isolation between municipalities is enforced
 * and why the firewall's rules for sites match at all.
 *
 * How Azure picks a route (MicrosoftDocs azure-docs
 * articles/virtual-network/virtual-networks-udr-overview.md, "How Azure selects
 * a route"): the longest matching prefix first; only between routes of the same
 * prefix do user-defined routes beat BGP (VPN) and system routes. So a route for
 * the whole tenant pool never overrides the peering route of a /23 spoke: each
 * spoke needs a route of its own address space, exactly. And the VNet's own
 * address space is a system route too, so traffic between two hub subnets stays
 * local unless a route names the subnet.
 */
import { cidr, contains, overlaps } from "./cidr";
import { insideCover } from "./county-ranges";

export interface Route {
  readonly name: string;
  readonly addressPrefix: string;
  readonly nextHopType: "VirtualAppliance";
  readonly nextHopIpAddress: string;
}

/** A route table as a subnet gets it: the routes and whether routes learned over the VPN apply too. */
export interface RouteTableSpec {
  readonly routes: readonly Route[];
  /** True: routes learned over the VPN (BGP or local network gateways) do not reach the subnet. */
  readonly disableBgpRoutePropagation: boolean;
  /**
   * True: every route is a resource of its own (Microsoft.Network/routeTables/routes)
   * instead of inline in the table, so another stack can add routes to the same
   * table: the RADIUS subnet's, where each other hub's stack adds the return routes
   * to its access points' sites (coreRadiusReturnRoutes). azure-native keeps routes
   * it was not given when the table has no inline `routes` (its "sub-resources"
   * handling, see docs/hubs.md), and inline and standalone routes must not be mixed.
   */
  readonly standaloneRoutes?: boolean;
}

/** Azure's limit of routes per route table (azure-subscription-service-limits.md, networking limits). */
export const MAX_ROUTES_PER_TABLE = 400;

/** RFC 1918 private ranges: Azure routes them to "None" by default, so sites behind the VPN are usually among them. */
export const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"] as const;

const via = (firewallIp: string) => (name: string, addressPrefix: string): Route => ({ name, addressPrefix, nextHopType: "VirtualAppliance", nextHopIpAddress: firewallIp });

/** The hub subnets whose traffic with sites and spokes goes through the firewall, by key. */
export type HubServicePrefixes = Readonly<Record<string, string>>;

/**
 * A spoke subnet's routes: everything to the hub firewall, and the hub's service
 * subnets too. Those lie in the hub's address space, whose peering route is more
 * specific than 0.0.0.0/0; without their own routes the spoke would reach them
 * directly while their answers came back through the firewall, which drops
 * such half-seen connections.
 */
export function spokeRoutes(firewallPrivateIp: string, hubServices: HubServicePrefixes = {}, sharedServices: HubServicePrefixes = {}): Route[] {
  const route = via(firewallPrivateIp);
  return [
    route("default-via-hub-firewall", "0.0.0.0/0"),
    ...Object.entries(hubServices)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, prefix]) => route(`hub-${key}-via-hub-firewall`, prefix)),
    // The shared services' subnets (platform.yaml sharedServices), each explicitly through the firewall.
    ...Object.entries(sharedServices)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, prefix]) => route(`shared-${key}-via-hub-firewall`, prefix)),
  ];
}

export interface HubRoutingInput {
  /** The next hop: the private address of the firewall this hub's traffic goes through. */
  readonly firewallPrivateIp: string;
  /** network.tenantPool.cidr: every spoke lies inside it. */
  readonly tenantPool: string;
  /** Each tenant's spoke address space, by slug. */
  readonly spokes: Readonly<Record<string, string>>;
  /** Every on-premises prefix behind the tenants' VPN sites. */
  readonly sitePrefixes: readonly string[];
  /** The hub subnets sites reach through the firewall (shared services, RADIUS), by key. */
  readonly services: HubServicePrefixes;
  /** network.sharedServicesSpoke.addressSpace: peered with the hub, so routed through the firewall like a spoke. */
  readonly sharedServicesSpoke?: string;
  /**
   * The primary hub only, in a region of several hubs: the spokes and site prefixes
   * behind each other hub, sent back through that hub's firewall over the hub
   * peering. Traffic from another hub's tenants to the core (RADIUS, the Key
   * Vault endpoint) passed that hub's firewall on the way in; without these
   * routes the answer would take this hub's firewall, which never saw the flow
   * and drops it.
   */
  readonly otherHubs?: readonly OtherHubRoutes[];
}

export interface OtherHubRoutes {
  readonly key: string;
  readonly firewallPrivateIp: string;
  /** That hub's tenants' spokes, by slug. */
  readonly spokes: Readonly<Record<string, string>>;
  /**
   * The tenant pool's ranges of that hub's counties (county-ranges.ts): one route
   * each stands for every spoke inside, allocated now or later. A spoke outside
   * them (an address space set in its file, a pin to this hub from another county)
   * keeps a route of its own, and any spoke of another hub inside them has its own
   * more specific route, which wins.
   */
  readonly countyRanges?: readonly string[];
}

function otherHubRoutesOf(input: HubRoutingInput): Route[] {
  // A route table refuses two routes of one prefix: a range piece that is exactly some
  // spoke's block is left to that spoke's own route, which covers all of it.
  const ownRoutes = new Set([
    ...Object.values(input.spokes),
    ...(input.otherHubs ?? []).flatMap((hub) => Object.values(hub.spokes).filter((space) => !insideCover(hub.countyRanges ?? [], space))),
  ]);
  return (input.otherHubs ?? []).flatMap((hub) => {
    const route = via(hub.firewallPrivateIp);
    const ranges = (hub.countyRanges ?? []).filter((prefix) => !ownRoutes.has(prefix));
    return [
      ...ranges.map((prefix) => route(`hub-${hub.key}-counties-${prefix.replace(/[./]/g, "-")}`, prefix)),
      ...Object.entries(hub.spokes)
        .filter(([, space]) => !insideCover(ranges, space))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([slug, space]) => route(`hub-${hub.key}-spoke-${slug}`, space)),
    ];
  });
}

/**
 * The return routes from the core's RADIUS subnet to one other hub's access
 * points: each site prefix behind which a municipality of that hub has an access
 * point, through that hub's firewall, which saw the request on its way in. That
 * hub's stack owns them (stacks/hub/program.ts) in the table the platform made
 * with standalone routes, so a municipality with Wi-Fi joining that hub changes
 * its hub's stack and its own, never the platform's. Names carry the hub and the
 * prefix: sites never overlap (tenants/resolve.ts), so no two hubs write one name.
 */
export function coreRadiusReturnRoutes(hubKey: string, firewallPrivateIp: string, sitePrefixes: readonly string[]): Route[] {
  const route = via(firewallPrivateIp);
  return [...new Set(sitePrefixes)].sort().map((prefix) => route(`hub-${hubKey}-site-${prefix.replace(/[./]/g, "-")}`, prefix));
}

function spokeRoutesOf(input: HubRoutingInput): Route[] {
  const route = via(input.firewallPrivateIp);
  return [
    route("tenant-pool", input.tenantPool),
    // One route per spoke: the pool alone would lose to each spoke's more specific peering route.
    ...Object.entries(input.spokes)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([slug, space]) => route(`spoke-${slug}`, space)),
    ...(input.sharedServicesSpoke ? [route("shared-services-spoke", input.sharedServicesSpoke)] : []),
  ];
}

function checked(table: string, routes: Route[]): Route[] {
  if (routes.length > MAX_ROUTES_PER_TABLE) {
    throw new Error(
      `the ${table} route table would hold ${routes.length} routes; Azure allows ${MAX_ROUTES_PER_TABLE} per route table, so a region this size needs a second hub (docs/architecture.md, known limits of one hub)`,
    );
  }
  return routes;
}

/**
 * GatewaySubnet: traffic arriving from the sites over the VPN goes to the
 * firewall on its way to a spoke or a hub service, so the firewall sees both
 * directions (azure-docs articles/firewall/tutorial-hybrid-portal-policy.md).
 * Azure's rules for this table (includes/vpn-gateway-gwudr-warning.md): no
 * 0.0.0.0/0 route (the gateway would lose its management plane and cannot even
 * be created), and BGP route propagation stays enabled, or the gateway stops working.
 */
export function gatewaySubnetRouteTable(input: HubRoutingInput): RouteTableSpec {
  const route = via(input.firewallPrivateIp);
  const services = Object.entries(input.services)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, prefix]) => route(`hub-${key}`, prefix));
  return { routes: checked("GatewaySubnet", [...spokeRoutesOf(input), ...services]), disableBgpRoutePropagation: false };
}

/**
 * A hub service subnet (shared services, RADIUS): answers to sites and spokes
 * go back through the firewall. The routes the VPN gateway learns for the sites
 * are kept out (propagation disabled): they would be more specific than the
 * private ranges below and lead straight to the gateway. With them out, a site
 * in a private range has no route but these; a site outside them gets its own.
 * No 0.0.0.0/0 here: the RADIUS servers answer the national eduroam proxies
 * from their own public addresses, and a default route through the firewall
 * would send those answers out another address.
 */
export function hubServiceRouteTable(input: HubRoutingInput, options: { readonly standaloneRoutes?: boolean } = {}): RouteTableSpec {
  const route = via(input.firewallPrivateIp);
  const privateRanges = PRIVATE_RANGES.map((range) => cidr(range));
  const publicSites = [...new Set(input.sitePrefixes)].filter((p) => !privateRanges.some((range) => contains(range, cidr(p)))).sort();
  return {
    routes: checked("hub service", [
      ...spokeRoutesOf(input),
      ...PRIVATE_RANGES.map((range) => route(`private-${range.split("/")[0].split(".")[0]}`, range)),
      ...publicSites.map((prefix) => route(`site-${prefix.replace(/[./]/g, "-")}`, prefix)),
      ...otherHubRoutesOf(input),
    ]),
    disableBgpRoutePropagation: true,
    ...(options.standaloneRoutes ? { standaloneRoutes: true } : {}),
  };
}

/** Whether any route sends `prefix`'s addresses somewhere; for tests and reviews. */
export function routesCover(routes: readonly Route[], prefix: string): boolean {
  const wanted = cidr(prefix);
  return routes.some((r) => contains(cidr(r.addressPrefix), wanted));
}

/** Routes that overlap `prefix`; the GatewaySubnet's own range must never be among them. */
export function routesOverlapping(routes: readonly Route[], prefix: string): Route[] {
  const range = cidr(prefix);
  return routes.filter((r) => overlaps(cidr(r.addressPrefix), range));
}
