/**
 * How a tenant's share of the hub is named in the platform stack: the
 * TenantAttachment component's type token and its children's logical names.
 * The component builds them; the offline preview splits the platform along
 * them and stands in for a left-out tenant's rule groups by URN, without
 * loading the Pulumi SDK for that.
 */

export const TENANT_ATTACHMENT_TYPE = "grunnmur:network:TenantAttachment";

/** The azure-native type of a tenant's rule collection group. */
export const RULE_GROUP_TYPE = "azure-native:network:FirewallPolicyRuleCollectionGroup";

/** Logical name of a tenant's rule group in one firewall's policy. */
export function ruleGroupName(firewallName: string, groupKey: string): string {
  return `${firewallName}-rcg-${groupKey}`;
}
