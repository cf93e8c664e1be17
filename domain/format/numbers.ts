/**
 * One number format for every output a person reads: Norwegian grouping with a space
 * ("93 624"), as the municipalities' own budgets print them. CSV and JSON keep raw numbers,
 * so spreadsheets can sum them.
 */

/** A whole number grouped in threes with spaces: 93624 → "93 624", -1500 → "−1 500". */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const rounded = Math.round(n);
  const digits = String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, " ");
  return rounded < 0 ? `−${digits}` : digits;
}

/** An amount in Norwegian kroner: "NOK 93 624". */
export function formatNok(n: number): string {
  return `NOK ${formatNumber(n)}`;
}

/** A change in kroner with its sign: "+NOK 481", "−NOK 1 200". */
export function formatNokChange(n: number): string {
  const rounded = Math.round(n);
  return `${rounded >= 0 ? "+" : "−"}NOK ${formatNumber(Math.abs(rounded))}`;
}
