/**
 * Checking stack files on disk: what `grunnmur preview` does after each stack
 * and `grunnmur check` does for one file. The report goes into the file under
 * "policy", so later tools and reviewers read it next to the resources.
 */
import * as fs from "node:fs";
import type { PolicyEnvironment } from "../../policies/core/environment";
import { createPolicies, PACK_NAME, POLICY_NAMES } from "../../policies/pack";
import { PREFLIGHT_RULES } from "../../domain/preflight";
import { checkStack, type PackConfig } from "./run-policies";
import { readPreviewFile, readResourceList, writePreviewFile, type CheckedStack, type PolicyReport, type PolicySection } from "../preview/preview-file";

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

/**
 * Checks one stack file: a resource list, which may be written by hand; with
 * `record`, a preview file, which gets the report under "policy".
 */
export async function checkStackFile(file: string, env: PolicyEnvironment, options: { config?: PackConfig; record?: boolean } = {}): Promise<FileCheck> {
  const check = (stack: CheckedStack) => checkStack(stack, { policies: createPolicies(env), env, config: options.config, preflight: PREFLIGHT_RULES });
  if (!options.record) {
    const read = readResourceList(file);
    if (!read.ok) return read;
    return { ok: true, stack: read.stack.stack, report: await check(read.stack) };
  }
  const read = readPreviewFile(file);
  if (!read.ok) return read;
  const report = await check(read.preview);
  const policy: PolicySection = { pack: PACK_NAME, checkedOn: env.today, ...report };
  writePreviewFile(file, { ...read.preview, policy });
  return { ok: true, stack: read.preview.stack, report };
}
