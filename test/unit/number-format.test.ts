import { formatNok, formatNokChange, formatNumber } from "../../domain/format/numbers";

describe("the one number format", () => {
  test.each([
    [0, "0"],
    [999, "999"],
    [1000, "1 000"],
    [93624, "93 624"],
    [1234567, "1 234 567"],
    [-1500, "−1 500"],
    [614.4, "614"],
    [614.5, "615"],
  ])("%p prints as %p", (n, text) => expect(formatNumber(n)).toBe(text));

  test("amounts and changes", () => {
    expect(formatNok(93624)).toBe("NOK 93 624");
    expect(formatNokChange(481)).toBe("+NOK 481");
    expect(formatNokChange(-1200)).toBe("−NOK 1 200");
  });
});
