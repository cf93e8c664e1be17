/**
 * The shared platform the host municipality runs for everyone, in Norway East
 * with a Norway West hub for disaster recovery: hub network, firewall, VPN,
 * Bastion, DNS, central logging, backup vault, Key Vault, platform identity and
 * the eduroam RADIUS servers.
 */
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as network from "@pulumi/azure-native/network";
import * as resources from "@pulumi/azure-native/resources";
import { RecoveryVault } from "../../components/backup/recovery-vault";
import { RadiusServers } from "../../components/eduroam/radius-servers";
import { PrivateDns } from "../../components/dns/private-dns";
import { BREAK_GLASS, PLATFORM_GROUPS, PlatformGroups, type PlatformGroupKey } from "../../components/identity/platform-groups";
import { LogWorkspace } from "../../components/monitoring/log-workspace";
import { VmDataCollectionRule } from "../../components/monitoring/vm-data-collection-rule";
import { azureName, REGION_CODES } from "../../domain/azure/names";
import { platformKeyVaultName } from "../../domain/azure/key-vault";
import { Bastion } from "../../components/network/bastion";
import { Firewall } from "../../components/network/firewall";
import { isolationRuleCollectionGroup } from "../../domain/network/firewall-rules";
import { radiusDelivery } from "../../domain/eduroam/delivery";
import { hubFirewallAddress, hubNetworkPlan, RADIUS_SUBNET, hubServicePrefixes, hubSubnetLayout } from "../../domain/network/hub-layout";
import { cidr } from "../../domain/network/cidr";
import { HUB_FIREWALL_NAMES, HUB_VNET_KEYS, hubsInUse } from "../../domain/network/hub-names";
import { VirtualNetwork } from "../../components/network/virtual-network";
import { NetworkWatchers } from "../../components/network/network-watchers";
import { KeyVault } from "../../components/security/key-vault";
import type { RoleAssignmentArgs } from "../../components/shared/common-args";
import { assignRoles } from "../../components/shared/role-assignments";
import { standardTags, withService } from "../../domain/azure/tags";
import { platformGroupPrefix } from "../../domain/azure/group-names";
import type { PlatformOutputs, StackOutputs } from "../contract";
import type { PlatformStackInput } from "../inputs";
import { copyConfigSecrets, generateAccessPointSecrets, grantSecretReads } from "./radius-config";
import { generateSecret } from "../../components/security/generated-secret";
import { CUI_KEY, radiusClientSecret } from "../../domain/azure/generated-secrets";
import { attachTenants, type TenantScope } from "./tenant-attachments";
import { hubBaseName, hubProgram, hubSubnets, otherHubRoutes, planHub, type BuiltHub } from "./hub";
import { HUB_MAIN, hubOf, hubsOf } from "../../domain/network/hub-placement";
import { FirewallParentPolicy } from "../../components/network/firewall-parent-policy";
import type { TenantAttachment } from "../../components/network/tenant-attachment";
import { sharedServicesSpoke, sharedServiceTag } from "./shared-services";
import { WorkloadVm } from "../../components/compute/workload-vm";
import { sharedServicesPlan } from "../../domain/compute/workload-plan";
import { sharedServicePrefixes } from "../../domain/network/shared-services";
import { platformAlerting } from "./alerting";
import { governance } from "./governance";

const PLATFORM_GROUP_KEYS = Object.keys(PLATFORM_GROUPS) as PlatformGroupKey[];

