import { tenantSchema, type TenantFile } from "../../tenants/schema/tenant";
import { baseTenant } from "../helpers/region-fixture";
import { resourcesForState, SHARED_SERVICES_NAME, sharedServicesPlan, workloadPlan } from "../../domain/compute/workload-plan";

type Vm = Record<string, unknown>;
const vm = (over: Vm = {}): Vm => ({ size: "Standard_D2s_v5", image: "windows-server-2022", patchWindow: { day: "Sunday", start: "02:00" }, state: "running", ...over });

function tenant(systems: Record<string, { zone?: string; sensitive?: boolean; vms: Record<string, Vm> }>): TenantFile {
  return tenantSchema.parse({
    ...baseTenant("tana", "5628", 1),
    backup: { tier: "standard" },
    systems: Object.fromEntries(
      Object.entries(systems).map(([key, s]) => [key, { name: key, vendor: "Vendor", runsOn: "local-datacentre", sensitive: s.sensitive ?? false, hosting: { zone: s.zone ?? "general", vms: s.vms } }]),
    ),
  });
}

describe("the workload plan", () => {
  it.each([
    ["planned", "none"],
    ["migrating", "vm"],
    ["running", "vm"],
    ["retired", "backup-only"],
  ] as const)("makes of a %s VM: %s", (state, resources) => {
    expect(resourcesForState(state)).toBe(resources);
  });

  it("plans nothing for planned VMs", () => {
    expect(workloadPlan(tenant({ gis: { vms: { web: vm({ state: "planned" }) } } }))).toEqual([]);
  });

  it("puts a VM in its zone's subnet with the file's tier, or its own", () => {
    const [a, b] = workloadPlan(tenant({ familia: { zone: "secure", sensitive: true, vms: { app: vm(), db: vm({ backupTier: "gold", image: "ubuntu-24.04" }) } } }));
    expect(a).toMatchObject({ logicalName: "familia-app", subnetKey: "secure", zone: "secure", sensitive: true, backupTier: "standard", os: "windows" });
    expect(b).toMatchObject({ logicalName: "familia-db", backupTier: "gold", os: "linux" });
    expect(b.names.adminSecret).toBeUndefined();
    expect(a.names).toMatchObject({ vm: "vm-tana-familia-app", nic: "nic-tana-familia-app", adminSecret: "generated-vmadmin-tana-familia-app" });
  });

  it("does not depend on the order of systems, VMs or disks in the file", () => {
    const disks = { data: { lun: 0, sizeGb: 64 }, logs: { lun: 1, sizeGb: 32 } };
    const one = workloadPlan(tenant({ arkiv: { vms: { app: vm({ dataDisks: disks }), db: vm() } }, gis: { vms: { web: vm() } } }));
    const other = workloadPlan(tenant({ gis: { vms: { web: vm() } }, arkiv: { vms: { db: vm(), app: vm({ dataDisks: { logs: disks.logs, data: disks.data } }) } } }));
    expect(other).toEqual(one);
    expect(one[0].dataDisks.map((d) => d.lun)).toEqual([0, 1]);
  });

  it("keeps a renamed VM's Azure names and records its old logical name", () => {
    const before = workloadPlan(tenant({ gis: { vms: { web: vm() } } }))[0];
    const after = workloadPlan(tenant({ gis: { vms: { frontend: vm({ renamedFrom: "web" }) } } }))[0];
    expect(after).toMatchObject({ logicalName: "gis-frontend", previousLogicalName: "gis-web" });
    expect(after.names).toEqual(before.names);
  });
});

describe("the shared services' plan", () => {
  const vm = (state: "planned" | "migrating" | "retired", image: "ubuntu-24.04" | "windows-server-2022" = "ubuntu-24.04") => ({
    size: "Standard_D2s_v5",
    image,
    osDiskGb: 128,
    osDiskSku: "Premium_LRS" as const,
    dataDisks: {},
    backupTier: "standard",
    patchWindow: { day: "Tuesday" as const, start: "02:00", hours: 3 },
    state,
  });

  it("keys the VMs by service and VM, names them after the shared services, and skips planned ones", () => {
    const plan = sharedServicesPlan({ portal: { workloads: { web: vm("migrating"), db: vm("planned") } }, exam: { workloads: { app: vm("retired", "windows-server-2022") } } });
    expect(plan.map((p) => [p.logicalName, p.resources, p.names.vm, p.backupTier])).toEqual([
      ["exam-app", "backup-only", `vm-${SHARED_SERVICES_NAME}-exam-app`, "standard"],
      ["portal-web", "vm", `vm-${SHARED_SERVICES_NAME}-portal-web`, "standard"],
    ]);
    expect(plan[0].names.adminSecret).toBeDefined();
    expect(plan[1].names.adminSecret).toBeUndefined();
  });
});
