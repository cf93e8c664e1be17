/**
 * Private DNS zones for the private endpoints the platform and tenants use, the
 * hub links, and a DNS private resolver whose inbound endpoint on-premises DNS
 * servers forward to. Every other hub's resolver and links are its own stack's
 * (HubDns); no spoke is linked (docs/network-scale.md).
 */
import * as pulumi from "@pulumi/pulumi";
import * as privatedns from "@pulumi/azure-native/privatedns";
import { azureName } from "../../domain/azure/names";
import type { CommonArgs, ComponentOutputs } from "../shared/common-args";
import { addLock } from "../shared/lock";
import { inboundResolver } from "./inbound-resolver";
import { zoneLink } from "./zone-link";

/** Zones by the key stack outputs and private endpoints use. */
export function privateDnsZoneNames(location: string): Record<string, string> {
  // Azure Backup's zone carries a geo code: nwe for Norway East, nww for Norway West.
  const backupGeo: Record<string, string> = { norwayeast: "nwe", norwaywest: "nww" };
  return {
    blob: "privatelink.blob.core.windows.net",
    file: "privatelink.file.core.windows.net",
    vault: "privatelink.vaultcore.azure.net",
    backup: `privatelink.${backupGeo[location] ?? location}.backup.windowsazure.com`,
    monitor: "privatelink.monitor.azure.com",
    oms: "privatelink.oms.opinsights.azure.com",
    ods: "privatelink.ods.opinsights.azure.com",
    automation: "privatelink.agentsvc.azure-automation.net",
  };
}

// No diagnostics input: a DNS private resolver has no log categories and its metrics are not exportable
// through diagnostic settings (learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-network-dnsresolvers-metrics).
export interface PrivateDnsArgs extends Omit<CommonArgs, "diagnostics"> {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  readonly nameParts: readonly string[];
  /** Hub VNets to link, by stable key. */
  readonly hubVnets: Readonly<Record<string, pulumi.Input<string>>>;
  readonly resolverVnetId: pulumi.Input<string>;
  readonly resolverSubnetId: pulumi.Input<string>;
  /** Static address of the resolver's inbound endpoint. */
  readonly resolverInboundIp: string;
}

/** Its principal resource is the DNS private resolver; the zones are found by key in zoneIds. */
export class PrivateDns extends pulumi.ComponentResource implements ComponentOutputs {
  public readonly resourceId: pulumi.Output<string>;
  public readonly name: pulumi.Output<string>;
  /** Zone ids by key (blob, file, vault, ...). */
  public readonly zoneIds: Record<string, pulumi.Output<string>> = {};
  public readonly zoneNames: Record<string, string>;
  public readonly resolverInboundIp: string;

  constructor(name: string, args: PrivateDnsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("grunnmur:dns:PrivateDns", name, {}, opts);
    this.zoneNames = privateDnsZoneNames(args.location);
    for (const [key, zoneName] of Object.entries(this.zoneNames)) {
      const zone = new privatedns.PrivateZone(
        `${name}-${key}`,
        { resourceGroupName: args.resourceGroupName, location: "global", privateZoneName: zoneName, tags: args.tags },
        { parent: this },
      );
      this.zoneIds[key] = zone.id;
      for (const [hubKey, vnetId] of Object.entries(args.hubVnets)) {
        zoneLink(`${name}-${key}-${hubKey}`, { zonesResourceGroupName: args.resourceGroupName, zoneName: zone.name, vnetKey: hubKey, vnetId, tags: args.tags }, this);
      }
    }

    const resolver = inboundResolver(
      `${name}-resolver`,
      `${name}-inbound`,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        dnsResolverName: azureName("generic", ["dnspr", ...args.nameParts]),
        vnetId: args.resolverVnetId,
        subnetId: args.resolverSubnetId,
        inboundIp: args.resolverInboundIp,
        tags: args.tags,
      },
      this,
    );
    addLock(name, resolver.id, args.lock, this);
    this.resourceId = resolver.id;
    this.name = resolver.name;
    this.resolverInboundIp = args.resolverInboundIp;
    this.registerOutputs({ resourceId: this.resourceId, name: this.name, zoneIds: this.zoneIds, resolverInboundIp: this.resolverInboundIp });
  }
}
