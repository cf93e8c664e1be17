import type { PolicyCase } from "../../helpers/policy-cases";
import { TODAY } from "../../helpers/policy-cases";
import { find, platformStack, tenantStack, withInputs, withoutResource } from "../../helpers/policy-fixtures";
import type { PolicyEnvironment, StackFile } from "../../../policies/core/environment";

const vault = "Recovery Services vault rsv-grunnmur-prod-noe";
const backup = (properties: Record<string, unknown>) => () => withInputs(platformStack(), "backup", { properties });

/** Today plus senja's file, as the offline runner reads it from tenants/senja.yaml. */
export function senjaFile(file: Partial<StackFile>): PolicyEnvironment {
  const senja: StackFile = { file: "tenants/senja.yaml", waivers: [], backup: true, ...file };
  return { today: TODAY, stackFile: (stack) => (stack === "senja" ? senja : undefined) };
}

export const backupCases: PolicyCase[] = [
  {
    policy: "backup-vault-soft-delete-always-on",
    fails: "lets soft delete of backups be turned off",
    passing: platformStack,
    failing: backup({ securitySettings: { softDeleteSettings: { softDeleteState: "Enabled" } } }),
    message: `${vault}: properties.securitySettings.softDeleteSettings.softDeleteState is "Enabled"; set it to "AlwaysON" (MCSB BR-2; NSM 2.9.4)`,
  },
  {
    policy: "backup-vault-soft-delete-always-on",
    fails: "keeps deleted backups for 7 days",
    passing: platformStack,
    failing: backup({ securitySettings: { softDeleteSettings: { softDeleteRetentionPeriodInDays: 7 } } }),
    message: `${vault}: properties.securitySettings.softDeleteSettings.softDeleteRetentionPeriodInDays is 7; set it to 14-180 (MCSB BR-2; NSM 2.9.4)`,
  },
  {
    policy: "backup-vault-immutability-locked",
    fails: "has a vault with immutability disabled",
    passing: platformStack,
    failing: backup({ securitySettings: { immutabilitySettings: { state: "Disabled" } } }),
    message: `${vault}: properties.securitySettings.immutabilitySettings.state is "Disabled"; set it to "Locked" (Azure Policy d6f6f560)`,
  },
  {
    policy: "backup-vault-resource-guard",
    fails: "has a vault without a resource guard",
    passing: platformStack,
    failing: () => withoutResource(platformStack(), "backup-guard"),
    message: `${vault}: has no resource guard; add a recoveryservices ResourceGuardProxy linking it to a dataprotection ResourceGuard that the backup operators do not own (Azure Policy c7031eab)`,
  },
  {
    policy: "backup-vault-resource-guard",
    fails: "keeps the resource guard in the vault's own resource group",
    passing: platformStack,
    failing: () => {
      const moved = withInputs(platformStack(), "guard", { resourceGroupName: "rg-grunnmur-backup-prod-noe" });
      return withInputs(moved, "backup-guard", { properties: { resourceGuardResourceId: find(moved, "guard").id } });
    },
    message: `${vault}: its resource guard is in the vault's own resource group rg-grunnmur-backup-prod-noe; keep the guard in a resource group (or subscription) the backup operators cannot change (Azure Policy c7031eab)`,
  },
  {
    policy: "backup-vault-geo-redundant",
    fails: "keeps backups in one region",
    passing: platformStack,
    failing: backup({ redundancySettings: { standardTierStorageRedundancy: "LocallyRedundant" } }),
    message: `${vault}: properties.redundancySettings.standardTierStorageRedundancy is "LocallyRedundant"; set it to "GeoRedundant" (MCSB BR-1)`,
  },
  {
    policy: "backup-vault-geo-redundant",
    fails: "cannot restore in the paired region",
    passing: platformStack,
    failing: backup({ redundancySettings: { crossRegionRestore: undefined } }),
    message: `${vault}: properties.redundancySettings.crossRegionRestore is not set (it cannot be changed after the first backup); set it to "Enabled" (MCSB BR-1)`,
  },
  {
    policy: "backup-vault-private-network-only",
    fails: "opens the vault to public networks",
    passing: platformStack,
    failing: backup({ publicNetworkAccess: "Enabled" }),
    message: `${vault}: properties.publicNetworkAccess is "Enabled"; set it to "Disabled" (MCSB BR-2)`,
  },
  {
    policy: "backup-data-protection-vault-hardened",
    fails: "leaves a backup vault's immutability unlocked",
    passing: platformStack,
    failing: () => withInputs(platformStack(), "backup-disks", { properties: { securitySettings: { immutabilitySettings: { state: "Unlocked" } } } }),
    message: 'backup vault bvault-grunnmur-prod-noe: properties.securitySettings.immutabilitySettings.state is "Unlocked"; set it to "Locked" (Azure Policy; MCSB BR-1; MCSB BR-2)',
  },
  {
    policy: "backup-data-protection-vault-hardened",
    fails: "stores a backup vault's data locally",
    passing: platformStack,
    failing: () => withInputs(platformStack(), "backup-disks", { properties: { storageSettings: [{ datastoreType: "VaultStore", type: "LocallyRedundant" }] } }),
    message: 'backup vault bvault-grunnmur-prod-noe: properties.storageSettings[].type is ["LocallyRedundant"]; set it to "GeoRedundant" (Azure Policy; MCSB BR-1; MCSB BR-2)',
  },
  {
    policy: "backup-restore-tested",
    fails: "has backup but has never recorded a test restore",
    passing: tenantStack,
    failing: tenantStack,
    passingEnv: senjaFile({ lastRestoreTest: "2026-09-15" }),
    failingEnv: senjaFile({ lastRestoreTest: undefined }),
    message: "tenants/senja.yaml: backup.lastRestoreTest is not set; restore a sample of this municipality's data, check it, and record the date (NSM 2.9.3)",
  },
  {
    policy: "backup-restore-tested",
    fails: "last tested a restore more than a year ago",
    passing: tenantStack,
    failing: tenantStack,
    passingEnv: senjaFile({ lastRestoreTest: "2025-12-01" }),
    failingEnv: senjaFile({ lastRestoreTest: "2025-06-01" }),
    message: "tenants/senja.yaml: backup.lastRestoreTest is 2025-06-01, 540 days ago; test a restore again and record the date (at most 365 days apart) (NSM 2.9.3)",
  },
];
