/**
 * The preflight rules (domain/preflight/): each refuses an edit of the example
 * region's captured preview that Azure would refuse, with the exact finding, and
 * passes the stack without it; the example region itself has no finding; and
 * the findings reach the policy report as mandatory violations.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { PREFLIGHT_RULES, runPreflight, type PreflightRule } from "../../domain/preflight";
import { createPolicies, POLICY_NAMES } from "../../policies/pack";
import { ruleIdOf } from "../../policies/core/define";
import { environmentWithoutFiles } from "../../policies/core/environment";
import { checkStack } from "../../scripts/check/run-policies";
import { renderPolicyReport } from "../../scripts/check/render-report";
import type { StackPreview } from "../../scripts/preview/preview-file";
import { REPO_ROOT } from "../../tenants/paths";
import { TODAY } from "../helpers/policy-cases";
import { previewFiles, type PreviewedRegion } from "../helpers/preview-fixture";
import { asPreflightStack, PREFLIGHT_CASES } from "./cases";

const messages = (stack: StackPreview, rules: readonly PreflightRule[] = PREFLIGHT_RULES) => runPreflight(asPreflightStack(stack), rules).map((f) => f.message);

describe("the preflight rules", () => {
  let region: PreviewedRegion;
  const stacks = new Map<string, StackPreview>();
  const captured = (stack: string) => {
    if (!stacks.has(stack)) stacks.set(stack, region.read(stack));
    return stacks.get(stack)!;
  };

  beforeAll(async () => {
    region = await previewFiles();
  }, 120_000);
  afterAll(() => region?.remove());

  const table = PREFLIGHT_CASES.map((c) => [c.rule, c.fails, c] as const);

  it.each(table)("%s refuses a stack that %s, and says what Azure allows", (_rule, _fails, c) => {
    const findings = runPreflight(asPreflightStack(c.failing(captured(c.stack))));
    expect(findings.map((f) => f.message)).toContain(c.message);
    const finding = findings.find((f) => f.message === c.message)!;
    const rule = PREFLIGHT_RULES.find((r) => r.id === c.rule)!;
    expect(finding).toMatchObject({ rule: c.rule, stack: c.stack });
    expect([rule.reference, ...(rule.furtherReferences ?? [])]).toContain(finding.reference);
    expect(finding.resource).not.toBe("");
    // Only this rule has anything to say about the edit.
    expect(findings.filter((f) => f.rule !== c.rule).map((f) => f.message)).toEqual([]);
  });

  it.each(table)("%s passes the stack without that (%s)", (_rule, _fails, c) => {
    expect(messages((c.passing ?? ((s) => s))(captured(c.stack)))).toEqual([]);
  });

  it.each(table)("%s misses its failing case (%s) once the rule is taken out", (rule, _fails, c) => {
    expect(messages(c.failing(captured(c.stack)), PREFLIGHT_RULES.filter((r) => r.id !== rule))).not.toContain(c.message);
  });

  it("finds nothing in any stack of the example region", () => {
    const all = [region.result.platform, ...region.result.tenants].map((r) => r.stack);
    expect(all.length).toBeGreaterThan(5);
    expect(all.flatMap((stack) => runPreflight(asPreflightStack(captured(stack))).map((f) => `${stack}: ${f.message}`))).toEqual([]);
  });

  it("reports the findings as mandatory violations in the stack's policy report, and counts the rules", async () => {
    const env = environmentWithoutFiles(TODAY);
    const c = PREFLIGHT_CASES.find((k) => k.rule === "PF-17")!;
    const report = await checkStack(c.failing(captured(c.stack)), { policies: createPolicies(env), env, preflight: PREFLIGHT_RULES });
    expect(report.violations).toContainEqual({ policy: "subnet-azure-bastion-size", rule: "PF-17", enforcement: "mandatory", resource: "hub", urn: expect.stringContaining("VirtualNetwork::hub"), message: c.message });
    expect(report.summary).toMatchObject({ mandatory: 1, preflightRules: PREFLIGHT_RULES.length });
    expect(renderPolicyReport(c.stack, report)).toMatch(/mandatory\s+PF-17\s+subnet-azure-bastion-size\s+hub/);
    const clean = await checkStack(captured(c.stack), { policies: createPolicies(env), env, preflight: PREFLIGHT_RULES });
    expect(renderPolicyReport(c.stack, clean)).toMatch(new RegExp(`\\(${POLICY_NAMES.length} policies, ${PREFLIGHT_RULES.length} preflight rules, \\d+ resources\\)|0 mandatory`));
  });
});

describe("the preflight rule set", () => {
  it("gives every rule a unique PF id and name, apart from the policies', a summary and a Microsoft Learn reference", () => {
    const ids = PREFLIGHT_RULES.map((r) => r.id);
    const names = PREFLIGHT_RULES.map((r) => r.name);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    const policyIds = createPolicies(environmentWithoutFiles(TODAY)).map(ruleIdOf);
    expect(ids.filter((id) => policyIds.includes(id))).toEqual([]);
    expect(names.filter((n) => POLICY_NAMES.includes(n))).toEqual([]);
    for (const rule of PREFLIGHT_RULES) {
      expect(rule.id).toMatch(/^PF-\d{2}$/);
      expect(rule.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(rule.summary).toMatch(/^[A-Z].+\.$/);
      for (const url of [rule.reference, ...(rule.furtherReferences ?? [])]) expect(url).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    }
  });

  it("has a failing and a passing case for every rule", () => {
    expect(PREFLIGHT_RULES.map((r) => r.id).filter((id) => !PREFLIGHT_CASES.some((c) => c.rule === id))).toEqual([]);
    expect(PREFLIGHT_CASES.map((c) => c.rule).filter((id) => !PREFLIGHT_RULES.some((r) => r.id === id))).toEqual([]);
  });

  it("turns a rule that crashes into a finding instead of passing the stack", () => {
    const broken: PreflightRule = { id: "PF-99", name: "broken", summary: "Crashes.", reference: "https://learn.microsoft.com/", check: () => { throw new Error("boom"); } };
    expect(runPreflight({ stack: "senja", resources: [] }, [broken])).toEqual([expect.objectContaining({ rule: "PF-99", stack: "senja", message: expect.stringContaining("the preflight rule itself failed (boom)") })]);
  });

  it("lists every rule in the README's preflight table with its reference", () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    const missing = PREFLIGHT_RULES.filter((r) => !readme.split("\n").some((line) => line.startsWith(`| ${r.id} |`) && line.includes(`\`${r.name}\``) && [r.reference, ...(r.furtherReferences ?? [])].every((url) => line.includes(url))));
    expect(missing.map((r) => r.id)).toEqual([]);
  });
});
