import { formatUnitPrice } from "../../scripts/site/unit-price";

describe("unit prices", () => {
  it.each([
    [14.6, "NOK 14.60"],
    [0.19, "NOK 0.19"],
    [108, "NOK 108"],
    [1234.5, "NOK 1 234.50"],
    [0.006, "NOK 0.01"],
    [0, "NOK 0"],
    [2.999, "NOK 3"],
    [-0.5, "−NOK 0.50"],
  ])("shows %d kroner as %s", (nok, text) => {
    expect(formatUnitPrice(nok)).toBe(text);
  });
});
