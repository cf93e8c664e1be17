/** Standard, static, zone-redundant public IPs: the only kind the platform uses. */
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import { azureName } from "../../domain/azure/names";
import { addDiagnostics } from "../shared/diagnostics";
import type { DiagnosticsArgs } from "../shared/common-args";
import type { Tags } from "../../domain/azure/tags";

export interface PublicIpArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  readonly nameParts: readonly string[];
  readonly tags: Tags;
  readonly diagnostics?: DiagnosticsArgs;
  /** Only where the region has zones (domain/azure/regions.ts). */
  readonly zoneRedundant: boolean;
}

export function publicIp(name: string, args: PublicIpArgs, parent: pulumi.Resource): network.PublicIPAddress {
  const ip = new network.PublicIPAddress(
    name,
    {
      resourceGroupName: args.resourceGroupName,
      location: args.location,
      publicIpAddressName: azureName("generic", ["pip", ...args.nameParts]),
      sku: { name: "Standard", tier: "Regional" },
      publicIPAllocationMethod: "Static",
      publicIPAddressVersion: "IPv4",
      zones: args.zoneRedundant ? ["1", "2", "3"] : undefined,
      tags: args.tags,
    },
    { parent },
  );
  addDiagnostics(name, ip.id, args.diagnostics, "logs-and-metrics", parent);
  return ip;
}
