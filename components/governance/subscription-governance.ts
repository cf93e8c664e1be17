/**
 * One municipality's own subscription, governed from its hub's stack: placed
 * in its management group and with the region's Defender plans and security
 * contact, as the platform governs the rest (components/governance/
 * management-groups.ts, defender.ts). The management groups themselves are the
 * platform's: this only names the group to place the subscription in.
 */
import * as pulumi from "@pulumi/pulumi";
import * as management from "@pulumi/azure-native/management";
import { Provider } from "@pulumi/azure-native";
import type { PlannedPricing } from "../../domain/governance/defender";
import type { Tags } from "../../domain/azure/tags";
import type { ComponentOutputs } from "../shared/common-args";
import { Defender, type DefenderArgs } from "./defender";

export interface SubscriptionGovernanceArgs {
  /** The placement's key: the municipality's slug. */
  readonly key: string;
  readonly subscriptionId: string;
  /** The management group's groupId (domain/governance/hierarchy.ts managementGroupPlan). */
  readonly groupId: string;
  readonly pricings: readonly PlannedPricing[];
  readonly contact: DefenderArgs["contact"];
  readonly tags: Tags;
}

export class SubscriptionGovernance extends pulumi.ComponentResource implements ComponentOutputs {
  public readonly resourceId: pulumi.Output<string>;
  public readonly name: pulumi.Output<string>;

  constructor(name: string, args: SubscriptionGovernanceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("grunnmur:governance:SubscriptionGovernance", name, {}, opts);
    // The placement API takes the subscription from the provider, as in the platform's placements.
    const provider = new Provider(`${name}-provider`, { subscriptionId: args.subscriptionId }, { parent: this });
    // A subscription leaving a group is moved, not deleted: retained, so a stack never detaches one.
    const placement = new management.ManagementGroupSubscription(`${name}-place`, { groupId: args.groupId }, { parent: this, provider, retainOnDelete: true });
    new Defender(
      `${name}-defender`,
      { pricings: args.pricings, subscriptionIds: { [args.key]: args.subscriptionId }, providers: { [args.key]: provider }, contact: args.contact, tags: args.tags },
      { parent: this },
    );
    this.resourceId = placement.id;
    this.name = placement.name;
    this.registerOutputs({ resourceId: this.resourceId, name: this.name });
  }
}
