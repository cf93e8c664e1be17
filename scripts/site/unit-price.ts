/**
 * A unit price as people read it. Prices per hour or GB are often below one
 * krone, which domain/format/numbers.ts (whole kroner) would show as "NOK 0";
 * this keeps its grouping and adds up to two decimals, only where there are any.
 */
import { formatNumber } from "../../domain/format/numbers";

/** 14.6 → "NOK 14.60", 0.19 → "NOK 0.19", 108 → "NOK 108", 1234.5 → "NOK 1 234.50". */
export function formatUnitPrice(nok: number): string {
  const ore = Math.round(Math.abs(nok) * 100);
  const whole = Math.floor(ore / 100);
  const fraction = ore % 100;
  const sign = nok < 0 && ore > 0 ? "−" : "";
  return `${sign}NOK ${formatNumber(whole)}${fraction === 0 ? "" : `.${String(fraction).padStart(2, "0")}`}`;
}
