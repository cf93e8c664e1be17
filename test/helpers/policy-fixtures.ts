/**
 * Stacks for policy tests, built from safe resources: a tenant stack and a
 * platform stack that pass every policy. A test changes one thing and states
 * what the pack then says. Ids come from the offline preview's own ARM id
 * generator, so references look as they do in out/preview/<stack>.json.
 */
import { armId, mockGuid, MOCK_SUBSCRIPTION_ID } from "../../scripts/preview/arm-ids";
import type { CheckedResource, CheckedStack } from "../../scripts/preview/preview-file";
import { AZURE_MANAGEMENT_APP_ID } from "../../domain/azure/entra-apps";

export type Inputs = Record<string, unknown>;
export type Patch = Record<string, unknown>;

const SUB = `/subscriptions/${MOCK_SUBSCRIPTION_ID}`;
export const LOCATION = "norwayeast";
export const FIREWALL_IP = "10.95.1.4";
export const TENANT_POOL = "10.96.0.0/15";
export const BREAK_GLASS_ID = mockGuid("platform-break-glass");
export const HUB_VNET_ID = `${SUB}/resourceGroups/rg-grunnmur-hub-prod-noe/providers/Microsoft.Network/virtualNetworks/vnet-grunnmur-hub-prod-noe`;
export const WORKSPACE_ID = `${SUB}/resourceGroups/rg-grunnmur-logging-prod-noe/providers/Microsoft.OperationalInsights/workspaces/log-grunnmur-prod-noe`;
export const OWNER_ROLE = `${SUB}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635`;
const SMB_SHARE_CONTRIBUTOR = `${SUB}/providers/Microsoft.Authorization/roleDefinitions/0c867c2a-1d8c-454a-a3db-ab2ea1bdc8bb`;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Deep merge: objects merge, anything else replaces, undefined removes. */
export function merge<T extends Record<string, unknown>>(base: T, patch: Patch): T {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete out[key];
    else out[key] = isObject(value) && isObject(out[key]) ? merge(out[key] as Record<string, unknown>, value) : value;
  }
  return out as T;
}

export function tags(stack: string, service: string): Record<string, string> {
  return { "grunnmur:tenant": stack === "platform" ? "tromso" : stack, "grunnmur:service": service, "grunnmur:cost-centre": "1410-IKT", "grunnmur:environment": "prod", "grunnmur:managed-by": "pulumi" };
}

/** A captured resource as the offline preview records it. */
export function resource(stack: string, type: string, name: string, inputs: Inputs, options: Partial<CheckedResource["options"]> = {}): CheckedResource {
  const id = type.startsWith("azuread:") ? mockGuid(`${type}/${name}`) : armId(type, name, inputs).id;
  return {
    urn: `urn:pulumi:${stack}::grunnmur::${type}::${name}`,
    type,
    name,
    custom: true,
    parent: null,
    provider: null,
    id,
    inputs,
    options: { protect: false, retainOnDelete: false, dependsOn: [], ignoreChanges: [], replaceOnChanges: [], deleteBeforeReplace: false, aliases: [], ...options },
  };
}

const PROTECTED = { protect: true, retainOnDelete: true };

/** A municipality's own subscription, for stacks of tenants outside the platform's. */
export const TENANT_SUBSCRIPTION_ID = "00000000-0000-4000-8000-000000005530";

/** An explicit azure-native provider as the preview records it. */
export function providerResource(stack: string, name: string, subscriptionId: string): CheckedResource {
  return { ...resource(stack, "pulumi:providers:azure-native", name, { environment: "public", subscriptionId }), provider: null };
}

/** The resource created through `provider`, with its id in that provider's subscription, as the preview gives it. */
export function through(r: CheckedResource, provider: CheckedResource): CheckedResource {
  const subscriptionId = String(provider.inputs.subscriptionId);
  const id = r.type.startsWith("azure-native:") ? armId(r.type, r.name, r.inputs, subscriptionId).id : r.id;
  return { ...r, provider: { urn: provider.urn, name: provider.name, subscriptionId }, id };
}

export function diagnosticSetting(stack: string, name: string, resourceUri: string, workspaceId = WORKSPACE_ID, options: Partial<CheckedResource["options"]> = {}): CheckedResource {
  return resource(
    stack,
    "azure-native:monitor:DiagnosticSetting",
    name,
    {
      name: `diag-${name}`,
      resourceUri,
      workspaceId,
      logs: [{ categoryGroup: "allLogs", enabled: true }],
      metrics: [{ category: "AllMetrics", enabled: true }],
    },
    options,
  );
}

