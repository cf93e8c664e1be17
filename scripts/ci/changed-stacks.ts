/**
 * Which stacks a set of changed files affects, so a pull request previews and
 * deploys only those and its cost does not grow with the number of
 * municipalities. changedStacks and tenantTouch are pure; the git helpers at
 * the end give them the changed files and the baseline versions of tenant files.
 *
 * The stacks (domain/azure/stack-names.ts): `platform` (the shared core and the
 * primary hub with its tenants' attachments), `hub-<key>` for every other hub
 * (its network and its tenants' attachments) and one per tenant.
 */
import { execFileSync } from "node:child_process";
import { PLATFORM_STACK, hubKeyOfStack, hubStackName } from "../../domain/azure/stack-names";
import { platformReadsTenant } from "../../domain/azure/platform-reads-tenant";
import { hubOf, type PlatformHubsInput } from "../../domain/network/hub-placement";
import type { LenientTenant } from "./lenient-files";
import type { PlatformFileTouch } from "./platform-file-touch";

export interface ChangedStacks {
  readonly platform: boolean;
  /** Hub stacks (`hub-<key>`, never the platform's) to preview; "all" when shared code or settings changed. */
  readonly hubs: ReadonlySet<string> | "all";
  /** Tenant slugs to preview; "all" when shared code or settings changed. */
  readonly tenants: ReadonlySet<string> | "all";
  /** Tenant files deleted by the change: their stacks are gone, the report shows what they lose. */
  readonly removedTenants: ReadonlySet<string>;
}

/** What a changed tenant file touches besides its own stack. */
export interface TenantTouch {
  /** The stacks holding its attachments, before and after (`platform` for the primary hub); "all" when a version could not be read. */
  readonly hubStacks: ReadonlySet<string> | "all";
  /** Whether the platform reads something of it whatever its hub (domain/azure/platform-reads-tenant.ts). */
  readonly platformReads: boolean;
}

/** The hubs of the region, and what each changed tenant file touches. */
export interface HubContext {
  /** Every hub stack of platform.yaml (`hub-<key>`; the primary hub is the platform's). */
  readonly hubStacks: ReadonlySet<string>;
  /** Called for each changed tenant file, by slug. */
  readonly tenantTouch: (slug: string) => TenantTouch;
  /** The platform file's path in the repository, and what its change touches (scripts/ci/platform-file-touch.ts); without it, everything. */
  readonly platformFile?: { readonly path: string; readonly touch: () => PlatformFileTouch | "all" };
}

/**
 * A version of a tenant file: read leniently (scripts/ci/lenient-files.ts),
 * "unreadable" when it exists but could not be read, "absent" when the file did
 * not exist then (added) or does not now (removed).
 */
export type TenantVersion = LenientTenant | "unreadable" | "absent";

/**
 * What a tenant file's change touches, from its baseline and its new version
 * and the region's hubs (undefined when platform.yaml could not be read): the
 * hub stack of each version (two when it moves), and the platform where either
 * version is on the primary hub or has a part the platform reads. A version that
 * cannot be read, or whose hub cannot be told, touches every hub: guessing would
 * leave a hub's stale attachment in place.
 */
export function tenantTouch(platform: PlatformHubsInput | undefined, versions: readonly TenantVersion[]): TenantTouch {
  const stacks = new Set<string>();
  let all = false;
  let platformReads = false;
  for (const version of versions) {
    if (version === "absent") continue;
    if (version === "unreadable" || platform === undefined) {
      all = true;
      platformReads = true;
      continue;
    }
    try {
      stacks.add(hubStackName(hubOf(platform, version)));
    } catch {
      // A pin naming no hub of the platform: the validation reports it.
      all = true;
    }
    if (platformReadsTenant(version)) platformReads = true;
  }
  return { hubStacks: all ? "all" : stacks, platformReads };
}

