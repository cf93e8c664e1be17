/**
 * The names a tenant's own stack gives its resources, from its slug and keys:
 * Azure names and the logical names of keyed resources. The tenant program and
 * its components build resources with these, and the validation computes the
 * same names to reject a file whose names collide with another's
 * (domain/azure/region-names.ts), so the two cannot drift apart.
 */
import { azureName } from "./names";
import type { TenantGroupKey } from "./group-names";

/** Logical names of the tenant program's components whose children are keyed by the file. */
export const TENANT_COMPONENT_NAMES = { storage: "storage", backup: "backup-files", identity: "identity" } as const;

export const TENANT_RESOURCE_GROUP_KEYS = ["network", "data", "workloads"] as const;
export type TenantResourceGroupKey = (typeof TENANT_RESOURCE_GROUP_KEYS)[number];

/**
 * The resource group of the Recovery Services vault a tenant with its own
 * subscription gets (Azure Backup needs the vault in the storage account's
 * subscription); tenants in the platform's subscription use the platform's vault.
 */
export const TENANT_VAULT_RESOURCE_GROUP_KEY = "backup";
export type TenantVaultResourceGroupKey = typeof TENANT_VAULT_RESOURCE_GROUP_KEY;

export function tenantResourceGroupName(slug: string, key: TenantResourceGroupKey | TenantVaultResourceGroupKey, environment: string, regionCode: string): string {
  return azureName("resourceGroup", ["grunnmur", slug, key, environment, regionCode]);
}

/** Logical name of the vault component in a tenant stack with its own subscription. */
export const TENANT_VAULT_COMPONENT_NAME = "backup-vault";

/** Name parts of that vault (its Azure name is unique per resource group, which is the tenant's own). */
export function tenantVaultNameParts(slug: string, environment: string, regionCode: string): string[] {
  return ["grunnmur", slug, environment, regionCode];
}

/** Name parts of a tenant's storage account: the host's slug too, so two regions never want one global name. */
export function tenantStorageNameParts(slug: string, hostSlug: string): string[] {
  return [slug, hostSlug];
}

/** Storage account names keep letters and digits only, so `sen-ja` and `senja` get the same one. */
export function storageAccountName(nameParts: readonly string[]): string {
  return azureName("storageAccount", nameParts);
}

/** A share keeps the Azure name of the key it had before a rename: Azure cannot rename shares. */
export function shareAzureName(key: string, previousKey: string | undefined): string {
  return previousKey ?? key;
}

export function shareLogicalName(storageName: string, key: string): string {
  return `${storageName}-share-${key}`;
}

export function protectedItemLogicalName(backupName: string, key: string): string {
  return `${backupName}-${key}`;
}

export function tenantBudgetName(slug: string): string {
  return `budget-grunnmur-${slug}`;
}

/** A stable logical-name key from an e-mail address: `a.b@x.no` and `a-b@x.no` give the same one. */
export function guestKey(email: string): string {
  return email.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

export function guestLogicalName(identityName: string, email: string): string {
  return `${identityName}-guest-${guestKey(email)}`;
}

/** Roles a tenant's groups hold, only on its own resource groups: nothing above them, nothing of others. */
export const TENANT_ROLE_GRANTS: ReadonlyArray<readonly [TenantResourceGroupKey, ReadonlyArray<{ readonly group: TenantGroupKey; readonly role: string }>]> = [
  ["network", [{ group: "admins", role: "Reader" }, { group: "readers", role: "Reader" }]],
  [
    "data",
    [
      { group: "admins", role: "Reader" },
      { group: "admins", role: "Storage File Data SMB Share Contributor" },
      { group: "users", role: "Storage File Data SMB Share Contributor" },
      { group: "readers", role: "Reader" },
    ],
  ],
  ["workloads", [{ group: "admins", role: "Contributor" }, { group: "readers", role: "Reader" }]],
];

/** Roles on the vault's resource group of a tenant with its own subscription: seen, not changed, by its groups. */
export const TENANT_VAULT_ROLE_GRANTS: ReadonlyArray<{ readonly group: TenantGroupKey; readonly role: string }> = [
  { group: "admins", role: "Reader" },
  { group: "readers", role: "Reader" },
];

/** Stable keys of a role assignment's scope and principal; its GUID name comes from them (roleAssignmentName). */
export function tenantScopeKey(slug: string, key: TenantResourceGroupKey | TenantVaultResourceGroupKey): string {
  return `${slug}-rg-${key}`;
}

export function tenantPrincipalKey(slug: string, group: TenantGroupKey): string {
  return `${slug}-${group}`;
}
