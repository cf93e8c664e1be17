import { allocate, splitExactly } from "../../domain/cost/allocate";

const seedMembers = [
  { slug: "tromso", population: 75000 },
  { slug: "alta", population: 20000 },
  { slug: "senja", population: 15000 },
  { slug: "bardu", population: 3000 },
  { slug: "gamvik", population: 1000 },
];

describe("splitting the platform cost", () => {
  it("reproduces seed 000: NOK 1.71 million for 114,000 inhabitants is NOK 15 per inhabitant", () => {
    const shares = allocate(1_710_000, seedMembers, { key: "equal-population", equalPercent: 0, populationPercent: 100 });
    expect(shares).toEqual({ tromso: 1_125_000, alta: 300_000, senja: 225_000, bardu: 45_000, gamvik: 15_000 });
  });

  it("applies the Nord-Troms 40/60 rule: 40 % equally, 60 % by population", () => {
    // 1,000,000: 400,000 equally = 80,000 each; 600,000 by population share of 114,000.
    const shares = allocate(1_000_000, seedMembers, { key: "equal-population", equalPercent: 40, populationPercent: 60 });
    expect(shares.tromso).toBe(80_000 + Math.round((600_000 * 75_000) / 114_000)); // 474,737
    expect(shares.gamvik).toBe(80_000 + 5_263);
    expect(Object.values(shares).reduce((a, b) => a + b, 0)).toBe(1_000_000);
  });

  it("applies fixed percentages (seed 001: 50/15/5/30)", () => {
    const members = [
      { slug: "a", population: 1 },
      { slug: "b", population: 1 },
      { slug: "c", population: 1 },
      { slug: "d", population: 1 },
    ];
    expect(allocate(2_800_000, members, { key: "fixed-percentages", percentages: { a: 50, b: 15, c: 5, d: 30 } })).toEqual({ a: 1_400_000, b: 420_000, c: 140_000, d: 840_000 });
  });

  it("splits in proportion to the DigiTroFi fee (NOK 150,000 + NOK 5 per inhabitant)", () => {
    const members = [
      { slug: "big", population: 50_000 },
      { slug: "small", population: 1_000 },
    ];
    // Weights 400,000 and 155,000 of 555,000.
    expect(allocate(555_000, members, { key: "fixed-fee-per-capita", fixedFeeNokPerYear: 150_000, perInhabitantNokPerYear: 5 })).toEqual({ big: 400_000, small: 155_000 });
  });

  it("never loses or invents a krone when the shares do not divide evenly", () => {
    expect(splitExactly(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(splitExactly(2, [1, 1, 1])).toEqual([1, 1, 0]);
    for (let total = 0; total < 500; total += 7) {
      const shares = splitExactly(total, [3, 7, 11, 13]);
      expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
    }
  });

  it("explains keys that cannot work", () => {
    expect(() => splitExactly(10.5, [1])).toThrow("must be whole kroner");
    expect(() => splitExactly(10, [0, 0])).toThrow("add up to zero");
    expect(() => allocate(10, [{ slug: "x", population: 1 }], { key: "fixed-percentages", percentages: {} })).toThrow("no percentage for x");
  });
});
