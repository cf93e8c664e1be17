import { estimateCosts } from "../../domain/cost/estimate";
import { DEFAULT_ASSUMPTIONS, HOURS_PER_MONTH, metersFor } from "../../domain/cost/meters";
import {
  BACKUP_RETENTION_FACTOR,
  BACKUP_USED_SHARE,
  backupInstances,
  backupStorageGb,
  diskPriceItem,
  linkVmBackups,
  LOG_GB_PER_VM,
  runningVmMeters,
  vmShapeFromInputs,
  workloadVmMeters,
  workloadVms,
  type WorkloadVm,
} from "../../domain/cost/workloads";
import type { StackPreview } from "../../scripts/preview/preview-file";
import { platformSchema } from "../../tenants/schema/platform";
import { basePlatform } from "../helpers/region-fixture";

const ctx = { assumptions: DEFAULT_ASSUMPTIONS, tenantCount: 4 };

function resource(type: string, name: string, inputs: Record<string, unknown>, parent: string | null = null): StackPreview["resources"][number] {
  return { urn: `urn:pulumi:senja::grunnmur::${type}::${name}`, type, name, custom: true, parent, id: null, inputs, options: { protect: false, retainOnDelete: false, dependsOn: [], ignoreChanges: [], replaceOnChanges: [], deleteBeforeReplace: false, aliases: [] } };
}

/** A VirtualMachine as docs/workloads.md gives its inputs. */
export function vmInputs(size: string, os: "windows" | "linux", dataDisks: Array<{ lun: number; diskSizeGB: number; sku?: string }> = [], osDiskGb = 128) {
  return {
    hardwareProfile: { vmSize: size },
    storageProfile: {
      osDisk: { createOption: "FromImage", diskSizeGB: osDiskGb, managedDisk: { storageAccountType: "Premium_LRS" } },
      dataDisks: dataDisks.map((d) => ({ lun: d.lun, diskSizeGB: d.diskSizeGB, createOption: "Empty", managedDisk: { storageAccountType: d.sku ?? "Premium_LRS" } })),
    },
    osProfile: os === "windows" ? { windowsConfiguration: { patchSettings: { patchMode: "AutomaticByPlatform" } } } : { linuxConfiguration: { disablePasswordAuthentication: true } },
    tags: { "grunnmur:service": "workloads", "grunnmur:system": "ephorte", "grunnmur:zone": "secure" },
  };
}
const vmItem = (name: string, parent: string | null = null, extra: Record<string, unknown> = {}) =>
  resource("azure-native:recoveryservices:ProtectedItem", name, { properties: { protectedItemType: "Microsoft.Compute/virtualMachines", policyId: "/subscriptions/x/backupPolicies/grunnmur-standard-vms", ...extra } }, parent);

