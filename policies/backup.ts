/**
 * Backup rules (BK-01 … BK-08): Østre Toten 2021 lost its backups to the
 * attackers. Backups here cannot be deleted early, changed, or removed by one
 * person, survive a regional outage, are tested by restoring them, and are
 * taken by a vault Azure lets protect the shares at all.
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as recoveryservices from "@pulumi/azure-native/recoveryservices";
import type * as dataprotection from "@pulumi/azure-native/dataprotection";
import type { PolicyResource } from "@pulumi/policy";
import { isResourceOfType, lastName, parseArmId } from "../domain/azure/arm-id";
import { policiesOfType, resourcePolicy, stackPolicy, type GrunnmurPolicy } from "./core/define";
import { daysBetween, type PolicyEnvironment } from "./core/environment";
import { describeResource, expectEqual, expectSetting } from "./core/messages";
import { dependsThrough, idOf, ofType, placementOf, refValue } from "./core/stack-facts";
import { knownString, sameText, show } from "./core/values";

type VaultProps = pulumi.Unwrap<recoveryservices.VaultArgs>;
type BackupVaultProps = pulumi.Unwrap<dataprotection.BackupVaultArgs>;

export const RECOVERY_VAULT = "azure-native:recoveryservices:Vault";
export const GUARD_PROXY = "azure-native:recoveryservices:ResourceGuardProxy";
export const RESOURCE_GUARD = "azure-native:dataprotection:ResourceGuard";
export const BACKUP_VAULT = "azure-native:dataprotection:BackupVault";
export const PROTECTION_CONTAINER = "azure-native:recoveryservices:ProtectionContainer";
const STORAGE_ACCOUNT = "azure-native:storage:StorageAccount";

const vault = policiesOfType<VaultProps>(RECOVERY_VAULT);

export const vaultSoftDelete = () =>
  vault<{ minimumRetentionDays: number }>(
    {
      id: "BK-01",
      name: "backup-vault-soft-delete-always-on",
      source: "MCSB BR-2; NSM 2.9.4",
      title: "Deleted backups stay recoverable, and soft delete cannot be turned off.",
      enforcementLevel: "mandatory",
      config: { minimumRetentionDays: { default: 14, minimum: 14, description: "Fewest days deleted backup data is kept (Azure allows 14-180)." } },
    },
    (r, report, config) => {
      const soft = r.props.properties?.securitySettings?.softDeleteSettings;
      const source = "MCSB BR-2; NSM 2.9.4";
      expectEqual(report, r.label, "properties.securitySettings.softDeleteSettings.softDeleteState", soft?.softDeleteState, "AlwaysON", source);
      expectSetting(report, {
        resource: r.label,
        property: "properties.securitySettings.softDeleteSettings.softDeleteRetentionPeriodInDays",
        current: soft?.softDeleteRetentionPeriodInDays,
        ok: (v) => typeof v === "number" && v >= config.minimumRetentionDays && v <= 180,
        safe: `${config.minimumRetentionDays}-180`,
        source,
      });
    },
  );

export const vaultImmutability = () =>
  vault(
    {
      id: "BK-02",
      name: "backup-vault-immutability-locked",
      source: "Azure Policy d6f6f560",
      title: "Backups cannot be changed or deleted before they expire: vault immutability is locked.",
      enforcementLevel: "mandatory",
    },
    (r, report) =>
      expectEqual(report, r.label, "properties.securitySettings.immutabilitySettings.state", r.props.properties?.securitySettings?.immutabilitySettings?.state, "Locked", "Azure Policy d6f6f560"),
  );

export const vaultGeoRedundant = () =>
  vault(
    {
      id: "BK-04",
      name: "backup-vault-geo-redundant",
      source: "MCSB BR-1",
      title: "Backups are copied to the paired region and can be restored there.",
      enforcementLevel: "mandatory",
    },
    (r, report) => {
      const redundancy = r.props.properties?.redundancySettings;
      const note = "it cannot be changed after the first backup";
      expectEqual(report, r.label, "properties.redundancySettings.standardTierStorageRedundancy", redundancy?.standardTierStorageRedundancy, "GeoRedundant", "MCSB BR-1", note);
      expectEqual(report, r.label, "properties.redundancySettings.crossRegionRestore", redundancy?.crossRegionRestore, "Enabled", "MCSB BR-1", note);
    },
  );

export const vaultPrivateNetwork = () =>
  vault(
    { id: "BK-05", name: "backup-vault-private-network-only", source: "MCSB BR-2", title: "Recovery Services vaults are reached through private endpoints only.", enforcementLevel: "mandatory" },
    (r, report) => expectEqual(report, r.label, "properties.publicNetworkAccess", r.props.properties?.publicNetworkAccess, "Disabled", "MCSB BR-2"),
  );

export const backupVaultHardened = () =>
  resourcePolicy<BackupVaultProps>(
    {
      id: "BK-06",
      name: "backup-data-protection-vault-hardened",
      source: "Azure Policy; MCSB BR-1; MCSB BR-2",
      title: "Backup vaults have soft delete always on, locked immutability, geo-redundant storage and cross-region restore.",
      enforcementLevel: "mandatory",
    },
    [BACKUP_VAULT],
    (r, report) => {
      const p = r.props.properties;
      const source = "Azure Policy; MCSB BR-1; MCSB BR-2";
      expectEqual(report, r.label, "properties.securitySettings.softDeleteSettings.state", p?.securitySettings?.softDeleteSettings?.state, "AlwaysOn", source);
      expectEqual(report, r.label, "properties.securitySettings.immutabilitySettings.state", p?.securitySettings?.immutabilitySettings?.state, "Locked", source);
      const stores = (p?.storageSettings ?? []).map((s) => s.type);
      expectSetting(report, {
        resource: r.label,
        property: "properties.storageSettings[].type",
        current: stores.length ? stores : undefined,
        ok: () => stores.length > 0 && stores.every((t) => t === "GeoRedundant"),
        safe: '"GeoRedundant"',
        source,
      });
      expectEqual(report, r.label, "properties.featureSettings.crossRegionRestoreSettings.state", p?.featureSettings?.crossRegionRestoreSettings?.state, "Enabled", source);
    },
  );

function proxiesOf(resources: readonly PolicyResource[], vaultResource: PolicyResource): PolicyResource[] {
  const vaultName = knownString(() => vaultResource.props.vaultName) ?? knownString(() => vaultResource.props.name);
  return ofType(resources, GUARD_PROXY).filter((proxy) => {
    const name = knownString(() => proxy.props.vaultName);
    return name && vaultName ? sameText(name, vaultName) : dependsThrough(proxy, "vaultName", vaultResource);
  });
}

export const vaultResourceGuard = () =>
  stackPolicy(
    {
      id: "BK-03",
      name: "backup-vault-resource-guard",
      source: "Azure Policy c7031eab",
      title: "Deleting backups or weakening a vault needs a second person: every Recovery Services vault is protected by a Resource Guard in its region, held apart from the vault.",
      enforcementLevel: "mandatory",
    },
    "any",
    ({ resources }, report) => {
      const source = "Azure Policy c7031eab";
      const guards = ofType(resources, RESOURCE_GUARD);
      for (const v of ofType(resources, RECOVERY_VAULT)) {
        const label = describeResource(v.type, v.props, v.name);
        const proxies = proxiesOf(resources, v);
        if (proxies.length === 0) {
          report(`${label}: has no resource guard; add a recoveryservices ResourceGuardProxy linking it to a dataprotection ResourceGuard that the backup operators do not own (${source})`, v.urn);
        }
        for (const proxy of proxies) {
          const guardId = refValue(() => proxy.props.properties?.resourceGuardResourceId);
          if (typeof guardId === "string" && !isResourceOfType(guardId, "Microsoft.DataProtection", "resourceGuards")) {
            report(`${label}: its resource guard proxy points at ${show(guardId)}, which is not a Resource Guard; set properties.resourceGuardResourceId to a dataprotection ResourceGuard's id (${source})`, proxy.urn);
            continue;
          }
          const guard = guards.find((g) => (typeof guardId === "string" ? sameText(idOf(g), guardId) : dependsThrough(proxy, "properties", g)));
          if (!guard) continue;
          const [vaultLocation, guardLocation] = [knownString(() => v.props.location), knownString(() => guard.props.location)];
          if (vaultLocation && guardLocation && !sameText(vaultLocation, guardLocation)) {
            report(`${label}: is in ${vaultLocation} but its resource guard is in ${guardLocation}; create the guard in the vault's region (${source})`, proxy.urn);
          }
          const vaultGroup = knownString(() => v.props.resourceGroupName) ?? parseArmId(idOf(v) ?? "")?.resourceGroup;
          const guardGroup = knownString(() => guard.props.resourceGroupName) ?? parseArmId(idOf(guard) ?? "")?.resourceGroup;
          if (vaultGroup && guardGroup && sameText(vaultGroup, guardGroup)) {
            report(`${label}: its resource guard is in the vault's own resource group ${vaultGroup}; keep the guard in a resource group (or subscription) the backup operators cannot change (${source})`, proxy.urn);
          }
        }
      }
    },
  );

export const restoreTested = (env: PolicyEnvironment) =>
  stackPolicy<{ maximumAgeDays: number }>(
    {
      id: "BK-07",
      name: "backup-restore-tested",
      source: "NSM 2.9.3",
      title: "Each municipality with backup records its last test restore, and tests again before the record grows old.",
      enforcementLevel: "advisory",
      config: { maximumAgeDays: { default: 365, minimum: 1, description: "Most days allowed since the last recorded test restore." } },
    },
    "tenant",
    ({ stack }, report, config) => {
      const file = env.stackFile(stack);
      if (!file?.backup) return;
      if (!file.lastRestoreTest) {
        report(`${file.file}: backup.lastRestoreTest is not set; restore a sample of this municipality's data, check it, and record the date (NSM 2.9.3)`);
        return;
      }
      const age = daysBetween(file.lastRestoreTest, env.today);
      if (age > config.maximumAgeDays) {
        report(`${file.file}: backup.lastRestoreTest is ${file.lastRestoreTest}, ${age} days ago; test a restore again and record the date (at most ${config.maximumAgeDays} days apart) (NSM 2.9.3)`);
      }
    },
  );

const BK08 = "grunnmur baseline BK-08; https://learn.microsoft.com/azure/backup/backup-azure-files";

export const vaultBesideStorage = () =>
  stackPolicy(
    {
      id: "BK-08",
      name: "backup-vault-beside-storage",
      source: "grunnmur baseline BK-08; Microsoft Learn, Back up Azure Files",
      title:
        "A storage account is registered for backup with a vault in its own subscription and region, the only vault Azure Backup protects its file shares from: a municipality with its own subscription has its own vault there.",
      enforcementLevel: "mandatory",
    },
    "any",
    ({ resources }, report) => {
      const vaults = ofType(resources, RECOVERY_VAULT);
      for (const container of ofType(resources, PROTECTION_CONTAINER)) {
        const source = refValue(() => container.props.properties?.sourceResourceId);
        const account = typeof source === "string" ? parseArmId(source) : undefined;
        if (typeof source !== "string" || !account?.subscriptionId) continue;
        const label = describeResource(container.type, container.props, container.name);
        const vaultName = knownString(() => container.props.vaultName);
        const vaultGroup = knownString(() => container.props.resourceGroupName);
        const vault = vaults.find(
          (v) => sameText(knownString(() => v.props.vaultName), vaultName) && (!vaultGroup || sameText(knownString(() => v.props.resourceGroupName), vaultGroup)),
        );
        // The vault's own placement when the stack creates it; else the container's, which lives inside the vault.
        const where = (vault && placementOf(vault)) ?? placementOf(container);
        const vaultLabel = `Recovery Services vault ${vaultName ?? "(unknown)"}`;
        if (where && !sameText(where.subscriptionId, account.subscriptionId)) {
          report(
            `${label}: registers storage account ${lastName(source)} of subscription ${account.subscriptionId} with ${vaultLabel} in subscription ${where.subscriptionId} (by ${where.via}); Azure Backup protects file shares only from a vault in the storage account's subscription and region: register it with a vault there (${BK08})`,
            container.urn,
          );
        }
        const storage = ofType(resources, STORAGE_ACCOUNT).find((a) => sameText(idOf(a), source));
        const [vaultLocation, storageLocation] = [vault && knownString(() => vault.props.location), storage && knownString(() => storage.props.location)];
        if (vaultLocation && storageLocation && !sameText(vaultLocation, storageLocation)) {
          report(
            `${label}: registers storage account ${lastName(source)} in ${storageLocation} with ${vaultLabel} in ${vaultLocation}; Azure Backup protects file shares only from a vault in the storage account's subscription and region: register it with a vault in ${storageLocation} (${BK08})`,
            container.urn,
          );
        }
      }
    },
  );

export function backupPolicies(env: PolicyEnvironment): GrunnmurPolicy[] {
  return [vaultSoftDelete(), vaultImmutability(), vaultResourceGuard(), vaultGeoRedundant(), vaultPrivateNetwork(), backupVaultHardened(), restoreTested(env), vaultBesideStorage()];
}
