/**
 * What each member pays per inhabitant per year: the figure a council compares
 * with seed 000's NOK 15 per inhabitant for the two datacentres the platform
 * replaces. Kroner with two decimals, since a small municipality's share is
 * often only a few kroner per inhabitant and whole kroner would hide the
 * differences between members.
 */
import { formatNumber } from "../format/numbers";

/** NOK per inhabitant per year of a monthly amount, to the øre. */
export function perInhabitantYearly(monthlyNok: number, population: number): number {
  if (!(population > 0)) throw new Error(`a cost per inhabitant needs a population above 0, not ${population}`);
  return Math.round(((monthlyNok * 12) / population) * 100) / 100;
}

export interface PerInhabitantRow {
  readonly slug: string;
  readonly displayName: string;
  readonly host: boolean;
  /** Its own services, per inhabitant per year (unrounded, for drawing). */
  readonly own: number;
  /** Its share of the shared platform, per inhabitant per year (unrounded, for drawing). */
  readonly platformShare: number;
  /** The two together, to the øre. */
  readonly total: number;
}

interface MemberAmounts {
  readonly slug: string;
  readonly displayName: string;
  readonly host: boolean;
  readonly population: number;
  readonly ownMonthly: number;
  readonly platformShareMonthly: number;
  readonly totalMonthly: number;
}

export function perInhabitantRows(members: readonly MemberAmounts[]): PerInhabitantRow[] {
  return members.map((m) => ({
    slug: m.slug,
    displayName: m.displayName,
    host: m.host,
    own: (m.ownMonthly * 12) / m.population,
    platformShare: (m.platformShareMonthly * 12) / m.population,
    total: perInhabitantYearly(m.totalMonthly, m.population),
  }));
}

/** Kroner to the øre in the Norwegian way, with the one grouping: 4.6 → "4,60", 1234.5 → "1 234,50". */
export function formatKroner(n: number): string {
  const ore = Math.round(Math.abs(n) * 100);
  const text = `${formatNumber(Math.floor(ore / 100))},${String(ore % 100).padStart(2, "0")}`;
  return n < 0 && ore > 0 ? `−${text}` : text;
}

/** A per-inhabitant amount: "NOK 4,64". */
export const formatNokPerInhabitant = (n: number): string => `NOK ${formatKroner(n)}`;
