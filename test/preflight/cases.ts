/**
 * Preflight tests as a table: for each rule, an edit of a stack the offline
 * preview captured from the example region that Azure would refuse, with the
 * exact finding, and a stack that passes (the capture itself, or an edit just
 * inside what Azure allows).
 */
import { merge, type Patch } from "../helpers/policy-fixtures";
import type { PreflightStack } from "../../domain/preflight";
import type { StackPreview } from "../../scripts/preview/preview-file";

type Resource = StackPreview["resources"][number];
export type Edit = (stack: StackPreview) => StackPreview;

export interface PreflightCase {
  readonly rule: string;
  /** What is wrong, read after "refuses a stack that". */
  readonly fails: string;
  /** The stack of the example region the edit starts from. */
  readonly stack: string;
  readonly failing: Edit;
  /** Default: the captured stack as it is. */
  readonly passing?: Edit;
  readonly message: string;
}

const NAMES = "https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules";
const SUB = "/subscriptions/00000000-0000-4000-8000-000000000000";
const HUB = "virtual network vnet-grunnmur-hub-prod-noe";
const NETWORK_ALLOWED = "letters, digits, underscores, periods and hyphens, starting with a letter or digit and ending with a letter, digit or underscore";

/** The resource of `type` (with logical name `name`, if given) gets `patch` deep-merged into its inputs; arrays are replaced. */
export function edit(type: string, name: string | undefined, patch: Patch | ((inputs: Record<string, unknown>) => Patch)): Edit {
  return (stack) => {
    let found = false;
    const resources = stack.resources.map((r): Resource => {
      if (found || r.type !== type || (name !== undefined && r.name !== name)) return r;
      found = true;
      return { ...r, inputs: merge(r.inputs, typeof patch === "function" ? patch(r.inputs) : patch) };
    });
    if (!found) throw new Error(`${stack.stack} has no ${type} ${name ?? ""}`);
    return { ...stack, resources };
  };
}

/** The hub's subnet `subnet` gets `patch` (undefined removes a field); a subnet it lacks is added. */
export function editSubnet(subnet: string, patch: Patch, vnet = "hub"): Edit {
  return edit("azure-native:network:VirtualNetwork", vnet, (inputs) => {
    const subnets = inputs.subnets as Array<Record<string, unknown>>;
    const has = subnets.some((s) => s.name === subnet);
    return { subnets: has ? subnets.map((s) => (s.name === subnet ? merge(s, patch) : s)) : [...subnets, merge({ name: subnet }, patch)] };
  });
}

/** The resource of `type` named `name` no longer waits for the one named `dependency`. */
function withoutDependency(type: string, name: string, dependency: string): Edit {
  return (stack) => {
    const target = stack.resources.find((r) => r.type === type && r.name === name);
    if (!target || !target.options.dependsOn.some((u) => u.endsWith(`::${dependency}`))) throw new Error(`${stack.stack}: ${name} does not depend on ${dependency}`);
    return { ...stack, resources: stack.resources.map((r) => (r === target ? { ...r, options: { ...r.options, dependsOn: r.options.dependsOn.filter((u) => !u.endsWith(`::${dependency}`)) } } : r)) };
  };
}

const both = (...edits: Edit[]): Edit => (stack) => edits.reduce((s, e) => e(s), stack);

/** A new resource of `type`, its parent, provider and options those of the hub's shared NSG. */
function add(type: string, name: string, inputs: Record<string, unknown>): Edit {
  return (stack) => {
    const template = stack.resources.find((r) => r.type === NSG_TYPE && r.name === "hub-shared");
    if (!template) throw new Error(`${stack.stack} has no network security group hub-shared`);
    return { ...stack, resources: [...stack.resources, { ...template, type, name, urn: template.urn.replace(/::[^:]+$/, `::${name}`).replace(template.type, type), inputs }] };
  };
}

const HUB_RG = `${SUB}/resourceGroups/rg-grunnmur-hub-prod-noe/providers/Microsoft.Network`;
const NSG_TYPE = "azure-native:network:NetworkSecurityGroup";
const ROUTE_TABLE = "azure-native:network:RouteTable";
const POLICY = "azure-native:recoveryservices:ProtectionPolicy";
const BASTION_NSG = "nsg-grunnmur-hub-prod-noe-bastion";

const securityRule = (name: string, priority: number, direction: string, protocol: string, source: string, destination: string, ports: string[]) => ({
  name, priority, direction, access: "Allow", protocol, sourceAddressPrefix: source, sourcePortRange: "*", destinationAddressPrefix: destination, ...(ports.length === 1 ? { destinationPortRange: ports[0] } : { destinationPortRanges: ports }),
});

