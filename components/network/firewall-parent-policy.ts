/**
 * The parent firewall policy of a region with several hubs: it holds the rules
 * every hub must enforce (the isolation group: no tenant spoke to another), and
 * each hub's own policy names it as `basePolicy`. Rule collections inherited
 * from a parent are processed before the child's own, whatever their priority
 * (learn.microsoft.com/azure/firewall/rule-processing, "Inherited rules"), so no
 * tenant rule in a hub's policy can open what the parent denies.
 *
 * A parent and its children must be in the same region
 * (learn.microsoft.com/azure/firewall-manager/policy-overview, hierarchical
 * policies), so the DR hub's firewall in Norway West keeps its own copy of the
 * isolation group instead.
 */
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import { azureName } from "../../domain/azure/names";
import type { CommonArgs, ComponentOutputs } from "../shared/common-args";
import type { RuleCollectionGroupSpec } from "../../domain/network/firewall-rules";
import { writePolicyRuleGroups } from "./policy-rule-groups";

// A policy takes no diagnostic setting or lock of its own: the firewalls that use it do (firewall.ts).
export interface FirewallParentPolicyArgs extends Omit<CommonArgs, "diagnostics" | "lock"> {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  readonly nameParts: readonly string[];
  /** Standard: a child of either tier may inherit from it (unverified for Premium children; see docs/hubs.md). */
  readonly tier: "Standard" | "Premium";
  readonly ruleCollectionGroups: readonly RuleCollectionGroupSpec[];
}

export class FirewallParentPolicy extends pulumi.ComponentResource implements ComponentOutputs {
  public readonly resourceId: pulumi.Output<string>;
  public readonly name: pulumi.Output<string>;
  /** The last group written: a child policy is attached once the parent holds all its rules. */
  public readonly lastRuleGroup: pulumi.Resource | undefined;

  constructor(name: string, args: FirewallParentPolicyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("grunnmur:network:FirewallParentPolicy", name, {}, opts);
    const policy = new network.FirewallPolicy(
      `${name}-policy`,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        firewallPolicyName: azureName("generic", ["afwp", ...args.nameParts]),
        sku: { tier: args.tier },
        threatIntelMode: "Deny",
        tags: args.tags,
      },
      { parent: this },
    );
    const previous = writePolicyRuleGroups(name, { name: policy.name, resourceGroupName: args.resourceGroupName }, args.ruleCollectionGroups, this);
    this.resourceId = policy.id;
    this.name = policy.name;
    this.lastRuleGroup = previous;
    this.registerOutputs({ resourceId: this.resourceId, name: this.name });
  }
}
