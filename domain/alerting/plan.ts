/**
 * Which alerts the region gets, who owns each, and where they are sent. Pure:
 * the platform stack turns the plan into action groups and alert rules
 * (stacks/platform/alerting.ts), the tenant stack routes its budget to its
 * municipality's action group (stacks/tenant/alerting.ts).
 *
 * An alert is routed to the owner of the resource it watches: a municipality's
 * VPN sites and backup items to its own action group (and the platform team's,
 * which runs the gateway and the vault); the shared services to the platform
 * team alone. No municipality's contacts ever receive another's alert.
 */
import { backupJobFailedQuery, restorePointMissingQuery, tenantChangesQuery, vpnTunnelDownQuery } from "./kql";
import { REGION_CODES } from "../azure/names";
import { TENANT_VAULT_RESOURCE_GROUP_KEY, tenantResourceGroupName, type TenantResourceGroupKey } from "../azure/tenant-names";
import { workloadPlan } from "../compute/workload-plan";
import type { PlatformFile } from "../../tenants/schema/platform";
import type { TenantFile } from "../../tenants/schema/tenant";
import { FIREWALL_HEALTH_BELOW_PERCENT, RESTORE_POINT_MAX_AGE_HOURS, SERVICE_HEALTH_REGIONS } from "./thresholds";
import { tenantSubscriptionWhileValidating } from "../azure/tenant-subscription";

export const PLATFORM_OWNER = "platform";
/** An action group's owner: "platform" or a municipality's slug. */
export type Owner = string;

export interface Receiver {
  readonly name: string;
  readonly email: string;
}

export interface ActionGroupPlan {
  readonly owner: Owner;
  readonly actionGroupName: string;
  /** Azure allows at most 12 characters; it is the sender's name in e-mails and SMS. */
  readonly groupShortName: string;
  readonly receivers: readonly Receiver[];
}

interface AlertBase {
  /** Stable key, also the logical name: `<what>` or `<what>-<owner or target>`. */
  readonly key: string;
  readonly ruleName: string;
  readonly description: string;
  /** 0 critical … 4 verbose (Azure Monitor severities). */
  readonly severity: 0 | 1 | 2 | 3 | 4;
  /** Action groups the alert is sent to, by owner; the resource's owner first. */
  readonly routeTo: readonly Owner[];
}

export interface MetricAlertPlan extends AlertBase {
  readonly kind: "metric";
  /** What it watches: "firewall:<name>", "radius:<key>" or "keyVault"; the stack maps it to a resource id. */
  readonly target: string;
  readonly metricNamespace: string;
  readonly metricName: string;
  readonly operator: "GreaterThan" | "LessThan";
  readonly threshold: number;
  readonly timeAggregation: "Average" | "Total" | "Count" | "Maximum" | "Minimum";
  readonly windowSize: string;
  readonly evaluationFrequency: string;
  readonly dimensions?: readonly { name: string; operator: "Include"; values: string[] }[];
}

export interface LogAlertPlan extends AlertBase {
  readonly kind: "log";
  readonly query: string;
  readonly windowSize: string;
  readonly evaluationFrequency: string;
  /** Look further back than the window, for alerts about something missing. */
  readonly overrideQueryTimeRange?: string;
}

export interface ActivityLogAlertPlan extends AlertBase {
  readonly kind: "activity";
  readonly conditions: readonly { field: string; equals?: string; containsAny?: string[] }[];
}

export type AlertPlan = MetricAlertPlan | LogAlertPlan | ActivityLogAlertPlan;

export interface TenantAlertFacts {
  readonly slug: string;
  readonly contacts: readonly Receiver[];
  /** Its VPN sites' public addresses, by site key. */
  readonly sitePublicIps: Readonly<Record<string, string>>;
  /** Whether anything of it is backed up (file shares or VMs). */
  readonly backedUp: boolean;
  /** Its resource groups' names: what its backup items and its changes are found by. */
  readonly resourceGroups: readonly string[];
  /** Its own subscription, all of whose changes are its own; never its hub's shared one. */
  readonly subscriptionId?: string;
}