/**
 * An NSG for AzureBastionSubnet with the rules of Learn's table (https://learn.microsoft.com/azure/bastion/bastion-nsg):
 * the inbound ones inline, the outbound ones as SecurityRule resources of their own, `without` those named left out.
 */
function bastionNsg(...without: string[]): Edit {
  const inbound = [
    securityRule("AllowHttpsInbound", 120, "Inbound", "Tcp", "Internet", "*", ["443"]),
    securityRule("AllowGatewayManagerInbound", 130, "Inbound", "Tcp", "GatewayManager", "*", ["443"]),
    securityRule("AllowAzureLoadBalancerInbound", 140, "Inbound", "Tcp", "AzureLoadBalancer", "*", ["443"]),
    securityRule("AllowBastionHostCommunication", 150, "Inbound", "*", "VirtualNetwork", "VirtualNetwork", ["8080", "5701"]),
  ];
  const outbound = [
    securityRule("AllowSshRdpOutbound", 100, "Outbound", "*", "*", "VirtualNetwork", ["22", "3389"]),
    securityRule("AllowAzureCloudOutbound", 110, "Outbound", "Tcp", "*", "AzureCloud", ["443"]),
    securityRule("AllowBastionCommunication", 120, "Outbound", "*", "VirtualNetwork", "VirtualNetwork", ["8080", "5701"]),
    securityRule("AllowHttpOutbound", 130, "Outbound", "*", "*", "Internet", ["80"]),
  ];
  const kept = <T extends { name: string }>(rules: T[]) => rules.filter((r) => !without.includes(r.name));
  return both(
    add(NSG_TYPE, "hub-bastion", { location: "norwayeast", networkSecurityGroupName: BASTION_NSG, resourceGroupName: "rg-grunnmur-hub-prod-noe", securityRules: kept(inbound) }),
    ...kept(outbound).map(({ name, ...rule }) => add("azure-native:network:SecurityRule", `hub-bastion-${name}`, { ...rule, securityRuleName: name, networkSecurityGroupName: BASTION_NSG, resourceGroupName: "rg-grunnmur-hub-prod-noe" })),
    editSubnet("AzureBastionSubnet", { networkSecurityGroup: { id: `${HUB_RG}/networkSecurityGroups/${BASTION_NSG}` } }),
  );
}

/** The Bastion NSG's inbound HTTPS rule admits `source` instead of the Internet tag. */
const httpsFrom = (source: string): Edit =>
  edit(NSG_TYPE, "hub-bastion", (inputs) => ({ securityRules: (inputs.securityRules as Array<Record<string, unknown>>).map((r) => (r.name === "AllowHttpsInbound" ? { ...r, sourceAddressPrefix: source } : r)) }));

const VM = "azure-native:compute:VirtualMachine";
const PIP = "azure-native:network:PublicIPAddress";
const RCG = "azure-native:network:FirewallPolicyRuleCollectionGroup";
const PEERING = "azure-native:network:VirtualNetworkPeering";
const nsg = { networkSecurityGroup: { id: `${SUB}/resourceGroups/rg-grunnmur-hub-prod-noe/providers/Microsoft.Network/networkSecurityGroups/nsg-grunnmur-hub-prod-noe-shared` } };

