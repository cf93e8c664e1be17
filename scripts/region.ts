/**
 * How every command reads the files: the layered validation, with the rule
 * that waivers name a policy of the pack (the schema does not know the pack),
 * and git's view of which files are new, so a conflict between two files is
 * reported on the one that caused it.
 */
import { POLICY_NAMES } from "../policies/pack";
import { listTenantFiles, loadRegion, type RegionLoad, type RegionPaths } from "../tenants/validation/load-region";
import { fileHistory } from "./ci/file-history";

export interface CommandRegionOptions {
  /** The git ref the change is compared with (--changed-since); left out, the working tree against the last commit. */
  readonly since?: string;
  /** YYYY-MM-DD for the rules about dates; defaults to today. */
  readonly today?: string;
}

/** Throws a HistoryError (scripts/ci/file-history.ts) when `since` is not a ref git knows. */
export function loadCommandRegion(paths: RegionPaths, options: CommandRegionOptions = {}): RegionLoad {
  const history = fileHistory([...listTenantFiles(paths.tenantsDir).files, paths.platformFile], options.since);
  return loadRegion({ tenantsDir: paths.tenantsDir, platformFile: paths.platformFile }, { policyNames: POLICY_NAMES, history, today: options.today });
}
