/**
 * What a tenant file's `systems.*.hosting` asks Azure for (docs/workloads.md):
 * per VM its state's resources, its zone's subnet, backup tier, OS family and
 * names. Pure: the tenant stack turns each entry into a WorkloadVm.
 *
 * States: planned creates nothing; migrating and running create the VM and
 * protect it; retired keeps only the protected item, with protection stopped.
 * A leaving municipality's stack takes no new resources: the pull-request
 * report blocks any VM it would add (scripts/report/diff.ts), so the plan
 * does not need to know.
 */
import type { TenantFile } from "../../tenants/schema/tenant";
import { OS_IMAGES, type OsFamily, type OsImage } from "./images";
import type { PatchWindow } from "./maintenance";
import {
  linuxComputerName,
  maintenanceConfigurationName,
  nicAzureName,
  vmAdminSecretName,
  vmAzureName,
  windowsComputerName,
  workloadVmLogicalName,
} from "./names";

export type VmState = "planned" | "migrating" | "running" | "retired";
export type WorkloadZone = "general" | "secure" | "exam";

/** What the stack makes of a VM: all of it, only its kept backup, or nothing. */
export type VmResources = "vm" | "backup-only" | "none";

export function resourcesForState(state: VmState): VmResources {
  switch (state) {
    case "planned":
      return "none";
    case "migrating":
    case "running":
      return "vm";
    case "retired":
      return "backup-only";
  }
}

export interface PlannedDataDisk {
  readonly key: string;
  readonly lun: number;
  readonly sizeGb: number;
  readonly sku: string;
}

export interface PlannedVm {
  readonly systemKey: string;
  readonly vmKey: string;
  readonly state: VmState;
  readonly resources: Exclude<VmResources, "none">;
  /** The WorkloadVm component's logical name, and the one it had before a rename. */
  readonly logicalName: string;
  readonly previousLogicalName?: string;
  readonly zone: WorkloadZone;
  /** The spoke subnet the NIC joins: the zone's (Spoke.subnetIds key). */
  readonly subnetKey: WorkloadZone;
  readonly sensitive: boolean;
  readonly os: OsFamily;
  readonly image: OsImage;
  readonly size: string;
  readonly osDiskGb: number;
  readonly osDiskSku: string;
  /** In LUN order, so reordering the file's disks changes nothing. */
  readonly dataDisks: readonly PlannedDataDisk[];
  readonly backupTier: string;
  readonly patchWindow: PatchWindow;
  /** Azure names, from the key the VM had first (renamedFrom): Azure cannot rename them. */
  readonly names: {
    readonly vm: string;
    readonly nic: string;
    readonly computer: string;
    readonly maintenanceConfiguration: string;
    /** Windows only: the Key Vault secret of its admin password. */
    readonly adminSecret?: string;
  };
}

/**
 * Every VM that has resources, sorted by system and VM key so the order never
 * depends on the file's. Throws on a VM without a backup tier, which the
 * validation (tenants/validation/workload-rules.ts) refuses first.
 */
export function workloadPlan(tenant: TenantFile): PlannedVm[] {
  const out: PlannedVm[] = [];
  for (const systemKey of Object.keys(tenant.systems).sort()) {
    const system = tenant.systems[systemKey];
    const hosting = system.hosting;
    if (!hosting) continue;
    for (const vmKey of Object.keys(hosting.vms).sort()) {
      const planned = planVm(tenant.slug, systemKey, vmKey, hosting.vms[vmKey], hosting.zone, system.sensitive, tenant.backup?.tier);
      if (planned) out.push(planned);
    }
  }
  return uniqueComputerNames(out);
}

/** The name part the shared services' VMs carry where a tenant's carry its slug. */
export const SHARED_SERVICES_NAME = "shared";

/**
 * The VMs of the services the platform hosts once (platform.yaml sharedServices),
 * keyed by service and VM as a tenant's by system and VM. They are in the
 * shared-services spoke, never in a tenant's zone; the zone here only fills the tag.
 */
export function sharedServicesPlan(services: Readonly<Record<string, { readonly workloads: Readonly<Record<string, HostedVm>> }>>): PlannedVm[] {
  const out: PlannedVm[] = [];
  for (const serviceKey of Object.keys(services).sort()) {
    const vms = services[serviceKey].workloads;
    for (const vmKey of Object.keys(vms).sort()) {
      const planned = planVm(SHARED_SERVICES_NAME, serviceKey, vmKey, vms[vmKey], "general", false, undefined);
      if (planned) out.push(planned);
    }
  }
  return uniqueComputerNames(out);
}

type HostedVm = NonNullable<TenantFile["systems"][string]["hosting"]>["vms"][string];

function planVm(slug: string, systemKey: string, vmKey: string, vm: HostedVm, zone: WorkloadZone, sensitive: boolean, fileTier: string | undefined): PlannedVm | undefined {
  const resources = resourcesForState(vm.state);
  if (resources === "none") return undefined;
  const backupTier = vm.backupTier ?? fileTier;
  if (backupTier === undefined) throw new Error(`systems.${systemKey}.hosting.vms.${vmKey} has no backup tier and the file no backup.tier`);
  const image: OsImage = OS_IMAGES[vm.image];
  const azureKey = vm.renamedFrom ?? vmKey;
  return {
    systemKey,
    vmKey,
    state: vm.state,
    resources,
    logicalName: workloadVmLogicalName(systemKey, vmKey),
    previousLogicalName: vm.renamedFrom ? workloadVmLogicalName(systemKey, vm.renamedFrom) : undefined,
    zone,
    subnetKey: zone,
    sensitive,
    os: image.os,
    image,
    size: vm.size,
    osDiskGb: vm.osDiskGb,
    osDiskSku: vm.osDiskSku,
    dataDisks: Object.entries(vm.dataDisks)
      .map(([key, d]) => ({ key, lun: d.lun, sizeGb: d.sizeGb, sku: d.sku }))
      .sort((a, b) => a.lun - b.lun),
    backupTier,
    patchWindow: vm.patchWindow,
    names: {
      vm: vmAzureName(slug, systemKey, azureKey),
      nic: nicAzureName(slug, systemKey, azureKey),
      computer: image.os === "windows" ? windowsComputerName(slug, systemKey, azureKey) : linuxComputerName(slug, systemKey, azureKey),
      maintenanceConfiguration: maintenanceConfigurationName(slug, systemKey, azureKey),
      adminSecret: image.os === "windows" ? vmAdminSecretName(slug, systemKey, azureKey) : undefined,
    },
  };
}

function uniqueComputerNames(out: PlannedVm[]): PlannedVm[] {
  const computers = new Map<string, string>();
  for (const vm of out) {
    const other = computers.get(vm.names.computer);
    if (other) throw new Error(`computer name ${vm.names.computer} of ${vm.logicalName} is also ${other}'s; rename one of the VMs' keys`);
    computers.set(vm.names.computer, vm.logicalName);
  }
  return out;
}
