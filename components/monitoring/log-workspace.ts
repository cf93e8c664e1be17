/**
 * The central Log Analytics workspace. Stateful: audit trails must outlive any
 * mistake in code, so it is protected, retained on delete and locked.
 */
import * as pulumi from "@pulumi/pulumi";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import { azureName } from "../../domain/azure/names";
import { addLock } from "../shared/lock";
import type { CommonArgs, ComponentOutputs } from "../shared/common-args";

// No diagnostics input: this workspace is where every diagnostic setting sends its logs.
export interface LogWorkspaceArgs extends Omit<CommonArgs, "diagnostics"> {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  readonly nameParts: readonly string[];
  readonly retentionDays: number;
}

export class LogWorkspace extends pulumi.ComponentResource implements ComponentOutputs {
  public readonly resourceId: pulumi.Output<string>;
  public readonly name: pulumi.Output<string>;

  constructor(name: string, args: LogWorkspaceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("grunnmur:monitoring:LogWorkspace", name, {}, opts);
    const workspace = new operationalinsights.Workspace(
      name,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        workspaceName: azureName("logWorkspace", [...args.nameParts]),
        sku: { name: "PerGB2018" },
        retentionInDays: args.retentionDays,
        features: { disableLocalAuth: true },
        tags: args.tags,
      },
      { parent: this, protect: true, retainOnDelete: true },
    );
    addLock(name, workspace.id, args.lock ?? { kind: "CanNotDelete" }, this, { kept: true });
    this.resourceId = workspace.id;
    this.name = workspace.name;
    this.registerOutputs({ resourceId: this.resourceId, name: this.name });
  }
}
