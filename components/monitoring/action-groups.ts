/**
 * The action groups alerts are sent to: one for the platform team and one per
 * municipality, each with e-mail receivers only (from platform.yaml's alerting
 * section and the tenant files' contacts). The plan is domain/alerting/plan.ts.
 * Action groups are a global resource ("global" location), kept in the
 * platform's monitoring resource group.
 */
import * as pulumi from "@pulumi/pulumi";
import * as monitor from "@pulumi/azure-native/monitor";
import type { ActionGroupPlan, Owner } from "../../domain/alerting/plan";
import type { Tags } from "../../domain/azure/tags";
import type { CollectionOutputs } from "../shared/common-args";

export interface ActionGroupsArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly groups: readonly ActionGroupPlan[];
  readonly tags: Tags;
  /** Where a municipality's group lives in the state: its TenantAttachment, with the rest of its share of the hub. */
  readonly parentFor?: (owner: Owner) => pulumi.Resource | undefined;
}

export class ActionGroups extends pulumi.ComponentResource implements CollectionOutputs {
  /** Action group ids and names by owner ("platform" or a slug). */
  public readonly resourceIds: Record<Owner, pulumi.Output<string>> = {};
  public readonly names: Record<Owner, pulumi.Output<string>> = {};

  constructor(name: string, args: ActionGroupsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("grunnmur:monitoring:ActionGroups", name, {}, opts);
    for (const plan of args.groups) {
      const group = new monitor.ActionGroup(
        `ag-${plan.owner}`,
        {
          resourceGroupName: args.resourceGroupName,
          actionGroupName: plan.actionGroupName,
          groupShortName: plan.groupShortName,
          location: "global",
          enabled: true,
          emailReceivers: plan.receivers.map((r) => ({ name: r.name, emailAddress: r.email, useCommonAlertSchema: true })),
          tags: plan.owner === "platform" ? args.tags : { ...args.tags, "grunnmur:tenant": plan.owner },
        },
        { parent: args.parentFor?.(plan.owner) ?? this },
      );
      this.resourceIds[plan.owner] = group.id;
      this.names[plan.owner] = group.name;
    }
    this.registerOutputs({ resourceIds: this.resourceIds, names: this.names });
  }
}
