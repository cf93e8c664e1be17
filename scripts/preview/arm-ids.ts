/**
 * Realistic Azure resource ids for mocked resources, so ids that flow from one
 * resource into another (a subnet id into an NSG association, a vnet id into a
 * peering) look like what Azure returns and policies can parse them.
 */
import { createHash } from "node:crypto";

/** A fixed, obviously fake subscription for offline previews. */
export const MOCK_SUBSCRIPTION_ID = "00000000-0000-4000-8000-000000000000";
export const MOCK_TENANT_ID = "00000000-0000-4000-8000-00000000aad0";

/**
 * ARM path templates per azure-native type token. `{x}` is filled from the
 * input named x. Types not listed fall back to a path derived from the token.
 */
const ARM_PATHS: Readonly<Record<string, string>> = {
  "azure-native:resources:ResourceGroup": "/subscriptions/{sub}/resourceGroups/{resourceGroupName}",
  "azure-native:network:VirtualNetwork": "{rg}/providers/Microsoft.Network/virtualNetworks/{virtualNetworkName}",
  "azure-native:network:Subnet": "{rg}/providers/Microsoft.Network/virtualNetworks/{virtualNetworkName}/subnets/{subnetName}",
  "azure-native:network:NetworkSecurityGroup": "{rg}/providers/Microsoft.Network/networkSecurityGroups/{networkSecurityGroupName}",
  "azure-native:network:RouteTable": "{rg}/providers/Microsoft.Network/routeTables/{routeTableName}",
  "azure-native:network:VirtualNetworkPeering":
    "{rg}/providers/Microsoft.Network/virtualNetworks/{virtualNetworkName}/virtualNetworkPeerings/{virtualNetworkPeeringName}",
  "azure-native:network:PublicIPAddress": "{rg}/providers/Microsoft.Network/publicIPAddresses/{publicIpAddressName}",
  "azure-native:network:AzureFirewall": "{rg}/providers/Microsoft.Network/azureFirewalls/{azureFirewallName}",
  "azure-native:network:FirewallPolicy": "{rg}/providers/Microsoft.Network/firewallPolicies/{firewallPolicyName}",
  "azure-native:network:NetworkWatcher": "{rg}/providers/Microsoft.Network/networkWatchers/{networkWatcherName}",
  "azure-native:network:PrivateEndpoint": "{rg}/providers/Microsoft.Network/privateEndpoints/{privateEndpointName}",
  "azure-native:storage:StorageAccount": "{rg}/providers/Microsoft.Storage/storageAccounts/{accountName}",
  "azure-native:storage:FileShare": "{rg}/providers/Microsoft.Storage/storageAccounts/{accountName}/fileServices/default/shares/{shareName}",
  "azure-native:keyvault:Vault": "{rg}/providers/Microsoft.KeyVault/vaults/{vaultName}",
  "azure-native:recoveryservices:Vault": "{rg}/providers/Microsoft.RecoveryServices/vaults/{vaultName}",
  "azure-native:dataprotection:ResourceGuard": "{rg}/providers/Microsoft.DataProtection/resourceGuards/{resourceGuardsName}",
  "azure-native:recoveryservices:ProtectionPolicy": "{rg}/providers/Microsoft.RecoveryServices/vaults/{vaultName}/backupPolicies/{policyName}",
  "azure-native:recoveryservices:ResourceGuardProxy": "{rg}/providers/Microsoft.RecoveryServices/vaults/{vaultName}/backupResourceGuardProxies/{resourceGuardProxyName}",
  "azure-native:network:FirewallPolicyRuleCollectionGroup": "{rg}/providers/Microsoft.Network/firewallPolicies/{firewallPolicyName}/ruleCollectionGroups/{ruleCollectionGroupName}",
  "azure-native:network:VirtualNetworkGateway": "{rg}/providers/Microsoft.Network/virtualNetworkGateways/{virtualNetworkGatewayName}",
  "azure-native:network:LocalNetworkGateway": "{rg}/providers/Microsoft.Network/localNetworkGateways/{localNetworkGatewayName}",
  "azure-native:network:VirtualNetworkGatewayConnection": "{rg}/providers/Microsoft.Network/connections/{virtualNetworkGatewayConnectionName}",
  "azure-native:network:BastionHost": "{rg}/providers/Microsoft.Network/bastionHosts/{bastionHostName}",
  "azure-native:network:NetworkInterface": "{rg}/providers/Microsoft.Network/networkInterfaces/{networkInterfaceName}",
  "azure-native:network:PrivateDnsZoneGroup": "{rg}/providers/Microsoft.Network/privateEndpoints/{privateEndpointName}/privateDnsZoneGroups/{privateDnsZoneGroupName}",
  "azure-native:privatedns:PrivateZone": "{rg}/providers/Microsoft.Network/privateDnsZones/{privateZoneName}",
  "azure-native:privatedns:VirtualNetworkLink": "{rg}/providers/Microsoft.Network/privateDnsZones/{privateZoneName}/virtualNetworkLinks/{virtualNetworkLinkName}",
  "azure-native:dnsresolver:DnsResolver": "{rg}/providers/Microsoft.Network/dnsResolvers/{dnsResolverName}",
  "azure-native:dnsresolver:InboundEndpoint": "{rg}/providers/Microsoft.Network/dnsResolvers/{dnsResolverName}/inboundEndpoints/{inboundEndpointName}",
  "azure-native:compute:VirtualMachine": "{rg}/providers/Microsoft.Compute/virtualMachines/{vmName}",
  "azure-native:compute:VirtualMachineExtension": "{rg}/providers/Microsoft.Compute/virtualMachines/{vmName}/extensions/{vmExtensionName}",
  "azure-native:maintenance:MaintenanceConfiguration": "{rg}/providers/Microsoft.Maintenance/maintenanceConfigurations/{resourceName}",
  "azure-native:maintenance:ConfigurationAssignment":
    "{rg}/providers/{providerName}/{resourceType}/{resourceName}/providers/Microsoft.Maintenance/configurationAssignments/{configurationAssignmentName}",
  "azure-native:monitor:DataCollectionRule": "{rg}/providers/Microsoft.Insights/dataCollectionRules/{dataCollectionRuleName}",
  "azure-native:monitor:DataCollectionRuleAssociation": "{resourceUri}/providers/Microsoft.Insights/dataCollectionRuleAssociations/{associationName}",
  "azure-native:authorization:RoleAssignment": "{scope}/providers/Microsoft.Authorization/roleAssignments/{roleAssignmentName}",
  "azure-native:authorization:ManagementLockByScope": "{scope}/providers/Microsoft.Authorization/locks/{lockName}",
  "azure-native:monitor:DiagnosticSetting": "{resourceUri}/providers/Microsoft.Insights/diagnosticSettings/{name}",
  "azure-native:recoveryservices:ProtectionContainer":
    "{rg}/providers/Microsoft.RecoveryServices/vaults/{vaultName}/backupFabrics/{fabricName}/protectionContainers/{containerName}",
  "azure-native:recoveryservices:ProtectedItem":
    "{rg}/providers/Microsoft.RecoveryServices/vaults/{vaultName}/backupFabrics/{fabricName}/protectionContainers/{containerName}/protectedItems/{protectedItemName}",
  "azure-native:storage:BlobServiceProperties": "{rg}/providers/Microsoft.Storage/storageAccounts/{accountName}/blobServices/default",
  "azure-native:storage:FileServiceProperties": "{rg}/providers/Microsoft.Storage/storageAccounts/{accountName}/fileServices/default",
  "azure-native:consumption:Budget": "{scope}/providers/Microsoft.Consumption/budgets/{budgetName}",
  "azure-native:operationalinsights:Workspace": "{rg}/providers/Microsoft.OperationalInsights/workspaces/{workspaceName}",
  // Tenant budgets name their action group by this id (stacks/tenant/alerting.ts): the module is "monitor", the provider Microsoft.Insights.
  "azure-native:monitor:ActionGroup": "{rg}/providers/Microsoft.Insights/actionGroups/{actionGroupName}",
};

