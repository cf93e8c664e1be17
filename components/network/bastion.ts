/** Azure Bastion: administrators reach VMs through it; no public RDP or SSH anywhere. */
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import { azureName } from "../../domain/azure/names";
import { addDiagnostics } from "../shared/diagnostics";
import type { CommonArgs } from "../shared/common-args";
import { hasZones, publicIp } from "./public-ip";
import { addLock } from "../shared/lock";
import { assignRoles } from "../shared/role-assignments";

export interface BastionArgs extends CommonArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  readonly nameParts: readonly string[];
  readonly subnetId: pulumi.Input<string>;
  readonly sku: "Basic" | "Standard";
}

export class Bastion extends pulumi.ComponentResource {
  public readonly bastionId: pulumi.Output<string>;

  constructor(name: string, args: BastionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("grunnmur:network:Bastion", name, {}, opts);
    const pip = publicIp(`${name}-pip`, {
      resourceGroupName: args.resourceGroupName,
      location: args.location,
      nameParts: ["bas", ...args.nameParts],
      tags: args.tags,
      diagnostics: args.diagnostics,
      zoneRedundant: hasZones(args.location),
    }, this);
    const bastion = new network.BastionHost(
      name,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        bastionHostName: azureName("generic", ["bas", ...args.nameParts]),
        sku: { name: args.sku },
        ipConfigurations: [{ name: "ipconfig", publicIPAddress: { id: pip.id }, subnet: { id: args.subnetId } }],
        tags: args.tags,
      },
      { parent: this },
    );
    addDiagnostics(name, bastion.id, args.diagnostics, "logs", this);
    addLock(name, bastion.id, args.lock, this);
    assignRoles(name, bastion.id, `${name}-bastion`, args.roleAssignments, this);
    this.bastionId = bastion.id;
    this.registerOutputs({ bastionId: this.bastionId });
  }
}
