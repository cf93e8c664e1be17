import { chromiumTestMode } from "./chromium";

describe("whether the browser tests run", () => {
  it.each([
    ["/usr/bin/chromium", undefined, "run"],
    ["/usr/bin/chromium", "true", "run"],
    [undefined, undefined, "skip"],
    [undefined, "false", "skip"],
    [undefined, "true", "fail"],
  ] as const)("with chromium at %s and CI=%s: %s", (found, ci, mode) => {
    expect(chromiumTestMode(found, ci)).toBe(mode);
  });
});
