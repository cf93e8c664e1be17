/**
 * Subnets of a hub VNet, and what each gets: an NSG, a route table, neither.
 * Azure requires the exact names GatewaySubnet, AzureFirewallSubnet and
 * AzureBastionSubnet and minimum sizes for them; the order here is fixed so
 * growing one later never moves the others. Pure: the platform program only
 * turns the plan into resources.
 */
import { cidr, formatCidr, formatIp } from "./cidr";
import { layoutSubnets } from "./address-plan";
import { gatewaySubnetRouteTable, hubServiceRouteTable, type HubRoutingInput, type HubServicePrefixes, type RouteTableSpec } from "./routes";
import { allowSshFromBastion, denyInternetInbound, denyVirtualNetworkInbound, type SecurityRule } from "./security-rules";
import { radiusSecurityRules } from "../eduroam/radius-security-rules";

/**
 * How a subnet's traffic with sites and spokes is routed:
 * - "gateway": GatewaySubnet, whose route table sends spokes and hub services to the firewall;
 * - "service": a hub service whose answers to sites and spokes go back through the firewall;
 * - "none": no route table, for the reason given with the subnet.
 */
export type HubRouting = "gateway" | "service" | "none";

export interface HubSubnet {
  readonly key: string;
  /** The subnet's name in Azure. */
  readonly name: string;
  readonly prefix: number;
  /** Azure-managed subnets (gateway, firewall, bastion) must not get our NSG. */
  readonly ordinary: boolean;
  readonly delegation?: string;
  readonly routing: HubRouting;
}

export const HUB_SUBNETS: readonly HubSubnet[] = [
  { key: "shared", name: "snet-shared-services", prefix: 24, ordinary: true, routing: "service" },
  // Azure Firewall needs /26; Bastion needs /26 or larger; VPN gateways want /27.
  // The firewall's own subnet takes no route table of ours: it must reach the internet
  // directly, and it learns the sites from the gateway (azure-docs articles/firewall/firewall-faq.md).
  { key: "firewall", name: "AzureFirewallSubnet", prefix: 26, ordinary: false, routing: "none" },
  // "UDR isn't supported on an Azure Bastion subnet" (azure-docs articles/bastion/bastion-faq.md);
  // Bastion reaches VMs privately and needs no firewall in between. No NSG either: one is
  // allowed only with Bastion's required rules (articles/bastion/bastion-nsg.md), which include
  // 443 from the Internet, and Azure manages this subnet's exposure itself.
  { key: "bastion", name: "AzureBastionSubnet", prefix: 26, ordinary: false, routing: "none" },
  { key: "gateway", name: "GatewaySubnet", prefix: 27, ordinary: false, routing: "gateway" },
  { key: "radius", name: "snet-radius", prefix: 27, ordinary: true, routing: "service" },
  // The DNS private resolver's inbound endpoint needs a delegated subnet of /28 or larger
  // (azure-docs articles/dns/dns-private-resolver-overview.md, "Subnet restrictions").
  // No route table: the resolver is a managed service in a delegated subnet, and Microsoft
  // documents neither UDR support nor the path of its answers there (MicrosoftDocs/azure-docs#104348);
  // if its answers ignored a route table, every site's DNS would break half-way through the
  // firewall. Sites and spokes reach it directly, and its NSG admits DNS only.
  { key: "dns-inbound", name: "snet-dns-inbound", prefix: 28, ordinary: true, delegation: "Microsoft.Network/dnsResolvers", routing: "none" },
];

/** Azure reserves the first four addresses of a subnet; services take the next one. */
export function firstUsableAddress(subnetCidr: string): string {
  const c = cidr(subnetCidr);
  return formatIp(c.base + 4);
}

export interface PlacedHubSubnet extends HubSubnet {
  readonly addressPrefix: string;
}

export function hubSubnetLayout(addressSpace: string): PlacedHubSubnet[] {
  const layout = layoutSubnets(cidr(addressSpace), HUB_SUBNETS.map((s) => ({ key: s.key, prefix: s.prefix })));
  if (!layout.ok) throw new Error(`hub address space ${addressSpace}: ${layout.reason}; use a /23 or larger`);
  return HUB_SUBNETS.map((s) => ({ ...s, addressPrefix: formatCidr(layout.subnets[s.key]) }));
}

/**
 * The subnet of the eduroam RADIUS servers. In the primary hub of a region of
 * several hubs (the one hub whose plan has `otherHubs`) its route table's routes
 * are resources of their own, so each other hub's stack can add its return routes
 * there (routes.ts coreRadiusReturnRoutes). Elsewhere they stay inline: no other
 * stack writes there, and a table of a few dozen routes stays one resource.
 */
export const RADIUS_SUBNET = "radius";

const prefixOf = (layout: readonly PlacedHubSubnet[], key: string) => layout.find((s) => s.key === key)!.addressPrefix;

/** The hub's service subnets that sites and spokes reach through the firewall, by key. */
export function hubServicePrefixes(layout: readonly PlacedHubSubnet[]): HubServicePrefixes {
  return Object.fromEntries(layout.filter((s) => s.routing === "service").map((s) => [s.key, s.addressPrefix]));
}

