/**
 * A growing set of CIDR blocks that says in O(log n) whether any of them
 * overlaps a given block, where a scan of the list costs O(n): the address plan
 * checks every site and spoke of a region against all claimed so far, which at
 * 357 municipalities with two sites each was a million overlap tests per run.
 *
 * It relies on what parseCidr guarantees (host bits zero): two CIDR blocks are
 * either disjoint or one contains the other. So a block overlaps `b` exactly
 * when it starts inside `b`, or starts before it and contains it, which makes
 * it one of `b`'s at most 32 larger ancestors. The index answers "any?" only;
 * a caller that needs the first overlapping entry in its own order scans its
 * list when the answer is yes, so what it reports does not change.
 */
import { type Cidr, lastAddress } from "./cidr";

/** base * 64 + prefix: unique per block, below 2^38, so exact in a double. */
const keyOf = (base: number, prefix: number) => base * 64 + prefix;

function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

export class CidrIndex {
  /** Every block's first address, ascending (a block added twice is here twice). */
  private readonly starts: number[] = [];
  private readonly blocks = new Set<number>();

  constructor(blocks: Iterable<Cidr> = []) {
    for (const block of blocks) this.add(block);
  }

  add(block: Cidr): void {
    this.starts.splice(this.firstAtOrAfter(block.base), 0, block.base);
    this.blocks.add(keyOf(block.base, block.prefix));
  }

  /** True when some block added overlaps `block`. */
  overlapsAny(block: Cidr): boolean {
    const next = this.firstAtOrAfter(block.base);
    if (next < this.starts.length && this.starts[next] <= lastAddress(block)) return true;
    for (let prefix = 0; prefix < block.prefix; prefix += 1) {
      if (this.blocks.has(keyOf((block.base & maskOf(prefix)) >>> 0, prefix))) return true;
    }
    return false;
  }

  /** True when some block added holds the address `ip`. */
  holdsIp(ip: number): boolean {
    return this.overlapsAny({ base: ip, prefix: 32 });
  }

  private firstAtOrAfter(base: number): number {
    let low = 0;
    let high = this.starts.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.starts[mid] < base) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
