/**
 * Checking stack files on disk: what `grunnmur preview` does after each stack
 * and `grunnmur check` does for one file. The report goes into the file under
 * "policy", so later tools and reviewers read it next to the resources.
 */
import * as fs from "node:fs";
import type { PolicyEnvironment } from "../../policies/core/environment";
import { createPolicies, PACK_NAME, POLICY_NAMES } from "../../policies/pack";
import { checkStack, type PackConfig, type PolicyReport } from "./run-policies";
import { readStackFile } from "./stack-file";

export interface PolicySection extends PolicyReport {
  readonly pack: string;
  /** The date waivers and restore tests were judged against. */
  readonly checkedOn: string;
}

export type FileCheck = { ok: true; stack: string; report: PolicyReport } | { ok: false; problems: string[] };

/** Reads a --policy-config file: the same JSON `pulumi preview --policy-pack-config` takes. */
export function readPackConfig(file: string): { ok: true; config: PackConfig } | { ok: false; problems: string[] } {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    return { ok: false, problems: [`${file}: cannot be read as JSON (${(err as Error).message})`] };
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) return { ok: false, problems: [`${file}: must be a JSON object keyed by policy name`] };
  const unknown = Object.keys(data).filter((key) => key !== "all" && !POLICY_NAMES.includes(key));
  if (unknown.length > 0) return { ok: false, problems: unknown.map((key) => `${file}: "${key}" is not a policy of the pack; see "grunnmur check --help" for the names`) };
  return { ok: true, config: data as PackConfig };
}

/** Checks one stack file; with `record`, writes the report into it under "policy". */
export async function checkStackFile(file: string, env: PolicyEnvironment, options: { config?: PackConfig; record?: boolean } = {}): Promise<FileCheck> {
  const read = readStackFile(file);
  if (!read.ok) return read;
  const report = await checkStack(read.stack, { policies: createPolicies(env), env, config: options.config });
  if (options.record) {
    const data = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
    const policy: PolicySection = { pack: PACK_NAME, checkedOn: env.today, ...report };
    fs.writeFileSync(file, `${JSON.stringify({ ...data, policy }, null, 2)}\n`);
  }
  return { ok: true, stack: read.stack.stack, report };
}
