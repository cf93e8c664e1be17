/**
 * A DNS private resolver with its one static inbound endpoint: the platform's
 * (PrivateDns) and every other hub's (HubDns) are made by this, so the two
 * cannot drift apart. Spokes and sites' forwarders send their queries to the
 * endpoint; the resolver answers from the zones linked to its own VNet.
 */
import type * as pulumi from "@pulumi/pulumi";
import * as dnsresolver from "@pulumi/azure-native/dnsresolver";
import type { Tags } from "../../domain/azure/tags";

export interface InboundResolverArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  readonly dnsResolverName: string;
  readonly vnetId: pulumi.Input<string>;
  readonly subnetId: pulumi.Input<string>;
  readonly inboundIp: string;
  readonly tags?: Tags;
}

/** `<resolverName>` and `<inboundName>` are the logical names, kept as they were before the hubs' stacks. */
export function inboundResolver(resolverName: string, inboundName: string, args: InboundResolverArgs, parent: pulumi.Resource): dnsresolver.DnsResolver {
  const resolver = new dnsresolver.DnsResolver(
    resolverName,
    { resourceGroupName: args.resourceGroupName, location: args.location, dnsResolverName: args.dnsResolverName, virtualNetwork: { id: args.vnetId }, tags: args.tags },
    { parent },
  );
  new dnsresolver.InboundEndpoint(
    inboundName,
    {
      resourceGroupName: args.resourceGroupName,
      location: args.location,
      dnsResolverName: resolver.name,
      inboundEndpointName: "inbound",
      ipConfigurations: [{ subnet: { id: args.subnetId }, privateIpAddress: args.inboundIp, privateIpAllocationMethod: "Static" }],
      tags: args.tags,
    },
    { parent },
  );
  return resolver;
}