describe("what a municipality's VM costs", () => {
  it("maps each disk SKU to its price item", () => {
    expect(["Premium_LRS", "Premium_ZRS", "StandardSSD_LRS", "StandardSSD_ZRS", "Standard_LRS"].map(diskPriceItem)).toEqual([
      "disk-premium-ssd",
      "disk-premium-ssd",
      "disk-standard-ssd",
      "disk-standard-ssd",
      "disk-standard-hdd",
    ]);
  });

  it("prices a running Windows VM's hours, licence per vCPU, disks, Update Manager and logs", () => {
    expect(runningVmMeters(vmShapeFromInputs(vmInputs("Standard_D4s_v5", "windows", [{ lun: 0, diskSizeGB: 512 }, { lun: 1, diskSizeGB: 100, sku: "StandardSSD_LRS" }])))).toEqual([
      { item: "vm-d4s-v5", quantity: HOURS_PER_MONTH },
      { item: "windows-licence", quantity: 4 * HOURS_PER_MONTH },
      { item: "disk-premium-ssd", quantity: 640 },
      { item: "disk-standard-ssd", quantity: 100 },
      { item: "update-manager", quantity: 1 },
      { item: "log-ingestion", quantity: LOG_GB_PER_VM },
    ]);
  });

  it("charges no licence on Linux", () => {
    expect(runningVmMeters(vmShapeFromInputs(vmInputs("Standard_B2ms", "linux"))).map((m) => m.item)).toEqual(["vm-b2ms", "disk-premium-ssd", "update-manager", "log-ingestion"]);
  });

  it("estimates backup storage as the used share of the disks times the retention factor, and instances per started 500 GB used", () => {
    const disks = [{ sizeGb: 128, sku: "Premium_LRS" }, { sizeGb: 512, sku: "Premium_LRS" }];
    expect(backupStorageGb(disks)).toBe(Math.round(640 * BACKUP_USED_SHARE * BACKUP_RETENTION_FACTOR));
    expect(backupStorageGb(disks)).toBe(480);
    expect(backupInstances(disks)).toBe(1);
    expect(backupInstances([{ sizeGb: 2048, sku: "Premium_LRS" }])).toBe(3);
  });

  const vm = (state: WorkloadVm["state"]): WorkloadVm => ({ key: "ephorte-app", system: "ephorte", vm: "app", zone: "secure", state, size: "Standard_D2s_v5", os: "windows", disks: [{ sizeGb: 128, sku: "Premium_LRS" }] });

  it("costs nothing for a planned VM, everything for a migrating or running one, and only backup storage once retired", () => {
    expect(workloadVmMeters(vm("planned"))).toEqual([]);
    expect(workloadVmMeters(vm("migrating"))).toEqual(workloadVmMeters(vm("running")));
    expect(workloadVmMeters(vm("running")).map((m) => m.item)).toEqual(["vm-d2s-v5", "windows-licence", "disk-premium-ssd", "update-manager", "log-ingestion", "backup-instance", "backup-storage-grs"]);
    expect(workloadVmMeters(vm("retired"))).toEqual([{ item: "backup-storage-grs", quantity: 96 }]);
  });

  it("reads the tenant file's VMs with their OS disk first and the tier's default", () => {
    const vms = workloadVms(
      {
        ephorte: {
          hosting: {
            zone: "secure",
            vms: { app: { size: "Standard_D4s_v5", image: "windows-server-2022", osDiskGb: 128, osDiskSku: "Premium_LRS", dataDisks: { logs: { lun: 1, sizeGb: 64, sku: "StandardSSD_LRS" }, arkiv: { lun: 0, sizeGb: 512, sku: "Premium_LRS" } }, state: "running" } },
          },
        },
        office365: {},
      },
      "standard",
    );
    expect(vms).toEqual([
      {
        key: "ephorte-app",
        system: "ephorte",
        vm: "app",
        state: "running",
        zone: "secure",
        backupTier: "standard",
        size: "Standard_D4s_v5",
        os: "windows",
        disks: [
          { sizeGb: 128, sku: "Premium_LRS" },
          { sizeGb: 512, sku: "Premium_LRS" },
          { sizeGb: 64, sku: "StandardSSD_LRS" },
        ],
      },
    ]);
  });

  it("prices a VM's protected item on the VM beside it, and a retired VM's on its known disks without the instance", () => {
    const component = "urn:pulumi:senja::grunnmur::grunnmur:compute:WorkloadVm::ephorte-app";
    const theVm = resource("azure-native:compute:VirtualMachine", "ephorte-app", vmInputs("Standard_D4s_v5", "windows", [{ lun: 0, diskSizeGB: 512 }]), component);
    const item = vmItem("ephorte-app-backup", component);
    const running = linkVmBackups([theVm, item]);
    expect(metersFor(item, { ...ctx, vmBackup: running })).toEqual([
      { item: "backup-instance", quantity: 1 },
      { item: "backup-storage-grs", quantity: 480 },
    ]);
    const retired = linkVmBackups([item], [{ key: "ephorte-app", disks: [{ sizeGb: 640, sku: "Premium_LRS" }] }]);
    expect(metersFor(item, { ...ctx, vmBackup: retired })).toEqual([{ item: "backup-storage-grs", quantity: 480 }]);
  });

  it("keeps the platform's own VMs priced by their hours", () => {
    expect(metersFor({ type: "azure-native:compute:VirtualMachine", inputs: { hardwareProfile: { vmSize: "Standard_B2s" }, tags: { "grunnmur:service": "wifi" } } }, ctx)).toEqual([{ item: "vm-b2s", quantity: HOURS_PER_MONTH }]);
  });
});

