/**
 * A municipality's share of alerting (platform.yaml `alerting`, docs/alerting.md).
 * Its action group, alerts and saved change query are the platform stack's
 * (stacks/platform/alerting.ts), so this stack writes nothing into the shared
 * workspace's configuration or into another municipality's alerts. Here:
 *
 * - its budget's 80 % and 100 % notifications go to its action group too,
 *   by the group's id in the platform's subscription;
 * - with its own subscription, that subscription's activity log goes to the
 *   central workspace, as the platform's does (the same diagnostic-setting
 *   pattern its resources already use).
 */
import * as pulumi from "@pulumi/pulumi";
import { AuditLogs } from "../../components/monitoring/audit-logs";
import { actionGroupName } from "../../domain/alerting/plan";
import type { PlatformOutputs } from "../contract";
import type { TenantStackInput } from "../inputs";

export interface TenantAlertingParts {
  readonly fromPlatform: <K extends keyof PlatformOutputs>(key: K) => pulumi.Output<PlatformOutputs[K]>;
  /** Set in a subscription apart from the platform's (its own or its hub's): the provider for it. */
  readonly componentOpts: pulumi.ComponentResourceOptions;
  /** True only in a subscription of its own: a hub's shared subscription's activity log is no single tenant's to export. */
  readonly ownSubscription: boolean;
}

export interface TenantAlerting {
  /** For TenantBudget's contactGroups; undefined without alerting. */
  readonly budgetContactGroups: pulumi.Input<string>[] | undefined;
}

export function tenantAlerting(input: TenantStackInput, parts: TenantAlertingParts): TenantAlerting {
  const { platform, tenant } = input;
  if (!platform.alerting) return { budgetContactGroups: undefined };
  const name = actionGroupName(tenant.spec.slug, platform.environment);
  const scope = parts.fromPlatform("alertActionGroupsScope");
  if (parts.ownSubscription) {
    new AuditLogs("audit-logs", {
      workspaceResourceId: parts.fromPlatform("workspaceId"),
      retentionDays: platform.alerting.auditLogRetentionDays,
      changeQueries: [],
      entraLogs: false,
    }, parts.componentOpts);
  }
  return { budgetContactGroups: [pulumi.interpolate`${scope}/${name}`] };
}
