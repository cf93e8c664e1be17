/** `grunnmur changed --since REF`: the stacks a change affects, as JSON for CI matrices. */
import * as path from "node:path";
import { UsageError, type CommandSpec, type ParsedCommand } from "../args";
import { REPO_ROOT } from "../../tenants/paths";
import { listTenantFiles } from "../../tenants/validation/load-region";
import { changedFiles, changedStacks } from "../ci/changed-stacks";

export const changedSpec: CommandSpec = {
  name: "changed",
  summary: "list the stacks a change affects (JSON), so CI previews and deploys only those",
  usage: "grunnmur changed --since REF",
  details: [
    "Compares the working tree with REF (e.g. origin/main) and prints",
    '{"platform": true|false, "tenants": [...], "removed": [...]}. A changed tenant file',
    "affects its own stack and the platform; shared code or platform settings affect all.",
    "",
    "Options:",
    "  --since REF        the git ref to compare with (required)",
  ].join("\n"),
  options: { since: { type: "string" } },
  readsFiles: true,
};

export function stacksSince(ref: string, tenantsDir: string): ReturnType<typeof changedStacks> & { all: string[] } {
  const existing = listTenantFiles(tenantsDir).files.map((f) => path.basename(f, ".yaml"));
  const changed = changedStacks(changedFiles(ref, REPO_ROOT), new Set(existing));
  return { ...changed, all: existing };
}

export function runChanged(cmd: ParsedCommand): number {
  if (!cmd.values.since) throw new UsageError("--since REF is required, e.g. --since origin/main");
  let result;
  try {
    result = stacksSince(String(cmd.values.since), cmd.tenantsDir);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const tenants = result.tenants === "all" ? result.all : [...result.tenants].sort();
  console.log(JSON.stringify({ platform: result.platform, tenants, removed: [...result.removedTenants].sort() }));
  return 0;
}
