/**
 * A municipality's virtual machines against what the platform allows: sizes
 * and images from platform.yaml's `workloads` (a tenant file cannot widen
 * them), each size with a price so the cost estimate covers it, zones the file
 * has, a backup tier that exists, data disk LUNs unique on their VM, and
 * renames that name a key once.
 */
import type { PlatformInput, TenantInput } from "./checked-files";
import type { Diagnostic } from "./diagnostic";
import { diagnosticAt } from "./yaml-source";
import { vmSize } from "../../domain/compute/sizes";

/** The platform file's own workload settings: every allowed size has its hourly price. */
export function checkWorkloadSettings(platform: PlatformInput): Diagnostic[] {
  const workloads = platform.spec.workloads;
  if (!workloads) return [];
  return workloads.sizes.flatMap((name, index) => {
    const item = vmSize(name)?.priceItem;
    if (!item || platform.spec.prices.items[item]) return [];
    return [diagnosticAt(platform.source, ["workloads", "sizes", index], `${name} has no price: add prices.items.${item} (its hourly price in NOK), so the cost estimate covers VMs of this size`)];
  });
}

export function checkWorkloads(platform: PlatformInput, tenants: readonly TenantInput[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const workloads = platform.spec.workloads;
  const tiers = Object.keys(platform.spec.backup.tiers);
  for (const { source, spec } of tenants) {
    for (const [systemKey, system] of Object.entries(spec.systems)) {
      const hosting = system.hosting;
      if (!hosting) continue;
      const at = ["systems", systemKey, "hosting"];
      if (!workloads) {
        out.push(diagnosticAt(source, at, `cannot be hosted yet: ${platform.source.file} has no workloads section saying which VM sizes and images members may use; ask the platform team`));
        continue;
      }
      if (system.runsOn === "saas") out.push(diagnosticAt(source, [...at], "is set on a SaaS system, which the vendor runs; remove hosting, or set runsOn to where the system runs today"));
      const zone = hosting.zone;
      if (zone !== "general" && !spec.network.zones[zone]) {
        out.push(diagnosticAt(source, [...at, "zone"], `is ${zone}, but network.zones.${zone} is not set in this file; add the zone (and its service) or host the system in another zone`));
      }
      const keys = new Set(Object.keys(hosting.vms));
      const renamedFrom = new Map<string, string>();
      for (const [vmKey, vm] of Object.entries(hosting.vms)) {
        const vmAt = [...at, "vms", vmKey];
        if (!workloads.sizes.some((s) => s.toLowerCase() === vm.size.toLowerCase())) {
          out.push(diagnosticAt(source, [...vmAt, "size"], `is ${vm.size}, which ${platform.source.file} does not allow; allowed sizes are ${workloads.sizes.join(", ")}`));
        }
        if (!workloads.images.includes(vm.image)) {
          out.push(diagnosticAt(source, [...vmAt, "image"], `is ${vm.image}, which ${platform.source.file} does not allow; allowed images are ${workloads.images.join(", ")}`));
        }
        const tier = vm.backupTier ?? spec.backup?.tier;
        if (tier === undefined) {
          out.push(diagnosticAt(source, [...vmAt, "backupTier"], `is not set, and the file has no backup.tier; every VM is backed up, so choose a tier: ${tiers.join(", ")}`));
        } else if (!tiers.includes(tier)) {
          out.push(diagnosticAt(source, [...vmAt, vm.backupTier ? "backupTier" : "state"], `has backup tier ${tier}, which ${platform.source.file} does not define; tiers are ${tiers.join(", ")}`));
        }
        const luns = new Map<number, string>();
        for (const [diskKey, disk] of Object.entries(vm.dataDisks)) {
          const other = luns.get(disk.lun);
          if (other !== undefined) out.push(diagnosticAt(source, [...vmAt, "dataDisks", diskKey, "lun"], `is ${disk.lun}, which data disk ${other} of this VM has; give each disk its own LUN (0-63)`));
          else luns.set(disk.lun, diskKey);
        }
        if (vm.renamedFrom !== undefined) {
          if (keys.has(vm.renamedFrom)) out.push(diagnosticAt(source, [...vmAt, "renamedFrom"], `is ${vm.renamedFrom}, which is still a VM of this system; renamedFrom names the key a VM had before, not another VM`));
          const twice = renamedFrom.get(vm.renamedFrom);
          if (twice !== undefined) out.push(diagnosticAt(source, [...vmAt, "renamedFrom"], `is ${vm.renamedFrom}, which VM ${twice} was renamed from too; one VM can have had that key`));
          renamedFrom.set(vm.renamedFrom, vmKey);
        }
      }
    }
  }
  return out;
}
