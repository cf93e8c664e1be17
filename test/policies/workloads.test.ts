import { describeCases, violationsOf } from "../helpers/policy-cases";
import { workloadEnv, workloadStack } from "../helpers/workload-fixtures";
import { workloadCases } from "./cases/workloads";

describeCases("workload rules (VM-01 … VM-08)", workloadCases);

describe("the workload fixture", () => {
  it("passes every policy of the pack, so each failing case breaks one thing", async () => {
    expect((await violationsOf(workloadStack(), workloadEnv())).filter((v) => v.enforcement === "mandatory" || v.policy.startsWith("vm-"))).toEqual([]);
  });
});
