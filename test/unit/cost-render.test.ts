import * as path from "node:path";
import { NOT_INCLUDED } from "../../domain/cost/not-included";
import { loadCatalogue } from "../../scripts/commands/cost";
import { costCsv, costMarkdown, costTable, costTableNotes } from "../../scripts/cost/render";
import { REPO_ROOT } from "../../tenants/paths";
import { costReport } from "../helpers/cost-report";

const report = costReport(
  [
    { slug: "tromso", displayName: "Tromsø kommune", population: 78000, ownMonthly: 0, platformShareMonthly: 7917, host: true },
    { slug: "bardu", displayName: "Bardu kommune", population: 4000, ownMonthly: 410, platformShareMonthly: 975 },
    { slug: "senja", displayName: "Senja, kommune", population: 14600, ownMonthly: 6326, platformShareMonthly: 3077, chargedByUseMonthly: { "vpn-site": 1234 } },
  ],
  { "vpn-site": 1234 },
);
const catalogue = loadCatalogue(path.join(REPO_ROOT, "catalogue.yaml"));

describe("the cost report's text in the one number format", () => {
  it("groups the terminal table's numbers with spaces and prints kroner per inhabitant with a decimal comma", () => {
    const table = costTable(report);
    expect(table).toMatch(/^tromso \(host\)\s+78 000\s+0\s+0\s+7 917\s+7 917\s+95 004\s+1,22$/m);
    // 9403 × 12 / 14600 = 7.728...
    expect(table).toMatch(/^senja\s+14 600\s+0\s+6 326\s+3 077\s+9 403\s+112 836\s+7,73$/m);
    expect(table).toMatch(/^region\s+96 600\s/m);
  });

  it("right-aligns the formatted numbers, as a table of numbers reads", () => {
    const lines = costTable(report).split("\n");
    const end = (prefix: string, figure: string) => {
      const line = lines.find((l) => l.startsWith(prefix))!;
      return line.indexOf(` ${figure} `) + figure.length + 1;
    };
    expect(end("tromso", "78 000")).toBe(end("bardu", "4 000"));
  });

  it("prints the notes under the table in the same format", () => {
    const notes = costTableNotes(report).join("\n");
    expect(notes).toContain("Shared platform NOK 11 969 a month, split 40 % equally, 60 % by population; vpn-site (NOK 1 234) only among the members that use it.");
    expect(notes).toContain("two datacentres NOK 1 700 000 a year, about NOK 15 per inhabitant.");
    expect(notes).toContain("Not included: staff, licences such as Entra ID P1, Defender, traffic, VAT.");
    expect(notes).not.toMatch(/\d,\d{3}/);
  });

  it("writes the Markdown's amounts as NOK 93 624 and never with thousands commas", () => {
    const md = costMarkdown(report, catalogue);
    const yearly = (7917 + 410 + 975 + 6326 + 3077) * 12;
    expect(md).toContain(`**NOK ${String(yearly).replace(/\B(?=(\d{3})+(?!\d))/g, " ")} a year**`);
    expect(md).toContain("| Senja, kommune | 14 600 | 0 | 6 326 | 3 077 | 9 403 | 112 836 | 7,73 |");
    expect(md).toContain("about NOK 1 700 000 a year");
    expect(md).not.toMatch(/\d,\d{3}\b/);
  });

  it("lists what the estimate does not include", () => {
    const md = costMarkdown(report, catalogue);
    const section = md.slice(md.indexOf("## Not included"), md.indexOf("## Own cost per service"));
    for (const item of ["Staff", "Entra ID P1", "Defender", "Traffic"]) expect(section).toContain(item);
    expect(section.split("\n").filter((l) => l.startsWith("- **"))).toHaveLength(NOT_INCLUDED.length);
  });

  it("names the members who pay a service charged by use", () => {
    expect(costMarkdown(report, catalogue)).toContain("- VPN site (`vpn-site`): NOK 1 234 a month, paid by Senja, kommune.");
  });
});

describe("the cost CSV", () => {
  const [header, ...rows] = costCsv(report).trim().split("\n");

  it("has each member's slug and name, the name quoted when it holds a comma", () => {
    expect(header.split(",").slice(0, 3)).toEqual(["slug", "name", "host"]);
    expect(rows[0].startsWith("tromso,Tromsø kommune,yes,78000,")).toBe(true);
    expect(rows[2].startsWith('senja,"Senja, kommune",no,14600,')).toBe(true);
  });

  it("keeps raw numbers, and the share charged by use in its own column", () => {
    const columns = header.split(",");
    const senja = rows[2].replace('"Senja, kommune"', "Senja").split(",");
    expect(senja[columns.indexOf("of_which_vpn-site_nok_month")]).toBe("1234");
    expect(senja[columns.indexOf("total_nok_year")]).toBe("112836");
    expect(senja[columns.indexOf("nok_per_inhabitant_year")]).toBe("7.73");
  });
});
