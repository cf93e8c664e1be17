/**
 * A hub stack's share of alerting (platform.yaml `alerting`, docs/alerting.md):
 * the hub firewall's health, routed to the platform team, and for each of the
 * hub's municipalities its action group, its alerts and its saved "what
 * changed" query, children of its TenantAttachment as in the platform stack.
 * They live in the platform's monitoring resource group and workspace, as the
 * platform's own do: only the platform's side of the region writes there.
 */
import * as pulumi from "@pulumi/pulumi";
import { ActionGroups } from "../../components/monitoring/action-groups";
import { AlertRules } from "../../components/monitoring/alert-rules";
import { AuditLogs } from "../../components/monitoring/audit-logs";
import type { Firewall } from "../../components/network/firewall";
import type { TenantAttachment } from "../../components/network/tenant-attachment";
import { actionGroupName, actionGroupPlans, alertPlans, changeQueryPlans, PLATFORM_OWNER, tenantAlertFacts } from "../../domain/alerting/plan";
import { withService, type Tags } from "../../domain/azure/tags";
import type { PlatformFile } from "../../tenants/schema/platform";
import type { ResolvedTenant } from "../../tenants/region";

export interface HubAlertingParts {
  readonly platform: PlatformFile;
  /** The hub's tenants; only those with an attachment in this run get their share. */
  readonly tenants: readonly ResolvedTenant[];
  readonly attachments: ReadonlyMap<string, TenantAttachment>;
  readonly firewall: readonly [string, Firewall];
  readonly monitoringResourceGroupName: pulumi.Input<string>;
  readonly workspaceResourceId: pulumi.Input<string>;
  readonly workspaceName: pulumi.Input<string>;
  readonly subscriptionId: pulumi.Input<string>;
  /** The platform's output alertActionGroupsScope: the platform team's group is found there by name. */
  readonly actionGroupsScope: pulumi.Input<string | undefined>;
  readonly tags: Tags;
}

export function hubAlerting(parts: HubAlertingParts): void {
  const { platform } = parts;
  const alerting = platform.alerting;
  if (!alerting) return;
  const env = platform.environment;
  const tags = withService(parts.tags, "monitoring");
  const tenants = parts.tenants.filter((t) => parts.attachments.has(t.spec.slug)).map((t) => tenantAlertFacts(platform, t.spec));
  const [firewallName, firewall] = parts.firewall;
  const facts = {
    host: platform.host.slug,
    environment: env,
    platformContacts: alerting.platformContacts,
    firewalls: [firewallName],
    radiusServers: [],
    keyVaultDeniedPerFiveMinutes: alerting.keyVaultDeniedPerFiveMinutes,
    tenants,
  };
  // The platform's own alerts (Service Health, Key Vault, the vaults' and tunnels' region-wide
  // ones) are the platform stack's; here only this hub's firewall and its municipalities.
  const owned = new Set([`firewall-health-${firewallName}`]);
  const alerts = alertPlans(facts).filter((plan) => owned.has(plan.key) || plan.routeTo[0] !== PLATFORM_OWNER);
  const parentFor = (owner: string) => (owner === PLATFORM_OWNER ? undefined : parts.attachments.get(owner));
  const groups = new ActionGroups("alert-action-groups", {
    resourceGroupName: parts.monitoringResourceGroupName,
    groups: actionGroupPlans(facts).filter((g) => g.owner !== PLATFORM_OWNER),
    tags,
    parentFor,
  });
  const platformGroupId = pulumi.output(parts.actionGroupsScope).apply((scope) => {
    if (!scope) throw new Error("platform.yaml has an alerting section, but the platform stack exports no alertActionGroupsScope; run the platform stack first");
    return `${scope}/${actionGroupName(PLATFORM_OWNER, env)}`;
  });
  new AlertRules("alert-rules", {
    resourceGroupName: parts.monitoringResourceGroupName,
    location: platform.regions.primary,
    alerts,
    actionGroupIds: { ...groups.resourceIds, [PLATFORM_OWNER]: platformGroupId },
    targets: { [`firewall:${firewallName}`]: firewall.resourceId },
    workspaceResourceId: parts.workspaceResourceId,
    subscriptionId: parts.subscriptionId,
    tags,
    parentFor,
  });
  new AuditLogs("audit-logs", {
    workspaceResourceId: parts.workspaceResourceId,
    workspaceName: parts.workspaceName,
    workspaceResourceGroupName: parts.monitoringResourceGroupName,
    retentionDays: alerting.auditLogRetentionDays,
    changeQueries: changeQueryPlans(tenants),
    activityLog: false,
    entraLogs: false,
    parentFor,
  });
}
