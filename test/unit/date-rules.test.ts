import { addMonths, checkWaiverDates } from "../../tenants/validation/date-rules";
import type { Waiver } from "../../tenants/schema/fields";

const waiver = (granted: string, expires: string): Waiver => ({ policy: "storage-no-shared-key-access", resource: "files", reason: "The backup agent needs the account key until Q2", granted, expires });

describe("dates in the files", () => {
  it.each([
    ["2026-01-15", 12, "2027-01-15"],
    ["2026-08-31", 6, "2027-02-28"],
    ["2027-02-28", 12, "2028-02-28"],
    ["2028-02-29", 12, "2029-02-28"],
    ["2026-12-31", 1, "2027-01-31"],
  ])("%s plus %i months is %s", (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it.each<[string, Waiver, string[]]>([
    ["a waiver of exactly 12 months", waiver("2026-03-01", "2027-03-01"), []],
    ["a waiver granted today", waiver("2026-12-01", "2027-06-30"), []],
    ["a waiver one day longer than 12 months", waiver("2026-03-01", "2027-03-02"), ["waivers.0.expires: 2027-03-02 is more than 12 months after granted (2026-03-01); a waiver holds at most 12 months, so expire it on or before 2027-03-01 and renew it in a reviewed change if it is still needed"]],
    ["a waiver that expires before it was granted", waiver("2026-03-01", "2026-02-01"), ["waivers.0.expires: 2026-02-01 is before granted (2026-03-01); a waiver expires after the day it was agreed, at the latest 2027-03-01"]],
    ["a waiver granted tomorrow", waiver("2026-12-02", "2027-01-31"), ["waivers.0.granted: 2026-12-02 is in the future (today is 2026-12-01); write the day the waiver was agreed, which starts its 12 months"]],
  ])("judge %s", (_label, w, expected) => {
    expect(checkWaiverDates([w], "2026-12-01").map((f) => `${f.path.join(".")}: ${f.message}`)).toEqual(expected);
  });
});