const RETAINED = { retainOnDelete: true };

/** A CanNotDelete lock on `target`, kept with it (protected and retained) as DL-02 asks. */
export function deleteLock(stack: string, name: string, target: CheckedResource, notes = "Managed by grunnmur"): CheckedResource {
  return resource(stack, "azure-native:authorization:ManagementLockByScope", name, { scope: target.id, lockName: `lock-${target.name}`, level: "CanNotDelete", notes }, PROTECTED);
}

function located(stack: string, service: string, rg: string, extra: Inputs): Inputs {
  return { resourceGroupName: rg, location: LOCATION, tags: tags(stack, service), ...extra };
}

/** Everything a tenant with storage, network and delegated admin rights has, each set safely. */
export function safeTenantResources(stack = "senja"): CheckedResource[] {
  const networkRg = `rg-grunnmur-${stack}-network-prod-noe`;
  const dataRg = `rg-grunnmur-${stack}-data-prod-noe`;
  const r = (type: string, name: string, inputs: Inputs, options?: Partial<CheckedResource["options"]>) => resource(stack, type, name, inputs, options);
  const rgNetwork = r("azure-native:resources:ResourceGroup", "network", { resourceGroupName: networkRg, location: LOCATION, tags: tags(stack, "network") });
  const rgData = r("azure-native:resources:ResourceGroup", "data", { resourceGroupName: dataRg, location: LOCATION, tags: tags(stack, "storage") });
  const nsg = r(
    "azure-native:network:NetworkSecurityGroup",
    "spoke-general",
    located(stack, "network", networkRg, {
      networkSecurityGroupName: `nsg-grunnmur-${stack}-general`,
      securityRules: [
        {
          name: "allow-rdp-from-bastion",
          priority: 100,
          direction: "Inbound",
          access: "Allow",
          protocol: "Tcp",
          sourceAddressPrefix: "10.95.0.128/26",
          sourcePortRange: "*",
          destinationAddressPrefix: "*",
          destinationPortRange: "3389",
        },
      ],
    }),
  );
  const routes = r(
    "azure-native:network:RouteTable",
    "spoke-general-rt",
    located(stack, "network", networkRg, {
      routeTableName: `rt-grunnmur-${stack}-general`,
      disableBgpRoutePropagation: true,
      routes: [{ name: "default-via-hub-firewall", addressPrefix: "0.0.0.0/0", nextHopType: "VirtualAppliance", nextHopIpAddress: FIREWALL_IP }],
    }),
  );
  const vnet = r(
    "azure-native:network:VirtualNetwork",
    "spoke",
    located(stack, "network", networkRg, {
      virtualNetworkName: `vnet-grunnmur-${stack}-prod-noe`,
      addressSpace: { addressPrefixes: ["10.96.60.0/23"] },
      subnets: [{ name: `snet-grunnmur-${stack}-general`, addressPrefix: "10.96.60.0/24", networkSecurityGroup: { id: nsg.id }, routeTable: { id: routes.id } }],
    }),
  );
  const peering = r("azure-native:network:VirtualNetworkPeering", "spoke-to-hub", {
    resourceGroupName: networkRg,
    virtualNetworkName: `vnet-grunnmur-${stack}-prod-noe`,
    virtualNetworkPeeringName: `peer-${stack}-to-hub`,
    remoteVirtualNetwork: { id: HUB_VNET_ID },
    allowForwardedTraffic: true,
  });
  const accountName = `stgrunnmur${stack}prod`;
  const account = r(
    "azure-native:storage:StorageAccount",
    "files",
    located(stack, "storage", dataRg, {
      accountName,
      kind: "StorageV2",
      sku: { name: "Standard_ZRS" },
      enableHttpsTrafficOnly: true,
      minimumTlsVersion: "TLS1_2",
      allowBlobPublicAccess: false,
      allowSharedKeyAccess: false,
      isLocalUserEnabled: false,
      isSftpEnabled: false,
      encryption: { keySource: "Microsoft.Storage", requireInfrastructureEncryption: true },
      publicNetworkAccess: "Disabled",
      networkRuleSet: { defaultAction: "Deny", bypass: "AzureServices" },
      allowCrossTenantReplication: false,
      defaultToOAuthAuthentication: true,
    }),
    PROTECTED,
  );
  const retention = { enabled: true, days: 30 };
  // Below the account's lock, so retained (DL-03).
  const blob = r(
    "azure-native:storage:BlobServiceProperties",
    "files-blob",
    { resourceGroupName: dataRg, accountName, blobServicesName: "default", deleteRetentionPolicy: retention, containerDeleteRetentionPolicy: retention, isVersioningEnabled: true },
    RETAINED,
  );
  const files = r("azure-native:storage:FileServiceProperties", "files-file", {
    resourceGroupName: dataRg,
    accountName,
    fileServicesName: "default",
    shareDeleteRetentionPolicy: retention,
    protocolSettings: { smb: { versions: "SMB3.1.1", channelEncryption: "AES-256-GCM", authenticationMethods: "Kerberos" } },
  }, RETAINED);
  const share = r("azure-native:storage:FileShare", "share-felles", { resourceGroupName: dataRg, accountName, shareName: "felles", shareQuota: 500 }, PROTECTED);
  const unit = r("azuread:index/administrativeUnit:AdministrativeUnit", "unit", { displayName: `grunnmur ${stack}` });
  const admins = r("azuread:index/group:Group", "admins", {
    displayName: `grunnmur-${stack}-admins`,
    securityEnabled: true,
    mailEnabled: false,
    assignableToRole: true,
    administrativeUnitIds: [unit.id],
  });
  return [
    rgNetwork,
    rgData,
    nsg,
    routes,
    vnet,
    peering,
    account,
    deleteLock(stack, "files-lock", account),
    blob,
    files,
    share,
    diagnosticSetting(stack, "files-diagnostics", `${account.id}/fileServices/default`, WORKSPACE_ID, RETAINED),
    r("azure-native:authorization:RoleAssignment", "admins-share-contributor", {
      scope: rgData.id,
      principalId: mockGuid(`${stack}-admins`),
      principalType: "Group",
      roleDefinitionId: SMB_SHARE_CONTRIBUTOR,
    }),
    unit,
    admins,
    r("azuread:index/directoryRoleAssignment:DirectoryRoleAssignment", "admins-user-administrator", {
      roleId: "fe930be7-5e62-47db-91af-98c3a49a38b1",
      principalObjectId: admins.id,
      directoryScopeId: `/administrativeUnits/${unit.id}`,
    }),
  ];
}

