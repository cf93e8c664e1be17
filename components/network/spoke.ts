/**
 * A municipality's spoke: its VNet with one subnet per zone (NSG and route
 * table each), peering with the hub in both directions, and links to the
 * platform's private DNS zones. The tenant stack owns both peering sides; the
 * hub VNet ignores its peering list, so hub updates leave them alone, and after
 * a hub rebuild `pulumi up --refresh` on the tenant stack recreates them.
 *
 * The hub side (its peering and the DNS zone links) lives in the platform's
 * subscription, whatever the spoke's: it is created through `hubProvider`, never
 * through the provider the spoke inherits, since children take their parent's
 * providers unless given their own.
 */
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import * as privatedns from "@pulumi/azure-native/privatedns";
import { azureName } from "../../domain/azure/names";
import { lastName, requireArmId } from "../../domain/azure/arm-id";
import type { CommonArgs, ComponentOutputs } from "../shared/common-args";
import { spokeRoutes } from "../../domain/network/routes";
import { zoneSecurityRules, type SubnetKey } from "../../domain/network/zones";
import { VirtualNetwork } from "./virtual-network";
import { dnsLinkName, hubPeeringName } from "../../domain/network/hub-names";

export interface SpokeArgs extends CommonArgs {
  readonly tenant: string;
  readonly environment: string;
  readonly regionCode: string;
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  readonly addressSpace: string;
  /** Subnet CIDRs of the zones in use and the private endpoints. */
  readonly subnets: Readonly<Partial<Record<SubnetKey, string>>>;
  readonly hubVnetId: pulumi.Input<string>;
  readonly firewallPrivateIp: pulumi.Input<string>;
  /** The hub subnets reached through the firewall (the platform's hubServicePrefixes), by key. */
  readonly hubServicePrefixes: pulumi.Input<Record<string, string>>;
  /** The shared services' subnets (the platform's sharedServicePrefixes), by key: each routed through the firewall too. */
  readonly sharedServicePrefixes?: pulumi.Input<Record<string, string>>;
  readonly dnsServers: readonly pulumi.Input<string>[];
  /** Platform private DNS zone ids by key. */
  readonly privateDnsZoneIds: pulumi.Input<Record<string, string>>;
  readonly privateDnsZoneKeys: readonly string[];
  /**
   * The provider of the hub side (the hub's peering, the DNS zone links), which is
   * in the platform's subscription: an explicit provider for it, or "default" when
   * the spoke itself is on the default provider and so in the same subscription.
   */
  readonly hubProvider: pulumi.ProviderResource | "default";
  /** Keep the VNet, NSGs and route tables in Azure when the stack goes (a leaving tenant); peerings and DNS links still go. */
  readonly retainOnDelete?: boolean;
}

/** The type whose provider the hub-side children would inherit. */
const HUB_SIDE_TYPE = "azure-native:network:VirtualNetworkPeering";

