/**
 * Which price items each previewed resource consumes, and how much per month.
 * Pure: reads a resource's type and inputs, never Azure. Resources not listed
 * here (VNets, NSGs, role assignments, ...) cost nothing by themselves.
 */
import { formatNumber } from "../format/numbers";
import { backupMeters, BACKUP_RETENTION_FACTOR, BACKUP_USED_SHARE, HOURS_PER_MONTH, isVmProtectedItem, isWorkloadVm, LOG_GB_PER_VM, runningVmMeters, vmPriceItem, vmShapeFromInputs, type LinkableResource, type VmBackupFacts } from "./workloads";

export { HOURS_PER_MONTH };

/** What the meters read of a resource; a resource of any preview file has it. */
export interface MeteredResource {
  readonly type: string;
  readonly inputs: Readonly<Record<string, unknown>>;
}

export interface Assumptions {
  /** GB a tenant sends through the firewall per month. */
  readonly firewallGbPerTenant: number;
  /** GB of logs the platform and each tenant send per month. */
  readonly logGbPlatform: number;
  readonly logGbPerTenant: number;
  /** Key Vault operations per month, in units of 10,000. */
  readonly keyVaultTenThousandOps: number;
  /** GB of Entra ID sign-in and audit logs the directory sends, and of activity log each subscription sends, per month (platform.yaml alerting). */
  readonly entraLogGb: number;
  readonly activityLogGb: number;
}

export const DEFAULT_ASSUMPTIONS: Assumptions = {
  firewallGbPerTenant: 50,
  logGbPlatform: 20,
  logGbPerTenant: 2,
  keyVaultTenThousandOps: 10,
  entraLogGb: 5,
  activityLogGb: 2,
};

/** Days of retention a Log Analytics table has without charge: 31 for most, 90 for the activity log (https://azure.microsoft.com/pricing/details/monitor/; unverified). */
export const INCLUDED_RETENTION_DAYS = { default: 31, AzureActivity: 90 } as const;
const DAYS_PER_MONTH = 30.4;
/** Which share of the Entra ID logs each table holds; an estimate. */
const ENTRA_TABLE_SHARE: Readonly<Record<string, number>> = { SigninLogs: 0.8, AuditLogs: 0.2 };

/**
 * A scheduled log alert is priced by how often it runs (per rule and month; Azure Monitor
 * pricing, "Alert rules"); each band its own price item.
 */
export function logAlertPriceItem(evaluationFrequency: string): string {
  const m = /^PT(\d+)([MH])$/.exec(evaluationFrequency);
  const minutes = m ? Number(m[1]) * (m[2] === "H" ? 60 : 1) : 60 * 24;
  if (minutes < 5) return "alert-log-1-minute";
  if (minutes < 15) return "alert-log-5-minutes";
  return "alert-log-15-minutes";
}

export function describeAssumptions(a: Assumptions): string[] {
  return [
    `A month is ${HOURS_PER_MONTH} hours; resources run all month.`,
    `Each tenant sends ${a.firewallGbPerTenant} GB a month through the firewall.`,
    `Logs: ${a.logGbPlatform} GB a month for the platform plus ${a.logGbPerTenant} GB per tenant.`,
    `Key Vault: ${formatNumber(a.keyVaultTenThousandOps * 10_000)} operations a month.`,
    `With alerting: ${a.entraLogGb} GB of Entra ID sign-in and audit logs a month, ${a.activityLogGb} GB of activity log a month per subscription, kept as long as alerting.auditLogRetentionDays; a metric alert watches one time series.`,
    "File shares are billed at their full quota (the tenant file's quotaGb), whatever their tier.",
    "Backup storage of file shares is the tenant file's backup.estimatedGb, spread over its shares.",
    `A municipality's VM runs all month: its size's hours, a Windows licence per vCPU-hour on Windows images, its managed disks per GB-month, a protected instance, and ${LOG_GB_PER_VM} GB of logs a month; Azure Update Manager costs nothing for Azure VMs.`,
    `A VM's backup storage is ${BACKUP_USED_SHARE * 100} % of its disks (the data used) × ${BACKUP_RETENTION_FACTOR} (one full copy plus the increments kept); a protected instance per started 500 GB used above 500 GB.`,
    "Planned VMs cost nothing; a retired VM's compute, disks and protected instance stop, its backup storage stays until the recovery points expire.",
    "Traffic over peerings and to the internet is not included.",
  ];
}

export interface MeterLine {
  readonly item: string;
  readonly quantity: number;
}

export interface MeterContext {
  readonly assumptions: Assumptions;
  readonly tenantCount: number;
  /** The tenant's backup.estimatedGb and number of protected shares, for tenant stacks. */
  readonly backupGb?: number;
  readonly protectedShares?: number;
  /** The VM behind a VM's protected item (domain/cost/workloads.ts linkVmBackups); without it a VM's backup is one instance and no storage. */
  readonly vmBackup?: (item: LinkableResource) => VmBackupFacts;
  /**
   * Defender for Cloud's price item per protected type (domain/governance/defender.ts), with
   * platform.yaml's governance.defender; "subscription" for the per-subscription plan, billed on its pricing.
   */
  readonly defender?: Readonly<Record<string, string>>;
}