export interface RegionAlertFacts {
  readonly host: string;
  readonly environment: string;
  readonly platformContacts: readonly Receiver[];
  readonly firewalls: readonly string[];
  readonly radiusServers: readonly string[];
  readonly keyVaultDeniedPerFiveMinutes: number;
  readonly tenants: readonly TenantAlertFacts[];
}

/**
 * The two kinds of name differ right after the prefix, so no slug can give a municipality's
 * group the platform team's name (a slug "tromso-platform" would, with `<host>-platform`).
 */
export function actionGroupName(owner: Owner, env: string): string {
  return owner === PLATFORM_OWNER ? `ag-grunnmur-platform-${env}` : `ag-grunnmur-tenant-${owner}-${env}`;
}

/** One receiver per e-mail address, named after the person, with a suffix where two share a name. */
export function receivers(contacts: readonly Receiver[]): Receiver[] {
  const seen = new Set<string>();
  const names = new Map<string, number>();
  const out: Receiver[] = [];
  for (const c of contacts) {
    const email = c.email.toLowerCase();
    if (seen.has(email)) continue;
    seen.add(email);
    const n = (names.get(c.name) ?? 0) + 1;
    names.set(c.name, n);
    out.push({ name: n === 1 ? c.name : `${c.name} (${n})`, email: c.email });
  }
  return out;
}

export function actionGroupPlans(facts: RegionAlertFacts): ActionGroupPlan[] {
  const group = (owner: Owner, contacts: readonly Receiver[]): ActionGroupPlan => ({
    owner,
    actionGroupName: actionGroupName(owner, facts.environment),
    groupShortName: (owner === PLATFORM_OWNER ? "grunnmur" : owner).slice(0, 12).replace(/-+$/, ""),
    receivers: receivers(contacts),
  });
  return [group(PLATFORM_OWNER, facts.platformContacts), ...facts.tenants.map((t) => group(t.slug, t.contacts))];
}

const rule = (key: string, env: string) => `alert-grunnmur-${key}-${env}`;

export function alertPlans(facts: RegionAlertFacts): AlertPlan[] {
  const env = facts.environment;
  const platform = [PLATFORM_OWNER];
  const plans: AlertPlan[] = [
    serviceHealthAlert("service-health", env, platform),
    ...facts.firewalls.map((name): MetricAlertPlan => ({
      kind: "metric",
      key: `firewall-health-${name}`,
      ruleName: rule(`firewall-health-${name}`, env),
      description: `Firewall ${name} reports health below ${FIREWALL_HEALTH_BELOW_PERCENT} %.`,
      severity: 0,
      routeTo: platform,
      target: `firewall:${name}`,
      // https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-network-azurefirewalls-metrics
      metricNamespace: "Microsoft.Network/azureFirewalls",
      metricName: "FirewallHealth",
      operator: "LessThan",
      threshold: FIREWALL_HEALTH_BELOW_PERCENT,
      timeAggregation: "Average",
      windowSize: "PT5M",
      evaluationFrequency: "PT1M",
    })),
    ...facts.radiusServers.map((key): MetricAlertPlan => ({
      kind: "metric",
      key: `radius-unavailable-${key}`,
      ruleName: rule(`radius-unavailable-${key}`, env),
      description: `RADIUS server ${key} is unavailable (eduroam runs on the other server alone).`,
      severity: 1,
      routeTo: platform,
      target: `radius:${key}`,
      // VmAvailabilityMetric: 1 while the VM runs, 0 when it is down
      // (https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-compute-virtualmachines-metrics).
      metricNamespace: "Microsoft.Compute/virtualMachines",
      metricName: "VmAvailabilityMetric",
      operator: "LessThan",
      threshold: 1,
      timeAggregation: "Average",
      windowSize: "PT5M",
      evaluationFrequency: "PT1M",
    })),
    {
      kind: "metric",
      key: "key-vault-access-denied",
      ruleName: rule("key-vault-access-denied", env),
      description: `The platform Key Vault refused more than ${facts.keyVaultDeniedPerFiveMinutes} requests (HTTP 403) in five minutes.`,
      severity: 1,
      routeTo: platform,
      target: "keyVault",
      // ServiceApiResult with its StatusCode dimension
      // (https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-keyvault-vaults-metrics).
      metricNamespace: "Microsoft.KeyVault/vaults",
      metricName: "ServiceApiResult",
      operator: "GreaterThan",
      threshold: facts.keyVaultDeniedPerFiveMinutes,
      timeAggregation: "Count",
      windowSize: "PT5M",
      evaluationFrequency: "PT5M",
      dimensions: [{ name: "StatusCode", operator: "Include", values: ["403"] }],
    },
    // The platform team sees every failure in the vaults it runs; each municipality its own below.
    backupFailed("backup-job-failed", env, platform),
    restorePointsMissing("restore-points-missing", env, platform),
    vpnTunnelDown("vpn-tunnel-down", env, platform),
  ];
  for (const t of facts.tenants) plans.push(...tenantAlertPlans(t, env));
  return plans;
}

