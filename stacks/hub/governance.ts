/**
 * The governance a hub stack writes, with platform.yaml's `governance` section:
 * each of its municipalities' own subscriptions placed in the management
 * groups and with Defender on (domain/governance/placement-stack.ts says why
 * here and not in the platform). The hierarchy, vending and exemptions are the
 * platform's; the groups' names come from the same plan, so no output is read.
 */
import type * as pulumi from "@pulumi/pulumi";
import { SubscriptionGovernance } from "../../components/governance/subscription-governance";
import { withService, type Tags } from "../../domain/azure/tags";
import { plannedPricings } from "../../domain/governance/defender";
import { managementGroupPlan, managementGroupPrefix } from "../../domain/governance/hierarchy";
import { placementsWrittenBy } from "../../domain/governance/placement-stack";
import type { HubStackInput } from "../inputs";
import { regionPlacements } from "../platform/governance";

export function hubGovernance(input: HubStackInput, ctx: { readonly attachments: ReadonlyMap<string, pulumi.Resource>; readonly tags: Tags }): void {
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
}
