import * as pulumi from "@pulumi/pulumi";
import { skipSdkBookkeeping } from "../../scripts/preview/skip-sdk-bookkeeping";

// Jest gives each test file its own copy of the SDK, so this file's change stays here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const debuggable = require("@pulumi/pulumi/runtime/debuggable") as { debuggablePromise: <T>(p: Promise<T>, ctx: unknown) => Promise<T> };
const callsites = () => (pulumi.Resource as unknown as { callsites: () => unknown[] }).callsites();

describe("skipSdkBookkeeping", () => {
  it("stops the SDK capturing call sites and wrapping promises, where the SDK calls them", async () => {
    const before = Promise.resolve(1);
    expect(callsites().length).toBeGreaterThan(0);
    expect(debuggable.debuggablePromise(before, "ctx")).not.toBe(before);

    skipSdkBookkeeping();
    const after = Promise.resolve(2);
    expect(callsites()).toEqual([]);
    expect(debuggable.debuggablePromise(after, "ctx")).toBe(after);
    await expect(debuggable.debuggablePromise(after, "ctx")).resolves.toBe(2);
  });
});
