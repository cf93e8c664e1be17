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
