/**
 * Network rules (NW-01 … NW-05): tenants are isolated from the internet and
 * from each other (Hedmark IKT 2020: one provider's network hit seven
 * municipalities), and admins come in through Bastion only.
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as network from "@pulumi/azure-native/network";
import type { PolicyResource } from "@pulumi/policy";
import { isResourceOfType, lastName, parseArmId } from "../domain/azure/arm-id";
import { resourcePolicy, stackPolicy, type GrunnmurPolicy } from "./core/define";
import { describeResource, expectEqual, expectSetting } from "./core/messages";
import { dependsThrough, idOf, ofType, ownResourceGroups, placementOf, refValue, stackOutput } from "./core/stack-facts";
import { OUTPUT } from "../stacks/contract";
import { knownList, knownString, peek, sameText, show, UNKNOWN } from "./core/values";
import { internetIn, readAddress, type Span } from "./core/address-ranges";

type NsgProps = pulumi.Unwrap<network.NetworkSecurityGroupArgs>;
type RuleProps = pulumi.Unwrap<network.SecurityRuleArgs>;
type InlineRule = NonNullable<NsgProps["securityRules"]>[number];
type AnyRule = InlineRule | RuleProps;
type FlowLogProps = pulumi.Unwrap<network.FlowLogArgs>;

export const NSG = "azure-native:network:NetworkSecurityGroup";
export const SECURITY_RULE = "azure-native:network:SecurityRule";
export const VNET = "azure-native:network:VirtualNetwork";
export const SUBNET = "azure-native:network:Subnet";
export const PEERING = "azure-native:network:VirtualNetworkPeering";
export const FLOW_LOG = "azure-native:network:FlowLog";
export const BASTION = "azure-native:network:BastionHost";
export const PUBLIC_IP = "azure-native:network:PublicIPAddress";
export const PUBLIC_IP_PREFIX = "azure-native:network:PublicIPPrefix";
export const NIC = "azure-native:network:NetworkInterface";

/** TCP ports never open to the internet, with the CIS control for each. */
const CLOSED_TCP_PORTS: ReadonlyArray<[number, string]> = [
  [22, "SSH, CIS 7.2"],
  [3389, "RDP, CIS 7.1"],
  [80, "HTTP, CIS 7.4"],
  [443, "HTTPS, CIS 7.4"],
];

const ALL_PORTS: Span = { from: 0, to: 65535 };

/** A rule's field, inline (azure-native's shape) or under `properties` (ARM's, in a hand-written list). */
function field(rule: AnyRule, key: string): unknown {
  const own = (rule as Record<string, unknown>)[key];
  if (own !== undefined) return own;
  const nested = (rule as { properties?: Record<string, unknown> }).properties;
  return typeof nested === "object" && nested !== null ? nested[key] : undefined;
}

const words = (value: unknown): string | undefined => (typeof value === "string" ? value.trim().toLowerCase() : undefined);
const listOf = (...values: unknown[]): unknown[] => values.flatMap((v) => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]));

/**
 * The ports a rule opens. Azure takes "22", "20-25", "*" and lists; a hand-written
 * rule may give numbers or "22,3389". What cannot be read counts as every port.
 */
export function portSpans(values: readonly unknown[]): Span[] {
  if (values.length === 0) return [ALL_PORTS];
  return values.flatMap((value): Span[] => {
    if (typeof value === "number") return Number.isInteger(value) ? [{ from: value, to: value }] : [ALL_PORTS];
    if (typeof value !== "string") return [ALL_PORTS];
    return value.split(",").map((part): Span => {
      const text = part.trim().toLowerCase();
      const single = /^\d+$/.exec(text);
      if (single) return { from: Number(text), to: Number(text) };
      const range = /^(\d+)\s*-\s*(\d+)$/.exec(text);
      if (range && Number(range[1]) <= Number(range[2])) return { from: Number(range[1]), to: Number(range[2]) };
      return ALL_PORTS;
    });
  });
}

/** The transport protocols a rule covers: "*", "Any", unset and unknown values mean all of them. */
function protocolsOf(value: unknown): { tcp: boolean; udp: boolean } {
  const p = words(value);
  if (p === "tcp") return { tcp: true, udp: false };
  if (p === "udp") return { tcp: false, udp: true };
  if (p === "icmp" || p === "esp" || p === "ah") return { tcp: false, udp: false };
  return { tcp: true, udp: true };
}

