/**
 * Subnets of a hub VNet. Azure requires the exact names GatewaySubnet,
 * AzureFirewallSubnet and AzureBastionSubnet and minimum sizes for them; the
 * order here is fixed so growing one later never moves the others.
 */
import { cidr, formatCidr, formatIp } from "./cidr";
import { layoutSubnets } from "./address-plan";
import { denyInternetInbound, type SecurityRule } from "./security-rules";

export interface HubSubnet {
  readonly key: string;
  /** The subnet's name in Azure. */
  readonly name: string;
  readonly prefix: number;
  /** Azure-managed subnets (gateway, firewall, bastion) must not get our NSG. */
  readonly ordinary: boolean;
  readonly delegation?: string;
}

export const HUB_SUBNETS: readonly HubSubnet[] = [
  { key: "shared", name: "snet-shared-services", prefix: 24, ordinary: true },
  // Azure Firewall needs /26; Bastion needs /26 or larger; VPN gateways want /27.
  { key: "firewall", name: "AzureFirewallSubnet", prefix: 26, ordinary: false },
  { key: "bastion", name: "AzureBastionSubnet", prefix: 26, ordinary: false },
  { key: "gateway", name: "GatewaySubnet", prefix: 27, ordinary: false },
  { key: "radius", name: "snet-radius", prefix: 27, ordinary: true },
  // The DNS private resolver's inbound endpoint needs a delegated subnet of /28 or larger.
  { key: "dns-inbound", name: "snet-dns-inbound", prefix: 28, ordinary: true, delegation: "Microsoft.Network/dnsResolvers" },
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

/** Ordinary hub subnets other than RADIUS (domain/eduroam/radius-security-rules.ts) accept nothing from the internet. */
export function sharedSubnetSecurityRules(): SecurityRule[] {
  return [denyInternetInbound("Shared services are reached privately only.")];
}
