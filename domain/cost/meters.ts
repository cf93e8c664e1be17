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
}

export const DEFAULT_ASSUMPTIONS: Assumptions = {
  firewallGbPerTenant: 50,
  logGbPlatform: 20,
  logGbPerTenant: 2,
  keyVaultTenThousandOps: 10,
};

export function describeAssumptions(a: Assumptions): string[] {
  return [
    `A month is ${HOURS_PER_MONTH} hours; resources run all month.`,
    `Each tenant sends ${a.firewallGbPerTenant} GB a month through the firewall.`,
    `Logs: ${a.logGbPlatform} GB a month for the platform plus ${a.logGbPerTenant} GB per tenant.`,
    `Key Vault: ${formatNumber(a.keyVaultTenThousandOps * 10_000)} operations a month.`,
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