/** The default for NW-01's maximumPublicAddresses: a /16, larger than any partner's own block. */
export const MAXIMUM_PUBLIC_SOURCE_ADDRESSES = 65536;

/**
 * What an inbound rule opens to the internet, in words; empty when nothing forbidden.
 * Judged by meaning: direction, access and protocol in any case; ports as numbers,
 * strings, ranges or lists; sources as "*", "Any", "Internet", 0.0.0.0/0, a public
 * service tag (AzureCloud is every Azure customer's VM), or prefixes that together
 * cover more than `maximumPublicAddresses` public addresses (0.0.0.0/1 + 128.0.0.0/1).
 */
export function internetExposure(rule: AnyRule, maximumPublicAddresses = MAXIMUM_PUBLIC_SOURCE_ADDRESSES): string[] {
  // Unset direction or access is refused by Azure; read the safe way, they would still open.
  if (words(field(rule, "direction")) === "outbound" || words(field(rule, "access")) === "deny") return [];
  const reach = internetIn(listOf(field(rule, "sourceAddressPrefix"), field(rule, "sourceAddressPrefixes")), maximumPublicAddresses);
  if (!reach) return [];
  const from = `${reach.addresses.length === 1 ? show(reach.addresses[0]) : show(reach.addresses)}${reach.why ? ` (${reach.why})` : ""}`;
  const portValues = listOf(field(rule, "destinationPortRange"), field(rule, "destinationPortRanges"));
  const spans = portSpans(portValues);
  const { tcp, udp } = protocolsOf(field(rule, "protocol"));
  const found: string[] = [];
  if (tcp) {
    for (const [port, what] of CLOSED_TCP_PORTS) {
      if (spans.some((s) => port >= s.from && port <= s.to)) found.push(`TCP port ${port} (${what}) from ${from}`);
    }
  }
  if (udp) found.push(`UDP ports ${portValues.map(String).join(",") || "*"} (CIS 7.3) from ${from}`);
  return found;
}

export const noOpenAdminPorts = () =>
  resourcePolicy<NsgProps | RuleProps, { maximumPublicAddresses: number }>(
    {
      id: "NW-01",
      name: "network-no-inbound-from-internet",
      source: "CIS 7.1-7.4; NSM 2.5.2",
      title: "No NSG rule lets the internet reach SSH, RDP, HTTP(S) or any UDP port, however the rule spells its source, protocol or ports.",
      enforcementLevel: "mandatory",
      config: {
        maximumPublicAddresses: {
          default: MAXIMUM_PUBLIC_SOURCE_ADDRESSES,
          minimum: 1,
          description: "Most public IPv4 addresses a rule's sources may cover together before they count as the internet.",
        },
      },
    },
    [NSG, SECURITY_RULE],
    (r, report, config) => {
      const rules: AnyRule[] = r.type === NSG ? knownList<AnyRule>(() => (r.props as NsgProps).securityRules) : [r.props as RuleProps];
      for (const rule of rules) {
        // A separate SecurityRule resource is the rule; an NSG names which of its rules.
        const which = r.type === NSG ? `rule ${String(field(rule, "name") ?? "(unnamed)")} ` : "";
        for (const exposure of internetExposure(rule, config.maximumPublicAddresses)) {
          report(
            `${r.label}: ${which}allows inbound ${exposure}; remove the rule or set sourceAddressPrefix to the site's own address range, and reach servers through Azure Bastion (NSM 2.5.2)`,
          );
        }
      }
    },
  );

/** Subnets Azure manages itself and that must not (or need not) carry our NSG. */
const AZURE_MANAGED_SUBNETS = new Set(["gatewaysubnet", "azurefirewallsubnet", "azurefirewallmanagementsubnet", "azurebastionsubnet", "routeserversubnet"]);

