/**
 * What Azure Bastion, the VPN gateway and Azure Firewall need of the network
 * security group and the route table on their own subnets. Each subnet names
 * its NSG and route table by id; the rules judge the ones this stack declares
 * (matched by name, and resource group where both say it) and leave alone
 * those they cannot see.
 */
import { lastName, parseArmId } from "../azure/arm-id";
import { overlaps, parseCidr } from "../network/cidr";
import { subnetsOf, type SubnetView } from "./names";
import { azureNameOf, isRecord, ofTypes, preflightRule, quote, type PreflightResource, type PreflightRule, type PreflightStack, type Problem } from "./rule";

const NSG = "azure-native:network:NetworkSecurityGroup";
const SECURITY_RULE = "azure-native:network:SecurityRule";
const ROUTE_TABLE = "azure-native:network:RouteTable";
const ROUTE = "azure-native:network:Route";

const same = (a: unknown, b: unknown) => typeof a === "string" && typeof b === "string" && a.toLowerCase() === b.toLowerCase();

/** The id a subnet's reference holds: { id } or the id itself. */
function referenceId(value: unknown): string | undefined {
  const id = isRecord(value) ? value.id : value;
  return typeof id === "string" && id !== "" ? id : undefined;
}

/** The resource of `type` in the stack that `id` names, by its name input and (when both say it) its resource group. */
function referenced(stack: PreflightStack, type: string, nameProperty: string, id: string): PreflightResource | undefined {
  const group = parseArmId(id)?.resourceGroup;
  return ofTypes(stack, type).find((r) => same(r.inputs[nameProperty], lastName(id)) && (group === undefined || typeof r.inputs.resourceGroupName !== "string" || same(r.inputs.resourceGroupName, group)));
}

/** Child resources (SecurityRule, Route) of a parent declared on their own, by the parent's name and resource group. */
function children(stack: PreflightStack, type: string, parentProperty: string, parent: PreflightResource, parentName: string): PreflightResource[] {
  const group = parent.inputs.resourceGroupName;
  return ofTypes(stack, type).filter((r) => same(r.inputs[parentProperty], parentName) && (typeof group !== "string" || typeof r.inputs.resourceGroupName !== "string" || same(r.inputs.resourceGroupName, group)));
}

const where = (subnet: SubnetView) => `${String(subnet.name)} of virtual network ${subnet.vnet}`;

// ---------------------------------------------------------------------------
// PF-46: the NSG on AzureBastionSubnet

const BASTION_NSG_URL = "https://learn.microsoft.com/azure/bastion/bastion-nsg";

interface Required {
  readonly direction: "Inbound" | "Outbound";
  /** A service tag; undefined: any source. */
  readonly source?: string;
  /** Public IP addresses stand in for the tag (Learn: "the Internet or a set of public IP addresses that you specify"). */
  readonly orPublicAddresses?: boolean;
  /** A service tag; undefined: any destination ("*" in Learn's table). */
  readonly destination?: string;
  readonly ports: readonly number[];
  /** "Tcp", or "*" where Learn's table says Any. */
  readonly protocol: "Tcp" | "*";
  readonly label: string;
}

// Learn's table of the rules an NSG on AzureBastionSubnet must have (https://learn.microsoft.com/azure/bastion/bastion-nsg):
// inbound 443 from Internet, 443 from GatewayManager, 8080 and 5701 VirtualNetwork to VirtualNetwork,
// 443 from AzureLoadBalancer; outbound 22 and 3389 to VirtualNetwork, 443 to AzureCloud,
// 8080 and 5701 VirtualNetwork to VirtualNetwork, 80 to Internet.
const BASTION_RULES: readonly Required[] = [
  { direction: "Inbound", source: "Internet", orPublicAddresses: true, ports: [443], protocol: "Tcp", label: "inbound TCP 443 from Internet" },
  { direction: "Inbound", source: "GatewayManager", ports: [443], protocol: "Tcp", label: "inbound TCP 443 from GatewayManager" },
  { direction: "Inbound", source: "VirtualNetwork", destination: "VirtualNetwork", ports: [8080, 5701], protocol: "*", label: "inbound 8080 and 5701 from VirtualNetwork to VirtualNetwork" },
  { direction: "Inbound", source: "AzureLoadBalancer", ports: [443], protocol: "Tcp", label: "inbound TCP 443 from AzureLoadBalancer" },
  { direction: "Outbound", destination: "VirtualNetwork", ports: [22, 3389], protocol: "*", label: "outbound 22 and 3389 to VirtualNetwork" },
  { direction: "Outbound", destination: "AzureCloud", ports: [443], protocol: "Tcp", label: "outbound TCP 443 to AzureCloud" },
  { direction: "Outbound", source: "VirtualNetwork", destination: "VirtualNetwork", ports: [8080, 5701], protocol: "*", label: "outbound 8080 and 5701 from VirtualNetwork to VirtualNetwork" },
  { direction: "Outbound", destination: "Internet", ports: [80], protocol: "*", label: "outbound 80 to Internet" },
];

