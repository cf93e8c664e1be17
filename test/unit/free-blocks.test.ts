import { cidr, contains, formatCidr, overlaps, type Cidr } from "../../domain/network/cidr";
import { blockForKommunenummer, type TenantPool } from "../../domain/network/address-plan";
import { findFreeBlock, reservedSlot } from "../../domain/network/free-blocks";

const pool: TenantPool = { cidr: cidr("10.96.0.0/15"), blockPrefixLength: 23, counties: ["55", "56"] };
const blocks = (...texts: string[]) => texts.map((t) => cidr(t));
const found = (prefix: number, taken: Cidr[], p: TenantPool = pool) => {
  const block = findFreeBlock(p, prefix, taken);
  return block && formatCidr(block);
};

describe("a free block in the tenant pool", () => {
  it.each<[string, number, string[], string | undefined]>([
    ["slot 00 of the first county, which no kommunenummer is allocated", 23, [], "10.96.0.0/23"],
    ["slot 00 of the next county once the first is taken", 23, ["10.96.0.0/23"], "10.96.200.0/23"],
    ["the blocks past the last county after that", 23, ["10.96.0.0/23", "10.96.200.0/23"], "10.97.144.0/23"],
    ["a block clear of a site that covers slot 00", 23, ["10.96.0.0/22", "10.96.200.0/23"], "10.97.144.0/23"],
    ["a larger block when the spoke needs one", 22, ["10.96.0.0/23"], "10.97.144.0/22"],
    ["nothing larger than the pool", 14, [], undefined],
  ])("is %s", (_label, prefix, taken, expected) => {
    expect(found(prefix, blocks(...taken))).toBe(expected);
  });

  it("falls back to a block reserved for a kommunenummer when every unreserved one is used", () => {
    const small: TenantPool = { cidr: cidr("10.96.0.0/16"), blockPrefixLength: 24, counties: ["55"] };
    // 256 slots of /24: 00 and 100-255 belong to no municipality; take them all.
    const unreserved = [cidr("10.96.0.0/24"), cidr("10.96.100.0/22"), cidr("10.96.104.0/21"), cidr("10.96.112.0/20"), cidr("10.96.128.0/17")];
    expect(found(24, [...unreserved, cidr("10.96.1.0/24")], small)).toBe("10.96.2.0/24");
  });

  it("is undefined when the pool is full", () => {
    expect(found(23, [pool.cidr])).toBeUndefined();
  });

  it("names slot 00 of each county and the slots past the last county as reserved for nobody", () => {
    expect([0, 1, 99, 100, 101, 199, 200, 255].map((slot) => reservedSlot(pool, slot))).toEqual([false, true, true, false, true, true, false, false]);
    // Every kommunenummer's own block is a reserved slot.
    for (const k of ["5501", "5530", "5599", "5601", "5699"]) {
      const allocated = blockForKommunenummer(pool, k);
      expect(allocated.ok && reservedSlot(pool, allocated.index)).toBe(true);
    }
  });

  it("never overlaps what is taken and always lies inside the pool (random regions)", () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let run = 0; run < 300; run += 1) {
      const taken = Array.from({ length: Math.floor(random() * 60) }, () => {
        const prefix = 20 + Math.floor(random() * 6);
        const size = 2 ** (32 - prefix);
        return { base: pool.cidr.base + Math.floor((random() * 2 ** 17) / size) * size, prefix };
      });
      const prefix = 22 + Math.floor(random() * 3);
      const block = findFreeBlock(pool, prefix, taken);
      if (block === undefined) continue;
      expect(block.prefix).toBe(prefix);
      expect(contains(pool.cidr, block)).toBe(true);
      expect(taken.filter((t) => overlaps(t, block))).toEqual([]);
    }
  });
});
