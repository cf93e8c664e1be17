import type { WorkloadVm } from "../../domain/cost/workloads";
import { planMigration, type InventorySystem } from "../../domain/migration/waves";
import { checkDependencies, vmResources, waveWorkloads } from "../../domain/migration/workloads";

const sys = (runsOn: InventorySystem["runsOn"], dependsOn: string[] = [], extra: Partial<InventorySystem> = {}): InventorySystem => ({ name: "System", vendor: "Vendor", runsOn, canMove: true, dependsOn, ...extra });
const vm = (system: string, name: string, state: WorkloadVm["state"], os: WorkloadVm["os"] = "windows", dataGb: number[] = []): WorkloadVm => ({
  key: `${system}-${name}`,
  system,
  vm: name,
  state,
  zone: "general",
  size: "Standard_D2s_v5",
  os,
  disks: [{ sizeGb: 128, sku: "Premium_LRS" }, ...dataGb.map((sizeGb) => ({ sizeGb, sku: "StandardSSD_LRS" }))],
});
const prices = Object.fromEntries(
  Object.entries({ "vm-d2s-v5": 1, "windows-licence": 0.5, "disk-premium-ssd": 1, "disk-standard-ssd": 0.5, "update-manager": 0, "log-ingestion": 10, "backup-instance": 100, "backup-storage-grs": 1 }).map(([k, nok]) => [k, { nok }]),
);

describe("the resources a VM adds", () => {
  it("counts the VM, NIC, each disk, two extensions, the DCR association, maintenance configuration and assignment, protected item, and a secret on Windows", () => {
    expect(vmResources(vm("a", "app", "planned", "windows", [512]))).toEqual({
      virtualMachine: 1,
      networkInterface: 1,
      disks: 2,
      extensions: 2,
      dataCollectionRuleAssociation: 1,
      maintenance: 2,
      protectedItem: 1,
      secret: 1,
      total: 11,
    });
    expect(vmResources(vm("a", "app", "planned", "linux")).total).toBe(9);
  });
});

describe("what each wave brings", () => {
  const systems = { archive: sys("local-datacentre"), care: sys("local-datacentre", ["archive"]), mail: sys("saas") };
  const plan = planMigration(systems, "2027-01-01", 3);

  it("lists each wave's VMs but the retired ones, with resources, monthly cost and backup storage", () => {
    const vms = [vm("archive", "app", "running", "windows", [200]), vm("archive", "old", "retired"), vm("care", "db", "planned", "linux")];
    expect(waveWorkloads(plan, vms, prices)).toEqual([
      // 730 + 2×730×0.5 + 128 + 200×0.5 + 10×2 + 100 + (328 × 0.5 × 1.5 = 246)
      { wave: 1, waveStart: "2027-01-01", vms: ["archive-app"], resources: 11, monthlyNok: 730 + 730 + 128 + 100 + 20 + 100 + 246, backupGb: 246 },
      // A planned VM costs in the plan what it will cost once moved: 730 + 128 + 20 + 100 + 96.
      { wave: 2, waveStart: "2027-04-01", vms: ["care-db"], resources: 9, monthlyNok: 730 + 128 + 20 + 100 + 96, backupGb: 96 },
    ]);
  });

  it("names a price item the table lacks", () => {
    expect(() => waveWorkloads(plan, [vm("archive", "app", "planned")], {})).toThrow('VM archive-app needs the price item "vm-d2s-v5"');
  });
});

describe("reaching what a system depends on", () => {
  it("is a problem when a dependency stays in the local datacentre and the tenant has no VPN site; SaaS is always reachable", () => {
    const systems = { scada: sys("on-premises", [], { canMove: false }), portal: sys("local-datacentre", ["scada", "mail"]), mail: sys("saas") };
    const plan = planMigration(systems, "2027-01-01", 3);
    expect(checkDependencies(systems, [], plan, 0)).toEqual({
      problems: [
        {
          system: "portal",
          dependsOn: "scada",
          message: "portal moves in wave 1 but depends on scada, which stays on premises, and the tenant file has no VPN site, so the platform cannot reach it: add a site under sites, or move scada first",
        },
      ],
      throughVpn: [],
    });
    expect(checkDependencies(systems, [], plan, 1)).toEqual({
      problems: [],
      throughVpn: [{ system: "portal", dependsOn: "scada", message: "portal moves in wave 1 but depends on scada, which stays on premises: reachable through the VPN (1 site)" }],
    });
  });

  it("is a problem when a system already runs on the platform before a dependency that has not moved", () => {
    const systems = { archive: sys("local-datacentre"), care: sys("local-datacentre", ["archive"]) };
    const plan = planMigration(systems, "2027-01-01", 3);
    const early = [vm("care", "app", "migrating"), vm("archive", "app", "planned")];
    expect(checkDependencies(systems, early, plan, 0).problems.map((p) => p.message)).toEqual([
      "care already runs on the platform but depends on archive, which is still in the local datacentre (it moves in wave 1), and the tenant file has no VPN site, so the platform cannot reach it: add a site under sites, or move archive first",
    ]);
    // In wave order (archive moved first) nothing is wrong.
    expect(checkDependencies(systems, [vm("care", "app", "planned"), vm("archive", "app", "running")], plan, 0)).toEqual({ problems: [], throughVpn: [] });
    expect(checkDependencies(systems, [], plan, 0)).toEqual({ problems: [], throughVpn: [] });
  });
});
