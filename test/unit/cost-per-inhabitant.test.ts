import { formatKroner, formatNokPerInhabitant, perInhabitantRows, perInhabitantYearly } from "../../domain/cost/per-inhabitant";

describe("cost per inhabitant per year", () => {
  it.each([
    [1000, 12000, 1],
    [1579, 4000, 4.74],
    [20316, 4800, 50.79],
    [125, 1, 1500],
  ])("NOK %p a month for %p inhabitants is NOK %p a year each", (monthly, population, expected) => {
    expect(perInhabitantYearly(monthly, population)).toBe(expected);
  });

  it("refuses a member without inhabitants, rather than dividing by zero", () => {
    expect(() => perInhabitantYearly(100, 0)).toThrow("a cost per inhabitant needs a population above 0, not 0");
  });

  it("splits each member's figure into its own services and its platform share", () => {
    const [row] = perInhabitantRows([{ slug: "bardu", displayName: "Bardu kommune", host: false, population: 4000, ownMonthly: 410, platformShareMonthly: 1169, totalMonthly: 1579 }]);
    expect(row.own).toBeCloseTo((410 * 12) / 4000, 10);
    expect(row.platformShare).toBeCloseTo((1169 * 12) / 4000, 10);
    expect(row.total).toBe(4.74);
  });

  it.each([
    [4.64, "4,64"],
    [4.6, "4,60"],
    [15, "15,00"],
    [1234.5, "1 234,50"],
    [0.006, "0,01"],
    [-2.5, "−2,50"],
  ])("%p kroner print as %p", (n, text) => expect(formatKroner(n)).toBe(text));

  it("prints an amount per inhabitant with its currency", () => {
    expect(formatNokPerInhabitant(50.79)).toBe("NOK 50,79");
  });
});
