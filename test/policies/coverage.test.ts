/**
 * The suite proves itself: every policy has cases, and taking any one policy
 * out of the pack (or switching it off) makes its failing cases go unnoticed,
 * so the per-rule tests would fail.
 */
import { createPolicies, POLICY_NAMES } from "../../policies/pack";
import { environmentWithoutFiles } from "../../policies/core/environment";
import { checkStack } from "../../scripts/check/run-policies";
import { messagesOf, TODAY } from "../helpers/policy-cases";
import { ALL_CASES } from "./cases/all";

describe("the policy test suite", () => {
  it("has a passing and a failing case for every policy in the pack", () => {
    expect(POLICY_NAMES.filter((name) => !ALL_CASES.some((c) => c.policy === name))).toEqual([]);
  });

  it("only has cases for policies that exist", () => {
    expect(ALL_CASES.map((c) => c.policy).filter((name) => !POLICY_NAMES.includes(name))).toEqual([]);
  });

  it.each(POLICY_NAMES.map((name) => [name]))("misses every failing case of %s once that policy is taken out of the pack", async (name) => {
    for (const c of ALL_CASES.filter((k) => k.policy === name)) {
      const env = c.failingEnv ?? environmentWithoutFiles(TODAY);
      const full = createPolicies(env);
      const withoutIt = full.filter((p) => p.name !== name);
      expect(await messagesOf(c.failing(), name, env, full)).toContain(c.message);
      expect(await messagesOf(c.failing(), name, env, withoutIt)).not.toContain(c.message);
    }
  });

  it("misses a failing case when its policy is disabled in the pack configuration", async () => {
    const c = ALL_CASES.find((k) => k.policy === "storage-no-public-blob-access")!;
    const env = environmentWithoutFiles(TODAY);
    const report = await checkStack(c.failing(), { policies: createPolicies(env), env, config: { "storage-no-public-blob-access": "disabled" } });
    expect(report.violations.map((v) => v.message)).not.toContain(c.message);
  });
});
