/**
 * How every command reads the files: the layered validation, with the rule
 * that waivers name a policy of the pack (the schema does not know the pack).
 */
import { POLICY_NAMES } from "../policies/pack";
import { loadRegion, type RegionLoad, type RegionPaths } from "../tenants/validation/load-region";

export function loadCommandRegion(paths: RegionPaths): RegionLoad {
  return loadRegion({ tenantsDir: paths.tenantsDir, platformFile: paths.platformFile }, { policyNames: POLICY_NAMES });
}
