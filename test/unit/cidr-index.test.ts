import { type Cidr, cidr, containsIp, nthBlock, overlaps } from "../../domain/network/cidr";
import { CidrIndex } from "../../domain/network/cidr-index";

const indexOf = (...texts: string[]) => new CidrIndex(texts.map((t) => cidr(t)));

/** A small deterministic generator (mulberry32), so a failing case can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** A random block inside 10.0.0.0/16 of prefix 16-32, so blocks often nest and meet. */
function randomBlock(next: () => number): Cidr {
  const prefix = 16 + Math.floor(next() * 17);
  return nthBlock(cidr("10.0.0.0/16"), prefix, Math.floor(next() * 2 ** (prefix - 16)));
}

describe("an index of CIDR blocks", () => {
  it.each<[string, string[], string, boolean]>([
    ["finds nothing when empty", [], "10.0.0.0/24", false],
    ["finds the same block", ["10.0.0.0/24"], "10.0.0.0/24", true],
    ["finds a block inside the one asked about", ["10.0.1.128/25"], "10.0.0.0/23", true],
    ["finds a block holding the one asked about, starting before it", ["10.0.0.0/8"], "10.200.3.0/24", true],
    ["finds a block holding the one asked about, starting with it", ["10.0.0.0/8"], "10.0.0.0/24", true],
    ["finds the whole address space", ["0.0.0.0/0"], "192.168.1.1/32", true],
    ["passes a neighbour just before", ["10.0.0.0/24"], "10.0.1.0/24", false],
    ["passes a neighbour just after", ["10.0.1.0/24"], "10.0.0.0/24", false],
    ["passes a larger neighbour", ["10.0.0.0/23"], "10.0.2.0/24", false],
    ["passes blocks on both sides", ["10.0.0.0/24", "10.0.2.0/24"], "10.0.1.0/24", false],
    ["reaches the top of the address space", ["255.255.255.255/32"], "255.255.255.0/24", true],
  ])("%s", (_label, added, asked, expected) => {
    expect(indexOf(...added).overlapsAny(cidr(asked))).toBe(expected);
  });

  it("tells whether an address lies in a block", () => {
    const index = indexOf("172.16.0.0/24", "10.0.0.0/8");
    expect([0xac100005, 0x0a010203, 0xac100105].map((ip) => index.holdsIp(ip))).toEqual([true, true, false]);
  });

  it("keeps a block added twice", () => {
    const index = indexOf("10.0.0.0/24", "10.0.0.0/24");
    expect(index.overlapsAny(cidr("10.0.0.128/25"))).toBe(true);
  });

  it("agrees with testing every block one by one, for random blocks added and asked in turn", () => {
    const next = random(18);
    for (let round = 0; round < 50; round += 1) {
      const added: Cidr[] = [];
      const index = new CidrIndex();
      for (let step = 0; step < 60; step += 1) {
        const asked = randomBlock(next);
        expect([round, step, index.overlapsAny(asked)]).toEqual([round, step, added.some((b) => overlaps(b, asked))]);
        const ip = asked.base + Math.floor(next() * 2 ** (32 - asked.prefix));
        expect([round, step, index.holdsIp(ip)]).toEqual([round, step, added.some((b) => containsIp(b, ip))]);
        if (next() < 0.7) {
          added.push(asked);
          index.add(asked);
        }
      }
    }
  });
});
