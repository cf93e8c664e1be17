/**
 * The subnets Azure's own services insist on (Firewall, Bastion, VPN gateway,
 * DNS Private Resolver), and the address rules every subnet follows. Read from
 * a virtual network's inline subnets and from Subnet resources.
 */
import { lastName, parseArmId } from "../azure/arm-id";
import { contains, formatCidr, overlaps, parseCidr, type Cidr } from "../network/cidr";
import { subnetsOf, type SubnetView } from "./names";
import { inputAt, isRecord, ofTypes, preflightRule, quote, type PreflightRule, type PreflightStack, type Problem } from "./rule";

/** A subnet's prefixes that parse: addressPrefix, or addressPrefixes. */
function prefixesOf(subnet: Pick<SubnetView, "inputs">): Cidr[] {
  const texts = [subnet.inputs.addressPrefix, ...(Array.isArray(subnet.inputs.addressPrefixes) ? subnet.inputs.addressPrefixes : [])].filter((t): t is string => typeof t === "string");
  return texts.map(parseCidr).flatMap((p) => (p.ok ? [p.cidr] : []));
}

const hasNsg = (subnet: SubnetView) => isRecord(subnet.inputs.networkSecurityGroup) || typeof subnet.inputs.networkSecurityGroup === "string";

function delegationsOf(subnet: SubnetView): string[] {
  const list = subnet.inputs.delegations;
  return Array.isArray(list) ? list.filter(isRecord).map((d) => String(d.serviceName ?? "")) : [];
}

const where = (subnet: SubnetView) => `virtual network ${subnet.vnet}`;

/** A special subnet of at least `/largestPrefix`: Azure refuses to place its service in a smaller one. */
function specialSubnetSize(meta: Omit<PreflightRule, "check" | "summary">, subnet: string, largestPrefix: number, service: string): PreflightRule {
  return preflightRule({ ...meta, summary: `${service[0].toUpperCase()}${service.slice(1)} needs its ${subnet} to be /${largestPrefix} or larger.` }, function* (stack): Iterable<Problem> {
    for (const s of subnetsOf(stack).filter((x) => x.name === subnet)) {
      for (const prefix of prefixesOf(s).filter((p) => p.prefix > largestPrefix)) {
        yield { resource: s.resource, subject: "subnet", azureName: subnet, within: where(s), property: "addressPrefix", value: `/${prefix.prefix} (${formatCidr(prefix)})`, allowed: `/${largestPrefix} or larger for ${service}` };
      }
    }
  });
}

export const firewallSubnetSize = specialSubnetSize({ id: "PF-14", name: "subnet-azure-firewall-size", reference: "https://learn.microsoft.com/azure/firewall/firewall-faq#why-does-azure-firewall-need-a--26-subnet-size" }, "AzureFirewallSubnet", 26, "Azure Firewall");
export const firewallManagementSubnetSize = specialSubnetSize(
  { id: "PF-15", name: "subnet-azure-firewall-management-size", reference: "https://learn.microsoft.com/azure/firewall/management-nic" },
  "AzureFirewallManagementSubnet",
  26,
  "Azure Firewall's management traffic",
);
export const gatewaySubnetSize = specialSubnetSize({ id: "PF-16", name: "subnet-gateway-size", reference: "https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#gwsub" }, "GatewaySubnet", 27, "a VPN or ExpressRoute gateway");
export const bastionSubnetSize = specialSubnetSize({ id: "PF-17", name: "subnet-azure-bastion-size", reference: "https://learn.microsoft.com/azure/bastion/configuration-settings#subnet" }, "AzureBastionSubnet", 26, "Azure Bastion");

function noNsgOn(meta: Omit<PreflightRule, "check">, names: readonly string[]): PreflightRule {
  return preflightRule(meta, function* (stack): Iterable<Problem> {
    for (const s of subnetsOf(stack).filter((x) => typeof x.name === "string" && names.includes(x.name) && hasNsg(x))) {
      const nsg = s.inputs.networkSecurityGroup;
      const id = isRecord(nsg) ? String(nsg.id ?? "") : String(nsg);
      yield { resource: s.resource, subject: "subnet", azureName: String(s.name), within: where(s), property: "networkSecurityGroup", value: quote(id ? lastName(id) : id), allowed: "no network security group on this subnet" };
    }
  });
}

export const gatewaySubnetNoNsg = noNsgOn(
  { id: "PF-18", name: "subnet-gateway-no-nsg", summary: "A network security group on the GatewaySubnet is not supported and can stop the VPN gateway from working.", reference: "https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#gwsub" },
  ["GatewaySubnet"],
);
export const firewallSubnetNoNsg = noNsgOn(
  { id: "PF-19", name: "subnet-azure-firewall-no-nsg", summary: "Azure refuses a network security group on AzureFirewallSubnet and AzureFirewallManagementSubnet.", reference: "https://learn.microsoft.com/azure/firewall/firewall-faq#are-network-security-groups-nsgs-supported-on-the-azurefirewallsubnet" },
  ["AzureFirewallSubnet", "AzureFirewallManagementSubnet"],
);

const DNS_RESOLVERS = "Microsoft.Network/dnsResolvers";

