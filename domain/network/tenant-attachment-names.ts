/**
 * How a tenant's share of the hub is named in the platform stack: the
 * TenantAttachment component's type token and its children's logical and Azure
 * names. The component builds them; the offline preview splits the platform
 * along them and stands in for a left-out tenant's rule groups by URN, without
 * loading the Pulumi SDK for that; the validation checks that no two tenants
 * get the same one (domain/azure/region-names.ts).
 */
import { azureName } from "../azure/names";

export const TENANT_ATTACHMENT_TYPE = "grunnmur:network:TenantAttachment";

/** The azure-native type of a tenant's rule collection group. */
export const RULE_GROUP_TYPE = "azure-native:network:FirewallPolicyRuleCollectionGroup";
/** The azure-native types of a tenant's VPN site. */
export const LOCAL_NETWORK_GATEWAY_TYPE = "azure-native:network:LocalNetworkGateway";
export const VPN_CONNECTION_TYPE = "azure-native:network:VirtualNetworkGatewayConnection";

/** Logical name of a tenant's rule group in one firewall's policy. */
export function ruleGroupName(firewallName: string, groupKey: string): string {
  return `${firewallName}-rcg-${groupKey}`;
}

/** Azure name of a rule collection group inside its firewall policy (the platform's own groups too). */
export function ruleCollectionGroupAzureName(groupKey: string): string {
  return `rcg-${groupKey}`;
}

/**
 * Logical name of a VPN site's local network gateway and of its connection. Slug
 * and site key are joined by a hyphen, so `alta-alta` with site `vgs` and `alta`
 * with site `alta-vgs` spell the same name: the validation rejects that pair.
 */
export function siteLogicalName(tenant: string, siteKey: string): string {
  return `site-${tenant}-${siteKey}`;
}

/** Azure names of a VPN site's local network gateway and connection, in the hub's resource group. */
export function localNetworkGatewayName(tenant: string, siteKey: string): string {
  return azureName("generic", ["lgw", tenant, siteKey]);
}

export function siteConnectionName(tenant: string, siteKey: string): string {
  return azureName("generic", ["con", tenant, siteKey]);
}
