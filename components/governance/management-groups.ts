/**
 * The region's management groups, each subscription placed in its group, and
 * the subscriptions vended for municipalities (domain/governance/hierarchy.ts).
 * Management groups and subscriptions outlive any stack: they are protected and
 * retained on delete, so removing them from code leaves them in Azure, and a
 * subscription is never cancelled by a deployment.
 */
import * as pulumi from "@pulumi/pulumi";
import * as management from "@pulumi/azure-native/management";
import * as subscription from "@pulumi/azure-native/subscription";
import type { Provider } from "@pulumi/azure-native";
import {
  managementGroupResourceId,
  type ManagementGroupKey,
  type PlannedManagementGroup,
  type PlannedSubscriptionAlias,
  type SubscriptionPlacement,
} from "../../domain/governance/hierarchy";
import type { CollectionOutputs } from "../shared/common-args";

export interface ManagementGroupsArgs {
  /** The directory's id: its tenant root group is the region group's parent. */
  readonly tenantId: pulumi.Input<string>;
  readonly groups: readonly PlannedManagementGroup[];
  /** The platform's subscription goes to the platform group through the default provider. */
  readonly placeThePlatform: boolean;
  /** Municipalities' own subscriptions, each written through a provider of that subscription (the API takes the subscription from it). */
  readonly placements: readonly SubscriptionPlacement[];
  readonly providers: Readonly<Record<string, Provider>>;
  readonly aliases: readonly PlannedSubscriptionAlias[];
}

export class ManagementGroups extends pulumi.ComponentResource implements CollectionOutputs<ManagementGroupKey> {
  public readonly resourceIds = {} as Record<ManagementGroupKey, pulumi.Output<string>>;
  public readonly names = {} as Record<ManagementGroupKey, pulumi.Output<string>>;
  /** Subscription ids of the vended subscriptions, by slug. */
  public readonly vendedSubscriptionIds: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: ManagementGroupsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("grunnmur:governance:ManagementGroups", name, {}, opts);
    const kept = { parent: this, protect: true, retainOnDelete: true };
    const created = {} as Record<ManagementGroupKey, management.ManagementGroup>;
    // Parents first: the plan lists the region's group before its children.
    for (const g of args.groups) {
      // The parent's id from its groupId, as ARM writes it; dependsOn keeps the order the parent's output would.
      const parentId = g.parent
        ? managementGroupResourceId(args.groups.find((p) => p.key === g.parent)!.groupId)
        : pulumi.output(args.tenantId).apply(managementGroupResourceId);
      const group = new management.ManagementGroup(
        `${name}-${g.key}`,
        { groupId: g.groupId, displayName: g.displayName, details: { parent: { id: parentId } } },
        { ...kept, dependsOn: g.parent ? [created[g.parent]] : [] },
      );
      created[g.key] = group;
      this.resourceIds[g.key] = group.id;
      this.names[g.key] = group.name;
    }
    const groupIdOf = (key: ManagementGroupKey) => args.groups.find((g) => g.key === key)!.groupId;
    // A subscription leaving a group is moved, not deleted: retained, so a stack never detaches one.
    const placed = { parent: this, retainOnDelete: true };
    if (args.placeThePlatform) {
      new management.ManagementGroupSubscription(`${name}-place-platform`, { groupId: groupIdOf("platform") }, { ...placed, dependsOn: [created.platform] });
    }
    for (const p of args.placements) {
      const provider = args.providers[p.key];
      if (!provider) throw new Error(`no provider for the subscription of "${p.key}"; the governance stack makes one per municipality's own subscription`);
      new management.ManagementGroupSubscription(`${name}-place-${p.key}`, { groupId: groupIdOf(p.group) }, { ...placed, provider, dependsOn: [created[p.group]] });
    }
    for (const a of args.aliases) {
      const alias = new subscription.Alias(
        `${name}-vend-${a.slug}`,
        {
          aliasName: a.aliasName,
          properties: {
            displayName: a.displayName,
            billingScope: a.billingScope,
            workload: a.workload,
            // Created in its group, so the guardrails hold from its first minute.
            additionalProperties: { managementGroupId: managementGroupResourceId(groupIdOf(a.group)) },
          },
        },
        // Deleting an alias does not cancel its subscription, but a stack must never try: kept.
        { ...kept, dependsOn: [created[a.group]] },
      );
      this.vendedSubscriptionIds[a.slug] = alias.properties.apply((p) => p.subscriptionId ?? "");
    }
    this.registerOutputs({ resourceIds: this.resourceIds, names: this.names, vendedSubscriptionIds: this.vendedSubscriptionIds });
  }
}
