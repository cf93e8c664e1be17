/**
 * What a region without availability zones refuses: a zonal or zone-redundant
 * resource. Which regions have zones is domain/azure/regions.ts.
 */
import { AZURE_REGIONS, hasZones } from "../azure/regions";
import { azureNameOf, inputAt, isRecord, ofTypes, preflightRule, quote, type PreflightResource, type PreflightRule, type Problem } from "./rule";

const regionName = (location: string) => AZURE_REGIONS[location]?.displayName ?? location;

const subjectOf = (resource: PreflightResource) => resource.type.split(":").pop() ?? resource.type;

/** Resources placed in a region that has no zones. */
function inZonelessRegion(resources: readonly PreflightResource[]): Array<{ resource: PreflightResource; location: string }> {
  return resources.flatMap((resource) => {
    const location = resource.inputs.location;
    return typeof location === "string" && location.toLowerCase() !== "global" && !hasZones(location.toLowerCase()) ? [{ resource, location: location.toLowerCase() }] : [];
  });
}

export const noZonesWithoutZones = preflightRule(
  { id: "PF-23", name: "region-zones", summary: "A resource in a region without availability zones has no zones.", reference: "https://learn.microsoft.com/azure/reliability/regions-list" },
  function* (stack): Iterable<Problem> {
    for (const { resource, location } of inZonelessRegion(stack.resources.filter((r) => r.custom !== false))) {
      const zones = resource.inputs.zones;
      if (Array.isArray(zones) && zones.length > 0) {
        yield { resource, subject: subjectOf(resource), azureName: azureNameOf(resource), property: "zones", value: `${quote(zones)} in ${regionName(location)}`, allowed: `no zones in ${regionName(location)}, which has no availability zones` };
      }
    }
  },
);

const ZONE_REDUNDANT = /ZRS/i;

/** The SKUs of a resource that name a redundancy: its sku.name, and a VM's managed disks. */
function redundancySkus(resource: PreflightResource): Array<{ property: string; sku: string }> {
  const found: Array<{ property: string; sku: string }> = [];
  const sku = inputAt(resource, "sku.name");
  if (typeof sku === "string") found.push({ property: "sku.name", sku });
  const os = inputAt(resource, "storageProfile.osDisk.managedDisk.storageAccountType");
  if (typeof os === "string") found.push({ property: "storageProfile.osDisk.managedDisk.storageAccountType", sku: os });
  const data = inputAt(resource, "storageProfile.dataDisks");
  if (Array.isArray(data)) {
    data.filter(isRecord).forEach((disk, i) => {
      const type = isRecord(disk.managedDisk) ? disk.managedDisk.storageAccountType : undefined;
      if (typeof type === "string") found.push({ property: `storageProfile.dataDisks[${i}].managedDisk.storageAccountType`, sku: type });
    });
  }
  return found;
}

export const noZoneRedundancyWithoutZones = preflightRule(
  { id: "PF-24", name: "region-zone-redundant-sku", summary: "Zone-redundant storage (ZRS, GZRS) is not offered in a region without availability zones.", reference: "https://learn.microsoft.com/azure/storage/common/storage-redundancy#zone-redundant-storage" },
  function* (stack): Iterable<Problem> {
    for (const { resource, location } of inZonelessRegion(ofTypes(stack, "azure-native:storage:StorageAccount", "azure-native:compute:Disk", "azure-native:compute:VirtualMachine"))) {
      for (const { property, sku } of redundancySkus(resource).filter((s) => ZONE_REDUNDANT.test(s.sku))) {
        yield { resource, subject: subjectOf(resource), azureName: azureNameOf(resource), property, value: `${quote(sku)} in ${regionName(location)}`, allowed: `a locally or geo-redundant SKU (LRS, GRS) in ${regionName(location)}, which has no availability zones` };
      }
    }
  },
);

export const REGION_PREFLIGHT_RULES: readonly PreflightRule[] = [noZonesWithoutZones, noZoneRedundancyWithoutZones];
