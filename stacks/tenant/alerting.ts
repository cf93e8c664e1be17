/**
 * A municipality's share of alerting (platform.yaml `alerting`, docs/alerting.md)
 * and of the guardrails its own subscription needs (`governance`,
 * docs/governance.md). Its action group, alerts on shared resources and saved
 * change query are the platform stack's (stacks/platform/alerting.ts), so this
 * stack writes nothing into the shared workspace's configuration or into
 * another municipality's alerts. Here:
 *
 * - its budget's 80 % and 100 % notifications go to its action group too,
 *   by the group's id in the platform's subscription;
 * - with its own subscription (azure.subscriptionId, a vended one once it is
 *   named there), that subscription's activity log goes to the central
 *   workspace, as the platform's does, and
 * - that subscription's Service Health incidents in Norway East and Norway West
 *   go to the municipality's action group: an activity log alert sees only the
 *   subscription it is scoped to, so the platform's own alert misses them;
 * - with `governance`, Defender for Cloud's continuous export of that
 *   subscription goes to the central workspace: an export takes only scopes in
 *   its own subscription, so the platform's export misses it too.
 *
 * All of it is written in the municipality's subscription, through the
 * provider in componentOpts, as the rest of its resources there.
 */
import * as pulumi from "@pulumi/pulumi";
import { DefenderExport } from "../../components/governance/defender-export";
import { AlertRules } from "../../components/monitoring/alert-rules";
import { AuditLogs } from "../../components/monitoring/audit-logs";
import { actionGroupName, ownSubscriptionAlertPlans } from "../../domain/alerting/plan";
import { withService, type Tags } from "../../domain/azure/tags";
import type { PlatformOutputs } from "../contract";
import type { TenantStackInput } from "../inputs";

export interface TenantAlertingParts {
  readonly fromPlatform: <K extends keyof PlatformOutputs>(key: K) => pulumi.Output<PlatformOutputs[K]>;
  /** Set in a subscription apart from the platform's (its own or its hub's): the provider for it. */
  readonly componentOpts: pulumi.ComponentResourceOptions;
  /**
   * The municipality's own subscription, when it has one. Not its hub's shared one: that
   * subscription's activity log and the rest are no single tenant's, and the platform's.
   */
  readonly ownSubscriptionId: string | undefined;
  /** Where, in its own subscription, the alert rule and the export live (its network resource group). */
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  readonly tags: Tags;
}

export interface TenantAlerting {
  /** For TenantBudget's contactGroups; undefined without alerting. */
  readonly budgetContactGroups: pulumi.Input<string>[] | undefined;
}

export function tenantAlerting(input: TenantStackInput, parts: TenantAlertingParts): TenantAlerting {
  const { platform, tenant } = input;
  const slug = tenant.spec.slug;
  const own = parts.ownSubscriptionId;
  if (own && platform.governance) {
    new DefenderExport("defender-export", {
      subscriptionId: own,
      resourceGroupName: parts.resourceGroupName,
      location: parts.location,
      workspaceResourceId: parts.fromPlatform("workspaceId"),
      scopeDescription: `The subscription of ${slug}`,
      tags: withService(parts.tags, "security"),
    }, parts.componentOpts);
  }
  if (!platform.alerting) return { budgetContactGroups: undefined };
  const groupId = pulumi.interpolate`${parts.fromPlatform("alertActionGroupsScope")}/${actionGroupName(slug, platform.environment)}`;
  if (own) {
    new AuditLogs("audit-logs", {
      workspaceResourceId: parts.fromPlatform("workspaceId"),
      retentionDays: platform.alerting.auditLogRetentionDays,
      changeQueries: [],
      entraLogs: false,
    }, parts.componentOpts);
    new AlertRules("subscription-alerts", {
      resourceGroupName: parts.resourceGroupName,
      location: parts.location,
      alerts: ownSubscriptionAlertPlans(slug, platform.environment),
      // The municipality's group lives in the platform's subscription; an alert rule names it by id.
      actionGroupIds: { [slug]: groupId },
      targets: {},
      workspaceResourceId: parts.fromPlatform("workspaceId"),
      subscriptionId: own,
      tags: withService(parts.tags, "monitoring"),
    }, parts.componentOpts);
  }
  return { budgetContactGroups: [groupId] };
}
