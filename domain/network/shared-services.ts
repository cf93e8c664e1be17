/**
 * The network of the shared services the platform hosts once (platform.yaml
 * `sharedServices`): the shared-services spoke's subnets, their NSGs and route
 * tables, and each subscriber's firewall rules. Pure.
 *
 * A subscribed zone reaches a service's subnet on its ports through the hub
 * firewall, by an allow in the tenant's own rule collection group. Every tenant
 * group then denies the rest of its address space to the whole shared spoke: the
 * general zone's web rule (an application rule for any host name) would
 * otherwise let any zone reach a service on 443, because application rules
 * follow when no network rule matches. The isolation group (tenant pool to
 * tenant pool) is untouched: the shared spoke lies outside the pool.
 */
import type { NetworkRule, RuleCollection } from "./firewall-rule-types";
import type { RouteTableSpec } from "./routes";
import { denyInternetInbound, denyVirtualNetworkInbound, type SecurityRule } from "./security-rules";
import type { ZoneName } from "./zones";

/** A service as the network needs it. */
export interface SharedServiceNetwork {
  readonly subnet: string;
  readonly ports: readonly number[];
}

/** One tenant's subscription to one service, with the subnets of the zones it subscribes. */
export interface SharedServiceSubscription {
  readonly key: string;
  readonly subnet: string;
  readonly ports: readonly number[];
  /** The subscribed zones' subnets, in zone order. */
  readonly sources: readonly string[];
}

/** What a tenant's rule group needs of the shared services. */
export interface TenantSharedServices {
  /** network.sharedServicesSpoke.addressSpace: denied to the tenant's space except where subscribed. */
  readonly spoke: string;
  readonly subscriptions: readonly SharedServiceSubscription[];
}

/** Each service's subnet, by key: the tenant spokes route each through the firewall. */
export function sharedServicePrefixes(services: Readonly<Record<string, SharedServiceNetwork>>): Record<string, string> {
  return Object.fromEntries(Object.entries(services).sort(([a], [b]) => a.localeCompare(b)).map(([key, s]) => [key, s.subnet]));
}

/**
 * A tenant's subscriptions: for each service in its file that the platform
 * has, the subnets of the subscribed zones the tenant has. A zone it does not
 * have gives nothing (validation reports it).
 */
export function subscriptionsOf(
  subscribed: Readonly<Record<string, { readonly zones: readonly string[] }>>,
  services: Readonly<Record<string, SharedServiceNetwork>>,
  zones: Readonly<Partial<Record<ZoneName, string>>>,
): SharedServiceSubscription[] {
  return Object.entries(subscribed)
    .filter(([key]) => services[key])
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, s]) => ({
      key,
      subnet: services[key].subnet,
      ports: services[key].ports,
      sources: (["general", "secure", "exam"] as const).filter((zone) => s.zones.includes(zone) && zones[zone]).map((zone) => zones[zone]!),
    }))
    .filter((s) => s.sources.length > 0);
}

/** The network rules allowing a tenant's subscribed zones to its services, TCP on the services' ports. */
export function sharedServiceAllowRules(slug: string, subscriptions: readonly SharedServiceSubscription[]): NetworkRule[] {
  return subscriptions.map((s) => ({
    ruleType: "NetworkRule",
    name: `shared-${s.key}`,
    description: `${slug}: the subscribed zones reach the shared service ${s.key}`,
    ipProtocols: ["TCP"],
    sourceAddresses: [...s.sources],
    destinationAddresses: [s.subnet],
    destinationPorts: s.ports.map(String),
  }));
}

/** After the tenant's allows: the rest of its space never reaches the shared spoke, whatever its web rule allows. */
export function sharedSpokeDenyCollection(slug: string, addressSpace: string, spoke: string): RuleCollection {
  return {
    ruleCollectionType: "FirewallPolicyFilterRuleCollection",
    name: `${slug}-shared-services-deny`,
    priority: 150,
    action: { type: "Deny" },
    rules: [
      {
        ruleType: "NetworkRule",
        name: "deny-unsubscribed-shared-services",
        description: `${slug}: only subscribed zones reach a shared service, on its ports`,
        ipProtocols: ["Any"],
        sourceAddresses: [addressSpace],
        destinationAddresses: [spoke],
        destinationPorts: ["*"],
      },
    ],
  };
}

/**
 * A service subnet's NSG: its ports from the subscribed zones (which arrive
 * through the firewall with their own addresses), and nothing else.
 */
export function sharedServiceSecurityRules(service: SharedServiceNetwork, subscriberSources: readonly string[]): SecurityRule[] {
  const sources = [...new Set(subscriberSources)].sort();
  const allow: SecurityRule[] =
    sources.length === 0
      ? []
      : [
          {
            name: "allow-service-ports-from-subscribers",
            description: "The subscribed zones of the municipalities reach the service's ports, through the hub firewall.",
            priority: 100,
            direction: "Inbound",
            access: "Allow",
            protocol: "Tcp",
            sourceAddressPrefixes: sources,
            sourcePortRange: "*",
            destinationAddressPrefix: service.subnet,
            destinationPortRanges: service.ports.map(String),
          },
        ];
  return [
    ...allow,
    denyInternetInbound("A shared service is reached privately only."),
    denyVirtualNetworkInbound("Only the subscribers' zones reach a shared service, on its ports (NSM 2.2.3)."),
  ];
}

/** A service subnet's routes: everything, and the tenant pool, through the hub firewall, which sees both directions. */
export function sharedServiceRouteTable(firewallPrivateIp: string, tenantPool: string): RouteTableSpec {
  const route = (name: string, addressPrefix: string) => ({ name, addressPrefix, nextHopType: "VirtualAppliance" as const, nextHopIpAddress: firewallPrivateIp });
  return { routes: [route("default-via-hub-firewall", "0.0.0.0/0"), route("tenant-pool-via-hub-firewall", tenantPool)], disableBgpRoutePropagation: true };
}