/** The subnets a DNS resolver's inbound or outbound endpoints name, as "vnet/subnet". */
function resolverSubnets(stack: PreflightStack): Set<string> {
  const ids: unknown[] = [];
  for (const endpoint of ofTypes(stack, "azure-native:dnsresolver:InboundEndpoint")) {
    const configs = endpoint.inputs.ipConfigurations;
    if (Array.isArray(configs)) ids.push(...configs.filter(isRecord).map((c) => (isRecord(c.subnet) ? c.subnet.id : undefined)));
  }
  for (const endpoint of ofTypes(stack, "azure-native:dnsresolver:OutboundEndpoint")) ids.push(inputAt(endpoint, "subnet.id"));
  return new Set(
    ids
      .filter((id): id is string => typeof id === "string")
      .map((id) => parseArmId(id)?.names ?? [])
      .filter((names) => names.length === 2)
      .map(([vnet, subnet]) => `${vnet}/${subnet}`.toLowerCase()),
  );
}

export const dnsResolverSubnet = preflightRule(
  {
    id: "PF-20",
    name: "subnet-dns-resolver",
    summary: "A DNS Private Resolver endpoint's subnet is delegated to Microsoft.Network/dnsResolvers and is between /28 and /24.",
    reference: "https://learn.microsoft.com/azure/dns/dns-private-resolver-overview#subnet-restrictions",
  },
  function* (stack): Iterable<Problem> {
    const used = resolverSubnets(stack);
    for (const s of subnetsOf(stack)) {
      const delegated = delegationsOf(s).some((d) => d.toLowerCase() === DNS_RESOLVERS.toLowerCase());
      const usedByResolver = used.has(`${s.vnet}/${String(s.name)}`.toLowerCase());
      if (!delegated && !usedByResolver) continue;
      const base = { resource: s.resource, subject: "subnet", azureName: String(s.name), within: where(s) };
      if (!delegated) yield { ...base, property: "delegations", value: quote(delegationsOf(s)), allowed: `a delegation to ${DNS_RESOLVERS} on a subnet a DNS resolver endpoint uses` };
      for (const prefix of prefixesOf(s).filter((p) => p.prefix > 28 || p.prefix < 24)) {
        yield { ...base, property: "addressPrefix", value: `/${prefix.prefix} (${formatCidr(prefix)})`, allowed: "/28 to /24 for a DNS resolver endpoint" };
      }
    }
  },
);

export const subnetsInAddressSpace = preflightRule(
  { id: "PF-21", name: "subnet-in-address-space", summary: "Every subnet lies inside its virtual network's address space.", reference: "https://learn.microsoft.com/azure/virtual-network/virtual-network-manage-subnet#add-a-subnet" },
  function* (stack): Iterable<Problem> {
    const spaces = new Map<string, Cidr[]>();
    for (const vnet of ofTypes(stack, "azure-native:network:VirtualNetwork")) {
      const prefixes = inputAt(vnet, "addressSpace.addressPrefixes");
      if (!Array.isArray(prefixes)) continue;
      spaces.set(String(vnet.inputs.virtualNetworkName ?? vnet.name), prefixes.filter((p): p is string => typeof p === "string").map(parseCidr).flatMap((p) => (p.ok ? [p.cidr] : [])));
    }
    for (const s of subnetsOf(stack)) {
      const space = spaces.get(s.vnet);
      if (!space || space.length === 0) continue;
      for (const prefix of prefixesOf(s).filter((p) => !space.some((outer) => contains(outer, p)))) {
        yield { resource: s.resource, subject: "subnet", azureName: String(s.name), within: where(s), property: "addressPrefix", value: formatCidr(prefix), allowed: `a range inside the address space ${space.map(formatCidr).join(", ")}` };
      }
    }
  },
);

export const subnetsDoNotOverlap = preflightRule(
  { id: "PF-22", name: "subnet-no-overlap", summary: "No two subnets of a virtual network share an address.", reference: "https://learn.microsoft.com/azure/virtual-network/virtual-network-manage-subnet#add-a-subnet" },
  function* (stack): Iterable<Problem> {
    const byVnet = new Map<string, SubnetView[]>();
    for (const s of subnetsOf(stack)) byVnet.set(s.vnet, [...(byVnet.get(s.vnet) ?? []), s]);
    for (const subnets of byVnet.values()) {
      for (const [i, s] of subnets.entries()) {
        for (const earlier of subnets.slice(0, i)) {
          for (const prefix of prefixesOf(s)) {
            const clash = prefixesOf(earlier).find((p) => overlaps(p, prefix));
            if (!clash) continue;
            yield { resource: s.resource, subject: "subnet", azureName: String(s.name), within: where(s), property: "addressPrefix", value: `${formatCidr(prefix)}, which overlaps subnet ${String(earlier.name)} (${formatCidr(clash)})`, allowed: "ranges no other subnet of the network uses" };
          }
        }
      }
    }
  },
);

export const SUBNET_PREFLIGHT_RULES: readonly PreflightRule[] = [
  firewallSubnetSize,
  firewallManagementSubnetSize,
  gatewaySubnetSize,
  bastionSubnetSize,
  gatewaySubnetNoNsg,
  firewallSubnetNoNsg,
  dnsResolverSubnet,
  subnetsInAddressSpace,
  subnetsDoNotOverlap,
];