export const subnetHasNsg = () =>
  stackPolicy(
    {
      id: "NW-02",
      name: "network-subnet-has-nsg",
      source: "CIS 7.11; NSM 2.2.3",
      title: "Every subnet except Azure's own (gateway, firewall, Bastion) has a network security group.",
      enforcementLevel: "mandatory",
    },
    "any",
    ({ resources }, report) => {
      const source = "CIS 7.11; NSM 2.2.3";
      const check = (owner: PolicyResource, where: string, subnetName: string | undefined, nsg: string | typeof UNKNOWN | undefined) => {
        if (subnetName && AZURE_MANAGED_SUBNETS.has(subnetName.toLowerCase())) return;
        const subnet = `subnet ${subnetName ?? "(unnamed)"}`;
        if (nsg === undefined) {
          report(`${where}: ${subnet} has no networkSecurityGroup; create an NSG with the subnet and set networkSecurityGroup.id (${source})`, owner.urn);
        } else if (typeof nsg === "string" && !isResourceOfType(nsg, "Microsoft.Network", "networkSecurityGroups")) {
          report(`${where}: ${subnet} has networkSecurityGroup.id ${show(nsg)}, which is not a network security group; set it to the NSG's id (${source})`, owner.urn);
        }
      };
      for (const vnet of ofType(resources, VNET)) {
        const where = describeResource(vnet.type, vnet.props, vnet.name);
        for (const subnet of knownList<Record<string, { id?: string } | string | undefined>>(() => vnet.props.subnets)) {
          check(vnet, where, knownString(() => subnet.name), refValue(() => (subnet.networkSecurityGroup as { id?: string } | undefined)?.id));
        }
      }
      for (const subnet of ofType(resources, SUBNET)) {
        const name = knownString(() => subnet.props.subnetName) ?? knownString(() => subnet.props.name);
        const where = `virtual network ${knownString(() => subnet.props.virtualNetworkName) ?? "(unknown)"}`;
        check(subnet, where, name, refValue(() => subnet.props.networkSecurityGroup?.id));
      }
    },
  );

export const spokePeersHubOnly = () =>
  stackPolicy(
    {
      id: "NW-03.1",
      name: "network-spoke-peers-hub-only",
      source: "NSM 2.2.3; NSM 2.5.1",
      title: "A tenant's spoke is peered with the hub only, never with another tenant's network.",
      enforcementLevel: "mandatory",
    },
    "tenant",
    ({ resources }, report) => {
      const source = "NSM 2.2.3; NSM 2.5.1";
      const peerings = ofType(resources, PEERING);
      if (peerings.length === 0) return;
      const hub = stackOutput(resources, OUTPUT.hubVnetId);
      if (!hub) {
        report(`the stack has no output ${OUTPUT.hubVnetId}, so its peerings cannot be checked; export the hub VNet's id from the tenant program (${source})`);
        return;
      }
      const own = ofType(resources, VNET);
      const ownNames = own.map((v) => knownString(() => v.props.virtualNetworkName) ?? knownString(() => v.props.name));
      for (const peering of peerings) {
        const label = describeResource(peering.type, peering.props, peering.name);
        const local = knownString(() => peering.props.virtualNetworkName);
        const localIsOwn = local !== undefined && ownNames.some((n) => sameText(n, local));
        const localIsHub = local !== undefined && sameText(local, lastName(hub));
        const remote = refValue(() => peering.props.remoteVirtualNetwork?.id);
        const toHub = typeof remote === "string" && sameText(remote, hub);
        const toOwn =
          typeof remote === "string" ? own.some((v) => sameText(idOf(v), remote)) : own.some((v) => dependsThrough(peering, "remoteVirtualNetwork", v));
        if (remote === undefined) {
          report(`${label}: remoteVirtualNetwork is not set; a spoke peers with the hub ${lastName(hub)} only (${source})`, peering.urn);
        } else if (localIsOwn && !toHub && remote !== UNKNOWN) {
          report(`${label}: remoteVirtualNetwork.id is ${show(remote)}; a spoke peers with the hub ${lastName(hub)} only, never with another tenant's network (${source})`, peering.urn);
        } else if (!localIsOwn && !toOwn && !(toHub && !localIsHub) && remote !== UNKNOWN) {
          report(`${label}: peers ${local ?? "a network"} with ${show(remote)}; this stack may only peer its own spoke with the hub ${lastName(hub)} (${source})`, peering.urn);
        }
      }
    },
  );

