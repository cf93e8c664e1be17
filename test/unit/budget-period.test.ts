import { budgetStartDate, monthsBetween } from "../../domain/cost/budget-period";
import { checkTenantDates } from "../../tenants/validation/date-rules";
import type { TenantFile } from "../../tenants/schema/tenant";

describe("a budget's start date", () => {
  // [joined, deployment day, start sent to Azure]
  const cases: Array<[string | undefined, string, string]> = [
    ["2026-11", "2026-11-30", "2026-11-01T00:00:00Z"], // deployed the month it joined
    ["2026-11", "2026-12-01", "2026-12-01T00:00:00Z"], // deployed later: a past month would be refused
    ["2026-11", "2027-03-15", "2027-03-01T00:00:00Z"],
    ["2027-02", "2026-12-02", "2027-02-01T00:00:00Z"], // joins later: the budget waits for it
    ["2026-12", "2026-12-31", "2026-12-01T00:00:00Z"],
    ["2027-01", "2026-12-31", "2027-01-01T00:00:00Z"], // across a year end
    [undefined, "2026-07-19", "2026-07-01T00:00:00Z"], // no joined month: the deployment's
  ];
  it.each(cases)("joined %s, deployed %s: %s", (joined, today, start) => {
    expect(budgetStartDate(joined, today)).toBe(start);
  });

  it("is always the first of a month, within this month or at most twelve ahead (Azure's rule)", () => {
    for (const today of ["2026-01-31", "2026-02-28", "2028-02-29", "2026-12-31"]) {
      for (const joined of [undefined, "2020-01", "2026-06", "2027-06"]) {
        const start = budgetStartDate(joined, today);
        expect(start).toMatch(/^\d{4}-\d{2}-01T00:00:00Z$/);
        const ahead = monthsBetween(today.slice(0, 7), start.slice(0, 7));
        expect(ahead).toBeGreaterThanOrEqual(0);
        expect(ahead).toBeLessThanOrEqual(18);
      }
    }
  });
});

describe("joined in a tenant file", () => {
  const file = (joined: string | undefined) => ({ joined, waivers: [] }) as unknown as TenantFile;
  it("may be any past month and up to twelve months ahead", () => {
    expect(checkTenantDates(file("2019-05"), "2026-12-02")).toEqual([]);
    expect(checkTenantDates(file("2027-12"), "2026-12-02")).toEqual([]);
  });
  it("is refused more than twelve months ahead, naming the field", () => {
    const findings = checkTenantDates(file("2028-01"), "2026-12-02");
    expect(findings).toHaveLength(1);
    expect(findings[0].path).toEqual(["joined"]);
    expect(findings[0].message).toContain("more than 12 months ahead");
  });
});
