/**
 * The policies, assembled from their per-domain files. Both ways of running
 * them start here: the pack (index.ts) for `pulumi preview --policy-pack
 * policies`, and the offline runner for `grunnmur preview` and `grunnmur check`.
 */
import { backupPolicies } from "./backup";
import type { GrunnmurPolicy } from "./core/define";
import { environmentWithoutFiles, type PolicyEnvironment } from "./core/environment";
import { firewallPolicies } from "./firewall";
import { governancePolicies } from "./governance";
import { guardrailPolicies } from "./guardrails";
import { identityPolicies } from "./identity";
import { keyVaultPolicies } from "./keyvault";
import { loggingPolicies } from "./logging";
import { networkPolicies } from "./network";
import { storagePolicies } from "./storage";
import { waiversNotExpired } from "./waivers";
import { workloadPolicies } from "./workloads";

export const PACK_NAME = "grunnmur";

export function createPolicies(env: PolicyEnvironment): GrunnmurPolicy[] {
  return [
    ...storagePolicies(),
    ...keyVaultPolicies(),
    ...networkPolicies(),
    ...firewallPolicies(),
    ...loggingPolicies(),
    ...identityPolicies(),
    ...backupPolicies(env),
    ...workloadPolicies(env),
    ...governancePolicies(),
    ...guardrailPolicies(),
    waiversNotExpired(env),
  ];
}

/** Every policy name, in pack order: what waivers and pack configuration may name. */
export const POLICY_NAMES: readonly string[] = createPolicies(environmentWithoutFiles("1970-01-01")).map((p) => p.name);