/**
 * Service Health incidents in the region's Azure regions, for one subscription: an
 * activity log alert sees only the subscription it is scoped to, so a municipality with
 * its own subscription gets its own, routed to its own action group.
 */
export function serviceHealthAlert(key: string, env: string, routeTo: Owner[]): ActivityLogAlertPlan {
  return {
    kind: "activity",
    key,
    ruleName: rule(key, env),
    description: `Azure Service Health incidents in ${SERVICE_HEALTH_REGIONS.join(" and ")}${routeTo[0] === PLATFORM_OWNER ? "" : ` affecting the subscription of ${routeTo[0]}`}.`,
    severity: 1,
    routeTo,
    // Field names as in https://learn.microsoft.com/azure/service-health/alerts-activity-log-service-notifications-arm
    conditions: [
      { field: "category", equals: "ServiceHealth" },
      { field: "properties.incidentType", equals: "Incident" },
      { field: "properties.impactedServices[*].ImpactedRegions[*].RegionName", containsAny: [...SERVICE_HEALTH_REGIONS] },
    ],
  };
}

/**
 * What a municipality's own subscription gets in its tenant stack (stacks/tenant/alerting.ts):
 * the Service Health alert the platform's subscription has, sent to the municipality's own group.
 */
export function ownSubscriptionAlertPlans(slug: string, env: string): ActivityLogAlertPlan[] {
  return [serviceHealthAlert(`service-health-${slug}`, env, [slug])];
}

/** One municipality's own alerts: its backup items and its VPN sites. */
export function tenantAlertPlans(t: TenantAlertFacts, env: string): LogAlertPlan[] {
  const route = [t.slug, PLATFORM_OWNER];
  const plans: LogAlertPlan[] = [];
  if (t.backedUp) {
    plans.push(backupFailed(`backup-job-failed-${t.slug}`, env, route, t.resourceGroups));
    plans.push(restorePointsMissing(`restore-points-missing-${t.slug}`, env, route, t.resourceGroups));
  }
  const ips = Object.keys(t.sitePublicIps).sort().map((k) => t.sitePublicIps[k]);
  if (ips.length > 0) plans.push(vpnTunnelDown(`vpn-tunnel-down-${t.slug}`, env, route, ips));
  return plans;
}

