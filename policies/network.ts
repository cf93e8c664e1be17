/**
 * Network rules (NW-01 … NW-05): tenants are isolated from the internet and
 * from each other (Hedmark IKT 2020: one provider's network hit seven
 * municipalities), and admins come in through Bastion only.
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as network from "@pulumi/azure-native/network";
import type { PolicyResource } from "@pulumi/policy";
import { isResourceOfType, lastName } from "../domain/azure/arm-id";
import { resourcePolicy, stackPolicy, type GrunnmurPolicy } from "./core/define";
import { describeResource, expectEqual, expectSetting } from "./core/messages";
import { dependsThrough, idOf, ofType, refValue, stackOutput } from "./core/stack-facts";
import { OUTPUT } from "../stacks/contract";
import { knownList, knownString, sameText, show, UNKNOWN } from "./core/values";

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

/** Sources that mean "anyone on the internet". */
const OPEN_SOURCES = new Set(["*", "internet", "any", "0.0.0.0", "0.0.0.0/0", "::/0"]);

/** TCP ports never open to the internet, with the CIS control for each. */
const CLOSED_TCP_PORTS: ReadonlyArray<[number, string]> = [
  [22, "SSH, CIS 7.2"],
  [3389, "RDP, CIS 7.1"],
  [80, "HTTP, CIS 7.4"],
  [443, "HTTPS, CIS 7.4"],
];

function portsCover(ranges: readonly string[], port: number): boolean {
  return ranges.some((range) => {
    const text = range.trim();
    if (text === "*") return true;
    const [from, to = from] = text.split("-").map(Number);
    return port >= from && port <= to;
  });
}

/** What an inbound rule opens to the internet, in words; empty when nothing forbidden. */
export function internetExposure(rule: AnyRule): string[] {
  if (rule.direction !== "Inbound" || rule.access !== "Allow") return [];
  const sources = [rule.sourceAddressPrefix, ...(rule.sourceAddressPrefixes ?? [])].filter((s): s is string => typeof s === "string");
  const open = sources.find((s) => OPEN_SOURCES.has(s.toLowerCase()));
  if (!open) return [];
  const ports = [rule.destinationPortRange, ...(rule.destinationPortRanges ?? [])].filter((p): p is string => typeof p === "string");
  const protocol = rule.protocol ?? "*";
  const found: string[] = [];
  if (protocol === "Tcp" || protocol === "*") {
    for (const [port, what] of CLOSED_TCP_PORTS) {
      if (portsCover(ports, port)) found.push(`TCP port ${port} (${what}) from ${show(open)}`);
    }
  }
  if (protocol === "Udp" || protocol === "*") found.push(`UDP ports ${ports.join(",") || "*"} (CIS 7.3) from ${show(open)}`);
  return found;
}

export const noOpenAdminPorts = () =>
  resourcePolicy<NsgProps | RuleProps>(
    {
      id: "NW-01",
      name: "network-no-inbound-from-internet",
      source: "CIS 7.1-7.4; NSM 2.5.2",
      title: "No NSG rule lets the internet reach SSH, RDP, HTTP(S) or any UDP port.",
      enforcementLevel: "mandatory",
    },
    [NSG, SECURITY_RULE],
    (r, report) => {
      const rules: AnyRule[] = r.type === NSG ? [...((r.props as NsgProps).securityRules ?? [])] : [r.props as RuleProps];
      for (const rule of rules) {
        // A separate SecurityRule resource is the rule; an NSG names which of its rules.
        const which = r.type === NSG ? `rule ${rule.name ?? "(unnamed)"} ` : "";
        for (const exposure of internetExposure(rule)) {
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
      id: "NW-03",
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

export function networkPolicies(): GrunnmurPolicy[] {
  return [noOpenAdminPorts(), subnetHasNsg(), spokePeersHubOnly(), flowLogRetention(), adminThroughBastion(), noPublicIpInTenant()];
}