/** `tenantScope` is for the offline preview only (attachTenants); a deployment passes none. */
export function platformProgram(input: PlatformStackInput, tenantScope?: TenantScope): StackOutputs<PlatformOutputs> {
  const { platform, tenants } = input;
  const env = platform.environment;
  const location = platform.regions.primary;
  const region = REGION_CODES[location];
  const host = platform.host.slug;
  const tags = standardTags({ tenant: host, service: "platform", costCentre: platform.host.costCentre, environment: env });
  const client = authorization.getClientConfigOutput();

  // Before any virtual network: Azure would otherwise create the watchers itself (network-watchers.ts).
  const watchers = new NetworkWatchers("network-watcher", {
    locations: platform.regions.dr.enabled ? [location, platform.regions.dr.location] : [location],
    tags: withService(tags, "network"),
  });
  const rg = (key: string, service: string, where: string = location, opts?: pulumi.CustomResourceOptions) =>
    new resources.ResourceGroup(`rg-${key}`, {
      resourceGroupName: azureName("resourceGroup", ["grunnmur", key, env, REGION_CODES[where]]),
      location: where,
      tags: withService(tags, service),
    }, opts);
  const groupsRg = {
    // The hub's virtual network waits for the watcher through its group.
    hub: rg("hub", "network", location, { dependsOn: [watchers.watchers[location]] }),
    shared: rg("shared", "platform"),
    monitoring: rg("monitoring", "logging"),
    backup: rg("backup", "backup"),
    // The Resource Guard lives apart from the vault: backup operators have no rights here.
    guard: rg("backup-guard", "backup"),
    radius: rg("radius", "wifi"),
  };

  const workspace = new LogWorkspace("central", {
    resourceGroupName: groupsRg.monitoring.name,
    location,
    nameParts: ["grunnmur", host, env, region],
    retentionDays: platform.logging.retentionDays,
    tags: withService(tags, "logging"),
  });
  const diagnostics = { workspaceResourceId: workspace.resourceId };
  const vmDataCollection = new VmDataCollectionRule("vm-data-collection", {
    resourceGroupName: groupsRg.monitoring.name,
    location,
    nameParts: ["grunnmur", "vms", env, region],
    workspaceResourceId: workspace.resourceId,
    tags: withService(tags, "logging"),
  });

  // Hubs (domain/network/hub-placement.ts): the primary first, each tenant on its own hub's.
  // Every hub's subnets, NSG rules and route tables come from domain/network/hub-layout.ts.
  const hubSpecs = hubsOf(platform);
  const multiHub = hubSpecs.length > 1;
  const plans = hubSpecs.map((spec) => planHub(spec, tenants.filter((t) => hubOf(platform, t.spec) === spec.key)));
  const mainPlan = plans[0];
  const layout = mainPlan.layout;
  const subnetCidr = (key: string) => layout.find((s) => s.key === key)!.addressPrefix;
  const firewallPrivateIp = mainPlan.firewallPrivateIp;
  // The DR hub is the primary hub's twin: it routes the primary hub's tenants. Another hub's
  // spokes are peered with that hub only, so from the DR hub the tenant pool's route (to the
  // primary firewall) is already the most specific one for them, and its stack stays its own.
  const hubPlanFor = (addressSpace: string, nextHop: string) =>
    hubNetworkPlan(addressSpace, {
      firewallPrivateIp: nextHop,
      tenantPool: platform.network.tenantPool.cidr,
      spokes: Object.fromEntries(mainPlan.tenants.map((t) => [t.spec.slug, t.addressSpace])),
      sitePrefixes: mainPlan.tenants.flatMap((t) => Object.values(t.spec.sites).flatMap((site) => site.prefixes)),
      nationalProxyAddresses: Object.values(platform.eduroam?.nationalProxies ?? {}).map((p) => p.address),
      sharedServicesSpoke: platform.network.sharedServicesSpoke?.addressSpace,
    });
  // With several hubs the isolation group is in one parent policy every hub's policy inherits;
  // with one it stays in the hub's own policy, as it always was.
  const isolation = isolationRuleCollectionGroup(platform.network.tenantPool.cidr);
  const parentPolicy = multiHub
    ? new FirewallParentPolicy("hub-firewall-parent", {
        resourceGroupName: groupsRg.hub.name,
        location,
        nameParts: ["grunnmur", "parent", env, region],
        tier: "Standard",
        ruleCollectionGroups: [isolation],
        tags: withService(tags, "firewall"),
      })
    : undefined;
  const common = {
    location,
    env,
    region,
    tenantPool: platform.network.tenantPool.cidr,
    nationalProxyAddresses: Object.values(platform.eduroam?.nationalProxies ?? {}).map((p) => p.address),
    ruleCollectionGroups: multiHub ? [] : [isolation],
    basePolicyId: parentPolicy?.resourceId,
    tags,
    diagnostics,
  };
  const built: BuiltHub[] = [
    hubProgram(mainPlan, {
      ...common,
      resourceGroup: groupsRg.hub,
      sharedServicesSpoke: platform.network.sharedServicesSpoke?.addressSpace,
      otherHubs: multiHub
        ? otherHubRoutes(plans.slice(1), { cidr: cidr(platform.network.tenantPool.cidr), blockPrefixLength: platform.network.tenantPool.blockPrefixLength, counties: platform.network.tenantPool.counties })
        : undefined,
    }),
  ];
  // Every other hub is its own stack, hub-<key> (stacks/hub/program.ts): it peers with this hub,
  // links its VNet to the zones below and attaches its tenants; this stack only routes to it.
  const hub = built[0].vnet;
  const hubs = hubsInUse(platform);
  const hubVnets: Record<string, pulumi.Input<string>> = { [HUB_VNET_KEYS.primary]: hub.resourceId };
  let drFirewallTarget: { rg: resources.ResourceGroup; vnet: VirtualNetwork; location: string } | undefined;
  // The shared-services spoke and the DR peering wait for the hub peerings already written.
  const hubPeerings: pulumi.Resource[] = [...built[built.length - 1].peerings];

  if (hubs.dr && platform.network.drHub) {
    const drLocation = platform.regions.dr.location;
    const drRg = rg("hub-dr", "network", drLocation, { dependsOn: [watchers.watchers[drLocation]] });
    const drHub = new VirtualNetwork("hub-dr", {
      resourceGroupName: drRg.name,
      location: drLocation,
      vnetName: azureName("virtualNetwork", ["grunnmur", "hub", env, REGION_CODES[drLocation]]),
      addressSpace: platform.network.drHub.addressSpace,
      // The DR hub routes through its own firewall when one runs there (regions.dr.firewall);
      // otherwise through the primary firewall over the global hub peering, so nothing in the DR
      // hub ever talks to a site or spoke unfiltered. Switching on the DR firewall at failover
      // moves these routes to it in the same change.
      subnets: hubSubnets(
        hubPlanFor(
          platform.network.drHub.addressSpace,
          platform.regions.dr.firewall ? hubFirewallAddress(hubSubnetLayout(platform.network.drHub.addressSpace)) : firewallPrivateIp,
        ),
      ),
      tags: withService(tags, "network"),
      diagnostics,
    });
    hubVnets[HUB_VNET_KEYS.dr] = drHub.resourceId;
    // Global peering between the two hubs, one resource per side. The second waits for the
    // first: a peering write holds both networks, and Azure refuses another meanwhile (PF-51).
    const peer = (name: string, fromRg: pulumi.Input<string>, fromVnet: pulumi.Input<string>, toVnetId: pulumi.Input<string>, after: pulumi.Resource[] = []) =>
      new network.VirtualNetworkPeering(
        name,
        {
          resourceGroupName: fromRg,
          virtualNetworkName: fromVnet,
          virtualNetworkPeeringName: name,
          remoteVirtualNetwork: { id: toVnetId },
          allowVirtualNetworkAccess: true,
          allowForwardedTraffic: true,
        },
        { dependsOn: after },
      );
    const toDr = peer("hub-to-hub-dr", groupsRg.hub.name, hub.name, drHub.resourceId, [...hubPeerings]);
    hubPeerings.push(peer("hub-dr-to-hub", drRg.name, drHub.name, hub.resourceId, [toDr]));
    if (hubs.drFirewall) drFirewallTarget = { rg: drRg, vnet: drHub, location: drLocation };
  }

  const dnsResolverIp = mainPlan.dnsResolverIp;
  // The shared services' spoke (platform.yaml sharedServices), peered after the hubs' own peering.
  let sharedSpoke: { vnet: VirtualNetwork; resourceGroup: resources.ResourceGroup } | undefined;
  if (platform.network.sharedServicesSpoke) {
    const resourceGroup = rg("shared-services", "network", location, { dependsOn: [watchers.watchers[location]] });
    const vnet = sharedServicesSpoke(input, {
      resourceGroup, location, env, region, hub, hubResourceGroupName: groupsRg.hub.name,
      firewallPrivateIp, dnsServers: [dnsResolverIp], tags, diagnostics, afterPeerings: hubPeerings,
    });
    if (vnet) sharedSpoke = { vnet, resourceGroup };
  }
  const dns = new PrivateDns("dns", {
    resourceGroupName: groupsRg.shared.name,
    location,
    nameParts: ["grunnmur", env, region],
    hubVnets,
    resolverVnetId: hub.resourceId,
    resolverSubnetId: hub.subnetIds.apply((ids) => ids["dns-inbound"]),
    resolverInboundIp: dnsResolverIp,
    tags: withService(tags, "dns"),
  });

  // Firewalls: each hub's was made with its hub. The DR firewall, when asked for, enforces the same
  // isolation and the primary hub's tenant rules, so a failover changes no policy. It keeps its own
  // isolation group even with several hubs: a parent policy must be in its children's region
  // (learn.microsoft.com/azure/firewall-manager/policy-overview).
  const firewalls: Array<[string, Firewall, resources.ResourceGroup]> = [[built[0].firewallName, built[0].firewall, groupsRg.hub]];
  if (drFirewallTarget) {
    const { rg: drRg, vnet, location: drLocation } = drFirewallTarget;
    firewalls.push([
      HUB_FIREWALL_NAMES.dr,
      new Firewall(HUB_FIREWALL_NAMES.dr, {
        resourceGroupName: drRg.name,
        location: drLocation,
        nameParts: ["grunnmur", env, REGION_CODES[drLocation]],
        subnetId: vnet.subnetIds.apply((ids) => ids.firewall),
        tier: platform.network.hub.firewallTier,
        ruleCollectionGroups: [isolation],
        tags: withService(tags, "firewall"),
        diagnostics,
      }),
      drRg,
    ]);
  }
  const firewall = firewalls[0][1];

  const keyVaultName = platformKeyVaultName(host, env);
  const keyVault = new KeyVault("platform-secrets", {
    resourceGroupName: groupsRg.shared.name,
    location,
    nameParts: [host, "grunnmur", env],
    tenantId: client.tenantId,
    endpointSubnetId: hub.subnetIds.apply((ids) => ids.shared),
    privateDnsZoneId: dns.zoneIds.vault,
    tags: withService(tags, "security"),
    diagnostics,
  });

  // The secrets the platform makes itself are written here through Resource Manager (generated-secret.ts).
  const secretVault = { name: keyVaultName, resourceGroupName: groupsRg.shared.name, vault: keyVault };
  // The primary hub's tenants attach to its firewalls (and the DR one) and VPN gateway; another
  // hub's attach in that hub's stack. RADIUS and the shared services stay here, in the core.
  const attachments = new Map<string, TenantAttachment>();
  for (const h of built) {
    const hubAttachments = attachTenants({ ...input, tenants: h.plan.tenants }, {
      firewalls: firewalls.map(([name, component, group]) => ({ name, component, resourceGroupName: group.name })),
      vpn: h.vpn,
      resourceGroupName: h.resourceGroup.name,
      location,
      shared: { dnsResolver: h.plan.dnsResolverIp, sharedServices: subnetCidr("shared"), radius: subnetCidr("radius") },
      secretVault,
      tags: withService(tags, "vpn"),
    }, tenantScope);
    for (const [slug, attachment] of hubAttachments) attachments.set(slug, attachment);
  }

  new Bastion("hub-bastion", {
    resourceGroupName: groupsRg.hub.name,
    location,
    nameParts: ["grunnmur", env, region],
    subnetId: hub.subnetIds.apply((ids) => ids.bastion),
    sku: platform.network.hub.bastionSku,
    tags: withService(tags, "network"),
    diagnostics,
  });

  const vault = new RecoveryVault("backup", {
    resourceGroupName: groupsRg.backup.name,
    resourceGuard: { resourceGroupName: groupsRg.guard.name },
    location,
    nameParts: ["grunnmur", host, env, region],
    immutability: platform.backup.immutability,
    softDeleteRetentionDays: platform.backup.softDeleteRetentionDays,
    tiers: platform.backup.tiers,
    tags: withService(tags, "backup"),
    diagnostics,
  });

  // The shared services' servers, in their subnets of the shared-services spoke, backed up in the platform's vault.
  if (sharedSpoke) {
    const spoke = sharedSpoke;
    for (const vm of sharedServicesPlan(platform.sharedServices)) {
      new WorkloadVm(
        vm.logicalName,
        {
          vm,
          resourceGroupName: spoke.resourceGroup.name,
          location,
          subscriptionId: client.subscriptionId,
          subnetResourceId: spoke.vnet.subnetIds.apply((ids) => ids[vm.systemKey]),
          dataCollectionRuleResourceId: vmDataCollection.resourceId,
          backup: { vaultResourceGroupName: groupsRg.backup.name, vaultName: vault.name, policyId: vault.policyIds[vm.backupTier].vms },
          secretVault,
          linuxAdminSshPublicKey: platform.workloads?.linuxAdminSshPublicKey ?? "",
          today: input.today ?? new Date().toISOString().slice(0, 10),
          tags: withService(tags, sharedServiceTag(vm.systemKey)),
          diagnostics,
        },
        { aliases: vm.previousLogicalName ? [{ name: vm.previousLogicalName }] : undefined },
      );
    }
  }

  const groups = new PlatformGroups("platform-groups", {
    displayPrefix: platformGroupPrefix(host),
    conditionalAccessState: platform.identity.conditionalAccess === "enabled" ? "enabled" : "enabledForReportingButNotEnforced",
  });
  const grant = (group: PlatformGroupKey, role: string): RoleAssignmentArgs => ({
    roleDefinitionIdOrName: role,
    principalId: groups.resourceIds[group],
    principalKey: `platform-${group}`,
  });
  const roleHolder = new pulumi.ComponentResource("grunnmur:identity:PlatformRoleAssignments", "platform-roles", {});
  const scopes: Array<[string, resources.ResourceGroup, RoleAssignmentArgs[]]> = [
    ["hub", groupsRg.hub, [grant("network", "Network Contributor"), grant("readers", "Reader")]],
    ["shared", groupsRg.shared, [grant("network", "Network Contributor"), grant("security", "Key Vault Administrator"), grant("readers", "Reader")]],
    ["monitoring", groupsRg.monitoring, [grant("security", "Log Analytics Reader"), grant("readers", "Reader")]],
    ["backup", groupsRg.backup, [grant("backup", "Backup Contributor"), grant("readers", "Reader")]],
    ["backup-guard", groupsRg.guard, [grant("security", "Contributor"), grant("readers", "Reader")]],
    ["radius", groupsRg.radius, [grant("network", "Virtual Machine Contributor"), grant("readers", "Reader")]],
  ];
  for (const [key, group, assignments] of scopes) {
    assignRoles(`rg-${key}`, group.id, `rg-${key}`, assignments, roleHolder);
  }

  let radiusAddresses: pulumi.Output<string>[] = [];
  let radiusServers: RadiusServers | undefined;
  // The core's files and the primary hub's municipalities' only: every other hub's stack writes its own part
  // into the Key Vault and grants the reads on it (stacks/hub/program.ts), so its municipalities leave this alone.
  const delivery = radiusDelivery(input, { keyVaultName });
  if (delivery && platform.radius) {
    const copies = new Map(copyConfigSecrets(delivery.secrets, { keyVaultName, resourceGroupName: groupsRg.shared.name, vault: keyVault, secretMode: input.secretMode }));
    // The CUI key and every access point's RADIUS secret are made here; the servers read them at boot.
    const generatedHolder = new pulumi.ComponentResource("grunnmur:security:GeneratedSecrets", "generated-secrets", {});
    copies.set(CUI_KEY.secretName, generateSecret(CUI_KEY, secretVault, generatedHolder).copy);
    for (const [name, copy] of generateAccessPointSecrets(tenants, attachments, secretVault)) copies.set(name, copy);
    const radius = new RadiusServers("radius", {
      resourceGroupName: groupsRg.radius.name,
      location,
      nameParts: ["grunnmur", env, region],
      subnetId: hub.subnetIds.apply((ids) => ids.radius),
      subnetCidr: subnetCidr("radius"),
      count: platform.radius.count,
      vmSize: platform.radius.vmSize,
      adminUsername: platform.radius.adminUsername,
      adminPublicKey: platform.radius.adminPublicKey,
      bootstrap: delivery.bootstrap,
      configBundle: delivery.userData,
      tags: withService(tags, "wifi"),
      diagnostics,
    });
    radiusAddresses = radius.publicAddresses;
    radiusServers = radius;
    // The servers read their RADIUS secrets from Key Vault with their own identities, each secret on its own.
    grantSecretReads(delivery.secretReads, radius.principalIds, {
      platformVaultId: keyVault.resourceId,
      copies,
      parent: roleHolder,
      tenantParent: (slug) => attachments.get(slug),
    });
  }

  const alerting = platformAlerting(input, {
    monitoringResourceGroup: groupsRg.monitoring,
    location,
    workspace,
    // The primary's and DR's firewall; each other hub's is watched by its own stack.
    firewalls: firewalls.map(([name, component]) => [name, component] as const),
    radius: radiusServers,
    keyVault,
    subscriptionId: client.subscriptionId,
    attachments,
    tags,
  });

  governance(input, {
    tenantId: client.tenantId,
    platformSubscriptionId: client.subscriptionId,
    location,
    workspaceResourceId: workspace.resourceId,
    monitoringResourceGroupName: groupsRg.monitoring.name,
    tags,
  });

  return {
    location,
    environment: env,
    subscriptionId: client.subscriptionId,
    hubResourceGroupName: groupsRg.hub.name,
    hubVnetId: hub.resourceId,
    hubVnetName: hub.name,
    firewallPrivateIp,
    tenantPool: platform.network.tenantPool.cidr,
    hubServicePrefixes: hubServicePrefixes(layout),
    sharedServicePrefixes: sharedServicePrefixes(platform.sharedServices),
    firewallPublicIp: firewall.publicIpAddress,
    dnsResolverInboundIp: dns.resolverInboundIp,
    privateDnsZoneIds: dns.zoneIds,
    workspaceId: workspace.resourceId,
    // The policy pack finds the central workspace under this name in every stack.
    logAnalyticsWorkspaceId: workspace.resourceId,
    vmDataCollectionRuleId: vmDataCollection.resourceId,
    recoveryVaultId: vault.resourceId,
    recoveryVaultName: vault.name,
    recoveryVaultResourceGroupName: groupsRg.backup.name,
    backupPolicyIds: vault.policyIds,
    // Guards the vaults of municipalities with their own subscription too, from outside their reach.
    resourceGuardId: vault.resourceGuardId,
    keyVaultId: keyVault.resourceId,
    keyVaultName: keyVault.name,
    radiusPublicAddresses: radiusAddresses,
    // The four role-holding groups; break-glass is not among them.
    platformGroupIds: Object.fromEntries(PLATFORM_GROUP_KEYS.map((key) => [key, groups.resourceIds[key]])),
    // Declared for the policy pack (ID-01.3): the only principal that may hold Owner, User Access
    // Administrator or Contributor above a resource group. Tenant programs do not read it.
    breakGlassGroupId: groups.resourceIds[BREAK_GLASS],
    // The tenants this stack attaches: the primary hub's. A hub stack lists its own (HubStackOutputs.tenants),
    // so onboarding on another hub leaves this stack's outputs as they are.
    tenantCount: mainPlan.tenants.length,
    hubs: Object.fromEntries(
      built.map((h) => [
        h.plan.spec.key,
        {
          vnetId: h.vnet.resourceId,
          vnetName: h.vnet.name,
          resourceGroupName: h.resourceGroup.name,
          firewallPrivateIp: h.plan.firewallPrivateIp,
          dnsResolverInboundIp: h.plan.dnsResolverIp,
        },
      ]),
    ),
    alertActionGroupsScope: alerting?.actionGroupsScope,
    parentFirewallPolicyId: parentPolicy?.resourceId,
    sharedResourceGroupName: groupsRg.shared.name,
    monitoringResourceGroupName: groupsRg.monitoring.name,
    workspaceName: workspace.name,
    radiusPrincipalIds: radiusServers ? radiusServers.principalIds : [],
    radiusRouteTableName: hub.standaloneRouteTables[RADIUS_SUBNET],
  };
}