/** A rule's prefixes or ports: the single field and the list. */
function listOf(rule: Record<string, unknown>, single: string, plural: string): string[] {
  const many = rule[plural];
  return [rule[single], ...(Array.isArray(many) ? many : [])].filter((v): v is string => typeof v === "string" || typeof v === "number").map(String);
}

const isAny = (v: string) => v === "*" || v.toLowerCase() === "any";

function coversPort(ranges: readonly string[], port: number): boolean {
  return ranges.some((r) => {
    if (isAny(r)) return true;
    const [low, high = low] = r.split("-").map((n) => Number(n.trim()));
    return port >= low && port <= high;
  });
}

const PRIVATE = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16"].flatMap((t) => {
  const parsed = parseCidr(t);
  return parsed.ok ? [parsed.cidr] : [];
});

/** An IPv4 address or prefix outside the private, shared and link-local ranges. */
function isPublic(prefix: string): boolean {
  const parsed = parseCidr(prefix.includes("/") ? prefix : `${prefix}/32`);
  return parsed.ok && parsed.cidr.prefix > 0 && !PRIVATE.some((range) => overlaps(range, parsed.cidr));
}

function coversAddress(prefixes: readonly string[], tag: string | undefined, orPublic = false): boolean {
  return tag === undefined || prefixes.some((p) => isAny(p) || same(p, tag) || (orPublic && isPublic(p)));
}

function allows(rule: Record<string, unknown>, need: Required, port: number): boolean {
  const protocol = String(rule.protocol ?? "");
  return (
    same(rule.access, "Allow") &&
    same(rule.direction, need.direction) &&
    (isAny(protocol) || (need.protocol !== "*" && same(protocol, need.protocol))) &&
    coversAddress(listOf(rule, "sourceAddressPrefix", "sourceAddressPrefixes"), need.source, need.orPublicAddresses) &&
    coversAddress(listOf(rule, "destinationAddressPrefix", "destinationAddressPrefixes"), need.destination) &&
    coversPort(listOf(rule, "destinationPortRange", "destinationPortRanges"), port)
  );
}

/** The NSG's rules, inline and declared on their own; undefined when the stack holds none to judge. */
function securityRulesOf(stack: PreflightStack, nsg: PreflightResource): Record<string, unknown>[] | undefined {
  const inline = nsg.inputs.securityRules;
  const separate = children(stack, SECURITY_RULE, "networkSecurityGroupName", nsg, azureNameOf(nsg)).map((r) => r.inputs);
  if (!Array.isArray(inline) && separate.length === 0) return undefined;
  return [...(Array.isArray(inline) ? inline.filter(isRecord) : []), ...separate];
}

export const bastionNsgRules = preflightRule(
  {
    id: "PF-46",
    name: "bastion-subnet-nsg-rules",
    summary: "A network security group on AzureBastionSubnet has every inbound and outbound rule Azure Bastion needs (443 from Internet, GatewayManager and AzureLoadBalancer; 8080 and 5701 within the virtual network; 22 and 3389 to it; 443 to AzureCloud; 80 to Internet).",
    reference: BASTION_NSG_URL,
  },
  function* (stack): Iterable<Problem> {
    for (const subnet of subnetsOf(stack).filter((s) => s.name === "AzureBastionSubnet")) {
      const id = referenceId(subnet.inputs.networkSecurityGroup);
      const nsg = id ? referenced(stack, NSG, "networkSecurityGroupName", id) : undefined;
      const rules = nsg ? securityRulesOf(stack, nsg) : undefined;
      if (!nsg || !rules) continue;
      const missing = BASTION_RULES.filter((need) => !need.ports.every((port) => rules.some((rule) => allows(rule, need, port))));
      if (missing.length === 0) continue;
      yield {
        resource: nsg,
        subject: "network security group",
        azureName: azureNameOf(nsg),
        within: `subnet ${where(subnet)}`,
        property: "securityRules",
        value: `without an Allow rule for ${missing.map((m) => m.label).join("; ")}`,
        allowed: "an NSG on AzureBastionSubnet only with all the inbound and outbound rules Azure Bastion needs",
      };
    }
  },
);

