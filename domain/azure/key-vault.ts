/**
 * The platform Key Vault's name and the scopes of role assignments on single
 * secrets. Pure, so validation, the platform program and the tests agree on
 * both.
 */
import { azureName } from "./names";
import { parseArmId } from "./arm-id";

/** Key Vault names: 3-24 letters, digits and hyphens, starting with a letter, not ending with a hyphen. */
export const KEY_VAULT_NAME = /^[A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9]$/;

/** The name of the vault the platform program creates (`kv-<host>-grunnmur-<env>`); secrets without `keyVault` live there. */
export function platformKeyVaultName(hostSlug: string, environment: string): string {
  return azureName("keyVault", [hostSlug, "grunnmur", environment]);
}

/**
 * The scope of a role assignment on one secret: the vault's ARM id followed by
 * `/secrets/<name>`. Azure RBAC for Key Vault accepts single keys, secrets and
 * certificates as scopes (Microsoft Learn, "Provide access to Key Vault keys,
 * certificates, and secrets with Azure role-based access control", section
 * "Secret scope role assignment": `--scope /subscriptions/{subscriptionid}/
 * resourcegroups/{resource-group-name}/providers/Microsoft.KeyVault/vaults/
 * {key-vault-name}/secrets/RBACSecret`); azure-native's RoleAssignment takes
 * that id as `scope` (PUT {scope}/providers/Microsoft.Authorization/roleAssignments/{name}).
 */
export function secretScope(vaultResourceId: string, secretName: string): string {
  return `${vaultResourceId.replace(/\/+$/, "")}/secrets/${secretName}`;
}

/** The vault name an ARM id names, when it is the id of a Key Vault (Microsoft.KeyVault/vaults); undefined otherwise. */
export function keyVaultNameOf(resourceId: string): string | undefined {
  const parsed = parseArmId(resourceId);
  if (!parsed?.subscriptionId || !parsed.resourceGroup) return undefined;
  if (parsed.provider?.toLowerCase() !== "microsoft.keyvault" || parsed.resourceType?.toLowerCase() !== "vaults") return undefined;
  return parsed.names[0];
}

/**
 * Logical name of the role assignment letting RADIUS server `server` (1, 2, ...) read
 * one secret: `vaultKey` is "platform" or the vault's name. The platform program
 * (stacks/platform/radius-config.ts) and the region's name check use it alike.
 */
export function secretReadGrantName(vaultKey: string, secretName: string, server: number): string {
  // assignRoles (components/shared/role-assignments.ts) appends "<principal key>-<role>" to the prefix.
  return `${secretReadGrantPrefix(vaultKey, secretName)}-${radiusPrincipalKey(server)}-key-vault-secrets-user`;
}

/** The name prefix the platform program gives assignRoles for one secret's grants. */
export function secretReadGrantPrefix(vaultKey: string, secretName: string): string {
  return `radius-kv-${vaultKey.toLowerCase()}-${secretName.toLowerCase()}`;
}

/** The stable key of RADIUS server `server`'s identity in role assignment names. */
export function radiusPrincipalKey(server: number): string {
  return `radius-${server}`;
}

/** The scope key of that grant, which its role assignment GUID is built from. */
export function secretReadScopeKey(vaultKey: string, secretName: string): string {
  return `kv-${vaultKey.toLowerCase()}/secrets/${secretName.toLowerCase()}`;
}
