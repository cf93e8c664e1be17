/**
 * The region-wide preflight rules: what Azure refuses only once the stacks are
 * added up. Every tenant stack adds a peering to the hub VNet, links to the
 * shared private DNS zones, and the platform a VPN connection per site; one
 * stack alone never runs into the limit, the region does. So these rules read
 * every stack's preview at once and count against the limits table
 * (limits.ts); they also find Azure names that must be unique across stacks.
 *
 * Pure like the per-stack rules; the findings have the same shape, with the
 * stack that holds the limited resource, or "region" when no one stack does.
 */
import { federatedCredentialsPerApp } from "./identities";
import { FIREWALL_AND_QUOTA_RULES } from "./firewall-and-quotas";
import { AZURE_LIMITS, effectiveLimits, vpnConnectionLimit, type EffectiveLimits } from "./limits";
import { azureNameOf, inputAt, type PreflightFinding } from "./rule";
import {
  groupBy,
  keyedByParent,
  lastSegment,
  limitRule,
  located,
  perSubscription,
  str,
  subscriptionOf,
  uniqueRule,
  type Counted,
  type LimitUsage,
  type Located,
  type RegionCheck,
  type RegionRule,
  type RegionStack,
} from "./region-rule";

const GATEWAY = "azure-native:network:VirtualNetworkGateway";
const CONNECTION = "azure-native:network:VirtualNetworkGatewayConnection";

export const vpnConnectionsPerGateway = limitRule(
  { id: "PF-31", name: "vpn-connections-per-gateway", summary: "A VPN gateway takes at most its SKU's number of site-to-site connections: 30 for VpnGw1AZ-VpnGw3AZ, 100 for VpnGw4AZ and VpnGw5AZ." },
  // A SKU the table does not know (Basic, an ExpressRoute gateway) is not counted.
  (limits, counted) => (counted.owner ? vpnConnectionLimit(str(inputAt(counted.owner.resource, "sku.name")) ?? "", limits) : undefined),
  (counted) => `VPN connections on ${counted.azureName}`,
  (stacks) => {
    const gateways = located(stacks, GATEWAY);
    const byGateway = groupBy(located(stacks, CONNECTION), (c) => lastSegment(str(inputAt(c.resource, "virtualNetworkGateway1.id")))?.toLowerCase());
    return gateways.map((g) => {
      const name = azureNameOf(g.resource);
      return { key: name, azureName: name, owner: g, items: byGateway.get(name.toLowerCase()) ?? [] };
    });
  },
  AZURE_LIMITS.vpnConnectionsVpnGw1To3,
);

const POLICY = "azure-native:network:FirewallPolicy";
const RCG = "azure-native:network:FirewallPolicyRuleCollectionGroup";

export const ruleCollectionGroupsPerPolicy = limitRule(
  { id: "PF-32", name: "rule-collection-groups-per-firewall-policy", summary: "A firewall policy has at most 60 rule collection groups, counted over every stack that adds one." },
  (limits) => limits.ruleCollectionGroups,
  (counted) => `rule collection groups in ${counted.azureName}`,
  (stacks) => {
    const policies = new Map(located(stacks, POLICY).map((p) => [`${str(p.resource.inputs.resourceGroupName)}/${azureNameOf(p.resource)}`.toLowerCase(), p]));
    const groups = groupBy(located(stacks, RCG), (g) => `${str(g.resource.inputs.resourceGroupName)}/${str(g.resource.inputs.firewallPolicyName)}`.toLowerCase());
    const keys = new Set([...policies.keys(), ...groups.keys()]);
    return [...keys].map((key) => {
      const owner = policies.get(key);
      const items = groups.get(key) ?? [];
      return { key, azureName: owner ? azureNameOf(owner.resource) : (str(items[0]?.resource.inputs.firewallPolicyName) ?? key), ...(owner ? { owner } : {}), items };
    });
  },
  AZURE_LIMITS.ruleCollectionGroups,
);

const VNET = "azure-native:network:VirtualNetwork";

export const peeringsPerVirtualNetwork = limitRule(
  { id: "PF-33", name: "peerings-per-virtual-network", summary: "A virtual network has at most 500 peerings: the hub's own plus every tenant stack's peering from the hub." },
  (limits) => limits.peerings,
  (counted) => `peerings on ${counted.azureName}`,
  (stacks) => keyedByParent(stacks, VNET, "azure-native:network:VirtualNetworkPeering", "virtualNetworkName"),
  AZURE_LIMITS.peerings,
);

export const linksPerPrivateDnsZone = limitRule(
  { id: "PF-34", name: "links-per-private-dns-zone", summary: "A private DNS zone has at most 1000 virtual network links, counted over every stack that links a VNet to it." },
  (limits) => limits.privateDnsLinks,
  (counted) => `virtual network links to ${counted.azureName}`,
  (stacks) => keyedByParent(stacks, "azure-native:privatedns:PrivateZone", "azure-native:privatedns:VirtualNetworkLink", "privateZoneName", "privateZoneName"),
  AZURE_LIMITS.privateDnsLinks,
);

