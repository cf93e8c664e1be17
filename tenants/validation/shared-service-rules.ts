/**
 * Shared services (platform.yaml sharedServices, network.sharedServicesSpoke)
 * and the tenant files' subscriptions to them: the spoke outside the tenant
 * pool and the hubs, each service's subnet inside the spoke and apart from the
 * others, its VMs within what the platform allows, and each subscription to a
 * service that exists, from zones the tenant has.
 */
import { cidr, contains, formatCidr, overlaps } from "../../domain/network/cidr";
import { vmSize } from "../../domain/compute/sizes";
import type { PlatformInput, TenantInput } from "./checked-files";
import type { Diagnostic } from "./diagnostic";
import { diagnosticAt } from "./yaml-source";

export function checkSharedServiceSettings(platform: PlatformInput): Diagnostic[] {
  const { spec, source } = platform;
  const out: Diagnostic[] = [];
  const services = Object.entries(spec.sharedServices);
  const spokeText = spec.network.sharedServicesSpoke?.addressSpace;
  if (!spokeText) {
    if (services.length > 0) out.push(diagnosticAt(source, ["sharedServices"], "needs network.sharedServicesSpoke.addressSpace, the spoke the services' subnets lie in; add it", "key"));
    return out;
  }
  const spoke = cidr(spokeText);
  const spokePath = ["network", "sharedServicesSpoke", "addressSpace"];
  const apart: Array<[string, string | undefined]> = [
    ["the tenant pool", spec.network.tenantPool.cidr],
    ["the hub", spec.network.hub.addressSpace],
    ["the DR hub", spec.network.drHub?.addressSpace],
  ];
  for (const [what, text] of apart) {
    if (text && overlaps(spoke, cidr(text))) out.push(diagnosticAt(source, spokePath, `${spokeText} overlaps ${what} ${text}; choose a range outside the tenant pool and the hubs`));
  }
  const placed: Array<[string, string]> = [];
  for (const [key, service] of services) {
    const at = ["sharedServices", key];
    const subnet = cidr(service.subnet);
    if (!contains(spoke, subnet)) {
      out.push(diagnosticAt(source, [...at, "subnet"], `${service.subnet} is not inside network.sharedServicesSpoke.addressSpace ${formatCidr(spoke)}; give the service a subnet of the spoke`));
    }
    const clash = placed.find(([, other]) => overlaps(cidr(other), subnet));
    if (clash) out.push(diagnosticAt(source, [...at, "subnet"], `${service.subnet} overlaps ${clash[1]}, the subnet of shared service ${clash[0]}; each service needs a subnet of its own`));
    placed.push([key, service.subnet]);
    service.ports.forEach((port, i) => {
      if (service.ports.indexOf(port) !== i) out.push(diagnosticAt(source, [...at, "ports", i], `port ${port} is listed twice; list each port once`));
    });
    if (service.allocation.key === "equal-population") {
      const total = service.allocation.equalPercent + service.allocation.populationPercent;
      if (Math.abs(total - 100) > 1e-9) out.push(diagnosticAt(source, [...at, "allocation"], `equalPercent + populationPercent is ${total}; they must add up to 100`));
    }
    out.push(...checkServiceVms(platform, key));
  }
  return out;
}

/** A service's VMs against the platform's own workloads section: sizes, images, backup tiers, LUNs. */
function checkServiceVms(platform: PlatformInput, key: string): Diagnostic[] {
  const { spec, source } = platform;
  const out: Diagnostic[] = [];
  const vms = Object.entries(spec.sharedServices[key].workloads);
  if (vms.length === 0) return out;
  const at = ["sharedServices", key, "workloads"];
  const workloads = spec.workloads;
  if (!workloads) return [diagnosticAt(source, at, "declares VMs, but there is no workloads section saying which VM sizes and images are allowed; add workloads", "key")];
  const tiers = Object.keys(spec.backup.tiers);
  for (const [vmKey, vm] of vms) {
    const vmAt = [...at, vmKey];
    if (!workloads.sizes.some((s) => s.toLowerCase() === vm.size.toLowerCase())) {
      out.push(diagnosticAt(source, [...vmAt, "size"], `is ${vm.size}, which workloads.sizes does not allow; allowed sizes are ${workloads.sizes.join(", ")}`));
    } else if (!vmSize(vm.size)) {
      out.push(diagnosticAt(source, [...vmAt, "size"], `is ${vm.size}, a size grunnmur does not know`));
    }
    if (!workloads.images.includes(vm.image)) out.push(diagnosticAt(source, [...vmAt, "image"], `is ${vm.image}, which workloads.images does not allow; allowed images are ${workloads.images.join(", ")}`));
    if (vm.backupTier === undefined) out.push(diagnosticAt(source, [...vmAt, "state"], `has no backupTier; every VM is backed up, so choose a tier: ${tiers.join(", ")}`));
    else if (!tiers.includes(vm.backupTier)) out.push(diagnosticAt(source, [...vmAt, "backupTier"], `is ${vm.backupTier}, which backup.tiers does not define; tiers are ${tiers.join(", ")}`));
    const luns = new Map<number, string>();
    for (const [diskKey, disk] of Object.entries(vm.dataDisks)) {
      const other = luns.get(disk.lun);
      if (other !== undefined) out.push(diagnosticAt(source, [...vmAt, "dataDisks", diskKey, "lun"], `is ${disk.lun}, which data disk ${other} of this VM has; give each disk its own LUN (0-63)`));
      else luns.set(disk.lun, diskKey);
    }
    if (vm.renamedFrom !== undefined && spec.sharedServices[key].workloads[vm.renamedFrom]) {
      out.push(diagnosticAt(source, [...vmAt, "renamedFrom"], `is ${vm.renamedFrom}, which is still a VM of this service; renamedFrom names the key a VM had before`));
    }
  }
  return out;
}

export function checkSharedServiceSubscriptions(platform: PlatformInput, tenants: readonly TenantInput[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const known = Object.keys(platform.spec.sharedServices);
  for (const { source, spec } of tenants) {
    for (const [key, subscription] of Object.entries(spec.sharedServices)) {
      const at = ["sharedServices", key];
      if (!platform.spec.sharedServices[key]) {
        out.push(diagnosticAt(source, at, `is no shared service of ${platform.source.file}; ${known.length > 0 ? `the services are ${known.join(", ")}` : "it hosts none yet"}`, "key"));
        continue;
      }
      subscription.zones.forEach((zone, i) => {
        if (zone !== "general" && !spec.network.zones[zone]) {
          out.push(diagnosticAt(source, [...at, "zones", i], `is ${zone}, but network.zones.${zone} is not set in this file; subscribe general or a zone the file has`));
        } else if (subscription.zones.indexOf(zone) !== i) {
          out.push(diagnosticAt(source, [...at, "zones", i], `${zone} is listed twice; list each zone once`));
        }
      });
    }
  }
  return out;
}
