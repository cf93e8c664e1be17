import { linuxComputerName, vmAzureName, vmBackupNames, windowsComputerName, workloadVmLogicalName, VM_NAME_MAX, WINDOWS_COMPUTER_NAME_MAX } from "../../domain/compute/names";

describe("workload VM names", () => {
  it("derives the logical name from the system and VM keys", () => {
    expect(workloadVmLogicalName("ephorte", "app")).toBe("ephorte-app");
  });

  it("names the VM vm-<slug>-<system>-<vm>", () => {
    expect(vmAzureName("senja", "ephorte", "app")).toBe("vm-senja-ephorte-app");
  });

  it("cuts a long VM name to 64 characters, keeping a hash of the whole so two long names stay apart", () => {
    const long = "a".repeat(32);
    const a = vmAzureName("storfjord", long, `${"b".repeat(31)}x`);
    const b = vmAzureName("storfjord", long, `${"b".repeat(31)}y`);
    expect(a.length).toBeLessThanOrEqual(VM_NAME_MAX);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[a-z0-9-]+[a-z0-9]$/);
  });

  it("gives Windows a computer name of at most 15 letters, digits and hyphens, starting with a letter", () => {
    for (const [slug, system, vm] of [["senja", "ephorte", "app"], ["nordreisa", "a-very-long-system-key-of-32-chr", "db"], ["x1", "s", "v"]]) {
      const name = windowsComputerName(slug, system, vm);
      expect(name.length).toBeLessThanOrEqual(WINDOWS_COMPUTER_NAME_MAX);
      expect(name).toMatch(/^[a-z][a-z0-9-]*[a-z0-9]$/);
    }
  });

  it("gives the same computer name every time and a different one to every VM of a tenant", () => {
    expect(windowsComputerName("senja", "ephorte", "app")).toBe(windowsComputerName("senja", "ephorte", "app"));
    const names = new Set<string>();
    for (let s = 0; s < 60; s += 1) for (let v = 0; v < 60; v += 1) names.add(windowsComputerName("senja", `system${s}`, `vm${v}`));
    expect(names.size).toBe(3600);
  });

  it("gives Linux a readable host name", () => {
    expect(linuxComputerName("senja", "gis", "web")).toBe("senja-gis-web");
  });

  it("uses Azure Backup's container and item names for an Azure VM", () => {
    expect(vmBackupNames("rg-grunnmur-senja-workloads-prod-noe", "vm-senja-ephorte-app")).toEqual({
      fabricName: "Azure",
      containerName: "iaasvmcontainer;iaasvmcontainerv2;rg-grunnmur-senja-workloads-prod-noe;vm-senja-ephorte-app",
      protectedItemName: "vm;iaasvmcontainerv2;rg-grunnmur-senja-workloads-prod-noe;vm-senja-ephorte-app",
    });
  });
});
