import type { PolicyCase } from "../../helpers/policy-cases";
import { MOCK_SUBSCRIPTION_ID } from "../../../scripts/preview/arm-ids";
import {
  FIREWALL_IP,
  find,
  HUB_VNET_ID,
  platformStack,
  providerResource,
  resource,
  tags,
  TENANT_SUBSCRIPTION_ID,
  tenantStack,
  through,
  withInputs,
  withoutResource,
  withResources,
} from "../../helpers/policy-fixtures";

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

const FIX = "remove the rule or set sourceAddressPrefix to the site's own address range, and reach servers through Azure Bastion (NSM 2.5.2)";
const NW03 = "NSM 2.2.3; MCSB NS-1";
const table = "route table rt-grunnmur-senja-general";
const viaFirewall = `nextHopType "VirtualAppliance" and nextHopIpAddress "${FIREWALL_IP}", the hub firewall`;
const defaultRoute = { name: "default-via-hub-firewall", addressPrefix: "0.0.0.0/0", nextHopType: "VirtualAppliance", nextHopIpAddress: FIREWALL_IP };
const withRoutes = (...routes: Record<string, unknown>[]) => () => withInputs(tenantStack(), "spoke-general-rt", { routes });
const hubSide = (patch: Record<string, unknown>) =>
  resource("senja", "azure-native:network:VirtualNetworkPeering", "spoke-from-hub", {
    resourceGroupName: "rg-grunnmur-hub-prod-noe",
    virtualNetworkName: "vnet-grunnmur-hub-prod-noe",
    virtualNetworkPeeringName: "to-senja",
    remoteVirtualNetwork: { id: find(tenantStack(), "spoke").id },
    allowForwardedTraffic: true,
    ...patch,
  });

const dnsLink = () =>
  resource("senja", "azure-native:privatedns:VirtualNetworkLink", "spoke-dns-file", {
    resourceGroupName: "rg-grunnmur-dns-prod-noe",
    privateZoneName: "privatelink.file.core.windows.net",
    location: "global",
    virtualNetworkLinkName: "link-senja",
    virtualNetwork: { id: find(tenantStack(), "spoke").id },
    registrationEnabled: false,
    tags: tags("senja", "network"),
  });
