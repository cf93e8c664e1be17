/**
 * The governance a hub stack writes, with platform.yaml's `governance` section:
 * each of its municipalities' own subscriptions placed in the management
 * groups and with Defender on, and its municipalities' waivers as exemptions
 * (domain/governance/placement-stack.ts says why here and not in the
 * platform). The hierarchy, the assignments and vending are the platform's; the
 * groups' and assignments' names come from the same plans, so no output is read
 * but the platform's subscription, where most municipalities' groups are.
 */
import type * as pulumi from "@pulumi/pulumi";
import { SubscriptionGovernance } from "../../components/governance/subscription-governance";
import { withService, type Tags } from "../../domain/azure/tags";
import { plannedPricings } from "../../domain/governance/defender";
import { managementGroupPlan, managementGroupPrefix } from "../../domain/governance/hierarchy";
import { placementsWrittenBy } from "../../domain/governance/placement-stack";
import type { HubStackInput } from "../inputs";
import { regionExemptions, regionPlacements } from "../platform/governance";
import { WaiverExemptions } from "../../components/governance/waiver-exemptions";
import { assignmentResourceId, plannedAssignments } from "../../domain/governance/policy-twins";

export function hubGovernance(
  input: HubStackInput,
  ctx: { readonly attachments: ReadonlyMap<string, pulumi.Resource>; readonly tags: Tags; readonly location: string; readonly platformSubscriptionId: pulumi.Input<string> },
): void {
  const { platform } = input;
  const settings = platform.governance;
  if (!settings) return;
  const { placements, hubOfTenant } = regionPlacements(platform, input.tenants);
  const groups = managementGroupPlan(managementGroupPrefix(platform.host.slug, settings.managementGroupPrefix), platform.host.displayName);
  for (const p of placementsWrittenBy(input.hub, placements, hubOfTenant)) {
    // Under the municipality's attachment, like the rest of its share of this stack; a scoped preview leaves it out with it.
    const attachment = ctx.attachments.get(p.key);
    if (!attachment) continue;
    new SubscriptionGovernance(
      `subscription-${p.key}`,
      {
        key: p.key,
        subscriptionId: p.subscriptionId,
        groupId: groups.find((g) => g.key === p.group)!.groupId,
        pricings: plannedPricings([p.key], settings.defender.plans, settings.defender.serversPlan),
        contact: settings.defender.securityContact,
        tags: withService(ctx.tags, "security"),
      },
      { parent: attachment },
    );
  }
  const scopeOf = new Map(plannedAssignments().map((a) => [a.key, a.scope] as const));
  const groupIdOf = (key: string) => groups.find((g) => g.key === key)!.groupId;
  const exemptions = regionExemptions(platform, input.tenants, placements, ctx.location).filter((e) => hubOfTenant.get(e.slug) === input.hub);
  for (const slug of [...new Set(exemptions.map((e) => e.slug))]) {
    const attachment = ctx.attachments.get(slug);
    if (!attachment) continue;
    const own = exemptions.filter((e) => e.slug === slug);
    new WaiverExemptions(
      `waivers-${slug}`,
      {
        exemptions: own,
        assignmentIds: Object.fromEntries(own.map((e) => [e.key, assignmentResourceId(groupIdOf(scopeOf.get(e.assignmentKey)!), e.assignmentKey)])),
        platformSubscriptionId: ctx.platformSubscriptionId,
      },
      { parent: attachment },
    );
  }
}