export const flowLogRetention = () =>
  resourcePolicy<FlowLogProps, { minimumRetentionDays: number }>(
    {
      id: "NW-04.2",
      name: "network-flow-log-retention",
      source: "CIS 7.5",
      title: "Flow logs are on and kept long enough to investigate an incident.",
      enforcementLevel: "advisory",
      config: { minimumRetentionDays: { default: 90, minimum: 1, description: "Fewest days flow logs are kept." } },
    },
    [FLOW_LOG],
    (r, report, config) => {
      expectEqual(report, r.label, "enabled", r.props.enabled, true, "CIS 7.5");
      expectEqual(report, r.label, "retentionPolicy.enabled", r.props.retentionPolicy?.enabled, true, "CIS 7.5");
      expectSetting(report, {
        resource: r.label,
        property: "retentionPolicy.days",
        current: r.props.retentionPolicy?.days,
        ok: (v) => typeof v === "number" && (v === 0 || v >= config.minimumRetentionDays),
        safe: `${config.minimumRetentionDays} or more`,
        source: "CIS 7.5",
      });
    },
  );

export const adminThroughBastion = () =>
  stackPolicy(
    {
      id: "NW-04.1",
      name: "network-admin-through-bastion",
      source: "CIS 8.4.1",
      title: "The platform has an Azure Bastion host, so admins never need RDP or SSH from the internet.",
      enforcementLevel: "mandatory",
    },
    "platform",
    ({ resources }, report) => {
      if (ofType(resources, BASTION).length === 0) {
        report("the platform has no Azure Bastion host; add a network BastionHost in the hub so admins reach servers without public RDP/SSH (CIS 8.4.1)");
      }
    },
  );

export const noPublicIpInTenant = () =>
  stackPolicy(
    {
      id: "NW-05",
      name: "network-no-public-ip-in-tenant",
      source: "NSM 2.2.3; MCSB NS-1",
      title: "Tenant stacks create no public IP: a tenant reaches and is reached from the internet only through the hub firewall.",
      enforcementLevel: "mandatory",
    },
    "tenant",
    ({ resources }, report) => {
      const source = "NSM 2.2.3; MCSB NS-1";
      for (const ip of ofType(resources, PUBLIC_IP, PUBLIC_IP_PREFIX)) {
        report(`${describeResource(ip.type, ip.props, ip.name)}: a tenant stack must not create public IP addresses; remove it and publish through the hub firewall (${source})`, ip.urn);
      }
      for (const nic of ofType(resources, NIC)) {
        const configs = knownList<Record<string, unknown>>(() => nic.props.ipConfigurations);
        for (const config of configs.filter((c) => c.publicIPAddress !== undefined && c.publicIPAddress !== null)) {
          report(
            `${describeResource(nic.type, nic.props, nic.name)}: ipConfiguration ${String(config.name ?? "")} has a publicIPAddress; remove it and reach the machine through Azure Bastion (${source})`,
            nic.urn,
          );
        }
      }
    },
  );

export const ROUTE_TABLE = "azure-native:network:RouteTable";
export const ROUTE = "azure-native:network:Route";
const NW03 = "NSM 2.2.3; MCSB NS-1";

/** The spoke's own VNets and whether a peering or subnet belongs to one of them. */
function ownNetworks(resources: readonly PolicyResource[]) {
  const vnets = ofType(resources, VNET);
  const names = vnets.map((v) => knownString(() => v.props.virtualNetworkName) ?? knownString(() => v.props.name));
  return {
    vnets,
    isOwn: (from: PolicyResource, local: string | undefined) =>
      local !== undefined ? names.some((n) => sameText(n, local)) : vnets.some((v) => dependsThrough(from, "virtualNetworkName", v)),
  };
}