describe("hosting in the region's estimate", () => {
  const items: Record<string, number> = {
    "vm-d4s-v5": 2,
    "vm-d2s-v5": 1,
    "windows-licence": 0.5,
    "disk-premium-ssd": 1,
    "disk-standard-ssd": 1,
    "update-manager": 0,
    "log-ingestion": 10,
    "backup-instance": 100,
    "backup-storage-grs": 1,
    "files-transaction-optimized": 1,
  };
  const platform = platformSchema.parse({
    ...basePlatform(),
    prices: { date: "2026-11-01", source: "test", exchangeRate: { from: "USD", nokPerUnit: 10 }, items: Object.fromEntries(Object.entries(items).map(([k, nok]) => [k, { description: k, unit: "hour", nok }])) },
  });
  const fileVms: WorkloadVm[] = [
    { key: "ephorte-app", system: "ephorte", vm: "app", zone: "secure", state: "running", size: "Standard_D4s_v5", os: "windows", disks: [{ sizeGb: 128, sku: "Premium_LRS" }, { sizeGb: 512, sku: "Premium_LRS" }] },
    { key: "profil-app", system: "profil", vm: "app", zone: "secure", state: "planned", size: "Standard_D2s_v5", os: "windows", disks: [{ sizeGb: 128, sku: "Premium_LRS" }] },
    { key: "old-app", system: "old", vm: "app", zone: "general", state: "retired", size: "Standard_D2s_v5", os: "linux", disks: [{ sizeGb: 200, sku: "Premium_LRS" }] },
  ];
  // ephorte-app: 730×2 + 4×730×0.5 + 640 + 0 + 2×10 + 100 + 480; old-app: 150 of backup storage.
  const ephorte = 730 * 2 + 4 * 730 * 0.5 + 640 + LOG_GB_PER_VM * 10 + 100 + 480;

  it("prices the tenant file's VMs while the preview has none of them", () => {
    const report = estimateCosts(platform, { platform: { stack: "platform", resources: [] }, tenants: [{ stack: "senja", resources: [] }] }, [{ slug: "senja", displayName: "Senja kommune", population: 14000, vms: fileVms }], DEFAULT_ASSUMPTIONS);
    expect(report.workloadSources).toEqual({ senja: "tenant file" });
    expect(report.members.find((m) => m.slug === "senja")?.ownMonthlyByService).toEqual({ workloads: Math.round(ephorte + 150) });
    expect(report.lines.filter((l) => l.resource === "profil-app")).toEqual([]);
  });

  it("prices the previewed VMs once the stack has them, the retired one's backups from the file", () => {
    const component = "urn:pulumi:senja::grunnmur::grunnmur:compute:WorkloadVm::ephorte-app";
    const resources = [
      resource("azure-native:compute:VirtualMachine", "ephorte-app", vmInputs("Standard_D4s_v5", "windows", [{ lun: 0, diskSizeGB: 512 }]), component),
      vmItem("ephorte-app-backup", component),
      vmItem("old-app-backup", "urn:pulumi:senja::grunnmur::grunnmur:compute:WorkloadVm::old-app", { protectionState: "ProtectionStopped" }),
      resource("azure-native:recoveryservices:ProtectedItem", "storage-backup-felles", { properties: { protectedItemType: "AzureFileShareProtectedItem" } }),
    ];
    const report = estimateCosts(
      platform,
      { platform: { stack: "platform", resources: [] }, tenants: [{ stack: "senja", resources }] },
      [{ slug: "senja", displayName: "Senja kommune", population: 14000, vms: fileVms, backupGb: 300 }],
      DEFAULT_ASSUMPTIONS,
    );
    expect(report.workloadSources).toEqual({ senja: "preview" });
    // A VM's protected item belongs to hosting even untagged; the file share keeps all of backupGb.
    const senja = report.members.find((m) => m.slug === "senja")!;
    expect(senja.ownMonthlyByService).toEqual({ other: 400, workloads: Math.round(ephorte + 150) });
    expect(report.lines.filter((l) => l.resource === "storage-backup-felles").map((l) => [l.item, l.quantity])).toEqual([
      ["backup-instance", 1],
      ["backup-storage-grs", 300],
    ]);
  });
});
