/**
 * Federated identity credentials per app registration. No preview holds them:
 * scripts/bootstrap-state.sh creates them once, from the workflow design in
 * domain/azure/deploy-identities.ts. The rule counts that design against the
 * limit, so a change to the design that would pass it fails the region
 * preflight, and the summary shows the headroom beside the other limits.
 */
import { DEPLOY_IDENTITIES, type DeployIdentity } from "../azure/deploy-identities";
import { AZURE_LIMITS } from "./limits";
import type { LimitUsage, RegionRule } from "./region-rule";
import type { PreflightFinding } from "./rule";

export function federatedCredentialsPerApp(identities: readonly DeployIdentity[] = DEPLOY_IDENTITIES): RegionRule {
  const meta = {
    id: "PF-52",
    name: "federated-credentials-per-app",
    summary: "An app registration has at most 20 federated identity credentials; the workflow design's deploy and reader identities are counted.",
    reference: AZURE_LIMITS.federatedCredentials.reference,
  };
  return {
    ...meta,
    check(_stacks, limits) {
      const limit = limits.federatedCredentials;
      const usage: LimitUsage[] = [];
      const findings: PreflightFinding[] = [];
      for (const identity of identities) {
        const used = identity.federatedCredentials.length;
        const subject = `federated credentials on the ${identity.role} identity`;
        usage.push({ rule: meta.id, limit, subject, used });
        if (used <= limit.value) continue;
        const value = `${used} (${identity.federatedCredentials.map((c) => c.name).join(", ")})`;
        const allowed = `at most ${limit.value} ${limit.what}`;
        findings.push({
          rule: meta.id,
          stack: "region",
          resource: `${identity.role} identity`,
          azureName: `grunnmur-<host>-${identity.role}`,
          value,
          allowed,
          reference: limit.reference,
          message: `${subject} (domain/azure/deploy-identities.ts): ${value}; Azure allows ${allowed} (${limit.reference})`,
        });
      }
      return { findings, usage };
    },
  };
}
