import { costChartSvg } from "../../scripts/cost/chart";
import { costReport } from "../helpers/cost-report";

/** The attributes of every element of a tag in the SVG. */
function elements(svg: string, tag: string): Array<Record<string, string>> {
  return [...svg.matchAll(new RegExp(`<${tag} ([^>]*?)/?>`, "g"))].map((m) => Object.fromEntries([...m[1].matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]])));
}

const bars = (svg: string, slug: string) => {
  const rects = elements(svg, "rect").filter((r) => r["data-member"] === slug);
  const own = rects.find((r) => r["data-part"] === "own")!;
  const share = rects.find((r) => r["data-part"] === "platform-share")!;
  return { own: Number(own.width), share: Number(share.width), end: Number(share.x) + Number(share.width) };
};

describe("the cost chart for a council", () => {
  // Bardu pays NOK 60 000 a year for 4 000 inhabitants: exactly the seed's NOK 15 each.
  const report = costReport([
    { slug: "tromso", displayName: "Tromsø kommune", population: 78000, ownMonthly: 0, platformShareMonthly: 7917, host: true },
    { slug: "bardu", population: 4000, ownMonthly: 1000, platformShareMonthly: 4000 },
    { slug: "nordreisa", population: 4800, ownMonthly: 19075, platformShareMonthly: 1241 },
  ]);
  const svg = costChartSvg(report);

  it("draws each municipality's cost per inhabitant per year, own services and platform share", () => {
    const bardu = bars(svg, "bardu");
    expect(bardu.own / bardu.share).toBeCloseTo(1000 / 4000, 2);
    const nordreisa = bars(svg, "nordreisa");
    // Per inhabitant, not per municipality: bar lengths follow NOK per inhabitant.
    expect((nordreisa.own + nordreisa.share) / (bardu.own + bardu.share)).toBeCloseTo(((20316 * 12) / 4800) / 15, 2);
    expect(elements(svg, "rect").filter((r) => r["data-member"])).toHaveLength(2 * report.members.length);
  });

  it("labels each bar with its figure in the one number format", () => {
    expect(svg).toContain(">NOK 15,00</text>");
    expect(svg).toContain(">NOK 50,79</text>");
    expect(svg).toContain("Tromsø kommune (host)");
  });

  it("draws the seed's NOK 15 line where a bar of NOK 15 per inhabitant ends", () => {
    const [line] = elements(svg, "line").filter((l) => l["data-seed-nok"] === "15");
    expect(line).toBeDefined();
    expect(Number(line.x1)).toBe(Number(line.x2));
    expect(Number(line.x1)).toBeCloseTo(bars(svg, "bardu").end, 0);
    expect(svg).toContain("shared datacentre, NOK 15 per inhabitant");
  });

  it("keeps the seed's line on the chart when every member pays far less", () => {
    const cheap = costChartSvg(costReport([{ slug: "alta", population: 21900, ownMonthly: 100, platformShareMonthly: 100 }]));
    const [line] = elements(cheap, "line");
    const alta = bars(cheap, "alta");
    expect(Number(line.x1)).toBeGreaterThan(alta.end);
    expect(Number(line.x1)).toBeLessThanOrEqual(Number(elements(cheap, "svg")[0].width));
  });

  it("says what the figures leave out", () => {
    expect(svg).toContain(">Not included: staff, licences such as Entra ID P1, Defender, traffic, VAT.</text>");
  });
});
