/** `grunnmur check`: runs the policy pack offline over one stack's resource list. */
import * as path from "node:path";
import { UsageError, type CommandSpec, type ParsedCommand } from "../args";
import { formatDiagnostic } from "../../tenants/validation/diagnostic";
import { loadCommandRegion } from "../region";
import { environmentWithoutFiles, regionEnvironment } from "../../policies/core/environment";
import { createPolicies } from "../../policies/pack";
import { ruleIdOf } from "../../policies/core/define";
import { checkStackFile, readPackConfig } from "../check/check-file";
import type { PackConfig } from "../check/run-policies";
import { renderPolicyReport } from "../check/render-report";
import { PREFLIGHT_RULES } from "../../domain/preflight";

function policyList(): string {
  const policies = createPolicies(environmentWithoutFiles());
  const width = Math.max(...policies.map((p) => p.name.length));
  return policies.map((p) => `  ${ruleIdOf(p).padEnd(6)} ${p.name.padEnd(width)}  ${p.enforcementLevel}`).join("\n");
}

function preflightList(): string {
  const width = Math.max(...PREFLIGHT_RULES.map((r) => r.name.length));
  return PREFLIGHT_RULES.map((r) => `  ${r.id.padEnd(6)} ${r.name.padEnd(width)}  mandatory`).join("\n");
}

export const checkSpec: CommandSpec = {
  name: "check",
  summary: "run the policy pack offline over a stack's resources (out/preview/<stack>.json or a hand-edited copy)",
  usage: "grunnmur check --resources FILE.json [--policy-config FILE] [--tenants DIR] [--platform FILE]",
  details: [
    "Runs every policy of the pack in policies/ and every preflight rule of",
    "domain/preflight/ over the resources and outputs in",
    "FILE.json, in the shape grunnmur preview writes (hand-written resources may",
    "leave out urn and options). Waivers come from the stack's own tenant file or",
    "the platform file. Prints the violations; exit code 1 on any mandatory one.",
    "",
    "Options:",
    "  --resources FILE   the stack JSON to check (required)",
    "  --policy-config F  per-policy settings, the JSON pulumi's --policy-pack-config takes",
    "",
    "Policies (rule, name, enforcement):",
    policyList(),
    "",
    "Preflight rules (what Azure itself refuses at deploy time; always mandatory, never waived):",
    preflightList(),
    "",
  ].join("\n"),
  options: { resources: { type: "string" }, "policy-config": { type: "string" } },
  readsFiles: true,
};

/** The --policy-config option shared with `grunnmur preview`; undefined config when not given. */
export function packConfigOption(cmd: ParsedCommand): { ok: true; config?: PackConfig } | { ok: false } {
  const file = cmd.values["policy-config"];
  if (file === undefined) return { ok: true };
  const read = readPackConfig(path.resolve(String(file)));
  if (!read.ok) {
    for (const problem of read.problems) console.error(problem);
    return { ok: false };
  }
  return { ok: true, config: read.config };
}

export async function runCheck(cmd: ParsedCommand): Promise<number> {
  if (typeof cmd.values.resources !== "string") throw new UsageError('--resources FILE.json is required, e.g. "grunnmur check --resources out/preview/senja.json"');
  const config = packConfigOption(cmd);
  if (!config.ok) return 1;
  const load = loadCommandRegion(cmd);
  if (!load.region) {
    for (const d of load.diagnostics) console.error(formatDiagnostic(d));
    console.error(`\nThe tenant or platform files are not valid (${load.diagnostics.length} problems), so their waivers cannot be read. Fix them and run again.`);
    return 1;
  }
  const result = await checkStackFile(path.resolve(cmd.values.resources), regionEnvironment(load.region), { config: config.config });
  if (!result.ok) {
    for (const problem of result.problems) console.error(problem);
    return 1;
  }
  console.log(renderPolicyReport(result.stack, result.report));
  return result.report.summary.mandatory > 0 ? 1 : 0;
}
