import type { PolicyCase } from "../../helpers/policy-cases";
import { TODAY } from "../../helpers/policy-cases";
import { MOCK_SUBSCRIPTION_ID } from "../../../scripts/preview/arm-ids";
import type { CheckedResource, CheckedStack } from "../../../scripts/preview/preview-file";
import { find, LOCATION, platformStack, providerResource, resource, tags, TENANT_SUBSCRIPTION_ID, tenantStack, through, withInputs, withoutResource } from "../../helpers/policy-fixtures";
import type { PolicyEnvironment, StackFile } from "../../../policies/core/environment";

const vault = "Recovery Services vault rsv-grunnmur-prod-noe";
const backup = (properties: Record<string, unknown>) => () => withInputs(platformStack(), "backup", { properties });

/** Today plus senja's file, as the offline runner reads it from tenants/senja.yaml. */
export function senjaFile(file: Partial<StackFile>): PolicyEnvironment {
  const senja: StackFile = { file: "tenants/senja.yaml", waivers: [], backup: true, ...file };
  return { today: TODAY, stackFile: (stack) => (stack === "senja" ? senja : undefined) };
}

/**
 * Senja's account registered for backup with `vault` (created in the stack when it has a location):
 * the account through `providers.account`, the vault and its registration through `providers.vault`,
 * each in the provider's subscription; without one, in the platform's.
 */
function registeredWith(vault: { name: string; resourceGroupName: string; location?: string }, providers: { account?: CheckedResource; vault?: CheckedResource } = {}): CheckedStack {
  const base = tenantStack();
  const on = (r: CheckedResource, provider: CheckedResource | undefined) => (provider ? through(r, provider) : r);
  const account = on(find(base, "files"), providers.account);
  const ownVault = vault.location
    ? [on(resource("senja", "azure-native:recoveryservices:Vault", "backup-vault", { resourceGroupName: vault.resourceGroupName, location: vault.location, vaultName: vault.name, tags: tags("senja", "backup") }), providers.vault)]
    : [];
  const container = on(
    resource("senja", "azure-native:recoveryservices:ProtectionContainer", "backup-files-container", {
      resourceGroupName: vault.resourceGroupName,
      vaultName: vault.name,
      fabricName: "Azure",
      containerName: "StorageContainer;Storage;rg-grunnmur-senja-data-prod-noe;stgrunnmursenjaprod",
      properties: { backupManagementType: "AzureStorage", containerType: "StorageContainer", sourceResourceId: account.id },
    }),
    providers.vault,
  );
  const declared = [...new Set([providers.account, providers.vault].filter((p): p is CheckedResource => p !== undefined))];
  const resources = base.resources.map((r) => (r.name === "files" ? account : r));
  return { ...base, resources: [...declared, ...resources, ...ownVault, container] };
}
const ownSubscription = () => providerResource("senja", "tenant-subscription", TENANT_SUBSCRIPTION_ID);
const platformVault = { name: "rsv-grunnmur-prod-noe", resourceGroupName: "rg-grunnmur-backup-prod-noe" };
const senjaVault = (location = LOCATION) => ({ name: "rsv-grunnmur-senja-prod-noe", resourceGroupName: "rg-grunnmur-senja-backup-prod-noe", location });
const container = "protection container StorageContainer;Storage;rg-grunnmur-senja-data-prod-noe;stgrunnmursenjaprod";
const BK08 = "grunnmur baseline BK-08; https://learn.microsoft.com/azure/backup/backup-azure-files";

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
  {
    policy: "backup-vault-beside-storage",
    fails: "registers the storage account of a municipality's own subscription with the platform's vault",
    passing: () => {
      const own = ownSubscription();
      return registeredWith(senjaVault(), { account: own, vault: own });
    },
    failing: () => registeredWith(platformVault, { account: ownSubscription() }),
    message: `${container}: registers storage account stgrunnmursenjaprod of subscription ${TENANT_SUBSCRIPTION_ID} with Recovery Services vault rsv-grunnmur-prod-noe in subscription ${MOCK_SUBSCRIPTION_ID} (by its id); Azure Backup protects file shares only from a vault in the storage account's subscription and region: register it with a vault there (${BK08})`,
  },
  {
    policy: "backup-vault-beside-storage",
    fails: "registers the storage account with a vault in another region",
    // A municipality in the platform's subscription is registered with the platform's vault.
    passing: () => registeredWith(platformVault),
    failing: () => {
      const own = ownSubscription();
      return registeredWith(senjaVault("norwaywest"), { account: own, vault: own });
    },
    message: `${container}: registers storage account stgrunnmursenjaprod in norwayeast with Recovery Services vault rsv-grunnmur-senja-prod-noe in norwaywest; Azure Backup protects file shares only from a vault in the storage account's subscription and region: register it with a vault in norwayeast (${BK08})`,
  },
];
