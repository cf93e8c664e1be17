/**
 * Guardrails in Azure itself, from platform.yaml's optional `governance`
 * section: the management group hierarchy with every subscription placed,
 * subscriptions vended for municipalities, Azure Policy as the runtime twin of
 * the policy pack with tenants' waivers as exemptions, and Defender for Cloud.
 * A platform file without the section gets none of it, and its stack is
 * unchanged. The planning is in domain/governance/; this file only wires it.
 * Another hub's municipalities' own subscriptions and waivers are governed by
 * that hub's stack (stacks/hub/governance.ts) from the same plans.
 */
import * as pulumi from "@pulumi/pulumi";
import { Provider } from "@pulumi/azure-native";
import { Defender } from "../../components/governance/defender";
import { ManagementGroups } from "../../components/governance/management-groups";
import { PolicyGuardrails } from "../../components/governance/policy-guardrails";
import { REGION_CODES } from "../../domain/azure/names";
import { TENANT_RESOURCE_GROUP_KEYS, TENANT_VAULT_RESOURCE_GROUP_KEY, tenantResourceGroupName, type TenantResourceGroupKey } from "../../domain/azure/tenant-names";
import { withService, type Tags } from "../../domain/azure/tags";
import { plannedPricings } from "../../domain/governance/defender";
import { plannedExemptions, type PlannedExemption } from "../../domain/governance/exemptions";
import { hubPlacementKey, managementGroupPlan, managementGroupPrefix, subscriptionAliases, subscriptionPlacements, type SubscriptionPlacement, type TenantSubscriptionFacts } from "../../domain/governance/hierarchy";
import { placementsWrittenBy } from "../../domain/governance/placement-stack";
import { HUB_MAIN, hubOf } from "../../domain/network/hub-placement";
import type { PlatformFile } from "../../tenants/schema/platform";
import type { ResolvedTenant } from "../../tenants/region";
import { hubTenantSubscriptions, tenantSubscription } from "../../domain/azure/tenant-subscription";
import { approvedDeparture } from "../../tenants/departure";
import type { PlatformStackInput } from "../inputs";

export interface GovernanceContext {
  readonly tenantId: pulumi.Input<string>;
  readonly platformSubscriptionId: pulumi.Input<string>;
  readonly location: string;
  readonly workspaceResourceId: pulumi.Input<string>;
  /** The monitoring resource group: Defender's continuous export lives beside the workspace. */
  readonly monitoringResourceGroupName: pulumi.Input<string>;
  readonly tags: Tags;
}

export interface GovernanceOutputs {
  /** Management group ids by key (region, platform, municipalities, decommissioned). */
  readonly managementGroupIds: Record<string, pulumi.Output<string>>;
  /** Subscriptions created for municipalities, by slug: register each in platform.yaml subscriptions. */
  readonly vendedSubscriptionIds: Record<string, pulumi.Output<string>>;
}

/** Every subscription of the region with where it goes, and each municipality's hub: the platform's and the hub stacks' one plan. */
export function regionPlacements(platform: PlatformFile, tenants: readonly ResolvedTenant[]): { placements: SubscriptionPlacement[]; hubOfTenant: Map<string, string>; facts: TenantSubscriptionFacts[] } {
  const facts: TenantSubscriptionFacts[] = tenants.map((t) => ({
    slug: t.spec.slug,
    displayName: t.spec.displayName,
    subscriptionId: t.spec.azure.subscriptionId,
    departing: approvedDeparture(platform, t.spec) !== undefined,
  }));
  // Each hub's shared tenant subscription is placed once, for the hub, not per tenant in it.
  // Planned over the whole region in every stack, so a subscription claimed twice fails all of them.
  const placements = subscriptionPlacements(facts, hubTenantSubscriptions(platform));
  return { placements, hubOfTenant: new Map(tenants.map((t) => [t.spec.slug, hubOf(platform, t.spec)])), facts };
}

/**
 * Every waiver of the region as exemptions, planned alike in every stack; each
 * stack makes those of its own municipalities (the platform the primary hub's,
 * a hub stack its hub's), so a waiver changes the stack of its municipality's hub.
 */
