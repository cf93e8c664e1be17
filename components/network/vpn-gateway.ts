/**
 * The site-to-site VPN gateway in the hub and, per municipality site, a local
 * network gateway and an IPsec connection. Site resources are named from the
 * tenant slug and the site's key, so adding a site or a tenant adds only its own.
 */
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import { azureName } from "../naming/azure-names";
import { addDiagnostics } from "../shared/diagnostics";
import type { CommonArgs } from "../shared/common-args";
import { hasZones, publicIp } from "./public-ip";
import { addLock } from "../shared/lock";
import { assignRoles } from "../shared/role-assignments";

export interface VpnSite {
  readonly tenant: string;
  readonly key: string;
  readonly publicIp: string;
  readonly prefixes: readonly string[];
  /** The pre-shared key, resolved from the site's secret reference. */
  readonly preSharedKey: pulumi.Input<string>;
}

export interface VpnGatewayArgs extends CommonArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  readonly nameParts: readonly string[];
  readonly gatewaySubnetId: pulumi.Input<string>;
  readonly sku: string;
  readonly sites: readonly VpnSite[];
}

export class VpnGateway extends pulumi.ComponentResource {
  public readonly gatewayId: pulumi.Output<string>;
  public readonly publicIpAddress: pulumi.Output<string | undefined>;

  constructor(name: string, args: VpnGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
    super("grunnmur:network:VpnGateway", name, {}, opts);
    const pip = publicIp(`${name}-pip`, {
      resourceGroupName: args.resourceGroupName,
      location: args.location,
      nameParts: ["vgw", ...args.nameParts],
      tags: args.tags,
      diagnostics: args.diagnostics,
      zoneRedundant: hasZones(args.location),
    }, this);

    const gateway = new network.VirtualNetworkGateway(
      name,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        virtualNetworkGatewayName: azureName("generic", ["vgw", ...args.nameParts]),
        gatewayType: "Vpn",
        vpnType: "RouteBased",
        vpnGatewayGeneration: "Generation1",
        sku: { name: args.sku, tier: args.sku },
        activeActive: false,
        enableBgp: false,
        ipConfigurations: [{ name: "ipconfig", publicIPAddress: { id: pip.id }, subnet: { id: args.gatewaySubnetId } }],
        tags: args.tags,
      },
      { parent: this },
    );
    addDiagnostics(name, gateway.id, args.diagnostics, "logs-and-metrics", this);
    addLock(name, gateway.id, args.lock, this);
    assignRoles(name, gateway.id, `${name}-gateway`, args.roleAssignments, this);

    for (const site of args.sites) {
      const key = `${site.tenant}-${site.key}`;
      const local = new network.LocalNetworkGateway(
        `site-${key}`,
        {
          resourceGroupName: args.resourceGroupName,
          location: args.location,
          localNetworkGatewayName: azureName("generic", ["lgw", site.tenant, site.key]),
          gatewayIpAddress: site.publicIp,
          localNetworkAddressSpace: { addressPrefixes: [...site.prefixes] },
          tags: { ...args.tags, "grunnmur:tenant": site.tenant },
        },
        { parent: this },
      );
      new network.VirtualNetworkGatewayConnection(
        `site-${key}`,
        {
          resourceGroupName: args.resourceGroupName,
          location: args.location,
          virtualNetworkGatewayConnectionName: azureName("generic", ["con", site.tenant, site.key]),
          connectionType: "IPsec",
          connectionProtocol: "IKEv2",
          virtualNetworkGateway1: { id: gateway.id },
          localNetworkGateway2: { id: local.id },
          sharedKey: site.preSharedKey,
          tags: { ...args.tags, "grunnmur:tenant": site.tenant },
        },
        { parent: this },
      );
    }

    this.gatewayId = gateway.id;
    this.publicIpAddress = pip.ipAddress;
    this.registerOutputs({ gatewayId: this.gatewayId });
  }
}
