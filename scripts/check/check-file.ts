/**
 * Checking stack files on disk: what `grunnmur preview` does after each stack
 * and `grunnmur check` does for one file. The report goes into the file under
 * "policy", so later tools and reviewers read it next to the resources.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { PolicyEnvironment } from "../../policies/core/environment";
import type { PolicyJob } from "../preview/job";
import { createPolicies, PACK_NAME, POLICY_NAMES } from "../../policies/pack";
import { PREFLIGHT_RULES } from "../../domain/preflight";
import { checkStack, type PackConfig } from "./run-policies";
import { readPreviewFile, readResourceList, writePreviewFile, type CheckedStack, type PolicyReport, type PolicySection, type StackPreview } from "../preview/preview-file";

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

/** A region's environment cut down to one stack's file, as data a worker can take (see PolicyJob). */
export function policyJobFor(env: PolicyEnvironment, stack: string, config?: PackConfig): PolicyJob {
  const stackFile = env.stackFile(stack);
  const workloads = env.workloads?.();
  return { today: env.today, ...(stackFile ? { stackFile } : {}), ...(workloads ? { workloads } : {}), ...(config ? { config } : {}) };
}

/** The environment a worker rebuilds from a PolicyJob: the stack's own file and nothing else. */
export function environmentOfJob(stack: string, job: PolicyJob): PolicyEnvironment {
  return { today: job.today, stackFile: (s) => (s === stack ? job.stackFile : undefined), workloads: () => job.workloads };
}

/**
 * The policy section of a preview the worker holds in memory. It checks the preview as
 * it will read back from its file (JSON has no undefined and no prototypes), so the
 * report is the one `grunnmur check` would give for that file.
 */
export async function checkPreview(preview: StackPreview, env: PolicyEnvironment, config?: PackConfig): Promise<PolicySection> {
  const asFiled = JSON.parse(JSON.stringify(preview)) as StackPreview;
  const report = await checkStack(asFiled, { policies: createPolicies(env), env, config, preflight: PREFLIGHT_RULES });
  return { pack: PACK_NAME, checkedOn: env.today, ...report };
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

/**
 * The policy reports of a region preview, in the results' order: the ones workers
 * already wrote (a stack runs its policies where it was previewed), and the rest
 * checked here from their files (a platform previewed in parts, once merged).
 */
export async function policyReportsOf(
  results: ReadonlyArray<{ readonly stack: string; readonly ok: boolean; readonly policy?: PolicyReport }>,
  outDir: string,
  env: PolicyEnvironment,
  config?: PackConfig,
): Promise<{ ok: true; checked: Array<{ stack: string; report: PolicyReport }> } | { ok: false; problems: string[] }> {
  const checked: Array<{ stack: string; report: PolicyReport }> = [];
  for (const result of results.filter((r) => r.ok)) {
    if (result.policy) {
      checked.push({ stack: result.stack, report: result.policy });
      continue;
    }
    const check = await checkStackFile(path.join(outDir, `${result.stack}.json`), env, { config, record: true });
    if (!check.ok) return check;
    checked.push({ stack: check.stack, report: check.report });
  }
  return { ok: true, checked };
}
