/**
 * The scale plan's input (scale-plan.ts ScaleRegion) read from a region's
 * validated files: each tenant's hub (hubOf), sites, site prefixes and
 * subscription (tenantSubscriptionOf), and each hub's gateway and county
 * ranges. What the files cannot say (the platform stack's own role
 * assignments, its private DNS zones) the caller gives.
 */
import type { PlatformFile } from "../../tenants/schema/platform";
import type { TenantFile } from "../../tenants/schema/tenant";
import { tenantSubscription } from "../azure/tenant-subscription";
import { accessPointSitePrefixes } from "../network/access-point-sites";
import { cidr, contains } from "../network/cidr";
import { countyRangeCover } from "../network/county-ranges";
import { hubsOf } from "../network/hub-placement";
import { PRIVATE_RANGES } from "../network/routes";
import type { ScaleRegion, ScaleTenant } from "./scale-plan";

/** What the plan needs beyond the files. */
export interface ScaleRegionFacts {
  /** A name for the platform's subscription (its id is known only once the deploying identity signs in). */
  readonly platformSubscription: string;
  readonly platformRoleAssignments: number;
  readonly privateDnsZones: number;
  readonly fixedRuleGroupsPerPolicy: number;
  /** The hub service subnets each hub routes through its firewall (shared services, RADIUS). */
  readonly serviceRoutesPerHub: number;
}

const PRIVATE = PRIVATE_RANGES.map((r) => cidr(r));

/** One tenant as the plan counts it. */
export function scaleTenantOf(platform: PlatformFile, spec: TenantFile): ScaleTenant {
  const home = tenantSubscription(platform, spec);
  const prefixes = Object.values(spec.sites).flatMap((site) => site.prefixes);
  const accessPoints = Object.values(spec.wifi?.accessPoints ?? {}).map((ap) => ap.address);
  return {
    slug: spec.slug,
    kommunenummer: spec.kommunenummer,
    hub: home.hub,
    sites: Object.keys(spec.sites).length,
    publicSitePrefixes: prefixes.filter((p) => !PRIVATE.some((r) => contains(r, cidr(p)))).length,
    coreSitePrefixes: accessPointSitePrefixes(prefixes, accessPoints).length,
    subscription: home.subscriptionId,
  };
}

/** The whole region as the plan counts it. */
export function scaleRegionOf(platform: PlatformFile, tenants: readonly TenantFile[], facts: ScaleRegionFacts): ScaleRegion {
  const pool = platform.network.tenantPool;
  const tenantPool = { cidr: cidr(pool.cidr), blockPrefixLength: pool.blockPrefixLength, counties: pool.counties };
  return {
    hubs: hubsOf(platform).map((h) => ({
      key: h.key,
      vpnGatewaySku: h.vpnGatewaySku,
      serviceRoutes: facts.serviceRoutesPerHub,
      countyRangeRoutes: countyRangeCover(tenantPool, h.counties).length,
    })),
    tenants: tenants.map((t) => scaleTenantOf(platform, t)),
    privateDnsZones: facts.privateDnsZones,
    platformSubscription: facts.platformSubscription,
    platformRoleAssignments: facts.platformRoleAssignments,
    fixedRuleGroupsPerPolicy: facts.fixedRuleGroupsPerPolicy,
    sharedServicesSpoke: platform.network.sharedServicesSpoke !== undefined,
    // The platform program returns to another hub's spokes by its counties' ranges (routes.ts countyRanges).
    hubPoolsSummarised: true,
  };
}