export function tenantStack(
  stack = "senja",
  resources = safeTenantResources(stack),
  outputs: Inputs = { hubVnetId: HUB_VNET_ID, logAnalyticsWorkspaceId: WORKSPACE_ID, firewallPrivateIp: FIREWALL_IP },
): CheckedStack {
  return { stack, resources, outputs };
}

/** The shared services of the platform, each set safely. */
export function safePlatformResources(): CheckedResource[] {
  const stack = "platform";
  const r = (type: string, name: string, inputs: Inputs, options?: Partial<CheckedResource["options"]>) => resource(stack, type, name, inputs, options);
  const loggingRg = "rg-grunnmur-logging-prod-noe";
  const backupRg = "rg-grunnmur-backup-prod-noe";
  const guardRg = "rg-grunnmur-guard-prod-noe";
  const hubRg = "rg-grunnmur-hub-prod-noe";
  const workspace = r(
    "azure-native:operationalinsights:Workspace",
    "logs",
    located(stack, "logging", loggingRg, { workspaceName: "log-grunnmur-prod-noe", retentionInDays: 180, sku: { name: "PerGB2018" } }),
    PROTECTED,
  );
  const keyVault = r(
    "azure-native:keyvault:Vault",
    "secrets",
    located(stack, "platform", hubRg, {
      vaultName: "kv-grunnmur-prod-noe",
      properties: {
        tenantId: "00000000-0000-4000-8000-00000000aad0",
        sku: { family: "A", name: "standard" },
        enableSoftDelete: true,
        softDeleteRetentionInDays: 90,
        enablePurgeProtection: true,
        enableRbacAuthorization: true,
        publicNetworkAccess: "Disabled",
        networkAcls: { defaultAction: "Deny", bypass: "AzureServices" },
      },
    }),
    PROTECTED,
  );
  const recoveryVault = r(
    "azure-native:recoveryservices:Vault",
    "backup",
    located(stack, "backup", backupRg, {
      vaultName: "rsv-grunnmur-prod-noe",
      sku: { name: "RS0", tier: "Standard" },
      properties: {
        publicNetworkAccess: "Disabled",
        redundancySettings: { standardTierStorageRedundancy: "GeoRedundant", crossRegionRestore: "Enabled" },
        securitySettings: {
          softDeleteSettings: { softDeleteState: "AlwaysON", softDeleteRetentionPeriodInDays: 14 },
          immutabilitySettings: { state: "Locked" },
        },
      },
    }),
    PROTECTED,
  );
  const guard = r("azure-native:dataprotection:ResourceGuard", "guard", located(stack, "backup", guardRg, { resourceGuardsName: "rg-guard-grunnmur-prod-noe", properties: {} }));
  const backupVault = r(
    "azure-native:dataprotection:BackupVault",
    "backup-disks",
    located(stack, "backup", backupRg, {
      vaultName: "bvault-grunnmur-prod-noe",
      properties: {
        storageSettings: [{ datastoreType: "VaultStore", type: "GeoRedundant" }],
        securitySettings: { softDeleteSettings: { state: "AlwaysOn", retentionDurationInDays: 14 }, immutabilitySettings: { state: "Locked" } },
        featureSettings: { crossRegionRestoreSettings: { state: "Enabled" } },
      },
    }),
    PROTECTED,
  );
  const hubNsg = r(
    "azure-native:network:NetworkSecurityGroup",
    "hub-shared",
    located(stack, "network", hubRg, {
      networkSecurityGroupName: "nsg-grunnmur-hub-shared",
      securityRules: [
        { name: "deny-vnet-inbound", priority: 4010, direction: "Inbound", access: "Deny", protocol: "*", sourceAddressPrefix: "VirtualNetwork", sourcePortRange: "*", destinationAddressPrefix: "*", destinationPortRange: "*" },
      ],
    }),
  );
  const hubVnet = r(
    "azure-native:network:VirtualNetwork",
    "hub",
    located(stack, "network", hubRg, {
      virtualNetworkName: "vnet-grunnmur-hub-prod-noe",
      addressSpace: { addressPrefixes: ["10.95.0.0/22"] },
      subnets: [
        { name: "snet-grunnmur-hub-shared", addressPrefix: "10.95.0.0/24", networkSecurityGroup: { id: hubNsg.id } },
        { name: "AzureFirewallSubnet", addressPrefix: "10.95.1.0/26" },
        { name: "GatewaySubnet", addressPrefix: "10.95.1.128/27" },
      ],
    }),
  );
  const firewallPolicy = r("azure-native:network:FirewallPolicy", "hub-firewall-policy", located(stack, "firewall", hubRg, { firewallPolicyName: "afwp-grunnmur-prod-noe", sku: { tier: "Standard" } }));
  const bastion = r("azure-native:network:BastionHost", "bastion", located(stack, "network", hubRg, { bastionHostName: "bas-grunnmur-prod-noe", sku: { name: "Basic" } }));
  const publicIp = r("azure-native:network:PublicIPAddress", "bastion-ip", located(stack, "network", hubRg, { publicIpAddressName: "pip-grunnmur-bastion", sku: { name: "Standard" }, publicIPAllocationMethod: "Static" }));
  return [
    r("azure-native:resources:ResourceGroup", "logging", { resourceGroupName: loggingRg, location: LOCATION, tags: tags(stack, "logging") }),
    workspace,
    deleteLock(stack, "logs-lock", workspace, "Logs are evidence"),
    keyVault,
    diagnosticSetting(stack, "secrets-diagnostics", keyVault.id!),
    recoveryVault,
    deleteLock(stack, "backup-lock", recoveryVault),
    diagnosticSetting(stack, "backup-diagnostics", recoveryVault.id!, WORKSPACE_ID, RETAINED),
    guard,
    r(
      "azure-native:recoveryservices:ResourceGuardProxy",
      "backup-guard",
      { resourceGroupName: backupRg, vaultName: "rsv-grunnmur-prod-noe", resourceGuardProxyName: "VaultProxy", properties: { resourceGuardResourceId: guard.id } },
      RETAINED,
    ),
    backupVault,
    deleteLock(stack, "backup-disks-lock", backupVault),
    diagnosticSetting(stack, "backup-disks-diagnostics", backupVault.id!, WORKSPACE_ID, RETAINED),
    hubNsg,
    hubVnet,
    firewallPolicy,
    ruleGroup("isolation", 200, [
      {
        ruleCollectionType: "FirewallPolicyFilterRuleCollection",
        name: "deny-spoke-to-spoke",
        priority: 100,
        action: { type: "Deny" },
        rules: [{ ruleType: "NetworkRule", name: "deny-between-tenants", ipProtocols: ["Any"], sourceAddresses: [TENANT_POOL], destinationAddresses: [TENANT_POOL], destinationPorts: ["*"] }],
      },
    ]),
    ruleGroup("senja", 15530, tenantCollections("senja", "10.96.60.0/24", "10.10.0.0/16")),
    bastion,
    diagnosticSetting(stack, "bastion-diagnostics", bastion.id!),
    publicIp,
    diagnosticSetting(stack, "bastion-ip-diagnostics", publicIp.id!),
    r("azuread:index/conditionalAccessPolicy:ConditionalAccessPolicy", "mfa-azure-management", {
      displayName: "grunnmur: MFA for Azure management",
      state: "enabled",
      conditions: { applications: { includedApplications: [AZURE_MANAGEMENT_APP_ID] }, users: { includedUsers: ["All"] }, clientAppTypes: ["all"] },
      grantControls: { operator: "OR", builtInControls: ["mfa"] },
    }),
    r("azure-native:network:FlowLog", "hub-flow-log", located(stack, "network", "NetworkWatcherRG", {
      networkWatcherName: "NetworkWatcher_norwayeast",
      flowLogName: "fl-grunnmur-hub",
      targetResourceId: HUB_VNET_ID,
      storageId: `${SUB}/resourceGroups/${loggingRg}/providers/Microsoft.Storage/storageAccounts/stgrunnmurflowlogs`,
      enabled: true,
      retentionPolicy: { enabled: true, days: 90 },
    })),
  ];
}