// ---------------------------------------------------------------------------
// PF-47: route tables on AzureBastionSubnet, GatewaySubnet and AzureFirewallSubnet

const BASTION_UDR_URL = "https://learn.microsoft.com/azure/bastion/bastion-faq#udr";
// "User-defined routes with a 0.0.0.0/0 destination ... on the GatewaySubnet are not supported. Gateways with this configuration are blocked from being created."
const GATEWAY_UDR_URL = "https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#gwsub";
// "If your AzureFirewallSubnet learns a default route to your on-premises network via BGP, you must override this with a 0.0.0.0/0 UDR with the NextHopType value set as Internet."
const FIREWALL_UDR_URL = "https://learn.microsoft.com/azure/firewall/firewall-faq#is-forced-tunnelingchaining-to-a-network-virtual-appliance-supported";

interface RouteView {
  readonly name: string;
  readonly addressPrefix: unknown;
  readonly nextHopType: unknown;
}

/** The table's routes, inline and declared on their own. */
function routesOf(stack: PreflightStack, table: PreflightResource): RouteView[] {
  const inline = Array.isArray(table.inputs.routes) ? table.inputs.routes.filter(isRecord) : [];
  const separate = children(stack, ROUTE, "routeTableName", table, azureNameOf(table)).map((r): Record<string, unknown> => ({ ...r.inputs, name: r.inputs.routeName ?? r.name }));
  return [...inline, ...separate].map((r) => ({ name: String(r.name ?? ""), addressPrefix: r.addressPrefix, nextHopType: r.nextHopType }));
}

const isDefaultRoute = (route: RouteView) => {
  if (typeof route.addressPrefix !== "string") return false;
  const parsed = parseCidr(route.addressPrefix);
  return parsed.ok && parsed.cidr.prefix === 0;
};

export const specialSubnetRouteTables = preflightRule(
  {
    id: "PF-47",
    name: "special-subnet-route-table",
    summary: "AzureBastionSubnet has no route table; a route table on GatewaySubnet has no route for 0.0.0.0/0; one on AzureFirewallSubnet (without forced tunnelling) sends 0.0.0.0/0 to the Internet.",
    reference: BASTION_UDR_URL,
    furtherReferences: [GATEWAY_UDR_URL, FIREWALL_UDR_URL],
  },
  function* (stack): Iterable<Problem> {
    const subnets = subnetsOf(stack);
    for (const subnet of subnets) {
      const id = referenceId(subnet.inputs.routeTable);
      if (!id) continue;
      const base = { resource: subnet.resource, subject: "subnet", azureName: String(subnet.name), within: `virtual network ${subnet.vnet}`, property: "routeTable" };
      if (subnet.name === "AzureBastionSubnet") {
        yield { ...base, value: quote(lastName(id)), allowed: "no route table: Azure Bastion does not support user-defined routes on its subnet" };
        continue;
      }
      if (subnet.name !== "GatewaySubnet" && subnet.name !== "AzureFirewallSubnet") continue;
      const table = referenced(stack, ROUTE_TABLE, "routeTableName", id);
      if (!table) continue;
      const defaults = routesOf(stack, table).filter(isDefaultRoute);
      if (subnet.name === "GatewaySubnet") {
        for (const route of defaults) {
          yield {
            ...base,
            value: `${quote(azureNameOf(table))}, whose route ${route.name} sends ${String(route.addressPrefix)} to ${String(route.nextHopType)}`,
            allowed: "no user-defined route for 0.0.0.0/0 on the GatewaySubnet (a gateway with one is blocked from being created)",
            reference: GATEWAY_UDR_URL,
          };
        }
        continue;
      }
      // Forced tunnelling (a management subnet beside the firewall's) lets the default route point elsewhere.
      if (subnets.some((s) => s.vnet === subnet.vnet && s.name === "AzureFirewallManagementSubnet")) continue;
      if (defaults.some((r) => same(r.nextHopType, "Internet"))) continue;
      yield {
        ...base,
        value: defaults.length === 0 ? `${quote(azureNameOf(table))}, which has no route for 0.0.0.0/0` : `${quote(azureNameOf(table))}, which sends 0.0.0.0/0 to ${defaults.map((r) => String(r.nextHopType)).join(", ")}`,
        allowed: "a route table on AzureFirewallSubnet only with a 0.0.0.0/0 route whose nextHopType is Internet, as the firewall needs direct Internet connectivity",
        reference: FIREWALL_UDR_URL,
      };
    }
  },
);

export const BASTION_AND_ROUTE_RULES: readonly PreflightRule[] = [bastionNsgRules, specialSubnetRouteTables];