export function regionExemptions(platform: PlatformFile, tenants: readonly ResolvedTenant[], placements: readonly SubscriptionPlacement[], location: string): PlannedExemption[] {
  const env = platform.environment;
  const region = REGION_CODES[location];
  // Every placement, whoever writes it: an exemption's scope follows where the subscription is.
  const inMunicipalities = new Set(placements.filter((p) => p.group === "municipalities").map((p) => p.key));
  return plannedExemptions(
    tenants.map((t) => {
      const home = tenantSubscription(platform, t.spec);
      const keys: Array<TenantResourceGroupKey | typeof TENANT_VAULT_RESOURCE_GROUP_KEY> = home.subscriptionId ? [...TENANT_RESOURCE_GROUP_KEYS, TENANT_VAULT_RESOURCE_GROUP_KEY] : [...TENANT_RESOURCE_GROUP_KEYS];
      return {
        slug: t.spec.slug,
        file: t.file,
        waivers: t.spec.waivers,
        subscriptionId: home.subscriptionId,
        resourceGroupNames: keys.map((k) => tenantResourceGroupName(t.spec.slug, k, env, region)),
        inMunicipalitiesGroup: inMunicipalities.has(home.source === "hub" ? hubPlacementKey(home.hub) : t.spec.slug),
      };
    }),
  );
}

export function governance(input: PlatformStackInput, ctx: GovernanceContext): GovernanceOutputs | undefined {
  const { platform, tenants } = input;
  const settings = platform.governance;
  if (!settings) return undefined;
  const env = platform.environment;
  const holder = new pulumi.ComponentResource("grunnmur:governance:Governance", "governance", {});

  const { placements: allPlacements, hubOfTenant, facts } = regionPlacements(platform, tenants);
  // Another hub's municipalities' own subscriptions are placed by that hub's stack (stacks/hub/governance.ts).
  const placements = placementsWrittenBy(HUB_MAIN, allPlacements, hubOfTenant);
  // A provider per municipality's own subscription and per hub's shared one: placement and the security contact are written in it.
  const providers = Object.fromEntries(
    placements.map((p) => [p.key, new Provider(`governance-${p.key}`, { subscriptionId: p.subscriptionId }, { parent: holder })]),
  );
  const groupPlan = managementGroupPlan(managementGroupPrefix(platform.host.slug, settings.managementGroupPrefix), platform.host.displayName);
  const groups = new ManagementGroups(
    "management-groups",
    { tenantId: ctx.tenantId, groups: groupPlan, placeThePlatform: true, placements, providers, aliases: subscriptionAliases(settings.subscriptionVending, facts, env) },
    { parent: holder },
  );
  const groupId = (key: string) => groupPlan.find((g) => g.key === key)!.groupId;

  // Another hub's municipalities' waivers are exempted by that hub's stack (stacks/hub/governance.ts).
  const exemptions = regionExemptions(platform, tenants, allPlacements, ctx.location).filter((e) => (hubOfTenant.get(e.slug) ?? HUB_MAIN) === HUB_MAIN);
  new PolicyGuardrails(
    "policy-guardrails",
    {
      groupIds: { region: groupId("region"), municipalities: groupId("municipalities") },
      groups: [groups],
      location: ctx.location,
      workspaceResourceId: ctx.workspaceResourceId,
      exemptions,
      platformSubscriptionId: ctx.platformSubscriptionId,
    },
    { parent: holder },
  );

  const subscriptionIds: Record<string, pulumi.Input<string>> = { platform: ctx.platformSubscriptionId };
  for (const p of placements) subscriptionIds[p.key] = p.subscriptionId;
  new Defender(
    "defender",
    {
      pricings: plannedPricings(Object.keys(subscriptionIds), settings.defender.plans, settings.defender.serversPlan),
      subscriptionIds,
      providers,
      contact: settings.defender.securityContact,
      export: { resourceGroupName: ctx.monitoringResourceGroupName, location: ctx.location, workspaceResourceId: ctx.workspaceResourceId },
      tags: withService(ctx.tags, "security"),
    },
    { parent: holder },
  );
  return { managementGroupIds: groups.resourceIds, vendedSubscriptionIds: groups.vendedSubscriptionIds };
}
