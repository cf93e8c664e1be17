/**
 * Everything one municipality gets, from its tenant file alone: resource
 * groups, the spoke network with its zones, peering and DNS links, storage and
 * backup, identity, a budget, and diagnostics. Platform facts (hub, firewall,
 * DNS zones, vault, workspace) come through the StackReference.
 *
 * A municipality with a subscription other than the platform's, its own
 * (azure.subscriptionId) or its hub's shared one (platform.yaml
 * network.hubs.<key>.tenantSubscriptionId; domain/azure/tenant-subscription.ts),
 * gets its resources there, through the provider "tenant-subscription"; the hub
 * side of its spoke (the hub's peering, the DNS zone links) stays in the
 * platform's, through "platform-subscription"; and it gets its own hardened
 * vault, since Azure Backup protects a file share only from a vault in the
 * storage account's subscription and region
 * (https://learn.microsoft.com/azure/backup/backup-azure-files).
 * What a subscription has once (its Network Watcher, its activity log's export)
 * only a tenant with a subscription of its own creates: in a hub's shared one,
 * no tenant stack may claim it (docs/hubs.md).
 * A municipality in the platform's subscription keeps the default provider for
 * everything: an existing stack's resources stay on the provider they were
 * created with, so nothing is replaced.
 */
import * as pulumi from "@pulumi/pulumi";
import { Provider } from "@pulumi/azure-native/provider";
import * as resources from "@pulumi/azure-native/resources";
import { FileShareBackup } from "../../components/backup/file-share-backup";
import { RecoveryVault } from "../../components/backup/recovery-vault";
import { TenantBudget } from "../../components/cost/budget";
import { WorkloadVm } from "../../components/compute/workload-vm";
import { workloadPlan } from "../../domain/compute/workload-plan";
import { requireArmId } from "../../domain/azure/arm-id";
import { TenantIdentity, type TenantGroupKey } from "../../components/identity/tenant-identity";
import { tenantGroupDisplayNames } from "../../domain/azure/group-names";
import { REGION_CODES } from "../../domain/azure/names";
import {
  TENANT_COMPONENT_NAMES,
  TENANT_ROLE_GRANTS,
  TENANT_VAULT_COMPONENT_NAME,
  TENANT_VAULT_RESOURCE_GROUP_KEY,
  TENANT_VAULT_ROLE_GRANTS,
  tenantPrincipalKey,
  tenantResourceGroupName,
  tenantScopeKey,
  tenantStorageNameParts,
  tenantVaultNameParts,
  type TenantResourceGroupKey,
  type TenantVaultResourceGroupKey,
} from "../../domain/azure/tenant-names";
import { Spoke } from "../../components/network/spoke";
import { NetworkWatchers } from "../../components/network/network-watchers";
import type { RoleAssignmentArgs } from "../../components/shared/common-args";
import { assignRoles } from "../../components/shared/role-assignments";
import { standardTags, withService } from "../../domain/azure/tags";
import { TenantStorage } from "../../components/storage/tenant-storage";
import { hubStackOutputs, platformOutputs, type HubOutputs, type PlatformOutputs, type StackOutputs, type TenantOutputs } from "../contract";
import type { TenantStackInput } from "../inputs";
import { approvedDeparture } from "../../tenants/departure";
import { budgetStartDate } from "../../domain/cost/budget-period";
import { HUB_MAIN } from "../../domain/network/hub-placement";
import { tenantSubscription } from "../../domain/azure/tenant-subscription";
import { tenantAlerting } from "./alerting";

