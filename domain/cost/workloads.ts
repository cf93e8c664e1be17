/**
 * What a municipality's VM (docs/workloads.md) costs a month, from either of
 * its two descriptions: the inputs of the previewed VirtualMachine, or the
 * tenant file's systems.*.hosting.vms entry. Pure: price items and quantities
 * only; the price table (platform.yaml prices.items) turns them into kroner.
 */
import { OS_IMAGES, type OsFamily } from "../compute/images";
import { vmSize } from "../compute/sizes";

export const HOURS_PER_MONTH = 730;

/** The tag value every workload resource carries as grunnmur:service (docs/workloads.md). */
export const WORKLOAD_SERVICE = "workloads";
export const VM_TYPE = "azure-native:compute:VirtualMachine";
export const PROTECTED_ITEM_TYPE = "azure-native:recoveryservices:ProtectedItem";
export const VM_PROTECTED_ITEM_KIND = "Microsoft.Compute/virtualMachines";

/**
 * Share of a VM's provisioned disk space that holds data. Azure Backup bills a
 * VM's protected instance and its storage on the data actually used, not the
 * disk sizes; disks are provisioned with headroom (the OS disk's 128 GB default
 * holds about 30-40 GB of Windows), so half of the provisioned size is the
 * planning figure until the VM's real usage is known.
 */
export const BACKUP_USED_SHARE = 0.5;

/**
 * Backup storage as a multiple of the used data. The vault keeps one full copy
 * and then incremental changes; with daily backups kept 30 days, weekly and
 * monthly points beside them, and a typical daily change rate of 1-2 % of an
 * application server's data, the increments add about half a copy again.
 * So: stored GB = used GB × 1.5.
 */
export const BACKUP_RETENTION_FACTOR = 1.5;

/** Azure Backup bills a protected instance per started 500 GB of used data above 500 GB (the backup-instance price is the 50-500 GB band). */
export const BACKUP_INSTANCE_STEP_GB = 500;

/**
 * GB of logs a VM sends to the central workspace a month through the Azure
 * Monitor Agent and the platform's data collection rule: a few dozen
 * performance counters once a minute (about 0.5 GB) plus Windows events or
 * syslog of level warning and above (about 1 GB), with room for a noisy
 * application: 2 GB.
 */
export const LOG_GB_PER_VM = 2;

/**
 * Azure Update Manager is free of charge for Azure VMs; only Arc-enabled
 * servers pay (https://azure.microsoft.com/pricing/details/azure-update-management-center/).
 * The line is priced at NOK 0 so the estimate shows it was counted, not forgotten.
 */
export const UPDATE_MANAGER_ITEM = "update-manager";

export interface WorkloadDisk {
  readonly sizeGb: number;
  /** managedDisk.storageAccountType, e.g. Premium_LRS. */
  readonly sku: string;
}

/** What the cost of a running VM depends on. */
export interface VmShape {
  readonly size: string;
  readonly os: OsFamily;
  /** The OS disk first, then the data disks. */
  readonly disks: readonly WorkloadDisk[];
}

export type VmState = "planned" | "migrating" | "running" | "retired";

/** A VM of a tenant file, by the logical name its resources are keyed by: `<system>-<vm>`. */
export interface WorkloadVm extends VmShape {
  readonly key: string;
  readonly system: string;
  readonly vm: string;
  readonly state: VmState;
  readonly zone: string;
  readonly backupTier?: string;
}

export interface WorkloadMeter {
  readonly item: string;
  readonly quantity: number;
}

/** The price item of a managed disk SKU. */
export function diskPriceItem(sku: string): string {
  const s = sku.toLowerCase();
  if (s.startsWith("premium")) return "disk-premium-ssd";
  if (s.startsWith("standardssd")) return "disk-standard-ssd";
  if (s.startsWith("standard_")) return "disk-standard-hdd";
  throw new Error(`no price item for the disk SKU "${sku}"; it is one of Premium_LRS, Premium_ZRS, StandardSSD_LRS, StandardSSD_ZRS, Standard_LRS`);
}

/** The price item of a VM size's hours: domain/compute/sizes.ts, or vm-<size> spelled the same way for a size it does not list. */
export function vmPriceItem(size: string): string {
  return vmSize(size)?.priceItem ?? `vm-${size.replace(/^standard_/i, "").toLowerCase().replace(/_/g, "-")}`;
}

export const diskTotalGb = (disks: readonly WorkloadDisk[]) => disks.reduce((a, d) => a + d.sizeGb, 0);

/** The data Azure Backup protects: BACKUP_USED_SHARE of the disks. */
export const backupUsedGb = (disks: readonly WorkloadDisk[]) => diskTotalGb(disks) * BACKUP_USED_SHARE;