export const roleAssignmentsPerSubscription = limitRule(
  { id: "PF-35", name: "role-assignments-per-subscription", summary: "A subscription holds at most 4000 Azure role assignments, counted over every stack deploying to it." },
  (limits) => limits.roleAssignments,
  (counted) => `role assignments in subscription ${counted.azureName}`,
  (stacks) => perSubscription(stacks, "azure-native:authorization:RoleAssignment"),
  AZURE_LIMITS.roleAssignments,
);

const ROUTE_TABLE = "azure-native:network:RouteTable";

export const routesPerRouteTable = limitRule(
  { id: "PF-36", name: "routes-per-route-table", summary: "A route table has at most 400 routes, inline and as separate route resources together." },
  (limits) => limits.routes,
  (counted) => `routes in ${counted.azureName}`,
  (stacks) => {
    const separate = new Map(keyedByParent(stacks, ROUTE_TABLE, "azure-native:network:Route", "routeTableName").map((c) => [c.key, c]));
    const tables = located(stacks, ROUTE_TABLE).map((t): Counted => {
      const key = `${subscriptionOf(t.resource) ?? "?"}/${str(t.resource.inputs.resourceGroupName)}/${azureNameOf(t.resource)}`.toLowerCase();
      const inline = Array.isArray(t.resource.inputs.routes) ? t.resource.inputs.routes.length : 0;
      const extra = separate.get(key)?.items ?? [];
      separate.delete(key);
      return { key, azureName: azureNameOf(t.resource), owner: t, items: [...Array.from({ length: inline }, () => t), ...extra] };
    });
    return [...tables, ...separate.values()];
  },
  AZURE_LIMITS.routes,
);

export const resourceGroupsPerSubscription = limitRule(
  { id: "PF-37", name: "resource-groups-per-subscription", summary: "A subscription holds at most 980 resource groups, counted over every stack deploying to it." },
  (limits) => limits.resourceGroups,
  (counted) => `resource groups in subscription ${counted.azureName}`,
  (stacks) => perSubscription(stacks, "azure-native:resources:ResourceGroup"),
  AZURE_LIMITS.resourceGroups,
);

const NAME_RULES = "https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules";

export const storageAccountNameUnique = uniqueRule(
  { id: "PF-38", name: "storage-account-name-unique", summary: "A storage account's name is unique across Azure, so no two stacks may use the same one.", reference: `${NAME_RULES}#microsoftstorage` },
  "azure-native:storage:StorageAccount",
  "storage account",
  () => "global",
  "in all of Azure",
);

export const keyVaultNameUnique = uniqueRule(
  { id: "PF-39", name: "key-vault-name-unique", summary: "A key vault's name is unique across Azure, so no two stacks may use the same one.", reference: `${NAME_RULES}#microsoftkeyvault` },
  "azure-native:keyvault:Vault",
  "key vault",
  () => "global",
  "in all of Azure",
);

export const resourceGroupNameUnique = uniqueRule(
  { id: "PF-40", name: "resource-group-name-unique", summary: "A resource group's name is unique in its subscription, so no two stacks deploying there may declare the same one.", reference: `${NAME_RULES}#microsoftresources` },
  "azure-native:resources:ResourceGroup",
  "resource group",
  (l) => subscriptionOf(l.resource),
  "in a subscription",
);

export const oneNetworkWatcherPerRegion = uniqueRule(
  {
    id: "PF-41",
    name: "network-watcher-one-per-region",
    summary: "A subscription has one Network Watcher per region, so no two stacks deploying there may each declare one for the same region.",
    reference: "https://learn.microsoft.com/azure/network-watcher/network-watcher-overview",
  },
  "azure-native:network:NetworkWatcher",
  "Network Watcher",
  (l) => subscriptionOf(l.resource),
  "per region in a subscription",
  (l) => str(l.resource.inputs.location) ?? "(no location)",
);

const POLICY_ASSIGNMENT = "azure-native:authorization:PolicyAssignment";
const MANAGEMENT_GROUP = "azure-native:management:ManagementGroup";
const MG_SCOPE = /^\/providers\/microsoft\.management\/managementgroups\/([^/]+)$/i;
const SUBSCRIPTION_SCOPE = /^\/subscriptions\/([^/]+)$/i;
const SUBSCRIPTION_IN_URI = /^\/subscriptions\/([^/]+)/i;