/** Files that do not change any stack's resources. */
const NO_EFFECT = [/^README\.md$/, /^tenants\/README\.md$/, /^test\//, /^\.github\//, /^\.ci\//, /\.md$/];

export function changedStacks(files: readonly string[], existingTenants: ReadonlySet<string>, hubContext: HubContext): ChangedStacks {
  const tenants = new Set<string>();
  const hubs = new Set<string>();
  const removed = new Set<string>();
  let all = false;
  let allHubs = false;
  let platform = false;
  const changedTenants: string[] = [];
  let platformFileTouched: PlatformFileTouch | "all" | undefined;
  for (const file of files) {
    const tenant = /^tenants\/([a-z0-9-]+)\.yaml$/.exec(file);
    // A stack's own settings (Pulumi.<stack>.yaml: secrets provider, encrypted config) affect that stack alone.
    const stackConfig = /^Pulumi\.([a-z0-9-]+)\.yaml$/.exec(file);
    if (stackConfig) {
      const stack = stackConfig[1];
      if (stack === PLATFORM_STACK) platform = true;
      else if (hubKeyOfStack(stack) !== undefined) {
        if (hubContext.hubStacks.has(stack)) hubs.add(stack);
      } else if (existingTenants.has(stack)) tenants.add(stack);
    } else if (tenant) {
      if (existingTenants.has(tenant[1])) tenants.add(tenant[1]);
      else removed.add(tenant[1]);
      if (!changedTenants.includes(tenant[1])) changedTenants.push(tenant[1]);
    } else if (NO_EFFECT.some((pattern) => pattern.test(file))) {
      continue;
    } else if (file === hubContext.platformFile?.path && (platformFileTouched ??= hubContext.platformFile.touch()) !== "all") {
      // Only hub-only fields changed (a hub's gateway SKU or firewall tier): those hubs' stacks alone.
      for (const stack of platformFileTouched.hubStacks) if (hubContext.hubStacks.has(stack)) hubs.add(stack);
      // A municipality's registered subscription: as if its tenant file had changed.
      for (const slug of platformFileTouched.tenants) {
        if (existingTenants.has(slug)) tenants.add(slug);
        if (!changedTenants.includes(slug)) changedTenants.push(slug);
      }
    } else {
      // platform.yaml, catalogue, schemas, programs, components, dependencies: everything.
      platform = true;
      allHubs = true;
      all = true;
    }
  }
  // A tenant's attachments (peering, firewall rule groups, VPN sites, alerts) are in its hub's
  // stack, before and after: a move takes them from one hub and gives them to another. When
  // every stack is touched anyway, no version needs reading.
  for (const slug of all ? [] : changedTenants) {
    const touch = hubContext.tenantTouch(slug);
    if (touch.platformReads) platform = true;
    if (touch.hubStacks === "all") {
      allHubs = true;
      platform = true;
    } else {
      for (const stack of touch.hubStacks) {
        if (stack === PLATFORM_STACK) platform = true;
        else hubs.add(stack);
      }
    }
  }
  return { platform, hubs: allHubs ? "all" : hubs, tenants: all ? "all" : tenants, removedTenants: removed };
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

/**
 * The commit `changedFiles` compares with: where HEAD left `ref` (`ref...HEAD`),
 * so the baseline of a file is the version the change started from.
 */
export function baseCommit(ref: string, cwd: string): string {
  try {
    return execFileSync("git", ["merge-base", ref, "HEAD"], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
  } catch (err) {
    throw new Error(`git found no common commit of "${ref}" and HEAD: ${(err as Error).message.split("\n")[0]}; fetch the branch with its history first (e.g. git fetch origin main) or name another ref`);
  }
}

/** A file's text at `commit` (a path relative to the repository root), or undefined when it did not exist there. */
export function fileAtCommit(commit: string, gitPath: string, cwd: string): string | undefined {
  const listed = execFileSync("git", ["ls-tree", "--name-only", commit, "--", gitPath], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
  if (listed === "") return undefined;
  return execFileSync("git", ["show", `${commit}:${gitPath}`], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 16 * 1024 * 1024 });
}
