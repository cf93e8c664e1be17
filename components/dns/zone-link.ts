/**
 * A hub VNet's link in one private DNS zone, without auto-registration: the
 * platform's hubs' (PrivateDns) and every other hub's (HubDns) are made by this.
 * The link is named after the VNet's key (dnsLinkName), so each hub has one per zone.
 */
import type * as pulumi from "@pulumi/pulumi";
import * as privatedns from "@pulumi/azure-native/privatedns";
import { dnsLinkName } from "../../domain/network/hub-names";
import type { Tags } from "../../domain/azure/tags";

export interface ZoneLinkArgs {
  readonly zonesResourceGroupName: pulumi.Input<string>;
  readonly zoneName: pulumi.Input<string>;
  /** The VNet's key in link names: hub, hub-dr, hub-<key>. */
  readonly vnetKey: string;
  readonly vnetId: pulumi.Input<string>;
  readonly tags?: Tags;
}

export function zoneLink(name: string, args: ZoneLinkArgs, parent: pulumi.Resource): privatedns.VirtualNetworkLink {
  return new privatedns.VirtualNetworkLink(
    name,
    {
      resourceGroupName: args.zonesResourceGroupName,
      location: "global",
      privateZoneName: args.zoneName,
      virtualNetworkLinkName: dnsLinkName(args.vnetKey),
      virtualNetwork: { id: args.vnetId },
      registrationEnabled: false,
      tags: args.tags,
    },
    { parent },
  );
}
