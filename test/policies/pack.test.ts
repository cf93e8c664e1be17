import { createPolicies, POLICY_NAMES } from "../../policies/pack";
import { environmentWithoutFiles } from "../../policies/core/environment";
import { ruleIdOf } from "../../policies/core/define";
import { checkStack } from "../../scripts/check/run-policies";
import { parseResourceList } from "../../scripts/preview/preview-file";
import { TODAY, violationsOf } from "../helpers/policy-cases";
import { platformStack, tenantStack, withInputs, withOptions } from "../helpers/policy-fixtures";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../tenants/paths";

const env = environmentWithoutFiles(TODAY);

describe("the policy pack", () => {
  it("gives every policy a unique stable name, its own rule id under a baseline row, a cited source and an enforcement level", () => {
    const policies = createPolicies(env);
    expect(new Set(POLICY_NAMES).size).toBe(POLICY_NAMES.length);
    // A baseline row that several policies enforce gives each its own part, e.g. NW-04.1 and NW-04.2.
    const ids = policies.map(ruleIdOf);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    for (const p of policies) {
      expect(p.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(ruleIdOf(p)).toMatch(/^[A-Z]{2}-\d{2}(\.\d)?$/);
      expect(p.description).toMatch(new RegExp(`^${ruleIdOf(p)} \\((CIS|NSM|MCSB|Azure Policy|Archive Act|seed|grunnmur)[^)]*\\): .+`));
      expect(["mandatory", "advisory"]).toContain(p.enforcementLevel);
    }
  });

  const baselineFile = path.join(REPO_ROOT, "..", "shared", "reference", "security-baseline.md");
  // shared/ lies beside the repository on the team's machines and in CI.
  (fs.existsSync(baselineFile) ? it : it.skip)("covers every rule of the security baseline", () => {
    const baseline = fs.readFileSync(baselineFile, "utf8");
    const ids = [...new Set([...baseline.matchAll(/^\| ([A-Z]{2}-\d{2}) \|/gm)].map((m) => m[1]))];
    const covered = new Set(createPolicies(env).map((p) => ruleIdOf(p).split(".")[0]));
    expect(ids.filter((id) => !covered.has(id))).toEqual([]);
  });

  it("makes the rules that protect data and isolation mandatory", () => {
    const advisory = createPolicies(env).filter((p) => p.enforcementLevel === "advisory").map((p) => p.name);
    expect(advisory.sort()).toEqual(["backup-restore-tested", "network-flow-log-retention", "tags-cost-allocation"]);
  });

  it("passes the safe tenant and platform stacks without a single finding", async () => {
    expect(await violationsOf(tenantStack())).toEqual([]);
    expect(await violationsOf(platformStack())).toEqual([]);
  });

  it("lists every policy in policies/README.md", () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, "policies", "README.md"), "utf8");
    expect(POLICY_NAMES.filter((name) => !readme.includes(`\`${name}\``))).toEqual([]);
  });
});

describe("the offline runner", () => {
  it("lists mandatory violations before advisory ones and counts them", async () => {
    const stack = withInputs(withOptions(tenantStack(), "files", { protect: false }), "spoke-general", { tags: { "grunnmur:service": undefined } });
    const report = await checkStack(stack, { policies: createPolicies(env), env });
    expect(report.violations.map((v) => [v.enforcement, v.rule, v.resource])).toEqual([
      ["mandatory", "DL-01", "files"],
      ["advisory", "TG-01", "spoke-general"],
    ]);
    expect(report.summary).toMatchObject({ mandatory: 1, advisory: 1, waived: 0, policies: POLICY_NAMES.length });
  });

  it("takes enforcement levels and settings in the format of pulumi's --policy-pack-config", async () => {
    const stack = withInputs(tenantStack(), "spoke-general", { tags: { "grunnmur:service": undefined } });
    const strict = await checkStack(stack, { policies: createPolicies(env), env, config: { "tags-cost-allocation": "mandatory" } });
    expect(strict.summary.mandatory).toBe(1);
    const longer = await checkStack(tenantStack(), { policies: createPolicies(env), env, config: { "storage-blob-soft-delete": { minimumRetentionDays: 60 } } });
    expect(longer.violations.map((v) => v.message)).toContain(
      "blob service of storage account stgrunnmursenjaprod: deleteRetentionPolicy.days is 30; set it to 60 or more (CIS 9.2; NSM 2.9.4)",
    );
    const allAdvisory = await checkStack(withOptions(tenantStack(), "files", { protect: false }), { policies: createPolicies(env), env, config: { all: "advisory" } });
    expect(allAdvisory.summary).toMatchObject({ mandatory: 0, advisory: 1 });
  });

  it("reports a policy that crashes as a mandatory finding instead of passing it", async () => {
    const broken = { name: "broken", description: "XX-01 (test): crashes", enforcementLevel: "advisory" as const, tags: ["XX-01"], validateStack: () => { throw new Error("boom"); } };
    const report = await checkStack(tenantStack(), { policies: [broken], env });
    expect(report.violations).toEqual([expect.objectContaining({ policy: "broken", enforcement: "mandatory", message: expect.stringContaining("the policy itself failed (boom)") })]);
  });

  it("reads a hand-written resource list without URNs or options, with Pulumi's defaults", async () => {
    const text = JSON.stringify({
      stack: "senja",
      resources: [{ type: "azure-native:storage:StorageAccount", name: "scratch", inputs: { accountName: "stscratch", location: "westeurope", allowBlobPublicAccess: true } }],
    });
    const read = parseResourceList(text, "scratch.json");
    if (!read.ok) throw new Error(read.problems.join("\n"));
    expect(read.stack.resources[0]).toMatchObject({ urn: "urn:pulumi:senja::grunnmur::azure-native:storage:StorageAccount::scratch", custom: true, options: { protect: false } });
    const messages = (await violationsOf(read.stack)).map((v) => v.message);
    expect(messages).toContain('storage account stscratch: location is "westeurope"; set it to "norwayeast" ("norwaywest" only for disaster-recovery copies) (Archive Act; Digdir guidance)');
    expect(messages).toContain("storage account stscratch: options.protect is false; set it to true (grunnmur baseline DL-01)");
  });

  it("explains what is wrong with a resource list it cannot read", () => {
    const read = parseResourceList(JSON.stringify({ stack: "senja", resources: [{ name: "x", type: "StorageAccount" }] }), "bad.json");
    expect(read).toEqual({ ok: false, problems: ['bad.json resources[0].type: must be a Pulumi type token like "azure-native:storage:StorageAccount"'] });
  });
});
