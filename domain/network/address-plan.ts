/**
 * Where each tenant's spoke and subnets sit in the address plan. Pure and
 * deterministic: the result depends only on the tenant's own kommunenummer and
 * file plus the platform's pool, so adding or removing one tenant can never
 * move another's addresses.
 */
import { type Cidr, blockCount, contains, formatCidr, nthBlock, sizeOf } from "./cidr";

export interface TenantPool {
  readonly cidr: Cidr;
  readonly blockPrefixLength: number;
  /** County numbers in a fixed order; a county's position is part of the index. */
  readonly counties: readonly string[];
}

/** Municipality numbers within a county run 01-99, so each county gets 100 slots. */
export const SLOTS_PER_COUNTY = 100;

export type BlockResult = { ok: true; block: Cidr; index: number } | { ok: false; reason: string };

/**
 * The spoke block for a kommunenummer: index = county position × 100 + the last
 * two digits. Tied to the number rather than to an order of files, it is stable
 * by construction. (If SSB renumbers a municipality, pin its old block in the
 * file's network.addressSpace before changing the number.)
 */
export function blockForKommunenummer(pool: TenantPool, kommunenummer: string): BlockResult {
  const countyIndex = pool.counties.indexOf(kommunenummer.slice(0, 2));
  if (countyIndex < 0) {
    return {
      ok: false,
      reason: `county ${kommunenummer.slice(0, 2)} is not in the platform's network.tenantPool.counties (${pool.counties.join(", ")}); add it there or set network.addressSpace in this file`,
    };
  }
  const index = countyIndex * SLOTS_PER_COUNTY + Number(kommunenummer.slice(2));
  const available = blockCount(pool.cidr, pool.blockPrefixLength);
  if (index >= available) {
    return {
      ok: false,
      reason: `the pool ${formatCidr(pool.cidr)} holds ${available} blocks of /${pool.blockPrefixLength} but this municipality needs block ${index}; enlarge network.tenantPool.cidr in the platform file`,
    };
  }
  return { ok: true, block: nthBlock(pool.cidr, pool.blockPrefixLength, index), index };
}

/** Smallest pool prefix that gives every listed county its 100 slots. */
export function poolPrefixNeeded(counties: number, blockPrefixLength: number): number {
  const blocks = counties * SLOTS_PER_COUNTY;
  return blockPrefixLength - Math.ceil(Math.log2(blocks));
}

export interface SubnetRequest {
  readonly key: string;
  readonly prefix: number;
}

export type LayoutResult =
  | { ok: true; subnets: Record<string, Cidr> }
  | { ok: false; reason: string; addressesNeeded: number };

/**
 * Packs subnets into `space` in the given order, each aligned to its own size.
 * Callers pass every zone a tenant could have (unsubscribed ones at their default
 * size), so subscribing to a zone later fills a reserved gap and moves nothing.
 */
export function layoutSubnets(space: Cidr, requests: readonly SubnetRequest[]): LayoutResult {
  const subnets: Record<string, Cidr> = {};
  let offset = 0;
  for (const request of requests) {
    const size = 2 ** (32 - request.prefix);
    offset = Math.ceil(offset / size) * size;
    const candidate: Cidr = { base: space.base + offset, prefix: request.prefix };
    if (request.prefix < space.prefix || !contains(space, candidate)) {
      const needed = requests.reduce((sum, r) => sum + 2 ** (32 - r.prefix), 0);
      return {
        ok: false,
        addressesNeeded: needed,
        reason: `the zones need at least ${needed} addresses but ${formatCidr(space)} holds ${sizeOf(space)}`,
      };
    }
    subnets[request.key] = candidate;
    offset += size;
  }
  return { ok: true, subnets };
}
