import { DependencyCycleError, planMigration, type InventorySystem } from "../../domain/migration/waves";

const sys = (runsOn: InventorySystem["runsOn"], dependsOn: string[] = [], extra: Partial<InventorySystem> = {}): InventorySystem => ({
  name: "System",
  vendor: "Vendor",
  runsOn,
  canMove: true,
  dependsOn,
  ...extra,
});

describe("migration waves", () => {
  it("moves nothing before what it depends on", () => {
    const plan = planMigration(
      { archive: sys("local-datacentre"), care: sys("local-datacentre", ["archive", "portal"]), portal: sys("on-premises", ["archive"]), mail: sys("saas") },
      "2027-01-01",
      3,
    );
    expect(plan.waves.map((w) => w.map((s) => s.key))).toEqual([["archive"], ["portal"], ["care"]]);
    expect(plan.waves[2][0].waveStart).toBe("2027-07-01");
  });

  it("lists SaaS systems and systems that cannot move apart, and ignores them as dependencies", () => {
    const plan = planMigration({ mail: sys("saas"), scada: sys("on-premises", [], { canMove: false }), portal: sys("local-datacentre", ["mail", "scada"]) }, "2027-01-01", 3);
    expect(plan.waves.map((w) => w.map((s) => s.key))).toEqual([["portal"]]);
    expect(plan.staying.map((s) => [s.key, s.reason])).toEqual([
      ["mail", "SaaS: stays with the vendor; check its integrations"],
      ["scada", "stays on premises (canMove: false)"],
    ]);
  });

  it("flags a contract that ends before its system's wave", () => {
    const plan = planMigration({ a: sys("local-datacentre"), b: sys("local-datacentre", ["a"], { contractEnd: "2027-02-01" }) }, "2027-01-01", 3);
    expect(plan.waves[1][0].contractWarning).toBe("contract ends 2027-02-01, before wave 2 starts 2027-04-01: extend it or move earlier");
    expect(plan.waves[0][0].contractWarning).toBeUndefined();
  });

  it("rejects a cycle and names it", () => {
    expect(() => planMigration({ a: sys("local-datacentre", ["b"]), b: sys("local-datacentre", ["a"]) }, "2027-01-01", 3)).toThrow(
      new DependencyCycleError(["a", "b", "a"]).message,
    );
  });
});
