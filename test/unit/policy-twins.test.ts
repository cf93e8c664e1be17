/**
 * The pack and its runtime twins cannot drift: every mandatory rule of the pack
 * has a row (a twin or the reason for none), every row names a rule of the
 * pack, and the README's table is the one rendered from the rows.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { createPolicies } from "../../policies/pack";
import { ruleIdOf } from "../../policies/core/define";
import { environmentWithoutFiles } from "../../policies/core/environment";
import { ADVISORY_TWINS, assignmentName, assignmentParameters, assignsPolicySet, CUSTOM_DEFINITIONS, definitionIdOf, LG01_REMEDIATED_REFERENCES, plannedAssignments, plannedRemediations, POLICY_TWINS, policyTwinTable } from "../../domain/governance/policy-twins";
import { REPO_ROOT } from "../../tenants/paths";

const policies = createPolicies(environmentWithoutFiles("2026-12-01"));
const mandatory = policies.filter((p) => p.enforcementLevel === "mandatory");

describe("the pack's runtime twins", () => {
  it("has a row for every mandatory rule of the pack, under its id and name", () => {
    const rows = new Set(POLICY_TWINS.map((t) => `${t.ruleId} ${t.policyName}`));
    expect(mandatory.map((p) => `${ruleIdOf(p)} ${p.name}`).filter((k) => !rows.has(k))).toEqual([]);
  });

  it("names only rules the pack has, each once", () => {
    const names = new Set(policies.map((p) => p.name));
    expect([...POLICY_TWINS, ...ADVISORY_TWINS].map((t) => t.policyName).filter((n) => !names.has(n))).toEqual([]);
    expect(new Set(POLICY_TWINS.map((t) => t.ruleId)).size).toBe(POLICY_TWINS.length);
  });

  it("uses deny for preventive rules and DeployIfNotExists or Modify, with roles to remediate, for diagnostics and tags", () => {
    const assigned = plannedAssignments();
    expect(assigned.filter((t) => t.remediationRoles).map((t) => [t.ruleId, t.effect])).toEqual([
      ["LG-01", "DeployIfNotExists"],
      ["TG-01", "Modify"],
      ["TG-01", "Modify"],
      ["TG-01", "Modify"],
      ["TG-01", "Modify"],
    ]);
    expect(assigned.filter((t) => !t.remediationRoles).every((t) => t.effect === "Deny")).toBe(true);
  });

  it("gives every assignment a unique name Azure accepts at management group scope", () => {
    const names = plannedAssignments().map((t) => assignmentName(t.key));
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((n) => n.length > 24 || !/^[a-z0-9-]+$/.test(n))).toEqual([]);
    expect(() => assignmentName("a-key-far-too-long-for-azure")).toThrow(/longer than Azure's 24 characters/);
  });

  it("points built-ins at the tenant-wide definitions and custom ones at the region's group", () => {
    const byRule = new Map(plannedAssignments().map((t) => [t.key, t]));
    expect(definitionIdOf(byRule.get("st-01")!, "x-grunnmur")).toBe("/providers/Microsoft.Authorization/policyDefinitions/404c3081-a854-4457-ae30-26a93ef643f9");
    expect(definitionIdOf(byRule.get("lg-01")!, "x-grunnmur")).toMatch(/^\/providers\/Microsoft\.Authorization\/policySetDefinitions\//);
    expect(definitionIdOf(byRule.get("nw-05")!, "x-grunnmur")).toBe("/providers/Microsoft.Management/managementGroups/x-grunnmur/providers/Microsoft.Authorization/policyDefinitions/grunnmur-no-public-ip");
    for (const t of plannedAssignments().filter((a) => a.kind === "custom")) expect(CUSTOM_DEFINITIONS[t.definition]).toBeDefined();
  });

  it("passes an effect only to definitions that take one", () => {
    const byRule = new Map(plannedAssignments().map((t) => [t.key, t]));
    expect(assignmentParameters(byRule.get("st-02")!)).toEqual({ effect: { value: "Deny" }, minimumTlsVersion: { value: "TLS1_2" } });
    expect(assignmentParameters(byRule.get("vm-01")!)).toEqual({});
  });

  it("is the table in the README, under Guardrails in Azure", () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    const section = readme.split("\n## Guardrails in Azure\n")[1]?.split("\n## ")[0] ?? "";
    expect(section).toContain(policyTwinTable());
  });
});

describe("the remediation tasks of the remediating twins", () => {
  const assigned = plannedAssignments();
  const remediations = plannedRemediations();

  it("plans one for every DeployIfNotExists and Modify assignment and none for a Deny one", () => {
    const remediating = assigned.filter((t) => t.effect !== "Deny").map((t) => t.key);
    expect([...new Set(remediations.map((r) => r.assignmentKey))].sort()).toEqual(remediating.sort());
    expect(remediations.filter((r) => assigned.find((t) => t.key === r.assignmentKey)!.effect === "Deny")).toEqual([]);
  });

  it("remediates only where the assignment's identity has roles to do it with", () => {
    expect(remediations.filter((r) => (assigned.find((t) => t.key === r.assignmentKey)!.remediationRoles ?? []).length === 0).map((r) => r.key)).toEqual([]);
  });

  it("names a definition of the initiative for every remediation of an initiative, and none for a single definition", () => {
    for (const r of remediations) {
      const twin = assigned.find((t) => t.key === r.assignmentKey)!;
      expect([r.key, assignsPolicySet(twin), r.policyDefinitionReferenceId !== undefined]).toEqual([r.key, assignsPolicySet(twin), assignsPolicySet(twin)]);
    }
    expect(remediations.filter((r) => r.assignmentKey === "lg-01").map((r) => r.policyDefinitionReferenceId)).toEqual([...LG01_REMEDIATED_REFERENCES]);
  });

  it("gives every remediation a name of its own, at the assignment's scope", () => {
    const names = remediations.map((r) => r.remediationName);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    for (const r of remediations) expect(r.scope).toBe(assigned.find((t) => t.key === r.assignmentKey)!.scope);
  });

  it("leaves out a Deny twin even when one is handed a remediating effect by mistake", () => {
    const deny = assigned.find((t) => t.effect === "Deny")!;
    expect(plannedRemediations([deny])).toEqual([]);
    expect(plannedRemediations([{ ...deny, effect: "Modify" }]).map((r) => r.remediationName)).toEqual([`gm-rem-${deny.key}`]);
  });
});