/** A tenant's rule collections as domain/network/firewall-rules.ts writes them: DNS to the resolver, and its own sites. */
export function tenantCollections(slug: string, zone: string, site: string): Inputs[] {
  return [
    {
      ruleCollectionType: "FirewallPolicyFilterRuleCollection",
      name: `${slug}-network`,
      priority: 100,
      action: { type: "Allow" },
      rules: [
        { ruleType: "NetworkRule", name: "dns", ipProtocols: ["UDP", "TCP"], sourceAddresses: [zone], destinationAddresses: ["10.95.1.196"], destinationPorts: ["53"] },
        { ruleType: "NetworkRule", name: "own-sites-to-spoke", ipProtocols: ["Any"], sourceAddresses: [site], destinationAddresses: [zone], destinationPorts: ["*"] },
      ],
    },
  ];
}

/** A rule collection group of the platform's firewall policy, named rcg-<key> as the program names them. */
export function ruleGroup(key: string, priority: number, ruleCollections: Inputs[]): CheckedResource {
  return resource("platform", "azure-native:network:FirewallPolicyRuleCollectionGroup", `hub-firewall-rcg-${key}`, {
    resourceGroupName: "rg-grunnmur-hub-prod-noe",
    firewallPolicyName: "afwp-grunnmur-prod-noe",
    ruleCollectionGroupName: `rcg-${key}`,
    priority,
    ruleCollections,
  });
}

