import type { PolicyCase } from "../../helpers/policy-cases";
import { find, HUB_VNET_ID, platformStack, resource, tags, tenantStack, withInputs, withoutResource, withResources } from "../../helpers/policy-fixtures";

const nsg = "network security group nsg-grunnmur-senja-general";
const ALTA_VNET = HUB_VNET_ID.replace("rg-grunnmur-hub-prod-noe", "rg-grunnmur-alta-network-prod-noe").replace("vnet-grunnmur-hub-prod-noe", "vnet-grunnmur-alta-prod-noe");

const inboundRule = (name: string, protocol: string, source: string, port: string) => ({
  name,
  priority: 200,
  direction: "Inbound",
  access: "Allow",
  protocol,
  sourceAddressPrefix: source,
  sourcePortRange: "*",
  destinationAddressPrefix: "*",
  destinationPortRange: port,
});

const withRule = (rule: Record<string, unknown>) => () => {
  const stack = tenantStack();
  const rules = find(stack, "spoke-general").inputs.securityRules as unknown[];
  return withInputs(stack, "spoke-general", { securityRules: [...rules, rule] });
};

const tenantWith = (...added: ReturnType<typeof resource>[]) => withResources(tenantStack(), ...added);

export const networkCases: PolicyCase[] = [
  {
    policy: "network-no-inbound-from-internet",
    fails: "allows RDP from anywhere",
    passing: tenantStack,
    failing: withRule(inboundRule("allow-rdp", "Tcp", "*", "3389")),
    message: `${nsg}: rule allow-rdp allows inbound TCP port 3389 (RDP, CIS 7.1) from "*"; remove the rule or set sourceAddressPrefix to the site's own address range, and reach servers through Azure Bastion (NSM 2.5.2)`,
  },
  {
    policy: "network-no-inbound-from-internet",
    fails: "opens a port range that covers SSH to the internet",
    passing: tenantStack,
    failing: withRule(inboundRule("allow-admin", "*", "Internet", "20-25")),
    message: `${nsg}: rule allow-admin allows inbound TCP port 22 (SSH, CIS 7.2) from "Internet"; remove the rule or set sourceAddressPrefix to the site's own address range, and reach servers through Azure Bastion (NSM 2.5.2)`,
  },
  {
    policy: "network-no-inbound-from-internet",
    fails: "allows UDP from 0.0.0.0/0",
    passing: tenantStack,
    failing: withRule(inboundRule("allow-dns", "Udp", "0.0.0.0/0", "53")),
    message: `${nsg}: rule allow-dns allows inbound UDP ports 53 (CIS 7.3) from "0.0.0.0/0"; remove the rule or set sourceAddressPrefix to the site's own address range, and reach servers through Azure Bastion (NSM 2.5.2)`,
  },
  {
    policy: "network-no-inbound-from-internet",
    fails: "adds a separate security rule that opens HTTPS to any source",
    passing: tenantStack,
    failing: () =>
      tenantWith(
        resource("senja", "azure-native:network:SecurityRule", "web", {
          resourceGroupName: "rg-grunnmur-senja-network-prod-noe",
          networkSecurityGroupName: "nsg-grunnmur-senja-general",
          securityRuleName: "allow-web",
          ...inboundRule("allow-web", "Tcp", "Any", "443"),
        }),
      ),
    message: `security rule allow-web: allows inbound TCP port 443 (HTTPS, CIS 7.4) from "Any"; remove the rule or set sourceAddressPrefix to the site's own address range, and reach servers through Azure Bastion (NSM 2.5.2)`,
  },
  {
    policy: "network-subnet-has-nsg",
    fails: "has a subnet without a network security group",
    passing: () => withInputs(tenantStack(), "spoke", { subnets: [{ name: "GatewaySubnet", addressPrefix: "10.96.61.0/27" }, ...(find(tenantStack(), "spoke").inputs.subnets as unknown[])] }),
    failing: () => withInputs(tenantStack(), "spoke", { subnets: [{ name: "snet-grunnmur-senja-general", addressPrefix: "10.96.60.0/24" }] }),
    message: `virtual network vnet-grunnmur-senja-prod-noe: subnet snet-grunnmur-senja-general has no networkSecurityGroup; create an NSG with the subnet and set networkSecurityGroup.id (CIS 7.11; NSM 2.2.3)`,
  },
  {
    policy: "network-subnet-has-nsg",
    fails: "adds a separate subnet resource without a network security group",
    passing: tenantStack,
    failing: () =>
      tenantWith(
        resource("senja", "azure-native:network:Subnet", "extra", {
          resourceGroupName: "rg-grunnmur-senja-network-prod-noe",
          virtualNetworkName: "vnet-grunnmur-senja-prod-noe",
          subnetName: "snet-extra",
          addressPrefix: "10.96.61.64/27",
        }),
      ),
    message: `virtual network vnet-grunnmur-senja-prod-noe: subnet snet-extra has no networkSecurityGroup; create an NSG with the subnet and set networkSecurityGroup.id (CIS 7.11; NSM 2.2.3)`,
  },
  {
    policy: "network-spoke-peers-hub-only",
    fails: "peers its spoke with another tenant's network",
    passing: tenantStack,
    failing: () => withInputs(tenantStack(), "spoke-to-hub", { remoteVirtualNetwork: { id: ALTA_VNET } }),
    message: `virtual network peering peer-senja-to-hub: remoteVirtualNetwork.id is "${ALTA_VNET}"; a spoke peers with the hub vnet-grunnmur-hub-prod-noe only, never with another tenant's network (NSM 2.2.3; NSM 2.5.1)`,
  },
  {
    policy: "network-spoke-peers-hub-only",
    fails: "peers the hub with another tenant's network",
    passing: () =>
      tenantWith(
        resource("senja", "azure-native:network:VirtualNetworkPeering", "hub-to-spoke", {
          resourceGroupName: "rg-grunnmur-hub-prod-noe",
          virtualNetworkName: "vnet-grunnmur-hub-prod-noe",
          virtualNetworkPeeringName: "peer-hub-to-senja",
          remoteVirtualNetwork: { id: find(tenantStack(), "spoke").id },
        }),
      ),
    failing: () =>
      tenantWith(
        resource("senja", "azure-native:network:VirtualNetworkPeering", "hub-to-alta", {
          resourceGroupName: "rg-grunnmur-hub-prod-noe",
          virtualNetworkName: "vnet-grunnmur-hub-prod-noe",
          virtualNetworkPeeringName: "peer-hub-to-alta",
          remoteVirtualNetwork: { id: ALTA_VNET },
        }),
      ),
    message: `virtual network peering peer-hub-to-alta: peers vnet-grunnmur-hub-prod-noe with "${ALTA_VNET}"; this stack may only peer its own spoke with the hub vnet-grunnmur-hub-prod-noe (NSM 2.2.3; NSM 2.5.1)`,
  },
  {
    policy: "network-spoke-peers-hub-only",
    fails: "has peerings but does not say which network is the hub",
    passing: tenantStack,
    failing: () => ({ ...tenantStack(), outputs: {} }),
    message: "the stack has no output hubVnetId, so its peerings cannot be checked; export the hub VNet's id from the tenant program (NSM 2.2.3; NSM 2.5.1)",
  },
  {
    policy: "network-flow-log-retention",
    fails: "keeps flow logs for 30 days",
    passing: platformStack,
    failing: () => withInputs(platformStack(), "hub-flow-log", { retentionPolicy: { days: 30 } }),
    message: "flow log fl-grunnmur-hub: retentionPolicy.days is 30; set it to 90 or more (CIS 7.5)",
  },
  {
    policy: "network-admin-through-bastion",
    fails: "has no Bastion host",
    passing: platformStack,
    failing: () => withoutResource(withoutResource(platformStack(), "bastion"), "bastion-diagnostics"),
    message: "the platform has no Azure Bastion host; add a network BastionHost in the hub so admins reach servers without public RDP/SSH (CIS 8.4.1)",
  },
  {
    policy: "network-no-public-ip-in-tenant",
    fails: "creates a public IP in a tenant stack",
    // The platform's firewall, gateway and Bastion need public IPs; the rule is for tenant stacks.
    passing: platformStack,
    failing: () =>
      tenantWith(resource("senja", "azure-native:network:PublicIPAddress", "app-ip", { resourceGroupName: "rg-grunnmur-senja-network-prod-noe", location: "norwayeast", publicIpAddressName: "pip-senja-app", tags: tags("senja", "network") })),
    message: "public IP address pip-senja-app: a tenant stack must not create public IP addresses; remove it and publish through the hub firewall (NSM 2.2.3; MCSB NS-1)",
  },
  {
    policy: "network-no-public-ip-in-tenant",
    fails: "gives a network interface a public address",
    passing: tenantStack,
    failing: () =>
      tenantWith(
        resource("senja", "azure-native:network:NetworkInterface", "vm-nic", {
          resourceGroupName: "rg-grunnmur-senja-network-prod-noe",
          location: "norwayeast",
          networkInterfaceName: "nic-senja-app",
          tags: tags("senja", "network"),
          ipConfigurations: [{ name: "ipconfig1", subnet: { id: "x" }, publicIPAddress: { id: "/subscriptions/x/resourceGroups/y/providers/Microsoft.Network/publicIPAddresses/z" } }],
        }),
      ),
    message: "network interface nic-senja-app: ipConfiguration ipconfig1 has a publicIPAddress; remove it and reach the machine through Azure Bastion (NSM 2.2.3; MCSB NS-1)",
  },
];
