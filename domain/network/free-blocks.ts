/**
 * A free block in the tenant pool, to suggest when a spoke overlaps another
 * network. Pure: the address plan passes every block anybody uses (hubs,
 * spokes, on-premises sites) and gets one that none of them touches.
 */
import { type Cidr, blockCount, nthBlock } from "./cidr";
import { CidrIndex } from "./cidr-index";
import { SLOTS_PER_COUNTY, type TenantPool } from "./address-plan";

/**
 * Whether a kommunenummer could ever be allocated block `slot` of the pool's
 * block size: county position × 100 + 01..99. Slot 00 of a county and slots
 * past the last county belong to no municipality.
 */
export function reservedSlot(pool: TenantPool, slot: number): boolean {
  return slot < pool.counties.length * SLOTS_PER_COUNTY && slot % SLOTS_PER_COUNTY !== 0;
}

/**
 * The first block of `prefix` in the pool that overlaps nothing in `taken`.
 * Blocks no kommunenummer is ever allocated come first, so following the
 * suggestion does not take the block of a municipality that joins later; when
 * those are all used, any free block will do. Undefined when the pool is full.
 */
export function findFreeBlock(pool: TenantPool, prefix: number, taken: readonly Cidr[]): Cidr | undefined {
  if (prefix < pool.cidr.prefix || prefix > 32) return undefined;
  const count = blockCount(pool.cidr, prefix);
  // Up to 2^(prefix - pool prefix) candidates against every block taken: an index, not a scan per candidate.
  const takenBlocks = new CidrIndex(taken);
  const free = (block: Cidr) => !takenBlocks.overlapsAny(block);
  let fallback: Cidr | undefined;
  for (let i = 0; i < count; i += 1) {
    const block = nthBlock(pool.cidr, prefix, i);
    if (!free(block)) continue;
    if (!touchesReservedSlot(pool, block)) return block;
    fallback ??= block;
  }
  return fallback;
}

function touchesReservedSlot(pool: TenantPool, block: Cidr): boolean {
  const slotSize = 2 ** (32 - pool.blockPrefixLength);
  const first = Math.floor((block.base - pool.cidr.base) / slotSize);
  const last = Math.floor((block.base + 2 ** (32 - block.prefix) - 1 - pool.cidr.base) / slotSize);
  for (let slot = first; slot <= last; slot += 1) if (reservedSlot(pool, slot)) return true;
  return false;
}