/** Estimated backup storage of a VM: used share of its disks × the retention factor, whole GB. */
export function backupStorageGb(disks: readonly WorkloadDisk[]): number {
  return Math.round(backupUsedGb(disks) * BACKUP_RETENTION_FACTOR);
}

/** Protected instances a VM is billed as: one up to 500 GB used, then one per started 500 GB. */
export function backupInstances(disks: readonly WorkloadDisk[]): number {
  return Math.max(1, Math.ceil(backupUsedGb(disks) / BACKUP_INSTANCE_STEP_GB));
}

/** A running VM: compute hours, the Windows licence per vCPU-hour, its disks, Update Manager, log ingestion. */
export function runningVmMeters(vm: VmShape): WorkloadMeter[] {
  const lines: WorkloadMeter[] = [{ item: vmPriceItem(vm.size), quantity: HOURS_PER_MONTH }];
  if (vm.os === "windows") {
    const size = vmSize(vm.size);
    if (!size) throw new Error(`the Windows licence of a ${vm.size} VM is billed per vCPU, and domain/compute/sizes.ts does not list that size`);
    lines.push({ item: "windows-licence", quantity: size.vcpus * HOURS_PER_MONTH });
  }
  const byItem = new Map<string, number>();
  for (const d of vm.disks) byItem.set(diskPriceItem(d.sku), (byItem.get(diskPriceItem(d.sku)) ?? 0) + d.sizeGb);
  for (const [item, gb] of [...byItem].sort(([a], [b]) => a.localeCompare(b))) lines.push({ item, quantity: gb });
  lines.push({ item: UPDATE_MANAGER_ITEM, quantity: 1 }, { item: "log-ingestion", quantity: LOG_GB_PER_VM });
  return lines;
}

/** A VM's backup: protected instances and storage while protected; storage only once retired (recovery points kept until they expire). */
export function backupMeters(disks: readonly WorkloadDisk[] | undefined, retired: boolean): WorkloadMeter[] {
  const lines: WorkloadMeter[] = [];
  if (!retired) lines.push({ item: "backup-instance", quantity: disks ? backupInstances(disks) : 1 });
  if (disks && disks.length > 0) lines.push({ item: "backup-storage-grs", quantity: backupStorageGb(disks) });
  return lines;
}

/** Everything a tenant file's VM costs in its state: planned nothing, migrating and running all, retired its backup storage. */
export function workloadVmMeters(vm: WorkloadVm): WorkloadMeter[] {
  switch (vm.state) {
    case "planned":
      return [];
    case "retired":
      return backupMeters(vm.disks, true);
    default:
      return [...runningVmMeters(vm), ...backupMeters(vm.disks, false)];
  }
}

/** The same as a running VM costs, whatever its state: what moving it adds (plan-migration). */
export function movedVmMeters(vm: VmShape): WorkloadMeter[] {
  return [...runningVmMeters(vm), ...backupMeters(vm.disks, false)];
}

/** What a previewed VirtualMachine's inputs say of its cost (docs/workloads.md: hardwareProfile, storageProfile, osProfile). */
export function vmShapeFromInputs(inputs: Readonly<Record<string, unknown>>): VmShape {
  const i = inputs as Record<string, any>;
  const disk = (d: any): WorkloadDisk => ({ sizeGb: Number(d?.diskSizeGB ?? 0), sku: String(d?.managedDisk?.storageAccountType ?? "Premium_LRS") });
  const disks = [...(i.storageProfile?.osDisk ? [disk(i.storageProfile.osDisk)] : []), ...((i.storageProfile?.dataDisks ?? []) as any[]).map(disk)];
  return { size: String(i.hardwareProfile?.vmSize ?? ""), os: osOfInputs(i), disks };
}

/**
 * A VM's OS from its image, as the licence follows it. The preview shows a Windows VM's
 * osProfile only as "[secret]" (the SDK marks it secret for the admin password inside),
 * so the image reference decides, then the OS disk's osType, then the osProfile.
 */
function osOfInputs(i: Record<string, any>): OsFamily {
  const ref = i.storageProfile?.imageReference;
  const image = Object.values(OS_IMAGES).find((img) => img.reference.publisher === ref?.publisher && img.reference.offer === ref?.offer && img.reference.sku === ref?.sku);
  if (image) return image.os;
  if (typeof ref?.publisher === "string" && /windows/i.test(ref.publisher)) return "windows";
  const osType = i.storageProfile?.osDisk?.osType;
  if (osType === "Windows" || osType === "Linux") return osType === "Windows" ? "windows" : "linux";
  return i.osProfile?.windowsConfiguration ? "windows" : "linux";
}

