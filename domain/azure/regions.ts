/**
 * What the platform needs to know about the Azure regions it may use, from
 * Microsoft's region list (https://learn.microsoft.com/azure/reliability/regions-list):
 * - Norway East has availability zones; Norway West has none, so nothing
 *   zonal or zone-redundant (zones, ZRS storage or disks) may be sent there.
 * - Norway West is access-restricted (kept for in-country disaster recovery): a
 *   subscription deploys there only after Microsoft approves a region access
 *   request (https://learn.microsoft.com/troubleshoot/azure/general/region-access-request-process).
 *   The DR hub is therefore opt-in (regions.dr.enabled).
 * A region missing here has no zones as far as the platform is concerned.
 */
export interface AzureRegion {
  readonly displayName: string;
  readonly availabilityZones: boolean;
  /** Set when a subscription needs Microsoft's approval before it can deploy there. */
  readonly accessRequest?: string;
}

export const REGION_ACCESS_REQUEST_URL = "https://learn.microsoft.com/troubleshoot/azure/general/region-access-request-process";

export const AZURE_REGIONS: Readonly<Record<string, AzureRegion>> = {
  norwayeast: { displayName: "Norway East", availabilityZones: true },
  norwaywest: { displayName: "Norway West", availabilityZones: false, accessRequest: REGION_ACCESS_REQUEST_URL },
};

/** Regions with availability zones, for zone-redundant resources. */
export function hasZones(location: string): boolean {
  return AZURE_REGIONS[location]?.availabilityZones === true;
}

/** Zone-redundant storage where the region has zones, locally redundant where it has none. */
export function redundantSku<T extends string>(location: string, zoneRedundant: T, local: T): T {
  return hasZones(location) ? zoneRedundant : local;
}
