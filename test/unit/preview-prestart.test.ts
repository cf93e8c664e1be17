import { preloadArgv, preloadsFromArgv } from "../../scripts/preview/job";
import { idleWorkerFor } from "../../scripts/preview/pool";
import { workersToPrestart } from "../../scripts/preview/run-preview";

// Workers started before the files are read (WorkerPool.prestart) load programs early; how many
// start, what each loads and which takes a job decide what a one-municipality check waits for.
describe("workers started before the files are read", () => {
  it.each([
    ["a whole region on 2 CPUs", 2, undefined, undefined, 2],
    ["a whole region with --jobs 1", 1, undefined, undefined, 1],
    ["a whole region on 8 CPUs (two overlap the validation; more would only compete with it)", 8, undefined, undefined, 2],
    ["one tenant: its stacks run in turn", 2, ["k3109"], undefined, 1],
    ["no tenant (a change to the platform file only)", 2, [], undefined, 1],
    ["two tenants: their stacks may run side by side", 2, ["a", "b"], undefined, 2],
    ["one tenant moved between hubs: its old hub's stack runs beside its new one's", 2, ["a"], ["hub-vest"], 2],
    ["two tenants with --jobs 1", 1, ["a", "b"], undefined, 1],
  ])("%s (%i CPUs): %i workers", (_what, jobs, only, extraHubs, expected) => {
    expect(workersToPrestart(jobs as number, { only: only ? new Set(only as string[]) : undefined, extraHubStacks: extraHubs ? new Set(extraHubs as string[]) : undefined })).toBe(expected);
  });

  it("tell a worker which programs to load, in order, and a worker told nothing loads the tenant program", () => {
    expect(preloadsFromArgv(preloadArgv(["platform", "tenant"]))).toEqual(["platform", "tenant"]);
    expect(preloadsFromArgv(preloadArgv(["hub"]))).toEqual(["hub"]);
    expect(preloadsFromArgv([])).toEqual(["tenant"]);
    // Loading early only saves time: a kind no program has is dropped, not an error.
    expect(preloadsFromArgv(["--preload=platform,dns"])).toEqual(["platform"]);
  });

  it("give a job to the idle worker that loaded its program, else to the one idle last", () => {
    const platformFirst = ["platform", "tenant"] as const;
    const tenantOnly = ["tenant"] as const;
    expect(idleWorkerFor([platformFirst, tenantOnly], "platform")).toBe(0);
    expect(idleWorkerFor([tenantOnly, platformFirst], "tenant")).toBe(1);
    expect(idleWorkerFor([platformFirst, tenantOnly], "tenant")).toBe(1);
    expect(idleWorkerFor([tenantOnly, tenantOnly], "hub")).toBe(1);
    expect(idleWorkerFor([], "platform")).toBeUndefined();
  });
});