/** Whether a previewed resource is a municipality's workload VM (tagged grunnmur:service: workloads). */
export function isWorkloadVm(resource: { type: string; inputs: Readonly<Record<string, unknown>> }): boolean {
  const service = (resource.inputs.tags as Record<string, string> | undefined)?.["grunnmur:service"];
  // A shared service's VM (grunnmur:service shared-<key>) costs as a member's does; its subscribers pay it.
  return resource.type === VM_TYPE && (service === WORKLOAD_SERVICE || (service?.startsWith("shared-") ?? false));
}

/** Whether a previewed resource is the backup of a VM, not of a file share. */
export function isVmProtectedItem(resource: { type: string; inputs: Readonly<Record<string, unknown>> }): boolean {
  return resource.type === PROTECTED_ITEM_TYPE && (resource.inputs.properties as Record<string, unknown> | undefined)?.protectedItemType === VM_PROTECTED_ITEM_KIND;
}

/** The VMs of a tenant file's systems, keyed `<system>-<vm>` like their resources. */
export interface HostedSystems {
  readonly [system: string]: {
    readonly hosting?: {
      readonly zone: string;
      readonly vms: Readonly<Record<string, { size: string; image: string; osDiskGb: number; osDiskSku: string; dataDisks: Readonly<Record<string, { lun: number; sizeGb: number; sku: string }>>; backupTier?: string; state: VmState }>>;
    };
  };
}

export function workloadVms(systems: HostedSystems, defaultTier?: string): WorkloadVm[] {
  const out: WorkloadVm[] = [];
  for (const [system, s] of Object.entries(systems)) {
    for (const [vm, v] of Object.entries(s.hosting?.vms ?? {})) {
      const image = (OS_IMAGES as Record<string, { os: OsFamily }>)[v.image];
      const data = Object.values(v.dataDisks).sort((a, b) => a.lun - b.lun);
      out.push({
        key: `${system}-${vm}`,
        system,
        vm,
        state: v.state,
        zone: s.hosting!.zone,
        backupTier: v.backupTier ?? defaultTier,
        size: v.size,
        os: image?.os ?? (v.image.startsWith("windows") ? "windows" : "linux"),
        disks: [{ sizeGb: v.osDiskGb, sku: v.osDiskSku }, ...data.map((d) => ({ sizeGb: d.sizeGb, sku: d.sku }))],
      });
    }
  }
  return out;
}

/** A previewed resource as far as linking a VM's backup to the VM needs. */
export interface LinkableResource {
  readonly type: string;
  readonly name: string;
  readonly parent?: string | null;
  readonly inputs: Readonly<Record<string, unknown>>;
}

/** What a VM's protected item is billed on: the VM's disks (when known) and whether the VM is gone. */
export interface VmBackupFacts {
  readonly disks?: readonly WorkloadDisk[];
  readonly retired: boolean;
  /** The VM's logical name, when found. */
  readonly vm?: string;
}

const belongsTo = (item: LinkableResource, vmName: string, vmParent?: string | null) =>
  (item.parent != null && vmParent != null && item.parent === vmParent) || item.name.startsWith(`${vmName}-`) || (item.parent ?? "").endsWith(`::${vmName}`);

/**
 * Links each VM protected item of a preview to its VM: the VM beside it (the
 * same parent, the VM's WorkloadVm component, or a name `<vm>-...`); else a VM
 * the preview no longer has (retired), whose disks come from `known` (the
 * tenant file's VMs, or the baseline's previewed VMs), the longest key that fits.
 */
export function linkVmBackups(resources: readonly LinkableResource[], known: ReadonlyArray<{ key: string; disks: readonly WorkloadDisk[] }> = []): (item: LinkableResource) => VmBackupFacts {
  const vms = resources.filter(isWorkloadVm);
  return (item) => {
    const stopped = (item.inputs.properties as Record<string, unknown> | undefined)?.protectionState === "ProtectionStopped";
    // The VM beside it under the same component first, then the longest name it starts with (profil-app-x before profil-app).
    const vm = vms.find((v) => item.parent != null && v.parent === item.parent) ?? [...vms].sort((a, b) => b.name.length - a.name.length).find((v) => belongsTo(item, v.name));
    if (vm) return { disks: vmShapeFromInputs(vm.inputs).disks, retired: stopped, vm: vm.name };
    const fact = [...known].sort((a, b) => b.key.length - a.key.length).find((k) => item.name === k.key || belongsTo(item, k.key));
    return { disks: fact?.disks, retired: true, vm: fact?.key };
  };
}

/** The disks of each workload VM in a preview, by its logical name: what a later preview without the VM still needs to price its backups. */
export function previewedVmDisks(resources: readonly LinkableResource[]): Array<{ key: string; disks: readonly WorkloadDisk[] }> {
  return resources.filter(isWorkloadVm).map((v) => ({ key: v.name, disks: vmShapeFromInputs(v.inputs).disks }));
}
