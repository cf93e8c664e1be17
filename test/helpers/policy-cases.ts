/**
 * Policy tests as tables: for each rule, a stack that passes and one that
 * fails, and the exact message an admin reads for the failing one.
 */
import type { Violation } from "../../scripts/preview/preview-file";
import type { CheckedStack } from "../../scripts/preview/preview-file";
import { checkStack } from "../../scripts/check/run-policies";
import { createPolicies } from "../../policies/pack";
import type { GrunnmurPolicy } from "../../policies/core/define";
import { environmentWithoutFiles, type PolicyEnvironment } from "../../policies/core/environment";

export interface PolicyCase {
  readonly policy: string;
  /** What is wrong in the failing stack, read after "fails a stack that". */
  readonly fails: string;
  readonly passing: () => CheckedStack;
  readonly failing: () => CheckedStack;
  readonly message: string;
  /** Today and the stack files, for rules about waivers and restore tests. */
  readonly failingEnv?: PolicyEnvironment;
  readonly passingEnv?: PolicyEnvironment;
}

export const TODAY = "2026-11-23";

export async function violationsOf(stack: CheckedStack, env: PolicyEnvironment = environmentWithoutFiles(TODAY), policies: readonly GrunnmurPolicy[] = createPolicies(env)): Promise<Violation[]> {
  return (await checkStack(stack, { policies, env })).violations;
}

export async function messagesOf(stack: CheckedStack, policy: string, env?: PolicyEnvironment, policies?: readonly GrunnmurPolicy[]): Promise<string[]> {
  return (await violationsOf(stack, env, policies)).filter((v) => v.policy === policy).map((v) => v.message);
}

/** One test per case that the failing stack is caught with its message, one that the passing stack is not. */
export function describeCases(title: string, cases: readonly PolicyCase[]): void {
  describe(title, () => {
    it.each(cases.map((c) => [c.policy, c.fails, c] as const))("%s fails a stack that %s, and says what to change", async (_policy, _fails, c) => {
      expect(await messagesOf(c.failing(), c.policy, c.failingEnv)).toContain(c.message);
    });
    it.each(cases.map((c) => [c.policy, c.fails, c] as const))("%s passes the same stack without that (%s)", async (_policy, _fails, c) => {
      expect(await messagesOf(c.passing(), c.policy, c.passingEnv)).toEqual([]);
    });
  });
}