/** Name inputs, in order of preference, when a type has no template. */
function physicalName(inputs: Record<string, unknown>, logicalName: string): string {
  const key = Object.keys(inputs).find((k) => k.endsWith("Name") && k !== "resourceGroupName" && typeof inputs[k] === "string");
  return key ? String(inputs[key]) : typeof inputs.name === "string" ? inputs.name : logicalName;
}

/** A deterministic GUID, for Entra ID objects and role assignments. */
export function mockGuid(seed: string): string {
  const h = createHash("sha256").update(seed).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** `subscriptionId`: where the resource's provider deploys (an explicit provider's, else the mock default). */
export function armId(type: string, logicalName: string, inputs: Record<string, unknown>, subscriptionId = MOCK_SUBSCRIPTION_ID): { id: string; name: string } {
  const rg = `/subscriptions/${subscriptionId}/resourceGroups/${String(inputs.resourceGroupName ?? "rg-unknown")}`;
  const template = ARM_PATHS[type];
  if (template) {
    const id = template
      .replace("{sub}", subscriptionId)
      .replace("{rg}", rg)
      .replace(/\{(\w+)\}/g, (_, key: string) => String(inputs[key] ?? logicalName));
    return { id, name: id.split("/").pop()! };
  }
  const [, module, resource] = type.split(":");
  const name = physicalName(inputs, logicalName);
  if (type.startsWith("azure-native:")) {
    const provider = `Microsoft.${module.charAt(0).toUpperCase()}${module.slice(1)}`;
    const plural = `${resource.charAt(0).toLowerCase()}${resource.slice(1)}s`;
    const scope = typeof inputs.scope === "string" ? inputs.scope : inputs.resourceGroupName ? rg : `/subscriptions/${subscriptionId}`;
    return { id: `${scope}/providers/${provider}/${plural}/${name}`, name };
  }
  return { id: mockGuid(`${type}/${logicalName}`), name };
}
