/**
 * A municipality's yearly cost per inhabitant against the NOK 15 line: what two
 * datacentres of its own would cost per inhabitant (seed 000), the figure a
 * council compares the shared platform with.
 */
import { SEED_TWO_DATACENTRES } from "../../domain/cost/estimate";
import { formatNok } from "../../domain/format/numbers";

export const COST_LINE_NOK = SEED_TWO_DATACENTRES.perInhabitantNok;

/** "NOK 12 per inhabitant a year, under the NOK 15 line". */
export function againstCostLine(perInhabitantYearly: number, lineNok = COST_LINE_NOK): { readonly text: string; readonly under: boolean } {
  const under = perInhabitantYearly <= lineNok;
  return { under, text: `${formatNok(perInhabitantYearly)} per inhabitant a year, ${under ? "under" : "over"} the ${formatNok(lineNok)} line` };
}

const WIDTH = 320;
const BAR_HEIGHT = 16;

/**
 * A bar of the cost with a marker at the line. The scale reaches twice the line,
 * or the cost if that is more, so the line always sits in the same place for
 * municipalities under it and their bars compare at a glance.
 */
export function costLineBarSvg(perInhabitantYearly: number, lineNok = COST_LINE_NOK): string {
  const max = Math.max(lineNok * 2, perInhabitantYearly);
  const x = (v: number) => ((Math.max(0, v) / max) * WIDTH).toFixed(1);
  const { text, under } = againstCostLine(perInhabitantYearly, lineNok);
  return [
    `<svg class="cost-line" role="img" aria-label="${text}" width="${WIDTH + 90}" height="34" font-family="sans-serif" font-size="11">`,
    `<title>${text}</title>`,
    `<rect x="0" y="4" width="${WIDTH}" height="${BAR_HEIGHT}" fill="#edf2f7"/>`,
    `<rect class="cost" x="0" y="4" width="${x(perInhabitantYearly)}" height="${BAR_HEIGHT}" fill="${under ? "#2b6cb0" : "#c53030"}"/>`,
    `<line class="line" x1="${x(lineNok)}" y1="0" x2="${x(lineNok)}" y2="${BAR_HEIGHT + 8}" stroke="#1a202c" stroke-width="2"/>`,
    `<text x="${x(lineNok)}" y="32" text-anchor="middle">${formatNok(lineNok)}</text>`,
    `<text x="${WIDTH + 6}" y="17">${formatNok(perInhabitantYearly)}</text>`,
    "</svg>",
  ].join("");
}