export const spokeRoutesThroughFirewall = () =>
  stackPolicy(
    {
      id: "NW-03.4",
      name: "network-spoke-routes-through-firewall",
      source: NW03,
      title: "Every spoke subnet has a route table whose 0.0.0.0/0, and every other route, leads to the hub firewall, with routes learned over the VPN kept out.",
      enforcementLevel: "mandatory",
    },
    "tenant",
    ({ resources }, report) => {
      const tables = ofType(resources, ROUTE_TABLE);
      const subnets: Array<{ owner: PolicyResource; where: string; name: string; table: string | typeof UNKNOWN | undefined }> = [];
      for (const vnet of ofType(resources, VNET)) {
        const where = describeResource(vnet.type, vnet.props, vnet.name);
        for (const subnet of knownList<Record<string, unknown>>(() => vnet.props.subnets)) {
          subnets.push({ owner: vnet, where, name: knownString(() => subnet.name) ?? "(unnamed)", table: refValue(() => (subnet.routeTable as { id?: string } | undefined)?.id) });
        }
      }
      for (const subnet of ofType(resources, SUBNET)) {
        subnets.push({
          owner: subnet,
          where: `virtual network ${knownString(() => subnet.props.virtualNetworkName) ?? "(unknown)"}`,
          name: knownString(() => subnet.props.subnetName) ?? knownString(() => subnet.props.name) ?? "(unnamed)",
          table: refValue(() => subnet.props.routeTable?.id),
        });
      }
      if (tables.length + subnets.length === 0) return;
      const firewall = stackOutput(resources, OUTPUT.firewallPrivateIp);
      if (!firewall) {
        report(`the stack has no output ${OUTPUT.firewallPrivateIp}, so its routes cannot be checked; re-export the platform's ${OUTPUT.firewallPrivateIp} from the tenant program (${NW03})`);
        return;
      }
      const toFirewall = `nextHopType "VirtualAppliance" and nextHopIpAddress ${show(firewall)}, the hub firewall`;
      for (const subnet of subnets) {
        if (subnet.table === undefined) {
          report(`${subnet.where}: subnet ${subnet.name} has no route table; give it the spoke's route table, whose 0.0.0.0/0 route has ${toFirewall} (${NW03})`, subnet.owner.urn);
        } else if (subnet.table !== UNKNOWN && !tables.some((t) => sameText(idOf(t), subnet.table as string))) {
          report(`${subnet.where}: subnet ${subnet.name} uses route table ${show(subnet.table)}, which this stack does not create, so nothing shows where its traffic goes; use the spoke's own route table (${NW03})`, subnet.owner.urn);
        }
      }
      const separateRoutes = ofType(resources, ROUTE);
      for (const table of tables) {
        const label = describeResource(table.type, table.props, table.name);
        const bgp = peek(() => table.props.disableBgpRoutePropagation);
        if (bgp !== true && bgp !== UNKNOWN) {
          report(`${label}: disableBgpRoutePropagation is ${show(bgp)}; set it to true, or routes learned over the VPN lead around the hub firewall (${NW03})`, table.urn);
        }
        const tableName = knownString(() => table.props.routeTableName) ?? knownString(() => table.props.name);
        const routes = [
          ...knownList<Record<string, unknown>>(() => table.props.routes),
          ...separateRoutes
            .filter((r) => {
              const name = knownString(() => r.props.routeTableName);
              return name !== undefined && tableName !== undefined ? sameText(name, tableName) : dependsThrough(r, "routeTableName", table);
            })
            .map((r) => ({ name: knownString(() => r.props.routeName) ?? r.name, ...r.props }) as Record<string, unknown>),
        ];
        if (!routes.some((route) => readAddress(route.addressPrefix).kind === "any")) {
          report(`${label}: has no 0.0.0.0/0 route; add one with ${toFirewall} (${NW03})`, table.urn);
        }
        for (const route of routes) {
          const hop = typeof route.nextHopType === "string" ? route.nextHopType : undefined;
          if (hop?.toLowerCase() === "virtualappliance" && route.nextHopIpAddress === firewall) continue;
          const now = hop?.toLowerCase() === "virtualappliance" ? `"VirtualAppliance" ${show(route.nextHopIpAddress)}` : show(route.nextHopType);
          report(`${label}: route ${String(route.name ?? "(unnamed)")} sends ${show(route.addressPrefix)} to ${now}; every route of a spoke has ${toFirewall} (${NW03})`, table.urn);
        }
      }
    },
  );

/** true, or "true" in any case as a hand-written file may say it. */
const truthy = (value: unknown) => value === true || (typeof value === "string" && value.trim().toLowerCase() === "true");

