/**
 * The stack of one hub other than the primary, `hub-<key>` (docs/hubs.md): its
 * resource group, VNet, firewall (its policy inheriting the platform's parent
 * policy), VPN gateway and peering with the primary hub, its DNS resolver and
 * zone links, and its tenants' share of it (rule groups, VPN sites, generated
 * keys, alerts). The shared core comes from the platform stack's outputs.
 *
 * Onboarding a municipality on this hub therefore updates this stack and the
 * municipality's own, not the platform's, unless the platform reads its file
 * for a reason of its own (governance, a pin): docs/hubs.md lists them. Its
 * eduroam part is this stack's too: its RADIUS bundle and secrets.
 */
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as network from "@pulumi/azure-native/network";
import * as resources from "@pulumi/azure-native/resources";
import { HubDns } from "../../components/dns/hub-dns";
import { azureName, REGION_CODES } from "../../domain/azure/names";
import { standardTags, withService } from "../../domain/azure/tags";
import { platformKeyVaultName } from "../../domain/azure/key-vault";
import { hubRadiusDelivery } from "../../domain/eduroam/delivery";
import { hubServicePrefixes, hubSubnetLayout } from "../../domain/network/hub-layout";
import { HUB_MAIN, hubOf, hubsOf } from "../../domain/network/hub-placement";
import { coreRadiusReturnRoutes } from "../../domain/network/routes";
import { platformOutputs, type HubStackOutputs, type StackOutputs } from "../contract";
import type { HubStackInput } from "../inputs";
import { attachTenants, type TenantScope } from "../platform/tenant-attachments";
import { copyConfigSecrets, generateAccessPointSecrets, grantSecretReads, hubRadiusBundleSecret } from "../platform/radius-config";
import { hubBaseName, hubProgram, planHub, radiusSitePrefixes } from "../platform/hub";
import { hubAlerting } from "./alerting";
import { hubGovernance } from "./governance";

