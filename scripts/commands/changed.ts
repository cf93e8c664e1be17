/** `grunnmur changed --since REF`: the stacks a change affects, as JSON for CI matrices. */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { platformFileTouch } from "../ci/platform-file-touch";
import { UsageError, type CommandSpec, type ParsedCommand } from "../args";
import { DEFAULT_PLATFORM_FILE, REPO_ROOT } from "../../tenants/paths";
import { displayPath, listTenantFiles } from "../../tenants/validation/load-region";
import { hubStackName } from "../../domain/azure/stack-names";
import { hubsOf, type PlatformHubsInput } from "../../domain/network/hub-placement";
import { baseCommit, batches, changedFiles, changedStacks, fileAtCommit, tenantTouch, type ChangedStacks, type TenantVersion } from "../ci/changed-stacks";
import { readPlatformHubsLeniently, readTenantLeniently } from "../ci/lenient-files";
import { loadCommandRegion } from "../region";
import { departureProblems } from "../offboarding/plan";
import { localToday } from "../../tenants/validation/date-rules";

export const changedSpec: CommandSpec = {
  name: "changed",
  summary: "list the stacks a change affects (JSON), so CI previews and deploys only those",
  usage: "grunnmur changed (--since REF | --all) [--batch-size N]",
  details: [
    "Compares the working tree with REF (e.g. origin/main) and prints",
    '{"platform": true|false, "hubs": [...], "tenants": [...], "removed": [...], "batches": [...]}.',
    "A changed tenant file affects its own stack and the stack of its hub before and after",
    "(hub-<key>, or the platform for the primary hub), and the platform too where the file",
    "has a part the core reads (wifi, azure subscription, waivers, offboarding, network.hub or",
    "network.addressSpace); shared code or platform settings affect all; Pulumi.<stack>.yaml",
    "affects that stack. \"hubs\" are deployed one at a time after the platform and before the",
    'tenants. "batches" holds the tenants in groups of --batch-size, each a string of names',
    '("alta bardu"), one CI job per group.',
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

/** What `grunnmur changed` found: the changed stacks, every tenant file's slug and every hub stack. */
export type StacksResult = ChangedStacks & { all: string[]; allHubs: string[] };

function platformHubs(platformFile: string): PlatformHubsInput {
  let text: string;
  try {
    text = fs.readFileSync(platformFile, "utf8");
  } catch (err) {
    throw new Error(`${displayPath(platformFile)}: cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); name the platform file with --platform`);
  }
  return readPlatformHubsLeniently(displayPath(platformFile), text);
}

/** Every hub's stack but the platform's own, in hub key order. */
function hubStacksOf(platform: PlatformHubsInput): string[] {
  return hubsOf(platform)
    .filter((hub) => !hub.primary)
    .map((hub) => hubStackName(hub.key));
}

const versionOf = (slug: string, text: string | undefined): TenantVersion => (text === undefined ? "absent" : (readTenantLeniently(slug, text) ?? "unreadable"));

/**
 * The stacks changed since `ref`. A changed tenant file is placed on its hub twice:
 * as it was where this change started (git merge-base of `ref` and HEAD) and as it
 * is now, both with today's platform.yaml (a change to platform.yaml affects every
 * stack anyway).
 */
export function stacksSince(ref: string, tenantsDir: string, platformFile: string = DEFAULT_PLATFORM_FILE): StacksResult {
  const existing = listTenantFiles(tenantsDir).files.map((f) => path.basename(f, ".yaml"));
  const platform = platformHubs(platformFile);
  const allHubs = hubStacksOf(platform);
  const files = changedFiles(ref, REPO_ROOT);
  let base: string | undefined;
  const changed = changedStacks(files, new Set(existing), {
    hubStacks: new Set(allHubs),
    tenantTouch: (slug) => {
      base ??= baseCommit(ref, REPO_ROOT);
      const current = path.join(tenantsDir, `${slug}.yaml`);
      return tenantTouch(platform, [
        versionOf(slug, fileAtCommit(base, `tenants/${slug}.yaml`, REPO_ROOT)),
        versionOf(slug, fs.existsSync(current) ? fs.readFileSync(current, "utf8") : undefined),
      ]);
    },
    platformFile: {
      path: path.relative(REPO_ROOT, platformFile).split(path.sep).join("/"),
      touch: () => {
        base ??= baseCommit(ref, REPO_ROOT);
        const parse = (text: string | undefined) => {
          if (text === undefined) return undefined;
          try {
            return parseYaml(text) as unknown;
          } catch {
            return undefined;
          }
        };
        const rel = path.relative(REPO_ROOT, platformFile).split(path.sep).join("/");
        return platformFileTouch(parse(fileAtCommit(base, rel, REPO_ROOT)), parse(fs.existsSync(platformFile) ? fs.readFileSync(platformFile, "utf8") : undefined));
      },
    },
  });
  return { ...changed, all: existing, allHubs };
}

/** Every stack: the platform, each hub and each tenant file. */
export function everyStack(tenantsDir: string, platformFile: string = DEFAULT_PLATFORM_FILE): StacksResult {
  const existing = listTenantFiles(tenantsDir).files.map((f) => path.basename(f, ".yaml"));
  return { platform: true, hubs: "all", tenants: "all", removedTenants: new Set(), all: existing, allHubs: hubStacksOf(platformHubs(platformFile)) };
}

export function runChanged(cmd: ParsedCommand): number {
  if (!cmd.values.since === !cmd.values.all) throw new UsageError("give either --since REF (e.g. --since origin/main) or --all for every stack");
  const batchSize = Number(cmd.values["batch-size"] ?? 10);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new UsageError(`--batch-size must be a whole number of at least 1, e.g. --batch-size 10, not "${cmd.values["batch-size"]}"`);
  let result;
  try {
    result = cmd.values.all ? everyStack(cmd.tenantsDir, cmd.platformFile) : stacksSince(String(cmd.values.since), cmd.tenantsDir, cmd.platformFile);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const affected = result.tenants === "all" ? result.all : [...result.tenants].sort();
  const offboarding = offboardingDue(cmd, affected);
  const tenants = affected.filter((slug) => !offboarding.includes(slug));
  const hubs = result.hubs === "all" ? result.allHubs : [...result.hubs].sort();
  console.log(
    JSON.stringify({ platform: result.platform, hubs, tenants, removed: [...result.removedTenants].sort(), offboarding, batches: batches(tenants, batchSize) }),
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
