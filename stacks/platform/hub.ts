/**
 * One hub of the platform: its resource group, VNet (subnets, NSGs, route
 * tables from domain/network/hub-layout.ts), firewall and VPN gateway, and for a
 * hub other than the primary its peering with the primary hub. The platform
 * program calls it once per hub of domain/network/hub-placement.ts, the primary
 * first: a region of one hub is the one-hub case of the same code, with today's
 * logical names (`hub`, `hub-firewall`, `hub-vpn`, `rg-hub`), and another hub's
 * names come from its key (`hub-<key>`, `hub-<key>-firewall`, ...).
 *
 * The platform stack builds the primary hub with it; every other hub's stack
 * `hub-<key>` (stacks/hub/program.ts) builds its own.
 */
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import type * as resources from "@pulumi/azure-native/resources";
import { Firewall } from "../../components/network/firewall";
import { VirtualNetwork } from "../../components/network/virtual-network";
import { VpnGateway } from "../../components/network/vpn-gateway";
import { azureName } from "../../domain/azure/names";
import { withService, type Tags } from "../../domain/azure/tags";
import { firstUsableAddress, hubFirewallAddress, hubNetworkPlan, hubSubnetLayout, type PlannedHubSubnet, type PlacedHubSubnet } from "../../domain/network/hub-layout";
import { HUB_MAIN, type HubSpec } from "../../domain/network/hub-placement";
import type { RuleCollectionGroupSpec } from "../../domain/network/firewall-rules";
import type { OtherHubRoutes } from "../../domain/network/routes";
import type { TenantPool } from "../../domain/network/address-plan";
import { countyRangeCover } from "../../domain/network/county-ranges";
import { accessPointSitePrefixes } from "../../domain/network/access-point-sites";
import type { ResolvedTenant } from "../../tenants/region";
import type { DiagnosticsArgs } from "../../components/shared/common-args";

/** The logical name every resource of a hub starts with: `hub` for the primary, `hub-<key>` for another. */
export function hubBaseName(key: string): string {
  return key === HUB_MAIN ? "hub" : `hub-${key}`;
}

/** The parts of the Azure names of a hub's resources: the primary's as before, another's with its key. */
export function hubNameParts(key: string, env: string, region: string): string[] {
  return key === HUB_MAIN ? ["grunnmur", env, region] : ["grunnmur", key, env, region];
}

/** The plain data of a hub the program needs before any resource exists. */
export interface HubPlan {
  readonly spec: HubSpec;
  readonly layout: readonly PlacedHubSubnet[];
  readonly firewallPrivateIp: string;
  readonly dnsResolverIp: string;
  readonly tenants: readonly ResolvedTenant[];
}

export function planHub(spec: HubSpec, tenants: readonly ResolvedTenant[]): HubPlan {
  const layout = hubSubnetLayout(spec.addressSpace);
  return {
    spec,
    layout,
    firewallPrivateIp: hubFirewallAddress(layout),
    dnsResolverIp: firstUsableAddress(layout.find((s) => s.key === "dns-inbound")!.addressPrefix),
    tenants,
  };
}

/** The site prefixes of a tenant whose access points talk to the core's RADIUS servers. */
export function radiusSitePrefixes(t: ResolvedTenant): string[] {
  return accessPointSitePrefixes(
    Object.values(t.spec.sites).flatMap((site) => site.prefixes),
    Object.values(t.spec.wifi?.accessPoints ?? {}).map((ap) => ap.address),
  );
}

/** Return routes from the core to every other hub's tenants (domain/network/routes.ts, otherHubs). */
export function otherHubRoutes(others: readonly HubPlan[], pool: TenantPool): OtherHubRoutes[] {
  return others.map((h) => ({
    key: h.spec.key,
    firewallPrivateIp: h.firewallPrivateIp,
    spokes: Object.fromEntries(h.tenants.map((t) => [t.spec.slug, t.addressSpace])),
    countyRanges: countyRangeCover(pool, h.spec.counties),
  }));
}

export interface HubContext {
  readonly resourceGroup: resources.ResourceGroup;
  readonly location: string;
  readonly env: string;
  readonly region: string;
  readonly tenantPool: string;
  readonly nationalProxyAddresses: readonly string[];
  /** The primary hub only. */
  readonly sharedServicesSpoke?: string;
  /** The primary hub only, in a region of several hubs. */
  readonly otherHubs?: readonly OtherHubRoutes[];
  /** Another hub only: the core's subnets in the primary hub, which its gateway routes through its own firewall. */
  readonly coreServices?: Readonly<Record<string, string>>;
  /** The isolation group, in a region of one hub; with several, it is in the parent policy. */
  readonly ruleCollectionGroups: readonly RuleCollectionGroupSpec[];
  readonly basePolicyId?: pulumi.Input<string>;
  /** Another hub only: the primary hub to peer with (from the platform stack's outputs), and the peerings to write after (one at a time). */
  readonly peerWith?: { readonly vnetName: pulumi.Input<string>; readonly vnetId: pulumi.Input<string>; readonly resourceGroupName: pulumi.Input<string>; readonly after: readonly pulumi.Resource[] };
  readonly tags: Tags;
  readonly diagnostics: DiagnosticsArgs;
}

