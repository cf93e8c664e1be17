/**
 * The shared-services spoke (platform.yaml network.sharedServicesSpoke and
 * sharedServices): a VNet in the platform's subscription, in its own resource
 * group, with one subnet per service, each with its NSG and route table
 * (domain/network/shared-services.ts), peered with the hub both ways. The
 * services' VMs are made in program.ts with the WorkloadVm component, once the
 * vault and Key Vault exist.
 */
import type * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import type * as resources from "@pulumi/azure-native/resources";
import { VirtualNetwork } from "../../components/network/virtual-network";
import type { DiagnosticsArgs } from "../../components/shared/common-args";
import { azureName } from "../../domain/azure/names";
import { SHARED_SERVICE_TAG_PREFIX } from "../../domain/cost/shared-service-allocation";
import { type Tags, withService } from "../../domain/azure/tags";
import { sharedServiceRouteTable, sharedServiceSecurityRules, subscriptionsOf } from "../../domain/network/shared-services";
import type { PlatformStackInput } from "../inputs";

/** The tag value of a shared service's resources: its cost goes to its subscribers only (domain/cost/shared-service-allocation.ts). */
export const sharedServiceTag = (key: string) => `${SHARED_SERVICE_TAG_PREFIX}${key}`;

export interface SharedSpokeContext {
  readonly resourceGroup: resources.ResourceGroup;
  readonly location: string;
  readonly env: string;
  readonly region: string;
  readonly hub: VirtualNetwork;
  readonly hubResourceGroupName: pulumi.Input<string>;
  readonly firewallPrivateIp: string;
  readonly dnsServers: readonly pulumi.Input<string>[];
  readonly tags: Tags;
  readonly diagnostics: DiagnosticsArgs;
  /** The last peering written to the hub (the DR hub's), which these wait for (PF-51). */
  readonly afterPeerings: readonly pulumi.Resource[];
}

/** Every subscribed zone's subnet of every tenant, by service key: a service's NSG admits these only. */
export function subscriberSourcesByService(input: PlatformStackInput): Record<string, string[]> {
  const out: Record<string, string[]> = Object.fromEntries(Object.keys(input.platform.sharedServices).map((key) => [key, []]));
  for (const t of input.tenants) {
    for (const s of subscriptionsOf(t.spec.sharedServices, input.platform.sharedServices, { general: t.subnets.general, secure: t.subnets.secure, exam: t.subnets.exam })) {
      out[s.key].push(...s.sources);
    }
  }
  return out;
}

/** Creates the spoke when the platform file has one; returns the spoke VNet, or undefined. */
export function sharedServicesSpoke(input: PlatformStackInput, ctx: SharedSpokeContext): VirtualNetwork | undefined {
  const spoke = input.platform.network.sharedServicesSpoke;
  if (!spoke) return undefined;
  const pool = input.platform.network.tenantPool.cidr;
  const sources = subscriberSourcesByService(input);
  const vnet = new VirtualNetwork("shared-services", {
    resourceGroupName: ctx.resourceGroup.name,
    location: ctx.location,
    vnetName: azureName("virtualNetwork", ["grunnmur", "shared-services", ctx.env, ctx.region]),
    addressSpace: spoke.addressSpace,
    dnsServers: ctx.dnsServers,
    subnets: Object.entries(input.platform.sharedServices)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, service]) => ({
        key,
        addressPrefix: service.subnet,
        withNsg: true,
        securityRules: sharedServiceSecurityRules(service, sources[key]),
        routeTable: sharedServiceRouteTable(ctx.firewallPrivateIp, pool),
        tags: withService(ctx.tags, sharedServiceTag(key)),
      })),
    tags: withService(ctx.tags, "network"),
    diagnostics: ctx.diagnostics,
  });
  // Hub side first, then the spoke's side: a peering write holds both networks (PF-51).
  const fromHub = new network.VirtualNetworkPeering(
    "hub-to-shared-services",
    {
      resourceGroupName: ctx.hubResourceGroupName,
      virtualNetworkName: ctx.hub.name,
      virtualNetworkPeeringName: "hub-to-shared-services",
      remoteVirtualNetwork: { id: vnet.resourceId },
      allowVirtualNetworkAccess: true,
      allowForwardedTraffic: true,
    },
    { dependsOn: [...ctx.afterPeerings] },
  );
  new network.VirtualNetworkPeering(
    "shared-services-to-hub",
    {
      resourceGroupName: ctx.resourceGroup.name,
      virtualNetworkName: vnet.name,
      virtualNetworkPeeringName: "shared-services-to-hub",
      remoteVirtualNetwork: { id: ctx.hub.resourceId },
      allowVirtualNetworkAccess: true,
      allowForwardedTraffic: true,
    },
    { dependsOn: [fromHub] },
  );
  return vnet;
}
