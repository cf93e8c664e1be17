/**
 * The CrossGuard policy pack: `pulumi preview --policy-pack policies`.
 * Constructing a PolicyPack starts its gRPC server, so this file does nothing
 * else; the policies live in pack.ts and run offline from there too.
 *
 * Waivers and restore-test dates are read from the same tenant and platform
 * files the program uses (GRUNNMUR_TENANTS_DIR / GRUNNMUR_PLATFORM_FILE to
 * point elsewhere), the first time a policy needs them.
 */
import * as path from "node:path";
import { PolicyPack } from "@pulumi/policy";
import { formatDiagnostic } from "../tenants/validation/diagnostic";
import { loadRegion } from "../tenants/validation/load-region";
import { DEFAULT_PLATFORM_FILE, DEFAULT_TENANTS_DIR } from "../tenants/paths";
import { isoToday, regionEnvironment, type PolicyEnvironment } from "./core/environment";
import { createPolicies, PACK_NAME, POLICY_NAMES } from "./pack";
import { withWaivers } from "./waivers";

function filesEnvironment(): PolicyEnvironment {
  const today = isoToday();
  let loaded: PolicyEnvironment | undefined;
  const load = () => {
    if (!loaded) {
      const result = loadRegion({
        tenantsDir: path.resolve(process.env.GRUNNMUR_TENANTS_DIR ?? DEFAULT_TENANTS_DIR),
        platformFile: path.resolve(process.env.GRUNNMUR_PLATFORM_FILE ?? DEFAULT_PLATFORM_FILE),
      }, { policyNames: POLICY_NAMES });
      if (!result.region) throw new Error(`the tenant or platform files are not valid; run "npx grunnmur validate":\n${result.diagnostics.map(formatDiagnostic).join("\n")}`);
      loaded = regionEnvironment(result.region, today);
    }
    return loaded;
  };
  return { today, stackFile: (stack) => load().stackFile(stack), workloads: () => load().workloads?.() };
}

const env = filesEnvironment();

new PolicyPack(PACK_NAME, {
  description: "grunnmur security baseline: NSM Grunnprinsipper, CIS Azure Foundations and MCSB rules for the shared municipal platform and every tenant stack.",
  enforcementLevel: "advisory",
  policies: withWaivers(createPolicies(env), env),
});