export const policyAssignmentsPerScope = limitRule(
  {
    id: "PF-53",
    name: "policy-assignments-per-scope",
    summary: "A management group, subscription, resource group or resource has at most 200 Azure Policy assignments at it, counted over every stack that assigns one there.",
  },
  (limits) => limits.policyAssignments,
  (counted) => (counted.subscription ? `policy assignments in subscription ${counted.subscription}` : `policy assignments at ${counted.azureName}`),
  (stacks) => {
    const groups = new Map(located(stacks, MANAGEMENT_GROUP).map((g) => [str(g.resource.inputs.groupId)?.toLowerCase(), g]));
    return [...groupBy(located(stacks, POLICY_ASSIGNMENT), (a) => str(a.resource.inputs.scope)?.toLowerCase())].map(([scope, items]): Counted => {
      const group = MG_SCOPE.exec(scope)?.[1];
      const subscription = SUBSCRIPTION_SCOPE.exec(scope)?.[1];
      const owner = group ? groups.get(group) : undefined;
      const azureName = group ? `management group ${str(owner?.resource.inputs.groupId) ?? group}` : (lastSegment(scope) ?? scope);
      return { key: scope, azureName, ...(owner ? { owner } : {}), items, ...(subscription ? { subscription } : {}) };
    });
  },
  AZURE_LIMITS.policyAssignments,
);

export const actionGroupsPerResourceGroup = limitRule(
  {
    id: "PF-54",
    name: "action-groups-per-resource-group",
    summary: "A resource group holds at most 800 action groups (Azure's limit of 800 resources of a type per resource group; a subscription's are not limited otherwise).",
  },
  (limits) => limits.actionGroups,
  (counted) => `action groups in ${counted.azureName} in subscription ${counted.subscription}`,
  (stacks) =>
    [...groupBy(located(stacks, "azure-native:monitor:ActionGroup"), (l) => {
      const rg = str(l.resource.inputs.resourceGroupName);
      return rg ? `${subscriptionOf(l.resource) ?? "?"}/${rg}`.toLowerCase() : undefined;
    })].map(([key, items]) => ({ key, azureName: str(items[0].resource.inputs.resourceGroupName)!, items, subscription: key.split("/")[0] })),
  AZURE_LIMITS.actionGroups,
);

export const diagnosticSettingsPerResource = limitRule(
  {
    id: "PF-55",
    name: "diagnostic-settings-per-resource",
    summary: "A resource has at most 5 diagnostic settings, counted over every stack that adds one to it.",
  },
  (limits) => limits.diagnosticSettings,
  (counted) => `diagnostic settings on ${counted.azureName}`,
  (stacks) => {
    const byId = new Map<string, Located>();
    for (const s of stacks) for (const resource of s.resources) if (resource.custom !== false && typeof resource.id === "string") byId.set(resource.id.toLowerCase(), { stack: s.stack, resource });
    // A subscription's activity log settings (SubscriptionDiagnosticSetting) are not counted: the
    // limit for them was not found on Learn (docs/governance.md).
    return [...groupBy(located(stacks, "azure-native:monitor:DiagnosticSetting"), (l) => str(l.resource.inputs.resourceUri)?.toLowerCase())].map(([uri, items]): Counted => {
      const owner = byId.get(uri);
      const subscription = owner ? subscriptionOf(owner.resource) : SUBSCRIPTION_IN_URI.exec(uri)?.[1];
      return { key: uri, azureName: owner ? azureNameOf(owner.resource) : (lastSegment(uri) ?? uri), ...(owner ? { owner } : {}), items, ...(subscription ? { subscription } : {}) };
    });
  },
  AZURE_LIMITS.diagnosticSettings,
);

export const ACROSS_STACK_RULES: readonly RegionRule[] = [
  vpnConnectionsPerGateway,
  ruleCollectionGroupsPerPolicy,
  peeringsPerVirtualNetwork,
  linksPerPrivateDnsZone,
  roleAssignmentsPerSubscription,
  routesPerRouteTable,
  resourceGroupsPerSubscription,
  storageAccountNameUnique,
  keyVaultNameUnique,
  resourceGroupNameUnique,
  oneNetworkWatcherPerRegion,
  policyAssignmentsPerScope,
  actionGroupsPerResourceGroup,
  diagnosticSettingsPerResource,
  ...FIREWALL_AND_QUOTA_RULES,
  federatedCredentialsPerApp(),
];

/**
 * Every region rule over every stack at once. A rule that throws becomes a
 * finding of its own, as with the per-stack rules, so the check still fails.
 */
export function runRegionPreflight(stacks: readonly RegionStack[], limits: EffectiveLimits = effectiveLimits(), rules: readonly RegionRule[] = ACROSS_STACK_RULES): RegionCheck {
  const findings: PreflightFinding[] = [];
  const usage: LimitUsage[] = [];
  for (const rule of rules) {
    try {
      const result = rule.check(stacks, limits);
      findings.push(...result.findings);
      usage.push(...result.usage);
    } catch (err) {
      const message = `the region preflight rule itself failed (${err instanceof Error ? err.message : String(err)}); this is a bug in domain/preflight/, report it to the regional IT team`;
      findings.push({ rule: rule.id, stack: "region", resource: "region", azureName: "", value: "", allowed: "", reference: rule.reference, message });
    }
  }
  return { rules: rules.length, findings, usage };
}

