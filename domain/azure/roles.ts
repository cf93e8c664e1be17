/**
 * Built-in Azure role definition GUIDs (the same in every Azure tenant), so role
 * assignments name roles by their readable names in code and reviews.
 */
export const BUILT_IN_ROLES = {
  Owner: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
  Contributor: "b24988ac-6180-42a0-ab88-20f7382dd24c",
  Reader: "acdd72a7-3385-48ef-bd42-f606fba81ae7",
  "User Access Administrator": "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
  "Role Based Access Control Administrator": "f58310d9-a9f6-439a-9e8d-f62e7b41a168",
  "Network Contributor": "4d97b98b-1d4f-4787-a291-c67834d212e7",
  "Backup Contributor": "5e467623-bb1f-42f4-a55d-6e525e11384b",
  "Backup Operator": "00c29273-979b-4161-815c-10b084fb9324",
  "Backup Reader": "a795c7a0-d4a2-40c1-ae25-d81f01202912",
  "Key Vault Administrator": "00482a5a-887f-4fb3-b363-3b7fe8e74483",
  "Key Vault Secrets User": "4633458b-17de-408a-b874-0445c86b69e6",
  "Security Admin": "fb1c8493-542b-48eb-b624-b4c8fea62acd",
  "Log Analytics Reader": "73c42c96-874c-492b-b04d-ab87d138a893",
  "Virtual Machine Contributor": "9980e02c-c2be-4d73-94e8-173b1dc7cf3c",
  "Storage File Data SMB Share Contributor": "0c867c2a-1d8c-454a-a3db-ab2ea1bdc8bb",
  "Storage File Data SMB Share Reader": "aba4ae5f-2193-4029-9191-0cb91df5e314",
  "Storage Account Backup Contributor": "e5e2a7ff-d759-4cd2-bb51-3152d37e2eb1",
} as const;

export type BuiltInRole = keyof typeof BUILT_IN_ROLES;

/** Roles whose holders can hand out access to others: never granted to a tenant. */
export const ACCESS_GRANTING_ROLES: readonly BuiltInRole[] = ["Owner", "User Access Administrator", "Role Based Access Control Administrator"];

/** The built-in role's name for a role definition GUID, if it is one of ours. */
export function builtInRoleName(guid: string): BuiltInRole | undefined {
  const lower = guid.toLowerCase();
  return (Object.keys(BUILT_IN_ROLES) as BuiltInRole[]).find((name) => BUILT_IN_ROLES[name] === lower);
}

export function roleGuid(nameOrGuid: string): string {
  if (nameOrGuid in BUILT_IN_ROLES) return BUILT_IN_ROLES[nameOrGuid as BuiltInRole];
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(nameOrGuid)) return nameOrGuid;
  throw new Error(`unknown role "${nameOrGuid}"; use a built-in role name (${Object.keys(BUILT_IN_ROLES).join(", ")}) or a role definition GUID`);
}

/** The subscription-scoped role definition id ARM expects in a role assignment. */
export function roleDefinitionId(subscriptionId: string, nameOrGuid: string): string {
  return `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${roleGuid(nameOrGuid)}`;
}