const tenantProvider = () => providerResource("senja", "tenant-subscription", TENANT_SUBSCRIPTION_ID);
const platformProvider = () => providerResource("senja", "platform-subscription", MOCK_SUBSCRIPTION_ID);
/** A tenant with its own subscription whose hub side (peering, DNS link) is created through `provider`. */
const ownSubscriptionHubSide = (provider: typeof tenantProvider) => () => {
  const own = tenantProvider();
  const hub = provider();
  return tenantWith(own, ...(hub.name === own.name ? [] : [hub]), through(hubSide({}), hub), through(dnsLink(), hub));
};
const NW03_6 = "grunnmur baseline NW-03.6";
const wrongSubscription = `is in subscription ${TENANT_SUBSCRIPTION_ID} (by its provider tenant-subscription), but the hub is in subscription ${MOCK_SUBSCRIPTION_ID}; create the hub side through a provider for the platform's subscription (the Spoke's hubProvider) (${NW03_6})`;

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
  // NW-01 judges a rule by what it means, not how it is spelled.
  {
    policy: "network-no-inbound-from-internet",
    fails: "spells the Internet tag, direction, access and protocol in lower case",
    passing: withRule({ ...inboundRule("allow-ssh", "tcp", "virtualnetwork", "22"), direction: "inbound", access: "allow" }),
    failing: withRule({ ...inboundRule("allow-ssh", "tcp", "internet", "22"), direction: "inbound", access: "allow" }),
    message: `${nsg}: rule allow-ssh allows inbound TCP port 22 (SSH, CIS 7.2) from "internet"; ${FIX}`,
  },
  {
    policy: "network-no-inbound-from-internet",
    fails: "opens every port as the range 0-65535",
    passing: withRule(inboundRule("allow-all-from-bastion", "Tcp", "10.95.1.64/26", "0-65535")),
    failing: withRule(inboundRule("allow-all", "TCP", "Any", "0-65535")),
    message: `${nsg}: rule allow-all allows inbound TCP port 3389 (RDP, CIS 7.1) from "Any"; ${FIX}`,
  },
  {
    policy: "network-no-inbound-from-internet",
    fails: "covers the whole internet with the two halves 0.0.0.0/1 and 128.0.0.0/1",
    // A partner's own public block is no internet.
    passing: withRule({ ...inboundRule("allow-partner", "Tcp", "", "443"), sourceAddressPrefix: undefined, sourceAddressPrefixes: ["203.0.113.0/24"] }),
    failing: withRule({ ...inboundRule("allow-halves", "Tcp", "", "3389"), sourceAddressPrefix: undefined, sourceAddressPrefixes: ["0.0.0.0/1", "128.0.0.0/1"] }),
    message: `${nsg}: rule allow-halves allows inbound TCP port 3389 (RDP, CIS 7.1) from ["0.0.0.0/1", "128.0.0.0/1"] (together 3702390784 public addresses, more than the 65536 allowed); ${FIX}`,
  },
  {
    policy: "network-no-inbound-from-internet",
    fails: "lets every Azure customer's VM in through the AzureCloud service tag",
    passing: withRule(inboundRule("allow-probes", "Tcp", "AzureLoadBalancer", "443")),
    failing: withRule(inboundRule("allow-azure", "Tcp", "AzureCloud", "443")),
    message: `${nsg}: rule allow-azure allows inbound TCP port 443 (HTTPS, CIS 7.4) from "AzureCloud" (a service tag of public addresses Azure shares between its customers); ${FIX}`,
  },
  {
    policy: "network-no-inbound-from-internet",
    fails: "gives the ports as a list of numbers with the protocol Any",
    passing: tenantStack,
    failing: withRule({ ...inboundRule("allow-list", "Any", "*", ""), destinationPortRange: undefined, destinationPortRanges: [3389, 8080] }),
    message: `${nsg}: rule allow-list allows inbound TCP port 3389 (RDP, CIS 7.1) from "*"; ${FIX}`,
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
    policy: "network-spoke-routes-through-firewall",
    fails: "adds a route that sends a spoke's traffic straight to the internet",
    passing: withRoutes(defaultRoute, { name: "hub-shared-via-hub-firewall", addressPrefix: "10.95.0.0/24", nextHopType: "VirtualAppliance", nextHopIpAddress: FIREWALL_IP }),
    failing: withRoutes(defaultRoute, { name: "direct", addressPrefix: "0.0.0.0/1", nextHopType: "Internet" }),
    message: `${table}: route direct sends "0.0.0.0/1" to "Internet"; every route of a spoke has ${viaFirewall} (${NW03})`,
  },
  {
    policy: "network-spoke-routes-through-firewall",
    fails: "sends the default route to another appliance than the hub firewall",
    passing: tenantStack,
    failing: withRoutes({ ...defaultRoute, nextHopIpAddress: "10.96.60.10" }),
    message: `${table}: route default-via-hub-firewall sends "0.0.0.0/0" to "VirtualAppliance" "10.96.60.10"; every route of a spoke has ${viaFirewall} (${NW03})`,
  },
  {
    policy: "network-spoke-routes-through-firewall",
    fails: "lets routes learned over the VPN into the spoke",
    passing: tenantStack,
    failing: () => withInputs(tenantStack(), "spoke-general-rt", { disableBgpRoutePropagation: false }),
    message: `${table}: disableBgpRoutePropagation is false; set it to true, or routes learned over the VPN lead around the hub firewall (${NW03})`,
  },
  {
    policy: "network-spoke-routes-through-firewall",
    fails: "has a spoke subnet without a route table",
    passing: tenantStack,
    failing: () => withInputs(tenantStack(), "spoke", { subnets: [{ name: "snet-grunnmur-senja-general", addressPrefix: "10.96.60.0/24", networkSecurityGroup: { id: find(tenantStack(), "spoke-general").id } }] }),
    message: `virtual network vnet-grunnmur-senja-prod-noe: subnet snet-grunnmur-senja-general has no route table; give it the spoke's route table, whose 0.0.0.0/0 route has ${viaFirewall} (${NW03})`,
  },
  {
    policy: "network-spoke-routes-through-firewall",
    fails: "has route tables but does not say where the hub firewall is",
    passing: tenantStack,
    failing: () => ({ ...tenantStack(), outputs: { hubVnetId: HUB_VNET_ID } }),
    message: `the stack has no output firewallPrivateIp, so its routes cannot be checked; re-export the platform's firewallPrivateIp from the tenant program (${NW03})`,
  },
  {
    policy: "network-spoke-no-gateway-transit",
    fails: "offers gateway transit on the spoke's side of the peering",
    // The hub's side may offer its gateway to the spoke.
    passing: () => tenantWith(hubSide({ allowGatewayTransit: true })),
    failing: () => withInputs(tenantStack(), "spoke-to-hub", { allowGatewayTransit: true }),
    message: `virtual network peering peer-senja-to-hub: allowGatewayTransit is true on the spoke's side; set it to false: only the hub offers its gateway, or a gateway in the spoke would carry traffic around the hub firewall (${NW03})`,
  },
  {
    policy: "network-spoke-no-gateway-transit",
    fails: "makes the hub use the spoke's gateway",
    passing: () => tenantWith(hubSide({ allowGatewayTransit: true, useRemoteGateways: false })),
    failing: () => tenantWith(hubSide({ useRemoteGateways: "True" })),
    message: `virtual network peering to-senja: useRemoteGateways is "True" on the hub's side; set it to false: the hub never uses a spoke's gateway (${NW03})`,
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
  {
    policy: "network-hub-side-in-platform-subscription",
    fails: "creates the hub's peering through the provider of the municipality's own subscription",
    passing: ownSubscriptionHubSide(platformProvider),
    failing: ownSubscriptionHubSide(tenantProvider),
    message: `virtual network peering to-senja on the hub vnet-grunnmur-hub-prod-noe: ${wrongSubscription}`,
  },
  {
    policy: "network-hub-side-in-platform-subscription",
    fails: "links the platform's DNS zones through the provider of the municipality's own subscription",
    // A tenant in the platform's subscription creates its hub side through the default provider.
    passing: () => tenantWith(hubSide({}), dnsLink()),
    failing: ownSubscriptionHubSide(tenantProvider),
    message: `virtual network link link-senja in private DNS zone privatelink.file.core.windows.net: ${wrongSubscription}`,
  },
];
