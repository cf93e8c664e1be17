/** `grunnmur changed --since REF`: the stacks a change affects, as JSON for CI matrices. */
import * as path from "node:path";
import { UsageError, type CommandSpec, type ParsedCommand } from "../args";
import { REPO_ROOT } from "../../tenants/paths";
import { listTenantFiles } from "../../tenants/validation/load-region";
import { batches, changedFiles, changedStacks } from "../ci/changed-stacks";
import { loadCommandRegion } from "../region";
import { departureProblems } from "../offboarding/plan";
import { localToday } from "../../tenants/validation/date-rules";

export const changedSpec: CommandSpec = {
  name: "changed",
  summary: "list the stacks a change affects (JSON), so CI previews and deploys only those",
  usage: "grunnmur changed (--since REF | --all) [--batch-size N]",
  details: [
    "Compares the working tree with REF (e.g. origin/main) and prints",
    '{"platform": true|false, "tenants": [...], "removed": [...], "batches": [...]}. A changed',
    "tenant file affects its own stack and the platform; shared code or platform settings",
    "affect all; Pulumi.<stack>.yaml affects that stack. \"batches\" holds the tenants in",
    'groups of --batch-size, each a string of names ("alta bardu"), one CI job per group.',
    '"offboarding" lists the tenants whose approved departure is due and whose data is',
    "exported: they are left out of \"tenants\", because grunnmur offboard takes their stacks",
    "down, and a deploy after that would build them again.",
    "",
    "Options:",
    "  --since REF        the git ref to compare with",
    "  --all              every stack, as for the first deploy (instead of --since)",
    "  --batch-size N     tenants per group in \"batches\" (default 10)",
  ].join("\n"),
  options: { since: { type: "string" }, all: { type: "boolean" }, "batch-size": { type: "string" } },
  readsFiles: true,
};

export function stacksSince(ref: string, tenantsDir: string): ReturnType<typeof changedStacks> & { all: string[] } {
  const existing = listTenantFiles(tenantsDir).files.map((f) => path.basename(f, ".yaml"));
  const changed = changedStacks(changedFiles(ref, REPO_ROOT), new Set(existing));
  return { ...changed, all: existing };
}

/** Every stack: the platform and each tenant file. */
export function everyStack(tenantsDir: string): ReturnType<typeof stacksSince> {
  const existing = listTenantFiles(tenantsDir).files.map((f) => path.basename(f, ".yaml"));
  return { platform: true, tenants: "all", removedTenants: new Set(), all: existing };
}

export function runChanged(cmd: ParsedCommand): number {
  if (!cmd.values.since === !cmd.values.all) throw new UsageError("give either --since REF (e.g. --since origin/main) or --all for every stack");
  const batchSize = Number(cmd.values["batch-size"] ?? 10);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new UsageError(`--batch-size must be a whole number of at least 1, e.g. --batch-size 10, not "${cmd.values["batch-size"]}"`);
  let result;
  try {
    result = cmd.values.all ? everyStack(cmd.tenantsDir) : stacksSince(String(cmd.values.since), cmd.tenantsDir);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const affected = result.tenants === "all" ? result.all : [...result.tenants].sort();
  const offboarding = offboardingDue(cmd, affected);
  const tenants = affected.filter((slug) => !offboarding.includes(slug));
  console.log(
    JSON.stringify({ platform: result.platform, tenants, removed: [...result.removedTenants].sort(), offboarding, batches: batches(tenants, batchSize) }),
  );
  return 0;
}

/**
 * The affected tenants whose departure grunnmur offboard would carry out now
 * (scripts/offboarding/plan.ts). Invalid files leave nobody out: the validation
 * job fails the run anyway, and deploying stays the safe default.
 */
function offboardingDue(cmd: ParsedCommand, tenants: readonly string[]): string[] {
  const load = loadCommandRegion(cmd);
  if (!load.region) return [];
  const today = localToday();
  return tenants.filter((slug) => departureProblems(load.region!, slug, today, cmd.tenantsDir).length === 0);
}
