/**
 * DNS of a hub other than the primary, in that hub's own stack: a resolver in
 * the hub's VNet, whose inbound endpoint the hub's spokes and its sites'
 * forwarders use, and the hub VNet's link in every private DNS zone of the
 * platform (the zones stay the platform's, in its shared resource group). A
 * resolver answers from the zones linked to its own VNet, so no spoke needs a
 * link: a link per hub keeps each zone far from its 1,000 links
 * (https://learn.microsoft.com/azure/dns/private-dns-privatednszone#limits).
 */
import * as pulumi from "@pulumi/pulumi";
import { azureName } from "../../domain/azure/names";
import type { CommonArgs, ComponentOutputs } from "../shared/common-args";
import { addLock } from "../shared/lock";
import { inboundResolver } from "./inbound-resolver";
import { zoneLink } from "./zone-link";
import { privateDnsZoneNames } from "./private-dns";

// No diagnostics: a DNS private resolver has no log categories (see private-dns.ts).
export interface HubDnsArgs extends Omit<CommonArgs, "diagnostics"> {
  /** The hub's key and its VNet's key in the zones' link names (hub-<key>). */
  readonly hubKey: string;
  readonly vnetKey: string;
  /** The hub's resource group: its resolver lives with its network. */
  readonly resourceGroupName: pulumi.Input<string>;
  /** The platform's resource group of the private DNS zones. */
  readonly zonesResourceGroupName: pulumi.Input<string>;
  readonly location: string;
  readonly nameParts: readonly string[];
  readonly vnetId: pulumi.Input<string>;
  readonly subnetId: pulumi.Input<string>;
  readonly inboundIp: string;
}

export class HubDns extends pulumi.ComponentResource implements ComponentOutputs {
  public readonly resourceId: pulumi.Output<string>;
  public readonly name: pulumi.Output<string>;
  public readonly resolverInboundIp: string;

  constructor(name: string, args: HubDnsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("grunnmur:dns:HubDns", name, {}, opts);
    for (const [key, zoneName] of Object.entries(privateDnsZoneNames(args.location))) {
      zoneLink(`${name}-${key}`, { zonesResourceGroupName: args.zonesResourceGroupName, zoneName, vnetKey: args.vnetKey, vnetId: args.vnetId, tags: args.tags }, this);
    }
    const resolver = inboundResolver(
      `${name}-resolver`,
      `${name}-inbound`,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        dnsResolverName: azureName("generic", ["dnspr", args.hubKey, ...args.nameParts]),
        vnetId: args.vnetId,
        subnetId: args.subnetId,
        inboundIp: args.inboundIp,
        tags: args.tags,
      },
      this,
    );
    addLock(name, resolver.id, args.lock, this);
    this.resourceId = resolver.id;
    this.name = resolver.name;
    this.resolverInboundIp = args.inboundIp;
    this.registerOutputs({ resourceId: this.resourceId, name: this.name, resolverInboundIp: this.resolverInboundIp });
  }
}