export function platformStack(resources = safePlatformResources()): CheckedStack {
  return {
    stack: "platform",
    resources,
    outputs: { hubVnetId: HUB_VNET_ID, logAnalyticsWorkspaceId: WORKSPACE_ID, tenantPool: TENANT_POOL, firewallPrivateIp: FIREWALL_IP, breakGlassGroupId: BREAK_GLASS_ID },
  };
}

/** The stack with one resource's inputs changed (deep merge; undefined removes a field); its id follows, as in the preview. */
export function withInputs(stack: CheckedStack, name: string, patch: Patch): CheckedStack {
  return mapResource(stack, name, (r) => {
    const inputs = merge(r.inputs, patch);
    return { ...r, inputs, id: r.type.startsWith("azuread:") ? r.id : armId(r.type, r.name, inputs).id };
  });
}

/** The stack with one resource's options changed. */
export function withOptions(stack: CheckedStack, name: string, patch: Partial<CheckedResource["options"]>): CheckedStack {
  return mapResource(stack, name, (r) => ({ ...r, options: { ...r.options, ...patch } }));
}

export function withoutResource(stack: CheckedStack, name: string): CheckedStack {
  find(stack, name);
  return { ...stack, resources: stack.resources.filter((r) => r.name !== name) };
}

export function withResources(stack: CheckedStack, ...added: CheckedResource[]): CheckedStack {
  return { ...stack, resources: [...stack.resources, ...added] };
}

export function find(stack: CheckedStack, name: string): CheckedResource {
  const found = stack.resources.find((r) => r.name === name);
  if (!found) throw new Error(`fixture stack ${stack.stack} has no resource ${name}`);
  return found;
}

function mapResource(stack: CheckedStack, name: string, change: (r: CheckedResource) => CheckedResource): CheckedStack {
  find(stack, name);
  return { ...stack, resources: stack.resources.map((r) => (r.name === name ? change(r) : r)) };
}
