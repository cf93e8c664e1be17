/**
 * The platform's share of alerting (platform.yaml `alerting`, docs/alerting.md):
 * the action groups of the platform team and of every municipality, the alert
 * rules routed to them, the activity and Entra ID logs into the central
 * workspace with the file's retention, and each municipality's saved "what
 * changed" query there.
 *
 * Everything lives in the platform's subscription and workspace, written by
 * the platform stack, but for the activity log export of each hub's shared
 * tenant subscription, which is written there (it is that subscription's): a tenant stack never writes into the shared workspace or
 * another municipality's action group. A municipality's own group, alerts and
 * query are children of its TenantAttachment, with the rest of its share of the
 * hub, so a preview in parts splits them like its firewall rules.
 */
import * as pulumi from "@pulumi/pulumi";
import type * as resources from "@pulumi/azure-native/resources";
import { ActionGroups } from "../../components/monitoring/action-groups";
import { AlertRules } from "../../components/monitoring/alert-rules";
import { AuditLogs } from "../../components/monitoring/audit-logs";
import type { LogWorkspace } from "../../components/monitoring/log-workspace";
import type { Firewall } from "../../components/network/firewall";
import type { TenantAttachment } from "../../components/network/tenant-attachment";
import type { KeyVault } from "../../components/security/key-vault";
import type { RadiusServers } from "../../components/eduroam/radius-servers";
import { actionGroupPlans, alertPlans, changeQueryPlans, PLATFORM_OWNER, tenantAlertFacts } from "../../domain/alerting/plan";
import { withService, type Tags } from "../../domain/azure/tags";
import { hubTenantSubscriptions } from "../../domain/azure/tenant-subscription";
import { Provider } from "@pulumi/azure-native/provider";
import type { PlatformStackInput } from "../inputs";

export interface PlatformAlertingParts {
  readonly monitoringResourceGroup: resources.ResourceGroup;
  readonly location: string;
  readonly workspace: LogWorkspace;
  readonly firewalls: ReadonlyArray<readonly [string, Firewall]>;
  readonly radius: RadiusServers | undefined;
  readonly keyVault: KeyVault;
  readonly subscriptionId: pulumi.Input<string>;
  /** The municipalities this run registers (all of them, but for a preview in parts). */
  readonly attachments: ReadonlyMap<string, TenantAttachment>;
  readonly tags: Tags;
}

/** What alerting gives the tenant stacks: where their action groups are, by name. */
export interface PlatformAlertingOutputs {
  readonly actionGroupsScope: pulumi.Output<string>;
}

export function platformAlerting(input: PlatformStackInput, parts: PlatformAlertingParts): PlatformAlertingOutputs | undefined {
  const { platform } = input;
  const alerting = platform.alerting;
  if (!alerting) return undefined;
  const tags = withService(parts.tags, "monitoring");
  const tenants = input.tenants.filter((t) => parts.attachments.has(t.spec.slug)).map((t) => tenantAlertFacts(platform, t.spec));
  const facts = {
    host: platform.host.slug,
    environment: platform.environment,
    platformContacts: alerting.platformContacts,
    firewalls: parts.firewalls.map(([name]) => name),
    radiusServers: Object.keys(parts.radius?.resourceIds ?? {}),
    keyVaultDeniedPerFiveMinutes: alerting.keyVaultDeniedPerFiveMinutes,
    tenants,
  };
  const parentFor = (owner: string) => (owner === PLATFORM_OWNER ? undefined : parts.attachments.get(owner));
  const rg = parts.monitoringResourceGroup.name;

  const groups = new ActionGroups("alert-action-groups", { resourceGroupName: rg, groups: actionGroupPlans(facts), tags, parentFor });
  const targets: Record<string, pulumi.Input<string>> = { keyVault: parts.keyVault.resourceId };
  for (const [name, fw] of parts.firewalls) targets[`firewall:${name}`] = fw.resourceId;
  for (const [key, id] of Object.entries(parts.radius?.resourceIds ?? {})) targets[`radius:${key}`] = id;
  new AlertRules("alert-rules", {
    resourceGroupName: rg,
    location: parts.location,
    alerts: alertPlans(facts),
    actionGroupIds: groups.resourceIds,
    targets,
    workspaceResourceId: parts.workspace.resourceId,
    subscriptionId: parts.subscriptionId,
    tags,
    parentFor,
  });
  new AuditLogs("audit-logs", {
    workspaceResourceId: parts.workspace.resourceId,
    workspaceName: parts.workspace.name,
    workspaceResourceGroupName: rg,
    retentionDays: alerting.auditLogRetentionDays,
    changeQueries: changeQueryPlans(tenants),
    entraLogs: true,
    parentFor,
  });
  // A hub's shared tenant subscription's activity log, as the platform's own: no tenant stack may claim
  // what the subscription has once (stacks/tenant/program.ts), and a diagnostic setting is per subscription.
  for (const { hub, subscriptionId } of hubTenantSubscriptions(platform)) {
    const provider = new Provider(`hub-${hub}-tenant-subscription`, { subscriptionId });
    new AuditLogs(`audit-logs-hub-${hub}`, {
      workspaceResourceId: parts.workspace.resourceId,
      retentionDays: alerting.auditLogRetentionDays,
      changeQueries: [],
      entraLogs: false,
    }, { providers: [provider] });
  }
  // The same for whichever tenants a run registers, so a preview in parts agrees on it.
  return { actionGroupsScope: pulumi.interpolate`/subscriptions/${parts.subscriptionId}/resourceGroups/${rg}/providers/Microsoft.Insights/actionGroups` };
}