/** The resource with what linking a protected item to its VM needs, when the caller has it. */
export type MeteredInput = MeteredResource & Partial<Pick<LinkableResource, "name" | "parent">>;

const lower = (v: unknown) => String(v ?? "").toLowerCase();

export function metersFor(resource: MeteredInput, ctx: MeterContext): MeterLine[] {
  const own = ownMeters(resource, ctx);
  // Every VM, storage account and key vault of a subscription with the plan on costs its plan's price, on its own stack's bill.
  const defended = ctx.defender?.[resource.type];
  if (defended) return [...own, { item: defended, quantity: 1 }];
  if (resource.type === "azure-native:security:Pricing" && (resource.inputs as Record<string, unknown>).pricingName === "Arm" && ctx.defender?.subscription) {
    return [{ item: ctx.defender.subscription, quantity: 1 }];
  }
  return own;
}

function ownMeters(resource: MeteredInput, ctx: MeterContext): MeterLine[] {
  const i = resource.inputs as Record<string, any>;
  switch (resource.type) {
    case "azure-native:network:AzureFirewall":
      return [
        { item: `firewall-${lower(i.sku?.tier)}`, quantity: HOURS_PER_MONTH },
        { item: "firewall-data", quantity: ctx.assumptions.firewallGbPerTenant * ctx.tenantCount },
      ];
    case "azure-native:network:VirtualNetworkGateway":
      return [{ item: `vpn-gateway-${lower(i.sku?.name)}`, quantity: HOURS_PER_MONTH }];
    case "azure-native:network:BastionHost":
      return [{ item: `bastion-${lower(i.sku?.name)}`, quantity: HOURS_PER_MONTH }];
    case "azure-native:network:PublicIPAddress":
      return [{ item: "public-ip-standard", quantity: HOURS_PER_MONTH }];
    case "azure-native:compute:VirtualMachine":
      // A municipality's VM brings its licence, disks, patching and logs; the platform's own VMs (RADIUS) are priced by their hours.
      return isWorkloadVm(resource) ? runningVmMeters(vmShapeFromInputs(i)) : [{ item: vmPriceItem(String(i.hardwareProfile?.vmSize ?? "")), quantity: HOURS_PER_MONTH }];
    case "azure-native:network:PrivateEndpoint":
      return [{ item: "private-endpoint", quantity: HOURS_PER_MONTH }];
    case "azure-native:privatedns:PrivateZone":
      return [{ item: "private-dns-zone", quantity: 1 }];
    case "azure-native:dnsresolver:InboundEndpoint":
      return [{ item: "dns-resolver-endpoint", quantity: HOURS_PER_MONTH }];
    case "azure-native:operationalinsights:Workspace":
      return [{ item: "log-ingestion", quantity: ctx.assumptions.logGbPlatform + ctx.assumptions.logGbPerTenant * ctx.tenantCount }];
    // Alerting (platform.yaml alerting): activity log alerts and action groups' e-mails (the first 1,000 a month) cost nothing.
    case "azure-native:monitor:MetricAlert":
      return [{ item: "alert-metric-time-series", quantity: 1 }];
    case "azure-native:monitor:ScheduledQueryRule":
      return [{ item: logAlertPriceItem(String(i.evaluationFrequency ?? "")), quantity: 1 }];
    case "azure-native:aadiam:DiagnosticSetting":
      return [{ item: "log-ingestion", quantity: ctx.assumptions.entraLogGb }];
    case "azure-native:monitor:SubscriptionDiagnosticSetting":
      return [{ item: "log-ingestion-activity", quantity: ctx.assumptions.activityLogGb }];
    case "azure-native:operationalinsights:Table": {
      // Stored beyond what the table keeps free: a month's data for each month past the included days.
      const table = String(i.tableName ?? "");
      const monthlyGb = table === "AzureActivity" ? ctx.assumptions.activityLogGb : ctx.assumptions.entraLogGb * (ENTRA_TABLE_SHARE[table] ?? 0);
      const included = table === "AzureActivity" ? INCLUDED_RETENTION_DAYS.AzureActivity : INCLUDED_RETENTION_DAYS.default;
      const extraMonths = Math.max(0, Number(i.retentionInDays ?? 0) - included) / DAYS_PER_MONTH;
      return monthlyGb * extraMonths > 0 ? [{ item: "log-retention", quantity: monthlyGb * extraMonths }] : [];
    }
    case "azure-native:keyvault:Vault":
      return [{ item: "key-vault-operations", quantity: ctx.assumptions.keyVaultTenThousandOps }];
    case "azure-native:storage:FileShare":
      return [{ item: "files-transaction-optimized", quantity: Number(i.shareQuota ?? 0) }];
    case "azure-native:recoveryservices:ProtectedItem": {
      if (isVmProtectedItem(resource)) {
        const facts = ctx.vmBackup?.({ name: resource.name ?? "", parent: resource.parent ?? null, type: resource.type, inputs: resource.inputs }) ?? { retired: false };
        return backupMeters(facts.disks, facts.retired);
      }
      const lines: MeterLine[] = [{ item: "backup-instance", quantity: 1 }];
      if (ctx.backupGb && ctx.protectedShares) lines.push({ item: "backup-storage-grs", quantity: ctx.backupGb / ctx.protectedShares });
      return lines;
    }
    default:
      return [];
  }
}
