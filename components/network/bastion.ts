/** Azure Bastion: administrators reach VMs through it; no public RDP or SSH anywhere. */
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import { azureName } from "../../domain/azure/names";
import { addDiagnostics } from "../shared/diagnostics";
import type { CommonArgs, ComponentOutputs } from "../shared/common-args";
import { publicIp } from "./public-ip";
import { hasZones } from "../../domain/azure/regions";
import { addLock } from "../shared/lock";

export interface BastionArgs extends CommonArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  readonly nameParts: readonly string[];
  readonly subnetId: pulumi.Input<string>;
  readonly sku: "Basic" | "Standard";
}

export class Bastion extends pulumi.ComponentResource implements ComponentOutputs {
  public readonly resourceId: pulumi.Output<string>;
  public readonly name: pulumi.Output<string>;

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
    this.resourceId = bastion.id;
    this.name = bastion.name;
    this.registerOutputs({ resourceId: this.resourceId, name: this.name });
  }
}
