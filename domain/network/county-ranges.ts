/**
 * The address ranges a hub's counties own in the tenant pool, as few CIDRs as
 * cover them. Spoke blocks are indexed by kommunenummer (address-plan.ts: county
 * position × 100 + the municipality's last two digits), so every municipality of
 * a county, allocated now or later, lies in its county's 100 slots. The core's
 * route table then returns to another hub's spokes with these few routes instead
 * of one per spoke: 357 municipalities would otherwise pass the 400 routes of a
 * route table (docs/network-scale.md). Pure.
 */
import { type Cidr, blockCount, cidr, formatCidr, sizeOf } from "./cidr";
import { SLOTS_PER_COUNTY, type TenantPool } from "./address-plan";

/** The largest aligned CIDRs that exactly cover the addresses [first, last]. */
export function rangeToCidrs(first: number, last: number): Cidr[] {
  const out: Cidr[] = [];
  let base = first;
  while (base <= last) {
    // The biggest block that starts at `base` (alignment) and ends by `last`.
    let prefix = 32;
    while (prefix > 0) {
      const size = 2 ** (32 - (prefix - 1));
      if (base % size !== 0 || base + size - 1 > last) break;
      prefix--;
    }
    out.push({ base, prefix });
    base += 2 ** (32 - prefix);
  }
  return out;
}

/**
 * The CIDRs covering the slots of `counties` in the pool, clipped to the pool's
 * size, in address order. A county not in the pool's list owns no slots there.
 */
export function countyRangeCover(pool: TenantPool, counties: readonly string[]): string[] {
  const blockSize = 2 ** (32 - pool.blockPrefixLength);
  const available = blockCount(pool.cidr, pool.blockPrefixLength);
  const ranges = counties
    .map((county) => pool.counties.indexOf(county))
    .filter((position) => position >= 0 && position * SLOTS_PER_COUNTY < available)
    .sort((a, b) => a - b)
    .map((position) => {
      const firstSlot = position * SLOTS_PER_COUNTY;
      const lastSlot = Math.min(firstSlot + SLOTS_PER_COUNTY, available) - 1;
      return [pool.cidr.base + firstSlot * blockSize, pool.cidr.base + (lastSlot + 1) * blockSize - 1] as const;
    });
  // Neighbouring counties (positions k and k+1) join into one range before covering.
  const merged: Array<[number, number]> = [];
  for (const [first, last] of ranges) {
    const previous = merged[merged.length - 1];
    if (previous && previous[1] + 1 === first) previous[1] = last;
    else merged.push([first, last]);
  }
  return merged.flatMap(([first, last]) => rangeToCidrs(first, last)).map(formatCidr);
}

/** Whether `space` lies inside one of `cover`'s CIDRs. */
export function insideCover(cover: readonly string[], space: string): boolean {
  const inner = cidr(space);
  return cover.some((text) => {
    const outer = cidr(text);
    return inner.prefix >= outer.prefix && inner.base >= outer.base && inner.base + sizeOf(inner) <= outer.base + sizeOf(outer);
  });
}
