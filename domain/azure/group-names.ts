/**
 * Entra ID group names: the platform's groups and each tenant's. Display names
 * share one namespace, the directory, and the groups are created with
 * preventDuplicateNames, so the validation checks them together
 * (domain/azure/region-names.ts) with the same functions the programs use.
 */

/** The regional team's role-holding groups, by key, with their descriptions. */
export const PLATFORM_GROUPS = {
  network: "Network administrators of the shared platform: hub, firewall, VPN, DNS.",
  backup: "Backup operators: the Recovery Services vault and its policies, not the Resource Guard.",
  security: "Security team: Key Vault, Resource Guard (approves destructive backup operations), conditional access.",
  readers: "Read-only access to the platform for auditors and the regional service desk.",
} as const;

export type PlatformGroupKey = keyof typeof PLATFORM_GROUPS;

/** The key of the break-glass group among the platform's groups. */
export const BREAK_GLASS = "break-glass";

/** Prefix of the platform's group display names, e.g. "grunnmur-tromso". */
export function platformGroupPrefix(hostSlug: string): string {
  return `grunnmur-${hostSlug}`;
}

export function platformGroupDisplayName(prefix: string, key: PlatformGroupKey | typeof BREAK_GLASS): string {
  return key === BREAK_GLASS ? `${prefix}-${BREAK_GLASS}` : `${prefix}-platform-${key}`;
}

export const TENANT_GROUP_KEYS = ["admins", "users", "readers"] as const;
export type TenantGroupKey = (typeof TENANT_GROUP_KEYS)[number];

/** A tenant's group display names: as the file sets them, or grunnmur-<slug>-<key>. */
export function tenantGroupDisplayNames(
  slug: string,
  identity: { readonly adminGroup?: string; readonly userGroup?: string; readonly readerGroup?: string },
): Record<TenantGroupKey, string> {
  return {
    admins: identity.adminGroup ?? `grunnmur-${slug}-admins`,
    users: identity.userGroup ?? `grunnmur-${slug}-users`,
    readers: identity.readerGroup ?? `grunnmur-${slug}-readers`,
  };
}