export function tenantProgram(input: TenantStackInput): StackOutputs<TenantOutputs> {
  const { platform, tenant } = input;
  const spec = tenant.spec;
  const slug = spec.slug;
  const env = platform.environment;
  const location = platform.regions.primary;
  const region = REGION_CODES[location];
  const tags = standardTags({ tenant: slug, service: "network", costCentre: spec.costCentre, environment: env });
  const services = new Set(spec.services);

  const platformStack = new pulumi.StackReference("platform", { name: input.platformStackName });
  const fromPlatform = platformOutputs(platformStack);

  // Children take their parent's providers unless given their own (see the file's comment).
  const home = tenantSubscription(platform, spec);
  const apart = home.subscriptionId;
  // Only a subscription of the tenant's own is the tenant's alone: a hub's is shared with its hub's other tenants.
  const ownSubscription = home.source === "own";
  const provider = apart ? new Provider("tenant-subscription", { subscriptionId: apart }) : undefined;
  const hubProvider = apart ? new Provider("platform-subscription", { subscriptionId: fromPlatform("subscriptionId") }) : "default";
  const opts: pulumi.CustomResourceOptions = provider ? { provider } : {};
  const componentOpts: pulumi.ComponentResourceOptions = provider ? { providers: [provider] } : {};
  const subscriptionId = apart ?? fromPlatform("subscriptionId");

  const departure = approvedDeparture(platform, spec);
  // In its own subscription, the spoke is the first virtual network: the watcher comes first
  // (components/network/network-watchers.ts). The platform's subscription has the platform's; a hub's
  // shared one is no single tenant's to claim, so Azure creates its watcher with the first spoke.
  const watchers = ownSubscription ? new NetworkWatchers("network-watcher", { locations: [location], tags }, componentOpts) : undefined;
  // Retained: azure-native deletes a resource group with everything in it, managed or not
  // (pulumi/pulumi-azure-native#2522), and these hold the retained data, what the municipality
  // built itself in workloads, and a leaving tenant's retained network.
  const rg = (key: TenantResourceGroupKey | TenantVaultResourceGroupKey, service: string, dependsOn?: pulumi.Resource[]) =>
    new resources.ResourceGroup(
      `rg-${key}`,
      {
        resourceGroupName: tenantResourceGroupName(slug, key, env, region),
        location,
        tags: withService(tags, service),
      },
      { ...opts, dependsOn, retainOnDelete: true },
    );
  const groups = {
    network: rg("network", "network", watchers ? [watchers.watchers[location]] : undefined),
    data: rg("data", "storage"),
    workloads: rg("workloads", "workloads"),
  };

  // The tenant's own hub (domain/network/hub-placement.ts): the primary hub's values are the
  // platform's top-level outputs, another hub's come from that hub's own stack, hub-<key>.
  const hubKey = home.hub;
  if (hubKey !== HUB_MAIN && !input.hubStackName) throw new Error(`${slug} is on hub "${hubKey}", but no hub stack name was given to its program`);
  const fromHubStack = hubKey === HUB_MAIN ? undefined : hubStackOutputs(new pulumi.StackReference("hub", { name: input.hubStackName! }));
  const fromHub = <K extends keyof HubOutputs>(key: K, primary: keyof PlatformOutputs): pulumi.Output<HubOutputs[K]> =>
    fromHubStack ? fromHubStack(key) : (fromPlatform(primary) as pulumi.Output<HubOutputs[K]>);
  const hubVnetId = fromHub("vnetId", "hubVnetId");
  const firewallPrivateIp = fromHub("firewallPrivateIp", "firewallPrivateIp");

  const diagnostics = { workspaceResourceId: fromPlatform("workspaceId") };
  const spoke = new Spoke(
    "spoke",
    {
      tenant: slug,
      environment: env,
      regionCode: region,
      resourceGroupName: groups.network.name,
      location,
      addressSpace: tenant.addressSpace,
      subnets: tenant.subnets,
      hubVnetId,
      firewallPrivateIp,
      hubServicePrefixes: fromPlatform("hubServicePrefixes"),
      sharedServicePrefixes: fromPlatform("sharedServicePrefixes"),
      dnsServers: [fromHub("dnsResolverInboundIp", "dnsResolverInboundIp")],
      privateDnsZoneIds: fromPlatform("privateDnsZoneIds"),
      // No spoke links to the private DNS zones: the spoke's DNS server is its hub's
      // resolver inbound endpoint, and the resolver answers from the zones linked to
      // the hub VNet it sits in. A link per spoke would spend the zone's 1,000 links
      // (https://learn.microsoft.com/azure/dns/private-dns-privatednszone#limits) on
      // 357 municipalities; a link per hub spends a handful. docs/network-scale.md.
      privateDnsZoneKeys: [],
      hubProvider,
      tags: withService(tags, "network"),
      diagnostics,
      // Leaving: its storage's private endpoint stays in the spoke (the storage lock refuses its
      // deletion), so the spoke stays too, cut off from the hub; grunnmur offboard.
      retainOnDelete: departure !== undefined,
    },
    componentOpts,
  );

  let storage: TenantStorage | undefined;
  if (services.has("storage") && spec.storage) {
    storage = new TenantStorage(
      TENANT_COMPONENT_NAMES.storage,
      {
        resourceGroupName: groups.data.name,
        location,
        nameParts: tenantStorageNameParts(slug, platform.host.slug),
        shares: spec.storage.shares,
        endpointSubnetId: spoke.subnetIds.apply((ids) => ids.endpoints),
        fileDnsZoneId: fromPlatform("privateDnsZoneIds").apply((ids) => ids.file),
        softDeleteDays: 30,
        tags: withService(tags, "storage"),
        diagnostics,
      },
      componentOpts,
    );
  }

  const backedUp = services.has("backup") && spec.backup && storage ? { backup: spec.backup, storage } : undefined;
  // Every VM that is, or was, on the platform (docs/workloads.md): all of them are backed up.
  const vms = workloadPlan(spec);
  // Its subscription's vault (its own or its hub's), hardened as the platform's and guarded by the platform's
  // Resource Guard: Azure Backup protects a VM, as a file share, only from a vault in its subscription and region.
  let ownVault: { group: resources.ResourceGroup; vault: RecoveryVault } | undefined;
  if ((backedUp || vms.length > 0) && apart) {
    const group = rg(TENANT_VAULT_RESOURCE_GROUP_KEY, "backup");
    const vault = new RecoveryVault(
      TENANT_VAULT_COMPONENT_NAME,
      {
        resourceGroupName: group.name,
        resourceGuard: { resourceGuardResourceId: fromPlatform("resourceGuardId") },
        location,
        nameParts: tenantVaultNameParts(slug, env, region),
        immutability: platform.backup.immutability,
        softDeleteRetentionDays: platform.backup.softDeleteRetentionDays,
        tiers: platform.backup.tiers,
        tags: withService(tags, "backup"),
        diagnostics,
      },
      componentOpts,
    );
    ownVault = { group, vault };
  }

  if (backedUp) {
    const tier = backedUp.backup.tier;
    new FileShareBackup(TENANT_COMPONENT_NAMES.backup, {
      vaultResourceGroupName: ownVault ? ownVault.group.name : fromPlatform("recoveryVaultResourceGroupName"),
      vaultName: ownVault ? ownVault.vault.name : fromPlatform("recoveryVaultName"),
      storageAccountId: backedUp.storage.resourceId,
      storageResourceGroupName: groups.data.name,
      storageAccountName: backedUp.storage.name,
      policyId: ownVault ? ownVault.vault.policyIds[tier].files : fromPlatform("backupPolicyIds").apply((ids) => ids[tier].files),
      shares: backedUp.storage.shareNames,
      previousKeys: Object.fromEntries(
        Object.entries(spec.storage!.shares).flatMap(([key, share]) => (share.previousKey ? [[key, share.previousKey]] : [])),
      ),
      tags: withService(tags, "backup"),
    }, componentOpts);
  }

  if (vms.length > 0) {
    // The platform Key Vault keeps Windows admin passwords, for a tenant with its own subscription
    // too (through the platform's subscription): the regional team's break-glass is in one place.
    const secretVault = {
      name: fromPlatform("keyVaultName"),
      resourceGroupName: fromPlatform("keyVaultId").apply((id) => requireArmId(id).resourceGroup!),
      vault: platformStack,
      provider: typeof hubProvider === "string" ? undefined : hubProvider,
    };
    const linuxKey = platform.workloads?.linuxAdminSshPublicKey;
    for (const vm of vms) {
      new WorkloadVm(
        vm.logicalName,
        {
          vm,
          resourceGroupName: groups.workloads.name,
          location,
          subscriptionId,
          subnetResourceId: spoke.subnetIds.apply((ids) => ids[vm.subnetKey]),
          dataCollectionRuleResourceId: fromPlatform("vmDataCollectionRuleId"),
          backup: {
            vaultResourceGroupName: ownVault ? ownVault.group.name : fromPlatform("recoveryVaultResourceGroupName"),
            vaultName: ownVault ? ownVault.vault.name : fromPlatform("recoveryVaultName"),
            policyId: ownVault ? ownVault.vault.policyIds[vm.backupTier].vms : fromPlatform("backupPolicyIds").apply((ids) => ids[vm.backupTier].vms),
          },
          secretVault,
          linuxAdminSshPublicKey: linuxKey ?? "",
          today: input.today,
          tags: withService(tags, "workloads"),
          diagnostics,
        },
        // A renamed VM (renamedFrom) keeps its resources: its children's names begin with the component's, so they inherit the alias.
        { ...componentOpts, aliases: vm.previousLogicalName ? [{ name: vm.previousLogicalName }] : undefined },
      );
    }
  }

  const identity = new TenantIdentity(TENANT_COMPONENT_NAMES.identity, {
    tenant: slug,
    displayName: spec.displayName,
    groupNames: tenantGroupDisplayNames(slug, spec.identity),
    externalAdmins: spec.identity.externalAdmins,
  });

  // Roles only on the municipality's own resource groups: nothing above them, nothing of others.
  const grant = (group: TenantGroupKey, role: string): RoleAssignmentArgs => ({
    roleDefinitionIdOrName: role,
    principalId: identity.groupIds[group],
    principalKey: tenantPrincipalKey(slug, group),
  });
  const roleHolder = new pulumi.ComponentResource("grunnmur:identity:TenantRoleAssignments", "roles", {}, componentOpts);
  for (const [key, grants] of TENANT_ROLE_GRANTS) {
    assignRoles(`rg-${key}`, groups[key].id, tenantScopeKey(slug, key), grants.map((g) => grant(g.group, g.role)), roleHolder);
  }
  if (ownVault) {
    const key = TENANT_VAULT_RESOURCE_GROUP_KEY;
    assignRoles(`rg-${key}`, ownVault.group.id, tenantScopeKey(slug, key), TENANT_VAULT_ROLE_GRANTS.map((g) => grant(g.group, g.role)), roleHolder);
  }

  const alerting = tenantAlerting(input, {
    fromPlatform,
    componentOpts,
    ownSubscriptionId: ownSubscription ? apart : undefined,
    resourceGroupName: groups.network.name,
    location,
    tags,
  });
  new TenantBudget("budget", {
    tenant: slug,
    subscriptionScope: pulumi.interpolate`/subscriptions/${subscriptionId}`,
    // In a subscription apart from the platform's, its vault (and so its backup storage) is the municipality's cost too.
    resourceGroupNames: [groups.network.name, groups.data.name, groups.workloads.name, ...(ownVault ? [ownVault.group.name] : [])],
    monthlyNok: spec.budget.monthlyNok,
    alertRecipients: spec.budget.alertRecipients,
    contactGroups: alerting.budgetContactGroups,
    startDate: budgetStartDate(spec.joined, input.today),
  }, componentOpts);

  // Read by the pull-request report: a leaving tenant takes no new resources, and only a
  // tenant leaving on main, with its data exported and its date passed, may have its resources
  // removed. The tenant file's mark counts only with the platform team's approval in platform.yaml.
  return {
    tenant: slug,
    leaving: departure !== undefined,
    offboarding: departure && { since: departure.since, approved: departure.approved, dataExportedTo: departure.dataExportedTo },
    addressSpace: tenant.addressSpace,
    addressSource: tenant.addressSource,
    zones: tenant.zones,
    subnets: tenant.subnets,
    resourceGroups: { network: groups.network.name, data: groups.data.name, workloads: groups.workloads.name },
    spokeVnetId: spoke.resourceId,
    hub: hubKey,
    hubVnetId,
    // Re-exported so the policy pack can check this stack's diagnostic settings.
    logAnalyticsWorkspaceId: fromPlatform("workspaceId"),
    // Re-exported so the policy pack can check that every route of the spoke leads to the hub firewall.
    firewallPrivateIp,
    storageAccount: storage?.name,
    fileEndpoint: storage?.fileEndpoint,
    shares: storage ? storage.shareNames : {},
    administrativeUnitId: identity.resourceId,
    groupIds: identity.groupIds,
  };
}
