/**
 * A firewall policy's own rule collection groups, written one after another:
 * Azure rejects concurrent writes to one policy. Shared by the hub firewalls'
 * policies (firewall.ts) and the parent policy of a region of several hubs
 * (firewall-parent-policy.ts), so the two write groups the same way.
 */
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import type { RuleCollectionGroupSpec } from "../../domain/network/firewall-rules";
import { ruleCollectionGroupAzureName, ruleGroupName } from "../../domain/network/tenant-attachment-names";

/** Writes `groups` into the policy in order, children of `parent`; returns the last, which later groups wait for. */
export function writePolicyRuleGroups(
  ownerName: string,
  policy: { readonly name: pulumi.Input<string>; readonly resourceGroupName: pulumi.Input<string> },
  groups: readonly RuleCollectionGroupSpec[],
  parent: pulumi.Resource,
): pulumi.Resource | undefined {
  let previous: pulumi.Resource | undefined;
  for (const group of groups) {
    previous = new network.FirewallPolicyRuleCollectionGroup(
      ruleGroupName(ownerName, group.key),
      {
        resourceGroupName: policy.resourceGroupName,
        firewallPolicyName: policy.name,
        ruleCollectionGroupName: ruleCollectionGroupAzureName(group.key),
        priority: group.priority,
        ruleCollections: group.ruleCollections.map((c) => ({ ...c, rules: c.rules.map((r) => ({ ...r })) })),
      },
      { parent, dependsOn: previous ? [previous] : [] },
    );
  }
  return previous;
}