/** Its principal resource is the spoke VNet. */
export class Spoke extends pulumi.ComponentResource implements ComponentOutputs {
  public readonly resourceId: pulumi.Output<string>;
  public readonly name: pulumi.Output<string>;
  public readonly subnetIds: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: SpokeArgs, opts?: pulumi.ComponentResourceOptions) {
    super("grunnmur:network:Spoke", name, {}, opts);
    const base = [args.tenant, args.environment, args.regionCode];
    // "default" could not stop the hub side inheriting the spoke's provider, so it must not be one.
    if (args.hubProvider === "default" && this.getProvider(HUB_SIDE_TYPE)) {
      throw new Error(
        `spoke ${name}: hubProvider is "default", but the spoke is created through an explicit azure-native provider, so the hub side would inherit it and land in the spoke's subscription; pass the platform subscription's provider as hubProvider`,
      );
    }
    const hubSide: pulumi.CustomResourceOptions = args.hubProvider === "default" ? {} : { provider: args.hubProvider };

    const subnets = Object.entries(args.subnets) as Array<[SubnetKey, string]>;
    const routeTables: Partial<Record<SubnetKey, network.RouteTable>> = {};
    for (const [zone] of subnets) {
      routeTables[zone] = new network.RouteTable(
        `${name}-${zone}`,
        {
          resourceGroupName: args.resourceGroupName,
          location: args.location,
          routeTableName: azureName("routeTable", ["grunnmur", ...base, zone]),
          // VPN routes must not bypass the firewall.
          disableBgpRoutePropagation: true,
          routes: pulumi
            .all([args.firewallPrivateIp, args.hubServicePrefixes, args.sharedServicePrefixes ?? {}])
            .apply(([ip, services, shared]) => spokeRoutes(ip, services, shared).map((r) => ({ ...r }))),
          tags: args.tags,
        },
        args.retainOnDelete ? { parent: this, retainOnDelete: true } : { parent: this },
      );
    }

    const vnet = new VirtualNetwork(
      name,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        vnetName: azureName("virtualNetwork", ["grunnmur", ...base]),
        addressSpace: args.addressSpace,
        dnsServers: args.dnsServers,
        subnets: subnets.map(([zone, prefix]) => ({
          key: zone,
          addressPrefix: prefix,
          withNsg: true,
          securityRules: zoneSecurityRules(zone),
          routeTableId: routeTables[zone]!.id,
        })),
        tags: args.tags,
        diagnostics: args.diagnostics,
        lock: args.lock,
        retainOnDelete: args.retainOnDelete,
      },
      { parent: this },
    );

    const hub = pulumi.output(args.hubVnetId).apply((id) => ({ resourceGroup: requireArmId(id).resourceGroup, name: lastName(id) }));
    // Hub side first: the spoke side uses the hub's gateway, which needs gateway transit on this one.
    const fromHub = new network.VirtualNetworkPeering(
      `${name}-from-hub`,
      {
        resourceGroupName: hub.apply((h) => h.resourceGroup!),
        virtualNetworkName: hub.apply((h) => h.name),
        virtualNetworkPeeringName: hubPeeringName(args.tenant),
        remoteVirtualNetwork: { id: vnet.resourceId },
        allowVirtualNetworkAccess: true,
        allowForwardedTraffic: true,
        allowGatewayTransit: true,
      },
      { ...hubSide, parent: this, replaceOnChanges: ["virtualNetworkName"], deleteBeforeReplace: true },
    );

    new network.VirtualNetworkPeering(
      `${name}-to-hub`,
      {
        resourceGroupName: args.resourceGroupName,
        virtualNetworkName: vnet.name,
        virtualNetworkPeeringName: "to-hub",
        remoteVirtualNetwork: { id: args.hubVnetId },
        allowVirtualNetworkAccess: true,
        allowForwardedTraffic: true,
        // The hub's VPN gateway carries the municipality's site traffic.
        useRemoteGateways: true,
      },
      { parent: this, dependsOn: [fromHub], replaceOnChanges: ["remoteVirtualNetwork"], deleteBeforeReplace: true },
    );
    const zones = pulumi.output(args.privateDnsZoneIds);
    for (const key of args.privateDnsZoneKeys) {
      const zone = zones.apply((ids) => ({ resourceGroup: requireArmId(ids[key]).resourceGroup, name: lastName(ids[key]) }));
      new privatedns.VirtualNetworkLink(
        `${name}-dns-${key}`,
        {
          resourceGroupName: zone.apply((z) => z.resourceGroup!),
          privateZoneName: zone.apply((z) => z.name),
          location: "global",
          virtualNetworkLinkName: dnsLinkName(args.tenant),
          virtualNetwork: { id: vnet.resourceId },
          registrationEnabled: false,
          tags: args.tags,
        },
        { ...hubSide, parent: this },
      );
    }

    this.resourceId = vnet.resourceId;
    this.name = vnet.name;
    this.subnetIds = vnet.subnetIds;
    this.registerOutputs({ resourceId: this.resourceId, name: this.name, subnetIds: this.subnetIds });
  }
}