export interface BuiltHub {
  readonly plan: HubPlan;
  readonly resourceGroup: resources.ResourceGroup;
  readonly vnet: VirtualNetwork;
  readonly firewall: Firewall;
  readonly firewallName: string;
  readonly vpn: VpnGateway;
  /** The peering towards the primary hub written last; the next hub's waits for it. */
  readonly peerings: readonly pulumi.Resource[];
}

export function hubSubnets(plan: readonly PlannedHubSubnet[]) {
  return plan.map((s) => ({
    key: s.key,
    name: s.ordinary ? undefined : s.name,
    addressPrefix: s.addressPrefix,
    withNsg: s.ordinary,
    delegation: s.delegation,
    securityRules: s.securityRules,
    routeTable: s.routeTable,
  }));
}

export function hubProgram(plan: HubPlan, ctx: HubContext): BuiltHub {
  const { spec } = plan;
  const base = hubBaseName(spec.key);
  const nameParts = hubNameParts(spec.key, ctx.env, ctx.region);
  const subnets = hubNetworkPlan(spec.addressSpace, {
    firewallPrivateIp: plan.firewallPrivateIp,
    tenantPool: ctx.tenantPool,
    spokes: Object.fromEntries(plan.tenants.map((t) => [t.spec.slug, t.addressSpace])),
    sitePrefixes: plan.tenants.flatMap((t) => Object.values(t.spec.sites).flatMap((site) => site.prefixes)),
    nationalProxyAddresses: ctx.nationalProxyAddresses,
    sharedServicesSpoke: ctx.sharedServicesSpoke,
    otherHubs: ctx.otherHubs,
    coreServices: ctx.coreServices,
  });
  const vnet = new VirtualNetwork(base, {
    resourceGroupName: ctx.resourceGroup.name,
    location: ctx.location,
    vnetName: azureName("virtualNetwork", spec.key === HUB_MAIN ? ["grunnmur", "hub", ctx.env, ctx.region] : ["grunnmur", "hub", spec.key, ctx.env, ctx.region]),
    addressSpace: spec.addressSpace,
    subnets: hubSubnets(subnets),
    tags: withService(ctx.tags, "network"),
    diagnostics: ctx.diagnostics,
    // No lock: tenant stacks create and delete their peerings below the hub, which a lock would
    // refuse (offboarding, peering re-creation after a hub rebuild); see domain/azure/locks.ts.
  });

  // Peered with the primary hub, one resource per side, one write at a time: a peering write
  // holds both networks and Azure refuses another meanwhile (PF-51). Forwarded traffic is
  // allowed because what crosses comes from this hub's firewall, not from a spoke directly.
  const peerings: pulumi.Resource[] = [];
  if (ctx.peerWith) {
    const main = ctx.peerWith;
    const toHub = new network.VirtualNetworkPeering(
      `hub-to-${base}`,
      {
        resourceGroupName: main.resourceGroupName,
        virtualNetworkName: main.vnetName,
        virtualNetworkPeeringName: `hub-to-${base}`,
        remoteVirtualNetwork: { id: vnet.resourceId },
        allowVirtualNetworkAccess: true,
        allowForwardedTraffic: true,
      },
      { dependsOn: [...main.after] },
    );
    peerings.push(
      new network.VirtualNetworkPeering(
        `${base}-to-hub`,
        {
          resourceGroupName: ctx.resourceGroup.name,
          virtualNetworkName: vnet.name,
          virtualNetworkPeeringName: `${base}-to-hub`,
          remoteVirtualNetwork: { id: main.vnetId },
          allowVirtualNetworkAccess: true,
          allowForwardedTraffic: true,
        },
        { dependsOn: [toHub] },
      ),
    );
  }

  const firewallName = `${base}-firewall`;
  const firewall = new Firewall(firewallName, {
    resourceGroupName: ctx.resourceGroup.name,
    location: ctx.location,
    nameParts,
    subnetId: vnet.subnetIds.apply((ids) => ids.firewall),
    tier: spec.firewallTier as "Standard" | "Premium",
    ruleCollectionGroups: ctx.ruleCollectionGroups,
    basePolicyId: ctx.basePolicyId,
    tags: withService(ctx.tags, "firewall"),
    diagnostics: ctx.diagnostics,
  });
  const vpn = new VpnGateway(`${base}-vpn`, {
    resourceGroupName: ctx.resourceGroup.name,
    location: ctx.location,
    nameParts,
    gatewaySubnetId: vnet.subnetIds.apply((ids) => ids.gateway),
    sku: spec.vpnGatewaySku,
    tags: withService(ctx.tags, "vpn"),
    diagnostics: ctx.diagnostics,
  });
  return { plan, resourceGroup: ctx.resourceGroup, vnet, firewall, firewallName, vpn, peerings };
}