/** `tenantScope` is for the offline preview only, as for the platform program. */
export function hubStackProgram(input: HubStackInput, tenantScope?: TenantScope): StackOutputs<HubStackOutputs> {
  const { platform } = input;
  const spec = hubsOf(platform).find((h) => h.key === input.hub);
  if (!spec || spec.key === HUB_MAIN) {
    const keys = hubsOf(platform).filter((h) => h.key !== HUB_MAIN).map((h) => h.key);
    throw new Error(`platform.yaml network.hubs has no hub "${input.hub}"; the hub stacks of this region are ${keys.map((k) => `hub-${k}`).join(", ") || "none"}`);
  }
  const env = platform.environment;
  const location = platform.regions.primary;
  const region = REGION_CODES[location];
  const tags = standardTags({ tenant: platform.host.slug, service: "platform", costCentre: platform.host.costCentre, environment: env });
  const client = authorization.getClientConfigOutput();
  const platformStack = new pulumi.StackReference("platform", { name: input.platformStackName });
  const fromPlatform = platformOutputs(platformStack);

  const tenants = input.tenants.filter((t) => hubOf(platform, t.spec) === spec.key);
  const plan = planHub(spec, tenants);
  const base = hubBaseName(spec.key);
  // The platform's network watcher for the region exists already: this stack deploys after the platform's.
  const resourceGroup = new resources.ResourceGroup(`rg-${base}`, {
    resourceGroupName: azureName("resourceGroup", ["grunnmur", base, env, region]),
    location,
    tags: withService(tags, "network"),
  });
  const diagnostics = { workspaceResourceId: fromPlatform("workspaceId") };
  const parentPolicyId = fromPlatform("parentFirewallPolicyId").apply((id) => {
    if (!id) throw new Error(`the platform stack exports no parentFirewallPolicyId; with hub "${spec.key}" in platform.yaml it makes one: run the platform stack first`);
    return id;
  });
  const mainLayout = hubSubnetLayout(platform.network.hub.addressSpace);
  const coreSubnet = (key: string) => mainLayout.find((s) => s.key === key)!.addressPrefix;
  const built = hubProgram(plan, {
    resourceGroup,
    location,
    env,
    region,
    tenantPool: platform.network.tenantPool.cidr,
    nationalProxyAddresses: Object.values(platform.eduroam?.nationalProxies ?? {}).map((p) => p.address),
    coreServices: hubServicePrefixes(mainLayout),
    // The isolation group is the parent policy's, which this hub's policy inherits.
    ruleCollectionGroups: [],
    basePolicyId: parentPolicyId,
    // Hub stacks deploy one after another (docs/ci.md): a peering write holds both VNets (PF-51).
    peerWith: { vnetName: fromPlatform("hubVnetName"), vnetId: fromPlatform("hubVnetId"), resourceGroupName: fromPlatform("hubResourceGroupName"), after: [] },
    tags,
    diagnostics,
  });

  new HubDns(`dns-${spec.key}`, {
    hubKey: spec.key,
    vnetKey: base,
    resourceGroupName: resourceGroup.name,
    zonesResourceGroupName: fromPlatform("sharedResourceGroupName"),
    location,
    nameParts: ["grunnmur", env, region],
    vnetId: built.vnet.resourceId,
    subnetId: built.vnet.subnetIds.apply((ids) => ids["dns-inbound"]),
    inboundIp: plan.dnsResolverIp,
    tags: withService(tags, "dns"),
  });

  // The platform Key Vault keeps this hub's generated keys, as it keeps the primary hub's.
  const keyVaultName = platformKeyVaultName(platform.host.slug, env);
  const secretVault = { name: keyVaultName, resourceGroupName: fromPlatform("sharedResourceGroupName"), vault: platformStack };
  const attachments = attachTenants({ platform, tenants, secretMode: input.secretMode, today: input.today }, {
    firewalls: [{ name: built.firewallName, component: built.firewall, resourceGroupName: resourceGroup.name }],
    vpn: built.vpn,
    resourceGroupName: resourceGroup.name,
    location,
    shared: { dnsResolver: plan.dnsResolverIp, sharedServices: coreSubnet("shared"), radius: coreSubnet("radius") },
    secretVault,
    tags: withService(tags, "vpn"),
  }, tenantScope);

  // This hub's part of the RADIUS configuration (domain/eduroam/delivery.ts, hubRadiusDelivery): its
  // municipalities' access-point secrets, made with their attachments, and their files as one bundle in
  // the platform Key Vault, which the core's servers fetch at boot and on their sync timer. The core's
  // servers are granted reads on exactly these secrets and the bundle (stacks/platform/radius-config.ts),
  // so a municipality joining this hub changes this stack, not the platform's.
  const hubRadius = hubRadiusDelivery({ platform, tenants }, spec.key, { keyVaultName });
  if (hubRadius && platform.radius) {
    const copies = generateAccessPointSecrets(tenants, attachments, secretVault);
    // A secret of this hub's municipalities named by Pulumi config is set on this stack (README, "Putting a secret from outside in place").
    for (const [name, copy] of copyConfigSecrets(hubRadius.secrets, { keyVaultName, resourceGroupName: secretVault.resourceGroupName, vault: platformStack, secretMode: input.secretMode })) copies.set(name, copy);
    const bundle = hubRadiusBundleSecret(hubRadius, secretVault, resourceGroup);
    copies.set(hubRadius.secretName, bundle);
    const principalIds = Array.from({ length: platform.radius.count }, (_, i) =>
      fromPlatform("radiusPrincipalIds").apply((ids) => {
        // A role assignment to no principal would fail in Azure, later and less clearly.
        if (!ids[i]) throw new Error(`the platform stack exports ${ids.length} RADIUS server identities, but platform.yaml radius.count is ${platform.radius!.count}; run the platform stack first`);
        return ids[i];
      }),
    );
    grantSecretReads([...hubRadius.secretReads, { keyVault: hubRadius.keyVault, secretName: hubRadius.secretName }], principalIds, {
      platformVaultId: fromPlatform("keyVaultId"),
      copies,
      parent: resourceGroup,
      tenantParent: (slug) => attachments.get(slug),
    });
  }

  // The answers of the core's RADIUS servers to this hub's access points go back through this
  // hub's firewall, which saw the requests: one route per site with an access point, in the
  // core's RADIUS route table (its routes are standalone for this), under each municipality's
  // attachment, so a municipality with Wi-Fi joining this hub leaves the platform's stack as it is.
  const radiusRouteTable = fromPlatform("radiusRouteTableName").apply((name) => {
    // The platform makes that table whenever platform.yaml has a hub besides the primary, as it has this one.
    if (!name) throw new Error(`the platform stack exports no radiusRouteTableName; with hub "${spec.key}" in platform.yaml it makes one: run the platform stack first`);
    return name;
  });
  for (const t of tenants) {
    const attachment = attachments.get(t.spec.slug);
    if (!attachment) continue;
    for (const route of coreRadiusReturnRoutes(spec.key, plan.firewallPrivateIp, radiusSitePrefixes(t))) {
      new network.Route(`${t.spec.slug}-core-radius-${route.name}`, {
        resourceGroupName: fromPlatform("hubResourceGroupName"),
        routeTableName: radiusRouteTable,
        routeName: route.name,
        addressPrefix: route.addressPrefix,
        nextHopType: route.nextHopType,
        nextHopIpAddress: route.nextHopIpAddress,
      }, { parent: attachment });
    }
  }

  // Its municipalities' own subscriptions: placed in their management group, Defender on.
  hubGovernance(input, { attachments, tags, location, platformSubscriptionId: fromPlatform("subscriptionId") });

  hubAlerting({
    platform,
    tenants,
    attachments,
    firewall: [built.firewallName, built.firewall],
    monitoringResourceGroupName: fromPlatform("monitoringResourceGroupName"),
    workspaceResourceId: fromPlatform("workspaceId"),
    workspaceName: fromPlatform("workspaceName"),
    subscriptionId: client.subscriptionId,
    actionGroupsScope: fromPlatform("alertActionGroupsScope"),
    tags,
  });

  return {
    hub: spec.key,
    vnetId: built.vnet.resourceId,
    vnetName: built.vnet.name,
    resourceGroupName: resourceGroup.name,
    firewallPrivateIp: plan.firewallPrivateIp,
    dnsResolverInboundIp: plan.dnsResolverIp,
    hubVnetId: built.vnet.resourceId,
    // The policy pack finds the central workspace under this name in every stack.
    logAnalyticsWorkspaceId: fromPlatform("workspaceId"),
    tenantPool: platform.network.tenantPool.cidr,
    vpnGatewayId: built.vpn.resourceId,
    parentFirewallPolicyId: parentPolicyId,
    tenants: tenants.map((t) => t.spec.slug),
    coreAddressSpaces: [platform.network.hub.addressSpace, ...(platform.network.sharedServicesSpoke ? [platform.network.sharedServicesSpoke.addressSpace] : [])],
  };
}
