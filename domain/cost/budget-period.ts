/**
 * When a municipality's monthly budget starts. Azure's rules for a Cost budget
 * (Budgets - Create Or Update, timePeriod.startDate:
 * https://learn.microsoft.com/rest/api/consumption/budgets/create-or-update):
 * the first of a month; a past start only within the current period (for a
 * monthly budget, this month); at most twelve months ahead. And a budget's
 * start can never be changed once created ("Start date of budgets cannot be
 * updated", https://github.com/Azure/CanadaPubSecALZ/issues/317).
 *
 * So the start is the later of the month the municipality joined (its file's
 * `joined`) and the month of the deployment: valid whatever day `pulumi up`
 * runs. The budget ignores later changes of it (components/cost/budget.ts), so
 * a run next month does not try to move it.
 */

/** How far ahead Azure lets a budget start. */
export const BUDGET_MAX_MONTHS_AHEAD = 12;

/** "YYYY-MM" of a YYYY-MM-DD date. */
export const monthOf = (date: string): string => date.slice(0, 7);

/** Whole months from `from` to `to`, both "YYYY-MM". */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split("-").map(Number);
  const [ty, tm] = to.split("-").map(Number);
  return (ty - fy) * 12 + (tm - fm);
}

/** The budget's startDate as Azure takes it, for a deployment on `today` (YYYY-MM-DD). */
export function budgetStartDate(joined: string | undefined, today: string): string {
  const current = monthOf(today);
  const month = joined !== undefined && joined > current ? joined : current;
  return `${month}-01T00:00:00Z`;
}
