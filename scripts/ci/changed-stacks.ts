/**
 * Which stacks a set of changed files affects, so a pull request previews and
 * deploys only those and its cost does not grow with the number of
 * municipalities. Pure: the caller asks git for the files.
 */
import { execFileSync } from "node:child_process";

export interface ChangedStacks {
  readonly platform: boolean;
  /** Tenant slugs to preview; "all" when shared code or settings changed. */
  readonly tenants: ReadonlySet<string> | "all";
  /** Tenant files deleted by the change: their stacks are gone, the report shows what they lose. */
  readonly removedTenants: ReadonlySet<string>;
}

/** Files that do not change any stack's resources. */
const NO_EFFECT = [/^README\.md$/, /^tenants\/README\.md$/, /^test\//, /^\.github\//, /^\.ci\//, /\.md$/];

export function changedStacks(files: readonly string[], existingTenants: ReadonlySet<string>): ChangedStacks {
  const tenants = new Set<string>();
  const removed = new Set<string>();
  let all = false;
  let platform = false;
  for (const file of files) {
    const tenant = /^tenants\/([a-z0-9-]+)\.yaml$/.exec(file);
    // A stack's own settings (Pulumi.<stack>.yaml: secrets provider, encrypted config) affect that stack alone.
    const stackConfig = /^Pulumi\.([a-z0-9-]+)\.yaml$/.exec(file);
    if (stackConfig) {
      if (stackConfig[1] === "platform") platform = true;
      else if (existingTenants.has(stackConfig[1])) tenants.add(stackConfig[1]);
    } else if (tenant) {
      // The platform reads every tenant file (firewall rules, VPN sites, eduroam realms).
      platform = true;
      if (existingTenants.has(tenant[1])) tenants.add(tenant[1]);
      else removed.add(tenant[1]);
    } else if (NO_EFFECT.some((pattern) => pattern.test(file))) {
      continue;
    } else {
      // platform.yaml, catalogue, schemas, programs, components, dependencies: everything.
      platform = true;
      all = true;
    }
  }
  return { platform, tenants: all ? "all" : tenants, removedTenants: removed };
}

/**
 * Stacks split into groups of at most `size`, in order, one string of space-separated
 * names each: a CI matrix runs one job per group. GitHub runs at most 256 jobs per
 * matrix (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idstrategymatrix),
 * so with 357 tenants one job per stack would not start at all.
 */
export function batches(stacks: readonly string[], size: number): string[] {
  if (!Number.isInteger(size) || size < 1) throw new Error(`the batch size must be a whole number of at least 1, not ${size}`);
  const groups: string[] = [];
  for (let i = 0; i < stacks.length; i += size) groups.push(stacks.slice(i, i + size).join(" "));
  return groups;
}

/** Files changed between `ref` and the working tree, relative to the repository root. */
export function changedFiles(ref: string, cwd: string): string[] {
  try {
    const committed = execFileSync("git", ["diff", "--name-only", `${ref}...HEAD`], { cwd, encoding: "utf8" });
    const working = execFileSync("git", ["diff", "--name-only", "HEAD"], { cwd, encoding: "utf8" });
    const untracked = execFileSync("git", ["ls-files", "--others", "--exclude-standard"], { cwd, encoding: "utf8" });
    return [...new Set(`${committed}\n${working}\n${untracked}`.split("\n").filter(Boolean))].sort();
  } catch (err) {
    throw new Error(`git could not compare with "${ref}": ${(err as Error).message.split("\n")[0]}; fetch the branch first (e.g. git fetch origin main) or name another ref`);
  }
}
