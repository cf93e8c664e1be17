/**
 * Defender for Cloud's continuous export of one subscription's alerts,
 * recommendations and secure scores to the central workspace
 * (domain/governance/defender.ts, CONTINUOUS_EXPORT). Created in the
 * subscription it exports, by the provider its parent gives it: Azure takes
 * only scopes in the automation's own subscription.
 */
import * as pulumi from "@pulumi/pulumi";
import * as security from "@pulumi/azure-native/security";
import { CONTINUOUS_EXPORT, continuousExportScope } from "../../domain/governance/defender";
import type { Tags } from "../../domain/azure/tags";
import type { ComponentOutputs } from "../shared/common-args";

export interface DefenderExportArgs {
  /** The subscription exported; the automation is created in it. */
  readonly subscriptionId: pulumi.Input<string>;
  /** A resource group of that subscription, where the automation lives. */
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  /** The central workspace, in the platform's subscription. */
  readonly workspaceResourceId: pulumi.Input<string>;
  /** What the scope is, for people reading it in the portal. */
  readonly scopeDescription: string;
  readonly tags: Tags;
}

export class DefenderExport extends pulumi.ComponentResource implements ComponentOutputs {
  public readonly resourceId: pulumi.Output<string>;
  public readonly name: pulumi.Output<string>;

  constructor(name: string, args: DefenderExportArgs, opts?: pulumi.ComponentResourceOptions) {
    super("grunnmur:governance:DefenderExport", name, {}, opts);
    const automation = new security.Automation(
      `${name}-automation`,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        automationName: CONTINUOUS_EXPORT.automationName,
        description: CONTINUOUS_EXPORT.description,
        isEnabled: true,
        scopes: [pulumi.output(args.subscriptionId).apply((id) => continuousExportScope(id, args.scopeDescription))],
        sources: CONTINUOUS_EXPORT.sources.map((eventSource) => ({ eventSource })),
        actions: [{ actionType: "Workspace", workspaceResourceId: args.workspaceResourceId }],
        tags: args.tags,
      },
      { parent: this },
    );
    this.resourceId = automation.id;
    this.name = automation.name;
    this.registerOutputs({ resourceId: this.resourceId, name: this.name });
  }
}
