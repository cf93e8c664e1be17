/**
 * NSG rules in azure-native's inline shape, and the rules every grunnmur
 * subnet shares. Pure: components only copy them into the NSGs.
 */

/** An NSG rule as azure-native takes it inline in a NetworkSecurityGroup's securityRules. */
export interface SecurityRule {
  readonly name: string;
  readonly priority: number;
  readonly direction: "Inbound" | "Outbound";
  readonly access: "Allow" | "Deny";
  readonly protocol: "Tcp" | "Udp" | "Icmp" | "*";
  readonly sourceAddressPrefix?: string;
  readonly sourceAddressPrefixes?: string[];
  readonly sourcePortRange: string;
  readonly destinationAddressPrefix?: string;
  readonly destinationAddressPrefixes?: string[];
  readonly destinationPortRange?: string;
  readonly destinationPortRanges?: string[];
  readonly description?: string;
}

/** Explicit, so the intent is visible in reviews and policy reports, not only in Azure's defaults. */
export function denyInternetInbound(description: string): SecurityRule {
  return {
    name: "deny-internet-inbound",
    description,
    priority: 4000,
    direction: "Inbound",
    access: "Deny",
    protocol: "*",
    sourceAddressPrefix: "Internet",
    sourcePortRange: "*",
    destinationAddressPrefix: "*",
    destinationPortRange: "*",
  };
}

/**
 * Azure's default rule AllowVnetInBound (priority 65000) lets every address in
 * the VirtualNetwork tag in: the VNet, every peered spoke and every prefix
 * behind the VPN gateway. A hub subnet denies that explicitly, after the flows
 * it lists, so a site or a spoke reaches a hub service only where a rule says so.
 * AzureLoadBalancer's own default rule (65001) stays: it is not in the tag.
 */
export const DENY_VNET_INBOUND_PRIORITY = 4010;

export function denyVirtualNetworkInbound(description: string): SecurityRule {
  return {
    name: "deny-vnet-inbound",
    description,
    priority: DENY_VNET_INBOUND_PRIORITY,
    direction: "Inbound",
    access: "Deny",
    protocol: "*",
    sourceAddressPrefix: "VirtualNetwork",
    sourcePortRange: "*",
    destinationAddressPrefix: "*",
    destinationPortRange: "*",
  };
}

/** Administration of a subnet's machines only through Azure Bastion's subnet. */
export function allowSshFromBastion(bastionSubnet: string, destination: string): SecurityRule {
  return {
    name: "allow-ssh-from-bastion",
    description: "Administration only through Azure Bastion.",
    priority: 200,
    direction: "Inbound",
    access: "Allow",
    protocol: "Tcp",
    sourceAddressPrefix: bastionSubnet,
    sourcePortRange: "*",
    destinationAddressPrefix: destination,
    destinationPortRange: "22",
  };
}

export function denyInternetOutbound(description: string): SecurityRule {
  return {
    name: "deny-internet-outbound",
    description,
    priority: 4000,
    direction: "Outbound",
    access: "Deny",
    protocol: "*",
    sourceAddressPrefix: "*",
    sourcePortRange: "*",
    destinationAddressPrefix: "Internet",
    destinationPortRange: "*",
  };
}
