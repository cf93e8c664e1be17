/**
 * A municipality's servers (systems.*.hosting) against what the platform file
 * allows: a tenant file cannot pick a size, image or zone the platform has not
 * given it, leave a VM without backup, give two disks one LUN, or use
 * renamedFrom to take over another VM's names. Each edit with the exact message.
 */
import { loadRegion } from "../../tenants/validation/load-region";
import { basePlatform, baseTenant, makeRegion, type Json } from "../helpers/region-fixture";

const platform = (workloads: Json | undefined = { sizes: ["Standard_D2s_v5"], images: ["ubuntu-24.04"], linuxAdminSshPublicKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForTestsOnlyFakeKeyForTests test-only" }): Json => {
  const base = basePlatform();
  const prices = base.prices as Json;
  return {
    ...base,
    ...(workloads ? { workloads } : {}),
    prices: { ...prices, items: { ...(prices.items as Json), "vm-d2s-v5": { description: "Linux VM D2s v5", unit: "hour", nok: 1 } } },
  };
};

// The VM names its tier: a file's backup.tier needs file shares (services backup and storage).
const vm = (extra: Json = {}): Json => ({ size: "Standard_D2s_v5", image: "ubuntu-24.04", backupTier: "standard", patchWindow: { day: "Sunday", start: "02:00" }, state: "running", ...extra });
const hosted = (vms: Json, zone = "general", extra: Json = {}): Json => ({
  ...baseTenant("alta", "5601", 1),
  systems: { app: { name: "App", vendor: "Vendor", runsOn: "local-datacentre", ...extra, hosting: { zone, vms } } },
});

function problems(tenant: Json, p: Json = platform()): string[] {
  const region = makeRegion({ alta: tenant }, p);
  try {
    return loadRegion({ tenantsDir: region.tenantsDir, platformFile: region.platformFile }).diagnostics.map((d) => `${d.path.join(".")}: ${d.message}`);
  } finally {
    region.remove();
  }
}

const at = "systems.app.hosting";

describe("a tenant file's VMs", () => {
  it("accepts a VM the platform allows", () => {
    expect(problems(hosted({ web: vm() }))).toEqual([]);
  });

  it.each<[string, Json, Json | undefined, string]>([
    ["a size the platform does not allow", hosted({ web: vm({ size: "Standard_E4s_v5" }) }), undefined, `${at}.vms.web.size: is Standard_E4s_v5, which platform.yaml does not allow; allowed sizes are Standard_D2s_v5`],
    ["an image the platform does not allow", hosted({ web: vm({ image: "windows-server-2022" }) }), undefined, `${at}.vms.web.image: is windows-server-2022, which platform.yaml does not allow; allowed images are ubuntu-24.04`],
    ["the secure zone it does not have", hosted({ web: vm() }, "secure", { sensitive: true }), undefined, `${at}.zone: is secure, but network.zones.secure is not set in this file; add the zone (and its service) or host the system in another zone`],
    ["a backup tier the platform does not define", hosted({ web: vm({ backupTier: "gold" }) }), undefined, `${at}.vms.web.backupTier: has backup tier gold, which platform.yaml does not define; tiers are standard`],
    ["two data disks on one LUN", hosted({ web: vm({ dataDisks: { data: { lun: 0, sizeGb: 10 }, logs: { lun: 0, sizeGb: 10 } } }) }), undefined, `${at}.vms.web.dataDisks.logs.lun: is 0, which data disk data of this VM has; give each disk its own LUN (0-63)`],
    ["renamedFrom naming another VM of the system", hosted({ web: vm({ renamedFrom: "db" }), db: vm() }), undefined, `${at}.vms.web.renamedFrom: is db, which is still a VM of this system; renamedFrom names the key a VM had before, not another VM`],
    ["two VMs renamed from one key", hosted({ web: vm({ renamedFrom: "old" }), api: vm({ renamedFrom: "old" }) }), undefined, `${at}.vms.api.renamedFrom: is old, which VM web was renamed from too; one VM can have had that key`],
    ["a VM on a platform without workloads", hosted({ web: vm() }), platform(null as unknown as undefined), `${at}: cannot be hosted yet: platform.yaml has no workloads section saying which VM sizes and images members may use; ask the platform team`],
  ])("refuses %s", (_what, tenant, p, message) => {
    const found = problems(tenant, p ?? platform());
    expect(found.map((m) => m.replace(/\S*platform\.yaml/g, "platform.yaml"))).toContain(message);
  });

  it("refuses a VM without any backup tier", () => {
    const tenant = hosted({ web: vm({ backupTier: undefined }) });
    expect(problems(tenant).map((m) => m.replace(/\S*platform\.yaml/g, "platform.yaml"))).toContain(`${at}.vms.web.backupTier: is not set, and the file has no backup.tier; every VM is backed up, so choose a tier: standard`);
  });
});
