import type { PolicyCase } from "../../helpers/policy-cases";
import { platformStack, withInputs } from "../../helpers/policy-fixtures";

const vault = "key vault kv-grunnmur-prod-noe";
const secrets = (properties: Record<string, unknown>) => () => withInputs(platformStack(), "secrets", { properties });

export const keyVaultCases: PolicyCase[] = [
  {
    policy: "keyvault-soft-delete",
    fails: "keeps deleted secrets for 7 days only",
    passing: platformStack,
    failing: secrets({ softDeleteRetentionInDays: 7 }),
    message: `${vault}: properties.softDeleteRetentionInDays is 7; set it to 90 (MCSB DP-8)`,
  },
  {
    policy: "keyvault-soft-delete",
    fails: "turns soft delete off",
    passing: platformStack,
    failing: secrets({ enableSoftDelete: false }),
    message: `${vault}: properties.enableSoftDelete is false; set it to true (MCSB DP-8)`,
  },
  {
    policy: "keyvault-purge-protection",
    fails: "lets deleted secrets be purged at once",
    passing: platformStack,
    failing: secrets({ enablePurgeProtection: undefined }),
    message: `${vault}: properties.enablePurgeProtection is not set; set it to true (CIS 8.3.5)`,
  },
  {
    policy: "keyvault-rbac-authorization",
    fails: "uses vault access policies",
    passing: platformStack,
    failing: secrets({ enableRbacAuthorization: false }),
    message: `${vault}: properties.enableRbacAuthorization is false; set it to true (CIS 8.3.6)`,
  },
  {
    policy: "keyvault-private-network-only",
    fails: "opens a key vault to public networks",
    passing: platformStack,
    failing: secrets({ publicNetworkAccess: "Enabled" }),
    message: `${vault}: properties.publicNetworkAccess is "Enabled"; set it to "Disabled" (CIS 8.3.7)`,
  },
  {
    policy: "keyvault-private-network-only",
    fails: "lets every network through the key vault firewall",
    passing: platformStack,
    failing: secrets({ networkAcls: { defaultAction: "Allow" } }),
    message: `${vault}: properties.networkAcls.defaultAction is "Allow"; set it to "Deny" (CIS 8.3.7)`,
  },
];