export const spokeNoGatewayTransit = () =>
  stackPolicy(
    {
      id: "NW-03.5",
      name: "network-spoke-no-gateway-transit",
      source: NW03,
      title: "A spoke never offers gateway transit, and the hub never uses a spoke's gateway: sites reach spokes only through the hub's VPN gateway and firewall.",
      enforcementLevel: "mandatory",
    },
    "tenant",
    ({ resources }, report) => {
      const hub = stackOutput(resources, OUTPUT.hubVnetId);
      const own = ownNetworks(resources);
      for (const peering of ofType(resources, PEERING)) {
        const label = describeResource(peering.type, peering.props, peering.name);
        const local = knownString(() => peering.props.virtualNetworkName);
        const transit = peek(() => peering.props.allowGatewayTransit);
        if (own.isOwn(peering, local) && truthy(transit)) {
          report(`${label}: allowGatewayTransit is ${show(transit)} on the spoke's side; set it to false: only the hub offers its gateway, or a gateway in the spoke would carry traffic around the hub firewall (${NW03})`, peering.urn);
        }
        const remote = peek(() => peering.props.useRemoteGateways);
        if (hub && local !== undefined && sameText(local, lastName(hub)) && truthy(remote)) {
          report(`${label}: useRemoteGateways is ${show(remote)} on the hub's side; set it to false: the hub never uses a spoke's gateway (${NW03})`, peering.urn);
        }
      }
    },
  );

export const DNS_ZONE_LINK = "azure-native:privatedns:VirtualNetworkLink";
const NW03_6 = "grunnmur baseline NW-03.6";

/**
 * The hub side a tenant stack creates: the peering on the hub VNet, and the links
 * in the platform's private DNS zones (any zone link outside the stack's own
 * resource groups).
 */
function hubSide(resources: readonly PolicyResource[], hubName: string, hubGroup: string | undefined): Array<{ resource: PolicyResource; label: string }> {
  const own = ownResourceGroups(resources).map((g) => g.name);
  const peerings = ofType(resources, PEERING)
    .filter((p) => sameText(knownString(() => p.props.virtualNetworkName), hubName))
    .filter((p) => !hubGroup || !knownString(() => p.props.resourceGroupName) || sameText(knownString(() => p.props.resourceGroupName), hubGroup))
    .map((p) => ({ resource: p, label: `${describeResource(p.type, p.props, p.name)} on the hub ${hubName}` }));
  const links = ofType(resources, DNS_ZONE_LINK)
    .filter((l) => {
      const group = knownString(() => l.props.resourceGroupName);
      return group !== undefined && !own.some((g) => sameText(g, group));
    })
    .map((l) => ({ resource: l, label: `${describeResource(l.type, l.props, l.name)} in private DNS zone ${knownString(() => l.props.privateZoneName) ?? "(unknown)"}` }));
  return [...peerings, ...links];
}

export const hubSideInPlatformSubscription = () =>
  stackPolicy(
    {
      id: "NW-03.6",
      name: "network-hub-side-in-platform-subscription",
      source: NW03_6,
      title:
        "The hub's side of a spoke (the hub's peering, the links in the platform's private DNS zones) is created in the hub's subscription, never through the provider of a municipality's own subscription.",
      enforcementLevel: "mandatory",
    },
    "tenant",
    ({ resources }, report) => {
      const hub = stackOutput(resources, OUTPUT.hubVnetId);
      const hubId = hub ? parseArmId(hub) : undefined;
      if (!hub || !hubId?.subscriptionId) return;
      for (const { resource, label } of hubSide(resources, lastName(hub), hubId.resourceGroup)) {
        const where = placementOf(resource);
        if (where && !sameText(where.subscriptionId, hubId.subscriptionId)) {
          report(
            `${label}: is in subscription ${where.subscriptionId} (by ${where.via}), but the hub is in subscription ${hubId.subscriptionId}; create the hub side through a provider for the platform's subscription (the Spoke's hubProvider) (${NW03_6})`,
            resource.urn,
          );
        }
      }
    },
  );

export function networkPolicies(): GrunnmurPolicy[] {
  return [
    noOpenAdminPorts(),
    subnetHasNsg(),
    spokePeersHubOnly(),
    spokeRoutesThroughFirewall(),
    spokeNoGatewayTransit(),
    hubSideInPlatformSubscription(),
    flowLogRetention(),
    adminThroughBastion(),
    noPublicIpInTenant(),
  ];
}
