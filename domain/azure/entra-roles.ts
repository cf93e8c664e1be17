/**
 * Microsoft Entra built-in directory roles by template id (the same GUID in
 * every Entra tenant), and which of them a municipality's admins hold over its
 * own administrative unit. Template ids from "Microsoft Entra built-in roles",
 * https://learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference
 * A leaf module: the programs and the policy pack both read it.
 */
import type { TenantGroupKey } from "./group-names";

export const ENTRA_ROLE_TEMPLATES = {
  "User Administrator": "fe930be7-5e62-47db-91af-98c3a49a38b1",
  "Groups Administrator": "fdd7a751-b60b-444a-984c-02652fe8fa1c",
} as const;

export type EntraRole = keyof typeof ENTRA_ROLE_TEMPLATES;

/**
 * What a municipality's admins group holds, scoped to its administrative unit
 * only: User Administrator for the people the regional team puts in the unit
 * (passwords, sign-in blocking, properties), Groups Administrator for the
 * unit's groups (who is in `users` and `readers`). Both are on Microsoft's list
 * of roles that can be scoped to an administrative unit, and there they apply
 * to the unit's members alone, never to tenant-wide settings
 * (https://learn.microsoft.com/entra/identity/role-based-access-control/admin-units-assign-roles).
 */
export const TENANT_ADMIN_UNIT_ROLES: readonly EntraRole[] = ["User Administrator", "Groups Administrator"];

/**
 * The tenant groups created role-assignable (`assignableToRole`), which Entra
 * requires of a group that holds a directory role and allows only at creation
 * (https://learn.microsoft.com/entra/identity/role-based-access-control/groups-concept):
 * only `admins`. A role-assignable group's members can be changed only by a
 * Privileged Role Administrator (or the group's owners), so the municipality's
 * admins cannot add anyone to their own group, although it sits in their unit
 * (Groups Administrator's rights exclude role-assignable groups). The users and
 * readers groups stay ordinary, so the municipality's admins manage their
 * members; and a directory holds at most 500 role-assignable groups, one per
 * municipality here, not three.
 */
export const ROLE_ASSIGNABLE_TENANT_GROUPS: readonly TenantGroupKey[] = ["admins"];

/** The stable key of a role, part of its assignment's logical name: "User Administrator" → "user-administrator". */
export function entraRoleKey(role: EntraRole): string {
  return role.toLowerCase().replace(/\s+/g, "-");
}

/** The built-in role's name for a template id, if it is one of ours. */
export function entraRoleName(templateId: string): EntraRole | undefined {
  const lower = templateId.toLowerCase();
  return (Object.keys(ENTRA_ROLE_TEMPLATES) as EntraRole[]).find((role) => ENTRA_ROLE_TEMPLATES[role] === lower);
}

/** The directory scope of an administrative unit, as role assignments name it. */
export function administrativeUnitScope(unitObjectId: string): string {
  return `/administrativeUnits/${unitObjectId}`;
}
