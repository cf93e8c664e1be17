/** Cost reports built from members' figures, for the chart and the renderers. */
import { SEED_TWO_DATACENTRES, type CostReport, type MemberCost } from "../../domain/cost/estimate";
import { perInhabitantYearly } from "../../domain/cost/per-inhabitant";

export interface MemberFigures {
  slug: string;
  displayName?: string;
  population: number;
  ownMonthly: number;
  platformShareMonthly: number;
  host?: boolean;
  chargedByUseMonthly?: Record<string, number>;
}

export function memberCost(f: MemberFigures): MemberCost {
  const totalMonthly = f.ownMonthly + f.platformShareMonthly;
  return {
    slug: f.slug,
    displayName: f.displayName ?? `${f.slug[0].toUpperCase()}${f.slug.slice(1)} kommune`,
    population: f.population,
    host: f.host ?? false,
    ownMonthlyByService: f.ownMonthly > 0 ? { storage: f.ownMonthly } : {},
    ownMonthly: f.ownMonthly,
    platformShareMonthly: f.platformShareMonthly,
    sharedServicesMonthly: {},
    chargedByUseMonthly: f.chargedByUseMonthly ?? {},
    totalMonthly,
    totalYearly: totalMonthly * 12,
    perInhabitantYearly: perInhabitantYearly(totalMonthly, f.population),
  };
}

export function costReport(figures: readonly MemberFigures[], chargedByUseMonthly: Record<string, number> = {}): CostReport {
  const members = figures.map(memberCost);
  const monthly = members.reduce((a, m) => a + m.totalMonthly, 0);
  const population = members.reduce((a, m) => a + m.population, 0);
  const platformMonthly = members.reduce((a, m) => a + m.platformShareMonthly, 0);
  return {
    prices: { date: "2026-11-01", source: "test prices", exchangeRate: { from: "USD", nokPerUnit: 10.8 } },
    allocationKey: "40 % equally, 60 % by population",
    assumptions: ["A month is 730 hours; resources run all month."],
    platformMonthly,
    platformMonthlyByService: { network: platformMonthly },
    sharedServicesMonthly: {},
    chargedByUseMonthly,
    members,
    region: { monthly, yearly: monthly * 12, population, perInhabitantYearly: perInhabitantYearly(monthly, population) },
    seed: SEED_TWO_DATACENTRES,
    lines: [],
    workloadSources: {},
  };
}
