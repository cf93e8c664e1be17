import { againstCostLine, COST_LINE_NOK, costLineBarSvg } from "../../scripts/site/cost-line";
import { SEED_TWO_DATACENTRES } from "../../domain/cost/estimate";

const widthOf = (svg: string, selector: RegExp) => Number(selector.exec(svg)?.[1]);

describe("cost per inhabitant against the NOK 15 line", () => {
  it("is the seed's figure for two datacentres of the region's own", () => {
    expect(COST_LINE_NOK).toBe(SEED_TWO_DATACENTRES.perInhabitantNok);
  });

  it.each([
    [4.6, true, "NOK 5 per inhabitant a year, under the NOK 15 line"],
    [15, true, "NOK 15 per inhabitant a year, under the NOK 15 line"],
    [1234.4, false, "NOK 1 234 per inhabitant a year, over the NOK 15 line"],
  ])("says where NOK %d stands", (cost, under, text) => {
    expect(againstCostLine(cost)).toEqual({ under, text });
  });

  it("draws the bar in proportion, with the line at the same place for every municipality under twice the line", () => {
    const cost = /<rect class="cost" x="0" y="4" width="([\d.]+)"/;
    const line = /<line class="line" x1="([\d.]+)"/;
    const five = costLineBarSvg(5);
    const ten = costLineBarSvg(10);
    expect(widthOf(ten, cost)).toBeCloseTo(2 * widthOf(five, cost), 0);
    expect(widthOf(five, line)).toBe(widthOf(ten, line));
    expect(widthOf(five, cost)).toBeLessThan(widthOf(five, line));
  });

  it("stretches the scale for a cost far over the line, and colours it", () => {
    const svg = costLineBarSvg(60);
    const full = /<rect x="0" y="4" width="([\d.]+)"/;
    expect(widthOf(svg, /<rect class="cost" x="0" y="4" width="([\d.]+)"/)).toBe(widthOf(svg, full));
    expect(widthOf(svg, /<line class="line" x1="([\d.]+)"/)).toBeCloseTo(widthOf(svg, full) / 4, 0);
    expect(svg).toContain(`fill="#c53030"`);
    expect(costLineBarSvg(5)).not.toContain(`fill="#c53030"`);
  });
});
