/**
 * A private endpoint with its DNS zone group, so the service's name resolves to
 * the private address inside the region. Shared by the platform (Key Vault,
 * vault, RADIUS config store) and the tenants (storage).
 */
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import { azureName } from "../../domain/azure/names";
import type { Tags } from "../../domain/azure/tags";

export interface PrivateEndpointArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  readonly nameParts: readonly string[];
  readonly subnetId: pulumi.Input<string>;
  /** ARM id of the resource the endpoint connects to. */
  readonly targetResourceId: pulumi.Input<string>;
  /** The sub-resource, e.g. "vault", "file", "blob", "AzureBackup". */
  readonly groupId: string;
  readonly privateDnsZoneId: pulumi.Input<string>;
  readonly tags: Tags;
  /**
   * Keep the endpoint (and its DNS zone group) in Azure when it leaves the stack:
   * needed when the target is locked, since deleting an endpoint deletes a
   * connection below its target, which the lock refuses (policy DL-03).
   */
  readonly retainOnDelete?: boolean;
}

export function privateEndpoint(name: string, args: PrivateEndpointArgs, parent: pulumi.Resource): network.PrivateEndpoint {
  const opts: pulumi.CustomResourceOptions = args.retainOnDelete ? { parent, retainOnDelete: true } : { parent };
  const endpointName = azureName("generic", ["pe", ...args.nameParts, args.groupId.toLowerCase()]);
  const endpoint = new network.PrivateEndpoint(
    name,
    {
      resourceGroupName: args.resourceGroupName,
      location: args.location,
      privateEndpointName: endpointName,
      subnet: { id: args.subnetId },
      privateLinkServiceConnections: [{ name: endpointName, privateLinkServiceId: args.targetResourceId, groupIds: [args.groupId] }],
      tags: args.tags,
    },
    opts,
  );
  new network.PrivateDnsZoneGroup(
    name,
    {
      resourceGroupName: args.resourceGroupName,
      privateEndpointName: endpoint.name,
      privateDnsZoneGroupName: "default",
      privateDnsZoneConfigs: [{ name: args.groupId.toLowerCase(), privateDnsZoneId: args.privateDnsZoneId }],
    },
    opts,
  );
  return endpoint;
}