/** A municipality's facts for the plan, from its file alone. */
export function tenantAlertFacts(platform: PlatformFile, spec: TenantFile): TenantAlertFacts {
  const env = platform.environment;
  const region = REGION_CODES[platform.regions.primary];
  const backedUp = (spec.services.includes("backup") && spec.backup !== undefined && spec.storage !== undefined) || workloadPlan(spec).length > 0;
  const keys: Array<TenantResourceGroupKey | typeof TENANT_VAULT_RESOURCE_GROUP_KEY> = ["network", "data", "workloads"];
  // Its own vault, in a subscription apart from the platform's: its own or its hub's shared one.
  const home = tenantSubscriptionWhileValidating(platform, spec);
  if (backedUp && home.subscriptionId) keys.push(TENANT_VAULT_RESOURCE_GROUP_KEY);
  return {
    slug: spec.slug,
    contacts: spec.contacts.map((c) => ({ name: c.name, email: c.email })),
    sitePublicIps: Object.fromEntries(Object.entries(spec.sites).map(([key, site]) => [key, site.publicIp])),
    backedUp,
    resourceGroups: keys.map((key) => tenantResourceGroupName(spec.slug, key, env, region)),
    // Everything in a subscription of its own is its change; a hub's shared one holds its neighbours' too.
    subscriptionId: home.source === "own" ? home.subscriptionId : undefined,
  };
}

/** A municipality's saved change query's id in the central workspace. */
export const changeQueryId = (slug: string) => `grunnmur-changes-${slug}`;

function backupFailed(key: string, env: string, routeTo: Owner[], groups?: readonly string[]): LogAlertPlan {
  return {
    kind: "log",
    key,
    ruleName: rule(key, env),
    description: groups ? `A backup job of ${routeTo[0]} failed.` : "A backup job failed in a vault the platform runs.",
    severity: 1,
    routeTo,
    query: backupJobFailedQuery(groups),
    windowSize: "PT1H",
    evaluationFrequency: "PT1H",
  };
}

function restorePointsMissing(key: string, env: string, routeTo: Owner[], groups?: readonly string[]): LogAlertPlan {
  return {
    kind: "log",
    key,
    ruleName: rule(key, env),
    description: `A backup item${groups ? ` of ${routeTo[0]}` : ""} has had no new restore point for more than ${RESTORE_POINT_MAX_AGE_HOURS} hours.`,
    severity: 1,
    routeTo,
    query: restorePointMissingQuery(RESTORE_POINT_MAX_AGE_HOURS, groups),
    windowSize: "PT6H",
    evaluationFrequency: "PT6H",
    overrideQueryTimeRange: "P2D",
  };
}

function vpnTunnelDown(key: string, env: string, routeTo: Owner[], ips?: readonly string[]): LogAlertPlan {
  return {
    kind: "log",
    key,
    ruleName: rule(key, env),
    description: ips ? `A VPN tunnel to a site of ${routeTo[0]} went down.` : "A VPN tunnel of the hub's gateway went down.",
    severity: ips ? 1 : 2,
    routeTo,
    query: vpnTunnelDownQuery(ips),
    windowSize: "PT15M",
    evaluationFrequency: "PT5M",
  };
}

export interface SavedSearchPlan {
  readonly owner: Owner;
  readonly savedSearchId: string;
  readonly displayName: string;
  readonly category: string;
  readonly query: string;
}

/** One saved query per municipality, in the central workspace: what changed in its resources. */
export function changeQueryPlans(tenants: readonly TenantAlertFacts[]): SavedSearchPlan[] {
  return tenants.map((t) => ({
    owner: t.slug,
    savedSearchId: changeQueryId(t.slug),
    displayName: `What changed: ${t.slug}`,
    category: "grunnmur changes",
    query: tenantChangesQuery(t.resourceGroups, t.subscriptionId),
  }));
}

/** The activity log's categories (all of them) and the Entra ID logs sent to the central workspace. */
export const ACTIVITY_LOG_CATEGORIES = ["Administrative", "Security", "ServiceHealth", "Alert", "Recommendation", "Policy", "Autoscale", "ResourceHealth"] as const;
/** The aadiam DiagnosticSetting's Category enum in azure-native 3.28.0 offers these two. */
export const ENTRA_LOG_CATEGORIES = ["SignInLogs", "AuditLogs"] as const;
/** The workspace tables that hold them, whose retention the platform file sets. */
export const AUDIT_TABLES = ["AzureActivity", "SigninLogs", "AuditLogs"] as const;