/** The private address of a hub's Azure Firewall: the first one Azure hands out in AzureFirewallSubnet. */
export function hubFirewallAddress(layout: readonly PlacedHubSubnet[]): string {
  return firstUsableAddress(prefixOf(layout, "firewall"));
}

const NOTHING_ELSE_FROM_SITES = "Sites and spokes reach this subnet only through the flows above (NSM 2.2.3).";

/**
 * The shared-services subnet: the platform Key Vault's private endpoint and the
 * deployment runner. The RADIUS servers read their secrets there; admins come in
 * through Bastion; sites and spokes have nothing to do there.
 */
export function sharedSubnetSecurityRules(layout: readonly PlacedHubSubnet[]): SecurityRule[] {
  const shared = prefixOf(layout, "shared");
  return [
    {
      name: "allow-key-vault-from-radius",
      description: "The RADIUS servers read their secrets through the platform Key Vault's private endpoint.",
      priority: 100,
      direction: "Inbound",
      access: "Allow",
      protocol: "Tcp",
      sourceAddressPrefix: prefixOf(layout, "radius"),
      sourcePortRange: "*",
      destinationAddressPrefix: shared,
      destinationPortRange: "443",
    },
    {
      name: "allow-within-shared-services",
      description: "The deployment runner reaches the Key Vault's private endpoint beside it.",
      priority: 110,
      direction: "Inbound",
      access: "Allow",
      protocol: "*",
      sourceAddressPrefix: shared,
      sourcePortRange: "*",
      destinationAddressPrefix: shared,
      destinationPortRange: "*",
    },
    allowSshFromBastion(prefixOf(layout, "bastion"), shared),
    denyInternetInbound("Shared services are reached privately only."),
    denyVirtualNetworkInbound(NOTHING_ELSE_FROM_SITES),
  ];
}

/**
 * The DNS resolver's inbound subnet: DNS from the sites' forwarders and the
 * spokes, to the whole subnet (the resolver answers from addresses behind its
 * endpoint's; MicrosoftDocs/azure-docs#110796), and nothing else.
 */
export function dnsInboundSecurityRules(layout: readonly PlacedHubSubnet[]): SecurityRule[] {
  return [
    {
      name: "allow-dns-from-sites-and-spokes",
      description: "On-premises forwarders and the spokes resolve names through the resolver's inbound endpoint.",
      priority: 100,
      direction: "Inbound",
      access: "Allow",
      protocol: "*",
      sourceAddressPrefix: "VirtualNetwork",
      sourcePortRange: "*",
      destinationAddressPrefix: prefixOf(layout, "dns-inbound"),
      destinationPortRange: "53",
    },
    denyInternetInbound("The resolver answers private clients only."),
    denyVirtualNetworkInbound(NOTHING_ELSE_FROM_SITES),
  ];
}

/** What the hub's subnets are planned from, beside its address space. */
export interface HubPlanInput extends Omit<HubRoutingInput, "services"> {
  /** The national eduroam proxies, allowed to reach RADIUS. */
  readonly nationalProxyAddresses: readonly string[];
  /**
   * A hub other than the primary: the core's subnets in the primary hub (RADIUS,
   * the Key Vault endpoint), which this hub's sites reach through this hub's own
   * firewall, by key.
   */
  readonly coreServices?: Readonly<Record<string, string>>;
}

export interface PlannedHubSubnet extends PlacedHubSubnet {
  /** Only for ordinary subnets, which get an NSG. */
  readonly securityRules?: SecurityRule[];
  readonly routeTable?: RouteTableSpec;
}

/** Every subnet of a hub with its NSG rules and route table. */
export function hubNetworkPlan(addressSpace: string, input: HubPlanInput): PlannedHubSubnet[] {
  const layout = hubSubnetLayout(addressSpace);
  const core = Object.fromEntries(Object.entries(input.coreServices ?? {}).map(([key, prefix]) => [`core-${key}`, prefix]));
  const routing: HubRoutingInput = { ...input, services: { ...hubServicePrefixes(layout), ...core } };
  const rulesFor = (key: string): SecurityRule[] | undefined => {
    if (key === "shared") return sharedSubnetSecurityRules(layout);
    if (key === "radius") return radiusSecurityRules(input.nationalProxyAddresses, prefixOf(layout, "bastion"));
    if (key === "dns-inbound") return dnsInboundSecurityRules(layout);
    return undefined;
  };
  return layout.map((s) => ({
    ...s,
    ...(s.ordinary ? { securityRules: rulesFor(s.key) ?? [denyInternetInbound("Reached privately only."), denyVirtualNetworkInbound(NOTHING_ELSE_FROM_SITES)] } : {}),
    ...(s.routing === "gateway" ? { routeTable: gatewaySubnetRouteTable(routing) } : s.routing === "service" ? { routeTable: hubServiceRouteTable(routing, { standaloneRoutes: s.key === RADIUS_SUBNET && input.otherHubs !== undefined }) } : {}),
  }));
}
