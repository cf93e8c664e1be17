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
import * as resources from "@pulumi/azure-native/resources";
import { DefenderExport } from "../../components/governance/defender-export";
import { azureName, REGION_CODES } from "../../domain/azure/names";
import { ActionGroups } from "../../components/monitoring/action-groups";
import { AlertRules } from "../../components/monitoring/alert-rules";
import { AuditLogs } from "../../components/monitoring/audit-logs";
import type { LogWorkspace } from "../../components/monitoring/log-workspace";
import type { Firewall } from "../../components/network/firewall";
import type { TenantAttachment } from "../../components/network/tenant-attachment";
import type { KeyVault } from "../../components/security/key-vault";
import type { RadiusServers } from "../../components/eduroam/radius-servers";
import { actionGroupPlans, alertPlans, changeQueryPlans, PLATFORM_OWNER, serviceHealthAlert, tenantAlertFacts } from "../../domain/alerting/plan";
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

/** The resource group, in a hub's shared tenant subscription, of the platform's guardrails there. */
export function hubGuardrailsResourceGroupName(hub: string, env: string, region: string): string {
  return azureName("resourceGroup", ["grunnmur", `hub-${hub}-guardrails`, env, region]);
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
  // Its Service Health incidents and its Defender for Cloud export are the platform team's too: an
  // activity log alert sees only the subscription it is in, and an export takes only scopes in its
  // own subscription (docs/alerting.md), so each lives in a resource group of that subscription.
  for (const { hub, subscriptionId } of hubTenantSubscriptions(platform)) {
    const provider = new Provider(`hub-${hub}-tenant-subscription`, { subscriptionId });
    const opts = { providers: [provider] };
    new AuditLogs(`audit-logs-hub-${hub}`, {
      workspaceResourceId: parts.workspace.resourceId,
      retentionDays: alerting.auditLogRetentionDays,
      changeQueries: [],
      entraLogs: false,
    }, opts);
    const guardrails = new resources.ResourceGroup(
      `rg-hub-${hub}-guardrails`,
      { resourceGroupName: hubGuardrailsResourceGroupName(hub, platform.environment, REGION_CODES[parts.location]), location: parts.location, tags },
      { provider },
    );
    new AlertRules(`subscription-alerts-hub-${hub}`, {
      resourceGroupName: guardrails.name,
      location: parts.location,
      alerts: [serviceHealthAlert(`service-health-hub-${hub}`, platform.environment, [PLATFORM_OWNER])],
      actionGroupIds: { [PLATFORM_OWNER]: groups.resourceIds[PLATFORM_OWNER] },
      targets: {},
      workspaceResourceId: parts.workspace.resourceId,
      subscriptionId,
      tags,
    }, opts);
    if (platform.governance) {
      new DefenderExport(`defender-export-hub-${hub}`, {
        subscriptionId,
        resourceGroupName: guardrails.name,
        location: parts.location,
        workspaceResourceId: parts.workspace.resourceId,
        scopeDescription: `The shared tenant subscription of hub ${hub}`,
        tags: withService(parts.tags, "security"),
      }, opts);
    }
  }
  // The same for whichever tenants a run registers, so a preview in parts agrees on it.
  return { actionGroupsScope: pulumi.interpolate`/subscriptions/${parts.subscriptionId}/resourceGroups/${rg}/providers/Microsoft.Insights/actionGroups` };
}
