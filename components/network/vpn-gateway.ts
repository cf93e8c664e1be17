/**
 * The site-to-site VPN gateway in the hub. Each municipality's sites (a local
 * network gateway and an IPsec connection each) belong to its TenantAttachment.
 */
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import { azureName } from "../../domain/azure/names";
import { addDiagnostics } from "../shared/diagnostics";
import type { CommonArgs, ComponentOutputs } from "../shared/common-args";
import { publicIp } from "./public-ip";
import { hasZones } from "../../domain/azure/regions";
import { addLock } from "../shared/lock";

export interface VpnGatewayArgs extends CommonArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  readonly nameParts: readonly string[];
  readonly gatewaySubnetId: pulumi.Input<string>;
  readonly sku: string;
}

export class VpnGateway extends pulumi.ComponentResource implements ComponentOutputs {
  public readonly resourceId: pulumi.Output<string>;
  public readonly name: pulumi.Output<string>;
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

    this.resourceId = gateway.id;
    this.name = gateway.name;
    this.publicIpAddress = pip.ipAddress;
    this.registerOutputs({ resourceId: this.resourceId, name: this.name });
  }
}
