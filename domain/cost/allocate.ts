/**
 * Splitting the shared platform's cost among its members (the host and every
 * tenant) by the key in the platform file. Amounts are whole kroner, and the
 * largest-remainder method makes the shares add up to the total exactly: no
 * krone is lost or invented by rounding.
 */
export interface Member {
  readonly slug: string;
  readonly population: number;
}

export type AllocationKey =
  | { readonly key: "equal-population"; readonly equalPercent: number; readonly populationPercent: number }
  | { readonly key: "fixed-percentages"; readonly percentages: Readonly<Record<string, number>> }
  | { readonly key: "fixed-fee-per-capita"; readonly fixedFeeNokPerYear: number; readonly perInhabitantNokPerYear: number };

/** Splits a whole number `total` in proportion to `weights`, exactly. */
export function splitExactly(total: number, weights: readonly number[]): number[] {
  if (!Number.isInteger(total)) throw new Error(`the total to split must be whole kroner, not ${total}`);
  const sum = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0) return [];
  if (sum <= 0) throw new Error("the allocation weights add up to zero; the key gives nobody a share");
  const exact = weights.map((w) => (total * w) / sum);
  const floors = exact.map(Math.floor);
  let left = total - floors.reduce((a, b) => a + b, 0);
  // Largest remainders first; ties go to the earlier member so the result is deterministic.
  const order = exact.map((x, i) => ({ i, r: x - floors[i] })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    floors[i] += 1;
    left -= 1;
  }
  return floors;
}

/** Each member's weight under the key; shares are proportional to it. */
export function allocationWeights(members: readonly Member[], key: AllocationKey): number[] {
  const totalPopulation = members.reduce((a, m) => a + m.population, 0);
  switch (key.key) {
    case "equal-population":
      return members.map((m) => key.equalPercent / members.length + (key.populationPercent * m.population) / totalPopulation);
    case "fixed-percentages":
      return members.map((m) => {
        const pct = key.percentages[m.slug];
        if (pct === undefined) throw new Error(`the fixed-percentages key has no percentage for ${m.slug}`);
        return pct;
      });
    case "fixed-fee-per-capita":
      // The membership model (e.g. NOK 150,000 + NOK 5 per inhabitant) sets each member's
      // relative share; the platform's actual cost is split in those proportions.
      return members.map((m) => key.fixedFeeNokPerYear + key.perInhabitantNokPerYear * m.population);
  }
}

export function allocate(total: number, members: readonly Member[], key: AllocationKey): Record<string, number> {
  const shares = splitExactly(total, allocationWeights(members, key));
  return Object.fromEntries(members.map((m, i) => [m.slug, shares[i]]));
}