export const PREFLIGHT_CASES: readonly PreflightCase[] = [
  {
    rule: "PF-01",
    fails: "names a resource group with a final period",
    stack: "platform",
    failing: edit("azure-native:resources:ResourceGroup", undefined, { resourceGroupName: "rg-grunnmur-hub." }),
    passing: edit("azure-native:resources:ResourceGroup", undefined, { resourceGroupName: "rg_(grunnmur).hub-1" }),
    message: `resource group rg-grunnmur-hub.: resourceGroupName is "rg-grunnmur-hub."; Azure allows 1-90 letters, digits, underscores, parentheses, hyphens and periods, not ending in a period (${NAMES}#microsoftresources)`,
  },
  {
    rule: "PF-02",
    fails: "names a storage account with capitals",
    stack: "alta",
    failing: edit("azure-native:storage:StorageAccount", undefined, { accountName: "StAltaTromso" }),
    message: `storage account StAltaTromso: accountName is "StAltaTromso"; Azure allows 3-24 lower-case letters and digits (${NAMES}#microsoftstorage)`,
  },
  {
    rule: "PF-02",
    fails: "names a storage account with 25 characters",
    stack: "alta",
    failing: edit("azure-native:storage:StorageAccount", undefined, { accountName: "st" + "a".repeat(23) }),
    passing: edit("azure-native:storage:StorageAccount", undefined, { accountName: "st" + "a".repeat(22) }),
    message: `storage account st${"a".repeat(23)}: accountName is "st${"a".repeat(23)}" (25 characters); Azure allows 3-24 lower-case letters and digits (${NAMES}#microsoftstorage)`,
  },
  {
    rule: "PF-03",
    fails: "names a key vault with two hyphens in a row",
    stack: "platform",
    failing: edit("azure-native:keyvault:Vault", undefined, { vaultName: "kv--tromso-grunnmur" }),
    message: `key vault kv--tromso-grunnmur: vaultName is "kv--tromso-grunnmur"; Azure allows 3-24 letters, digits and hyphens, starting with a letter, ending with a letter or digit, no consecutive hyphens (${NAMES}#microsoftkeyvault)`,
  },
  {
    rule: "PF-04",
    fails: "names a Recovery Services vault starting with a digit",
    stack: "platform",
    failing: edit("azure-native:recoveryservices:Vault", undefined, { vaultName: "1rsv-grunnmur" }),
    message: `Recovery Services vault 1rsv-grunnmur: vaultName is "1rsv-grunnmur"; Azure allows 2-50 letters, digits and hyphens, starting with a letter (${NAMES}#microsoftrecoveryservices)`,
  },
  {
    rule: "PF-05",
    fails: "names a virtual network ending in a hyphen",
    stack: "platform",
    failing: edit("azure-native:network:VirtualNetwork", "hub", { virtualNetworkName: "vnet-grunnmur-hub-" }),
    message: `virtual network vnet-grunnmur-hub-: virtualNetworkName is "vnet-grunnmur-hub-"; Azure allows 2-64 ${NETWORK_ALLOWED} (${NAMES}#microsoftnetwork)`,
  },
  {
    rule: "PF-06",
    fails: "names a subnet with a space",
    stack: "platform",
    failing: editSubnet("snet-grunnmur-hub-prod-noe-shared", { name: "snet shared" }),
    message: `subnet snet shared in ${HUB}: name is "snet shared"; Azure allows 1-80 ${NETWORK_ALLOWED} (${NAMES}#microsoftnetwork)`,
  },
  {
    rule: "PF-07",
    fails: "names a network security group with 81 characters",
    stack: "platform",
    failing: edit("azure-native:network:NetworkSecurityGroup", undefined, { networkSecurityGroupName: "n".repeat(81) }),
    passing: edit("azure-native:network:NetworkSecurityGroup", undefined, { networkSecurityGroupName: "n".repeat(80) }),
    message: `network security group ${"n".repeat(81)}: networkSecurityGroupName is "${"n".repeat(81)}" (81 characters); Azure allows 1-80 ${NETWORK_ALLOWED} (${NAMES}#microsoftnetwork)`,
  },
  {
    rule: "PF-08",
    fails: "names a public IP address ending in a period",
    stack: "platform",
    failing: edit(PIP, "radius-1-pip", { publicIpAddressName: "pip-rad-1." }),
    passing: edit(PIP, "radius-1-pip", { publicIpAddressName: "pip-rad-1_" }),
    message: `public IP address pip-rad-1.: publicIpAddressName is "pip-rad-1."; Azure allows 1-80 ${NETWORK_ALLOWED} (${NAMES}#microsoftnetwork)`,
  },
  {
    rule: "PF-09",
    fails: "names a route table with a slash",
    stack: "platform",
    failing: edit("azure-native:network:RouteTable", undefined, { routeTableName: "rt/hub" }),
    message: `route table rt/hub: routeTableName is "rt/hub"; Azure allows 1-80 ${NETWORK_ALLOWED} (${NAMES}#microsoftnetwork)`,
  },
  {
    rule: "PF-10",
    fails: "names a private endpoint with one character",
    stack: "alta",
    failing: edit("azure-native:network:PrivateEndpoint", undefined, { privateEndpointName: "p" }),
    message: `private endpoint p: privateEndpointName is "p" (1 characters); Azure allows 2-64 ${NETWORK_ALLOWED} (${NAMES}#microsoftnetwork)`,
  },
  {
    rule: "PF-11",
    fails: "names a firewall policy starting with an underscore",
    stack: "platform",
    failing: edit("azure-native:network:FirewallPolicy", undefined, { firewallPolicyName: "_afwp-grunnmur" }),
    message: `firewall policy _afwp-grunnmur: firewallPolicyName is "_afwp-grunnmur"; Azure allows 1-80 ${NETWORK_ALLOWED} (${NAMES}#microsoftnetwork)`,
  },
  {
    rule: "PF-12",
    fails: "names a virtual machine with underscores",
    stack: "platform",
    failing: edit(VM, "radius-1", { vmName: "vm_rad_1" }),
    message: `virtual machine vm_rad_1: vmName is "vm_rad_1"; Azure allows 1-64 letters, digits, hyphens and (Linux only) periods, not ending in a period or hyphen (${NAMES}#microsoftcompute)`,
  },
  {
    rule: "PF-13",
    fails: "gives a Windows virtual machine a computer name of 17 characters",
    stack: "platform",
    failing: edit(VM, "radius-1", { osProfile: { computerName: "radius-server-one", linuxConfiguration: undefined, windowsConfiguration: { provisionVMAgent: true } } }),
    // The same name is fine on Linux.
    passing: edit(VM, "radius-1", { osProfile: { computerName: "radius-server-one" } }),
    message: `Windows virtual machine vm-rad-grunnmur-prod-noe-1: osProfile.computerName is "radius-server-one" (17 characters); Azure allows 1-15 letters, digits, hyphens and (Linux only) periods, not ending in a period or hyphen (${NAMES}#microsoftcompute)`,
  },
  {
    rule: "PF-14",
    fails: "gives Azure Firewall a /27",
    stack: "platform",
    failing: editSubnet("AzureFirewallSubnet", { addressPrefix: "10.95.1.0/27" }),
    message: `subnet AzureFirewallSubnet in ${HUB}: addressPrefix is /27 (10.95.1.0/27); Azure allows /26 or larger for Azure Firewall (https://learn.microsoft.com/azure/firewall/firewall-faq#why-does-azure-firewall-need-a--26-subnet-size)`,
  },
  {
    rule: "PF-15",
    fails: "adds an AzureFirewallManagementSubnet of /27",
    stack: "platform",
    failing: editSubnet("AzureFirewallManagementSubnet", { addressPrefix: "10.95.3.0/27" }),
    passing: editSubnet("AzureFirewallManagementSubnet", { addressPrefix: "10.95.3.0/26" }),
    message: `subnet AzureFirewallManagementSubnet in ${HUB}: addressPrefix is /27 (10.95.3.0/27); Azure allows /26 or larger for Azure Firewall's management traffic (https://learn.microsoft.com/azure/firewall/management-nic)`,
  },
  {
    rule: "PF-16",
    fails: "gives the VPN gateway a /28",
    stack: "platform",
    failing: editSubnet("GatewaySubnet", { addressPrefix: "10.95.1.128/28" }),
    message: `subnet GatewaySubnet in ${HUB}: addressPrefix is /28 (10.95.1.128/28); Azure allows /27 or larger for a VPN or ExpressRoute gateway (https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#gwsub)`,
  },
  {
    rule: "PF-17",
    fails: "gives Azure Bastion a /27",
    stack: "platform",
    failing: editSubnet("AzureBastionSubnet", { addressPrefix: "10.95.1.64/27" }),
    message: `subnet AzureBastionSubnet in ${HUB}: addressPrefix is /27 (10.95.1.64/27); Azure allows /26 or larger for Azure Bastion (https://learn.microsoft.com/azure/bastion/configuration-settings#subnet)`,
  },
  {
    rule: "PF-18",
    fails: "puts a network security group on the GatewaySubnet",
    stack: "platform",
    failing: editSubnet("GatewaySubnet", nsg),
    message: `subnet GatewaySubnet in ${HUB}: networkSecurityGroup is "nsg-grunnmur-hub-prod-noe-shared"; Azure allows no network security group on this subnet (https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#gwsub)`,
  },
  {
    rule: "PF-19",
    fails: "puts a network security group on the AzureFirewallSubnet",
    stack: "platform",
    failing: editSubnet("AzureFirewallSubnet", nsg),
    message: `subnet AzureFirewallSubnet in ${HUB}: networkSecurityGroup is "nsg-grunnmur-hub-prod-noe-shared"; Azure allows no network security group on this subnet (https://learn.microsoft.com/azure/firewall/firewall-faq#are-network-security-groups-nsgs-supported-on-the-azurefirewallsubnet)`,
  },
  {
    rule: "PF-20",
    fails: "takes the delegation off the DNS resolver's inbound subnet",
    stack: "platform",
    failing: editSubnet("snet-grunnmur-hub-prod-noe-dns-inbound", { delegations: [] }),
    message: `subnet snet-grunnmur-hub-prod-noe-dns-inbound in ${HUB}: delegations is []; Azure allows a delegation to Microsoft.Network/dnsResolvers on a subnet a DNS resolver endpoint uses (https://learn.microsoft.com/azure/dns/dns-private-resolver-overview#subnet-restrictions)`,
  },
  {
    rule: "PF-20",
    fails: "makes the DNS resolver's inbound subnet a /29",
    stack: "platform",
    failing: editSubnet("snet-grunnmur-hub-prod-noe-dns-inbound", { addressPrefix: "10.95.1.192/29" }),
    message: `subnet snet-grunnmur-hub-prod-noe-dns-inbound in ${HUB}: addressPrefix is /29 (10.95.1.192/29); Azure allows /28 to /24 for a DNS resolver endpoint (https://learn.microsoft.com/azure/dns/dns-private-resolver-overview#subnet-restrictions)`,
  },
  {
    rule: "PF-21",
    fails: "moves a subnet out of the network's address space",
    stack: "platform",
    failing: editSubnet("snet-grunnmur-hub-prod-noe-shared", { addressPrefix: "10.95.8.0/24" }),
    message: `subnet snet-grunnmur-hub-prod-noe-shared in ${HUB}: addressPrefix is 10.95.8.0/24; Azure allows a range inside the address space 10.95.0.0/22 (https://learn.microsoft.com/azure/virtual-network/virtual-network-manage-subnet#add-a-subnet)`,
  },
  {
    rule: "PF-22",
    fails: "gives the RADIUS subnet the gateway's range",
    stack: "platform",
    failing: editSubnet("snet-grunnmur-hub-prod-noe-radius", { addressPrefix: "10.95.1.128/27" }),
    message: `subnet snet-grunnmur-hub-prod-noe-radius in ${HUB}: addressPrefix is 10.95.1.128/27, which overlaps subnet GatewaySubnet (10.95.1.128/27); Azure allows ranges no other subnet of the network uses (https://learn.microsoft.com/azure/virtual-network/virtual-network-manage-subnet#add-a-subnet)`,
  },
  {
    rule: "PF-23",
    fails: "sends a zonal public IP address to Norway West",
    stack: "platform",
    failing: edit(PIP, "radius-1-pip", { location: "norwaywest" }),
    passing: edit(PIP, "radius-1-pip", { location: "norwaywest", zones: undefined }),
    message: `PublicIPAddress pip-rad-grunnmur-prod-noe-1: zones is ["1","2","3"] in Norway West; Azure allows no zones in Norway West, which has no availability zones (https://learn.microsoft.com/azure/reliability/regions-list)`,
  },
  {
    rule: "PF-24",
    fails: "sends a zone-redundant storage account to Norway West",
    stack: "alta",
    failing: edit("azure-native:storage:StorageAccount", undefined, { location: "norwaywest" }),
    passing: edit("azure-native:storage:StorageAccount", undefined, { location: "norwaywest", sku: { name: "Standard_GRS" } }),
    message: `StorageAccount staltatromso: sku.name is "Standard_ZRS" in Norway West; Azure allows a locally or geo-redundant SKU (LRS, GRS) in Norway West, which has no availability zones (https://learn.microsoft.com/azure/storage/common/storage-redundancy#zone-redundant-storage)`,
  },
  {
    rule: "PF-25",
    fails: "starts a budget mid-month",
    stack: "alta",
    failing: edit("azure-native:consumption:Budget", undefined, { timePeriod: { startDate: "2026-12-15T00:00:00Z" } }),
    passing: edit("azure-native:consumption:Budget", undefined, { timePeriod: { startDate: "2027-01-01" } }),
    message: `budget budget-grunnmur-alta: timePeriod.startDate is "2026-12-15T00:00:00Z"; Azure allows the first of a month at 00:00, e.g. "2026-12-01T00:00:00Z" (https://learn.microsoft.com/rest/api/consumption/budgets/create-or-update)`,
  },
  {
    rule: "PF-26",
    fails: "alerts at a threshold of 0",
    stack: "alta",
    failing: edit("azure-native:consumption:Budget", undefined, { notifications: { "actual-80-percent": { threshold: 0 } } }),
    passing: edit("azure-native:consumption:Budget", undefined, { notifications: { "actual-80-percent": { threshold: 1000 } } }),
    message: `budget budget-grunnmur-alta: notifications.actual-80-percent.threshold is 0; Azure allows a percentage above 0 and at most 1000 (https://learn.microsoft.com/rest/api/consumption/budgets/create-or-update)`,
  },
  {
    rule: "PF-27",
    fails: "keeps a key vault's deleted items 5 days",
    stack: "platform",
    failing: edit("azure-native:keyvault:Vault", undefined, { properties: { softDeleteRetentionInDays: 5 } }),
    passing: edit("azure-native:keyvault:Vault", undefined, { properties: { softDeleteRetentionInDays: 7 } }),
    message: `key vault kv-tromso-grunnmur-prod: properties.softDeleteRetentionInDays is 5; Azure allows 7-90 days (https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview)`,
  },
  {
    rule: "PF-28",
    fails: "keeps soft-deleted backups 200 days",
    stack: "platform",
    failing: edit("azure-native:recoveryservices:Vault", undefined, { properties: { securitySettings: { softDeleteSettings: { softDeleteRetentionPeriodInDays: 200 } } } }),
    passing: edit("azure-native:recoveryservices:Vault", undefined, { properties: { securitySettings: { softDeleteSettings: { softDeleteRetentionPeriodInDays: 180 } } } }),
    message: `Recovery Services vault rsv-grunnmur-tromso-prod-noe: properties.securitySettings.softDeleteSettings.softDeleteRetentionPeriodInDays is 200; Azure allows 14-180 days (https://learn.microsoft.com/azure/backup/backup-azure-enhanced-soft-delete-about)`,
  },
  {
    rule: "PF-29",
    fails: "gives a rule collection group priority 50",
    stack: "platform",
    failing: edit(RCG, "hub-firewall-rcg-isolation", { priority: 50 }),
    passing: edit(RCG, "hub-firewall-rcg-isolation", { priority: 100 }),
    message: `firewall rule collection group rcg-isolation: priority is 50; Azure allows 100-65000 (https://learn.microsoft.com/azure/firewall/rule-processing#rule-processing-using-firewall-policy)`,
  },
  {
    rule: "PF-30",
    fails: "gives two rule collection groups of the hub's policy one priority",
    stack: "platform",
    failing: edit(RCG, "hub-firewall-rcg-alta", { priority: 200 }),
    message: `firewall rule collection group rcg-alta in firewall policy afwp-grunnmur-prod-noe: priority is 200, which rule collection group rcg-isolation of the same policy has; Azure allows a priority no other group of the policy has (https://learn.microsoft.com/azure/firewall/rule-processing#rule-processing-using-firewall-policy)`,
  },
  {
    rule: "PF-46",
    fails: "puts the shared services' NSG on AzureBastionSubnet",
    stack: "platform",
    failing: editSubnet("AzureBastionSubnet", nsg),
    passing: bastionNsg(),
    message: `network security group nsg-grunnmur-hub-prod-noe-shared in subnet AzureBastionSubnet of ${HUB}: securityRules is without an Allow rule for inbound TCP 443 from Internet; inbound TCP 443 from GatewayManager; inbound 8080 and 5701 from VirtualNetwork to VirtualNetwork; inbound TCP 443 from AzureLoadBalancer; outbound 22 and 3389 to VirtualNetwork; outbound TCP 443 to AzureCloud; outbound 8080 and 5701 from VirtualNetwork to VirtualNetwork; outbound 80 to Internet; Azure allows an NSG on AzureBastionSubnet only with all the inbound and outbound rules Azure Bastion needs (https://learn.microsoft.com/azure/bastion/bastion-nsg)`,
  },
  {
    rule: "PF-46",
    fails: "leaves outbound HTTP to the Internet out of the Bastion subnet's NSG",
    stack: "platform",
    failing: bastionNsg("AllowHttpOutbound"),
    message: `network security group nsg-grunnmur-hub-prod-noe-bastion in subnet AzureBastionSubnet of ${HUB}: securityRules is without an Allow rule for outbound 80 to Internet; Azure allows an NSG on AzureBastionSubnet only with all the inbound and outbound rules Azure Bastion needs (https://learn.microsoft.com/azure/bastion/bastion-nsg)`,
  },
  {
    rule: "PF-46",
    fails: "admits HTTPS to the Bastion subnet from a private range only",
    stack: "platform",
    failing: both(bastionNsg(), httpsFrom("10.0.0.0/8")),
    // Learn: "the source can be either the Internet or a set of public IP addresses that you specify".
    passing: both(bastionNsg(), httpsFrom("198.51.100.0/24")),
    message: `network security group nsg-grunnmur-hub-prod-noe-bastion in subnet AzureBastionSubnet of ${HUB}: securityRules is without an Allow rule for inbound TCP 443 from Internet; Azure allows an NSG on AzureBastionSubnet only with all the inbound and outbound rules Azure Bastion needs (https://learn.microsoft.com/azure/bastion/bastion-nsg)`,
  },
  {
    rule: "PF-47",
    fails: "puts a route table on AzureBastionSubnet",
    stack: "platform",
    failing: editSubnet("AzureBastionSubnet", { routeTable: { id: `${HUB_RG}/routeTables/rt-grunnmur-hub-prod-noe-shared` } }),
    message: `subnet AzureBastionSubnet in ${HUB}: routeTable is "rt-grunnmur-hub-prod-noe-shared"; Azure allows no route table: Azure Bastion does not support user-defined routes on its subnet (https://learn.microsoft.com/azure/bastion/bastion-faq#udr)`,
  },
  {
    rule: "PF-47",
    fails: "sends the GatewaySubnet's 0.0.0.0/0 to the firewall",
    stack: "platform",
    failing: edit(ROUTE_TABLE, "hub-gateway", (inputs) => ({ routes: [...(inputs.routes as unknown[]), { addressPrefix: "0.0.0.0/0", name: "default", nextHopIpAddress: "10.95.1.4", nextHopType: "VirtualAppliance" }] })),
    // Half the address space is not the default route Learn rules out.
    passing: edit(ROUTE_TABLE, "hub-gateway", (inputs) => ({ routes: [...(inputs.routes as unknown[]), { addressPrefix: "0.0.0.0/1", name: "lower-half", nextHopIpAddress: "10.95.1.4", nextHopType: "VirtualAppliance" }] })),
    message: `subnet GatewaySubnet in ${HUB}: routeTable is "rt-grunnmur-hub-prod-noe-gateway", whose route default sends 0.0.0.0/0 to VirtualAppliance; Azure allows no user-defined route for 0.0.0.0/0 on the GatewaySubnet (a gateway with one is blocked from being created) (https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#gwsub)`,
  },
  {
    rule: "PF-47",
    fails: "puts a route table without a default route to the Internet on AzureFirewallSubnet",
    stack: "platform",
    failing: editSubnet("AzureFirewallSubnet", { routeTable: { id: `${HUB_RG}/routeTables/rt-grunnmur-hub-prod-noe-shared` } }),
    passing: both(
      editSubnet("AzureFirewallSubnet", { routeTable: { id: `${HUB_RG}/routeTables/rt-grunnmur-hub-prod-noe-shared` } }),
      add("azure-native:network:Route", "hub-shared-default", { routeName: "default-internet", routeTableName: "rt-grunnmur-hub-prod-noe-shared", resourceGroupName: "rg-grunnmur-hub-prod-noe", addressPrefix: "0.0.0.0/0", nextHopType: "Internet" }),
    ),
    message: `subnet AzureFirewallSubnet in ${HUB}: routeTable is "rt-grunnmur-hub-prod-noe-shared", which has no route for 0.0.0.0/0; Azure allows a route table on AzureFirewallSubnet only with a 0.0.0.0/0 route whose nextHopType is Internet, as the firewall needs direct Internet connectivity (https://learn.microsoft.com/azure/firewall/firewall-faq#is-forced-tunnelingchaining-to-a-network-virtual-appliance-supported)`,
  },
  {
    rule: "PF-47",
    fails: "sends the AzureFirewallSubnet's 0.0.0.0/0 to an appliance without forced tunnelling",
    stack: "platform",
    failing: both(
      editSubnet("AzureFirewallSubnet", { routeTable: { id: `${HUB_RG}/routeTables/rt-grunnmur-hub-prod-noe-shared` } }),
      add("azure-native:network:Route", "hub-shared-default", { routeName: "default-onprem", routeTableName: "rt-grunnmur-hub-prod-noe-shared", resourceGroupName: "rg-grunnmur-hub-prod-noe", addressPrefix: "0.0.0.0/0", nextHopType: "VirtualAppliance", nextHopIpAddress: "10.95.1.4" }),
    ),
    // With a management subnet beside it the firewall is forced-tunnelled, and the default route may point elsewhere.
    passing: both(
      editSubnet("AzureFirewallSubnet", { routeTable: { id: `${HUB_RG}/routeTables/rt-grunnmur-hub-prod-noe-shared` } }),
      add("azure-native:network:Route", "hub-shared-default", { routeName: "default-onprem", routeTableName: "rt-grunnmur-hub-prod-noe-shared", resourceGroupName: "rg-grunnmur-hub-prod-noe", addressPrefix: "0.0.0.0/0", nextHopType: "VirtualAppliance", nextHopIpAddress: "10.95.1.4" }),
      editSubnet("AzureFirewallManagementSubnet", { addressPrefix: "10.95.3.0/26" }),
    ),
    message: `subnet AzureFirewallSubnet in ${HUB}: routeTable is "rt-grunnmur-hub-prod-noe-shared", which sends 0.0.0.0/0 to VirtualAppliance; Azure allows a route table on AzureFirewallSubnet only with a 0.0.0.0/0 route whose nextHopType is Internet, as the firewall needs direct Internet connectivity (https://learn.microsoft.com/azure/firewall/firewall-faq#is-forced-tunnelingchaining-to-a-network-virtual-appliance-supported)`,
  },
  {
    rule: "PF-48",
    fails: "keeps an Azure VM's daily recovery points 6 days",
    stack: "platform",
    failing: edit(POLICY, "backup-standard-vms", { properties: { retentionPolicy: { dailySchedule: { retentionDuration: { count: 6 } } } } }),
    passing: edit(POLICY, "backup-standard-vms", { properties: { retentionPolicy: { dailySchedule: { retentionDuration: { count: 7 } } } } }),
    message: `backup policy grunnmur-standard-vms: properties.retentionPolicy.dailySchedule.retentionDuration.count is 6; Azure allows 7-9999 days for an Azure VM (https://learn.microsoft.com/azure/backup/backup-azure-vm-backup-faq)`,
  },
  {
    rule: "PF-48",
    fails: "keeps an Azure VM's daily recovery points 10000 days",
    stack: "platform",
    failing: edit(POLICY, "backup-extended-vms", { properties: { retentionPolicy: { dailySchedule: { retentionDuration: { count: 10000 } } } } }),
    passing: edit(POLICY, "backup-extended-vms", { properties: { retentionPolicy: { dailySchedule: { retentionDuration: { count: 9999 } } } } }),
    message: `backup policy grunnmur-extended-vms: properties.retentionPolicy.dailySchedule.retentionDuration.count is 10000; Azure allows 7-9999 days for an Azure VM (https://learn.microsoft.com/azure/backup/backup-azure-vm-backup-faq)`,
  },
  {
    rule: "PF-48",
    fails: "keeps a daily VM policy's instant-restore snapshots 6 days",
    stack: "platform",
    failing: edit(POLICY, "backup-standard-vms", { properties: { instantRpRetentionRangeInDays: 6 } }),
    passing: edit(POLICY, "backup-standard-vms", { properties: { instantRpRetentionRangeInDays: 5 } }),
    message: `backup policy grunnmur-standard-vms: properties.instantRpRetentionRangeInDays is 6; Azure allows 1-5 days for a Standard (daily) policy (https://learn.microsoft.com/azure/backup/backup-instant-restore-capability)`,
  },
  {
    rule: "PF-49",
    fails: "keeps a file share's daily snapshots 201 days",
    stack: "platform",
    failing: edit(POLICY, "backup-standard-files", { properties: { retentionPolicy: { dailySchedule: { retentionDuration: { count: 201 } } } } }),
    passing: edit(POLICY, "backup-standard-files", { properties: { retentionPolicy: { dailySchedule: { retentionDuration: { count: 200 } } } } }),
    message: `backup policy grunnmur-standard-files: properties.retentionPolicy.dailySchedule.retentionDuration.count is 201; Azure allows 1-200 days for an Azure file share (https://learn.microsoft.com/azure/backup/azure-file-share-support-matrix)`,
  },
  {
    rule: "PF-49",
    fails: "keeps a file share's monthly snapshots 121 months",
    stack: "platform",
    failing: edit(POLICY, "backup-extended-files", { properties: { retentionPolicy: { monthlySchedule: { retentionDuration: { count: 121 } } } } }),
    passing: edit(POLICY, "backup-extended-files", { properties: { retentionPolicy: { monthlySchedule: { retentionDuration: { count: 120 } } } } }),
    message: `backup policy grunnmur-extended-files: properties.retentionPolicy.monthlySchedule.retentionDuration.count is 121; Azure allows 1-120 months for an Azure file share (https://learn.microsoft.com/azure/backup/azure-file-share-support-matrix)`,
  },
  {
    rule: "PF-49",
    fails: "keeps a file share's yearly snapshots 11 years",
    stack: "platform",
    failing: edit(POLICY, "backup-extended-files", { properties: { retentionPolicy: { yearlySchedule: { retentionDuration: { count: 11 } } } } }),
    message: `backup policy grunnmur-extended-files: properties.retentionPolicy.yearlySchedule.retentionDuration.count is 11; Azure allows 1-10 years for an Azure file share (https://learn.microsoft.com/azure/backup/azure-file-share-support-matrix)`,
  },
  {
    rule: "PF-50",
    fails: "writes the last tenant's rule collection group without waiting for the others",
    stack: "platform",
    failing: withoutDependency(RCG, "hub-firewall-rcg-storfjord", "hub-firewall-rcg-skjervoy"),
    message: `rule collection group rcg-storfjord in firewall policy afwp-grunnmur-prod-noe: dependsOn is not ordered against hub-firewall-rcg-isolation (rcg-isolation), so the engine may write both at once; Azure allows one write at a time per policy: make each group depend on the one before it (https://learn.microsoft.com/azure/firewall/overview)`,
  },
  {
    rule: "PF-51",
    fails: "writes the DR hub's side of the hub peering together with the primary hub's side",
    stack: "platform",
    failing: withoutDependency(PEERING, "hub-dr-to-hub", "hub-to-hub-dr"),
    message: `virtual network peering hub-to-hub-dr in virtual network vnet-grunnmur-hub-prod-noe: dependsOn is not ordered against hub-dr-to-hub, which also writes to virtual network vnet-grunnmur-hub-prod-noe, so the engine may write both at once; Azure allows one peering write at a time per virtual network: make each peering depend on the one before it (https://learn.microsoft.com/azure/virtual-network/virtual-network-manage-peering)`,
  },
];

export const asPreflightStack = (stack: StackPreview): PreflightStack => ({ stack: stack.stack, resources: stack.resources });
export { both };
