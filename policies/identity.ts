/**
 * Identity rules (ID-01 … ID-03): roles go to groups, a tenant's rights end at
 * its own resource groups and administrative unit, and admins use MFA
 * (Østre Toten 2021 had no MFA; Hydro 2019 spread through the directory).
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as authorization from "@pulumi/azure-native/authorization";
import type * as azuread from "@pulumi/azuread";
import type { PolicyResource } from "@pulumi/policy";
import { lastName, parseArmId, isWithin } from "../domain/azure/arm-id";
import { AZURE_MANAGEMENT_APP_ID } from "../domain/azure/entra-apps";
import { entraRoleName } from "../domain/azure/entra-roles";
import { ACCESS_GRANTING_ROLES, builtInRoleName, type BuiltInRole } from "../domain/azure/roles";
import { OUTPUT } from "../stacks/contract";
import { resourcePolicy, stackPolicy, type GrunnmurPolicy } from "./core/define";
import { describeResource, expectSetting } from "./core/messages";
import { dependsThrough, idOf, ofType, ownResourceGroups, ownStackOutput, refValue } from "./core/stack-facts";
import { knownList, knownString, peek, sameText, show, UNKNOWN } from "./core/values";

type RoleAssignmentProps = pulumi.Unwrap<authorization.RoleAssignmentArgs>;
type ConditionalAccessProps = pulumi.Unwrap<azuread.ConditionalAccessPolicyArgs>;

export const ROLE_ASSIGNMENT = "azure-native:authorization:RoleAssignment";
export const CONDITIONAL_ACCESS = "azuread:index/conditionalAccessPolicy:ConditionalAccessPolicy";
export const DIRECTORY_ROLE_ASSIGNMENT = "azuread:index/directoryRoleAssignment:DirectoryRoleAssignment";
export const AU_ROLE_MEMBER = "azuread:index/administrativeUnitRoleMember:AdministrativeUnitRoleMember";
export const ADMINISTRATIVE_UNIT = "azuread:index/administrativeUnit:AdministrativeUnit";
export const GROUP = "azuread:index/group:Group";


const ID01 = "CIS 5; MCSB PA-1; NSM 2.6.1";

export const roleAssignmentToGroups = () =>
  resourcePolicy<RoleAssignmentProps, { allowedPrincipalTypes: readonly string[] }>(
    {
      id: "ID-01.1",
      name: "identity-role-assignment-to-groups",
      source: ID01,
      title: "Azure roles are given to Entra groups (or workload identities), never to single users.",
      enforcementLevel: "mandatory",
      config: { allowedPrincipalTypes: { default: ["Group", "ServicePrincipal"], description: "principalType values allowed in role assignments." } },
    },
    [ROLE_ASSIGNMENT],
    (r, report, config) =>
      expectSetting(report, {
        resource: r.label,
        property: "principalType",
        current: r.props.principalType,
        ok: (v) => typeof v === "string" && config.allowedPrincipalTypes.includes(v),
        safe: '"Group" (and give the role to an Entra group)',
        source: ID01,
        unsetMeans: "Azure then accepts any kind of principal",
      }),
  );

/** The name of an access-granting built-in role, when the assignment is one. */
function roleName(roleDefinitionId: string | undefined): string | undefined {
  const role = roleDefinitionId ? builtInRoleName(lastName(roleDefinitionId)) : undefined;
  return role && ACCESS_GRANTING_ROLES.includes(role) ? role : undefined;
}

export const roleAssignmentInOwnResourceGroups = () =>
  stackPolicy(
    {
      id: "ID-01.2",
      name: "identity-role-assignment-in-own-resource-groups",
      source: ID01,
      title: "A tenant's role assignments are scoped inside its own resource groups; never Owner or User Access Administrator on the subscription.",
      enforcementLevel: "mandatory",
    },
    "tenant",
    ({ resources }, report) => {
      const groups = ownResourceGroups(resources);
      const names = groups.map((g) => g.name ?? g.resource.name).join(", ") || "none in this stack";
      for (const assignment of ofType(resources, ROLE_ASSIGNMENT)) {
        const label = describeResource(assignment.type, assignment.props, assignment.name);
        const scope = refValue(() => assignment.props.scope);
        if (scope === UNKNOWN) {
          // Unknown during preview: fine when it was computed from one of the tenant's groups.
          continue;
        }
        if (scope === undefined) {
          report(`${label}: scope is not set; set it to one of the tenant's resource groups (${names}) (${ID01})`, assignment.urn);
          continue;
        }
        const parsed = parseArmId(scope);
        const inside = groups.some((g) => (g.id ? isWithin(scope, g.id) : sameText(parsed?.resourceGroup, g.name)));
        if (inside) continue;
        const role = roleName(knownString(() => assignment.props.roleDefinitionId));
        if (role && parsed && parsed.level !== "resourceGroup" && parsed.level !== "resource") {
          report(
            `${label}: assigns ${role} at ${parsed.level} scope ${show(scope)}; a tenant never gets ${role} on the ${parsed.level}: scope it to one of its own resource groups (${names}) with a narrower role (${ID01})`,
            assignment.urn,
          );
        } else {
          report(`${label}: scope is ${show(scope)}, outside the tenant's own resource groups (${names}); set scope to one of them or a resource in them (${ID01})`, assignment.urn);
        }
      }
    },
  );

/** Roles that can change or hand out everything below their scope. */
const PRIVILEGED_ROLES: readonly BuiltInRole[] = ["Owner", "User Access Administrator", "Role Based Access Control Administrator", "Contributor"];

export const noPrivilegedRoleAboveResourceGroup = () =>
  stackPolicy(
    {
      id: "ID-01.3",
      name: "identity-no-privileged-role-above-resource-group",
      source: ID01,
      title: "Nobody holds Owner, User Access Administrator, RBAC Administrator or Contributor on a subscription, management group or the tenant root, in any stack, except the platform's declared break-glass group.",
      enforcementLevel: "mandatory",
    },
    "any",
    ({ resources, kind }, report) => {
      // Declared by the platform stack's own output; a tenant stack never gets the exception.
      const breakGlass = kind === "platform" ? ownStackOutput(resources, OUTPUT.breakGlassGroupId) : undefined;
      for (const assignment of ofType(resources, ROLE_ASSIGNMENT)) {
        const roleId = knownString(() => assignment.props.roleDefinitionId);
        const role = roleId ? builtInRoleName(lastName(roleId)) : undefined;
        if (!role || !PRIVILEGED_ROLES.includes(role)) continue;
        const scope = refValue(() => assignment.props.scope);
        if (scope === UNKNOWN) continue;
        // "/" (the tenant root) and anything the parser cannot read count as above a resource group.
        const level = scope === undefined ? undefined : (parseArmId(scope)?.level ?? "tenant");
        if (level === "resourceGroup" || level === "resource") continue;
        const principal = refValue(() => assignment.props.principalId);
        if (breakGlass && typeof principal === "string" && sameText(principal, breakGlass)) continue;
        const at = scope === undefined ? "with no scope (Azure then needs one; read as the whole subscription)" : `at ${level === "managementGroup" ? "management group" : level === "tenant" ? "tenant root" : level} scope ${show(scope)}`;
        report(
          `${describeResource(assignment.type, assignment.props, assignment.name)}: assigns ${role} ${at} to ${show(principal)}; only the break-glass group (the platform's output ${OUTPUT.breakGlassGroupId}) may hold ${role} above a resource group: scope the role to a resource group (${ID01})`,
          assignment.urn,
        );
      }
    },
  );

const ID02 = "NSM 2.6.7; CIS 5.2";

/** Whether the grant controls force MFA (or block): "OR" with other controls would let them replace MFA. */
function requiresMfa(controls: ConditionalAccessProps["grantControls"]): boolean {
  if (!controls) return false;
  const builtIn = controls.builtInControls ?? [];
  if (builtIn.includes("block") || controls.authenticationStrengthPolicyId) return true;
  return builtIn.includes("mfa") && (controls.operator === "AND" || builtIn.length === 1);
}

export const conditionalAccessRequiresMfa = () =>
  resourcePolicy<ConditionalAccessProps>(
    {
      id: "ID-02.1",
      name: "identity-conditional-access-requires-mfa",
      source: ID02,
      title: "Every conditional access policy is enforced and requires MFA (or blocks).",
      enforcementLevel: "mandatory",
    },
    [CONDITIONAL_ACCESS],
    (r, report) => {
      expectSetting(report, { resource: r.label, property: "state", current: r.props.state, ok: (v) => v === "enabled", safe: '"enabled"', source: ID02 });
      if (!requiresMfa(r.props.grantControls)) {
        report(
          `${r.label}: grantControls is ${show(r.props.grantControls?.builtInControls ?? r.props.grantControls)} with operator ${show(r.props.grantControls?.operator)}; set builtInControls to ["mfa"] (or an authentication strength) so sign-ins need MFA (${ID02})`,
        );
      }
    },
  );

export const mfaForAzureManagement = () =>
  stackPolicy(
    {
      id: "ID-02.2",
      name: "identity-mfa-for-azure-management",
      source: ID02,
      title: "The platform has an enforced conditional access policy that requires MFA for Azure management (portal, CLI, ARM).",
      enforcementLevel: "mandatory",
    },
    "platform",
    ({ resources }, report) => {
      const covers = (policy: PolicyResource) => {
        const apps = knownList<string>(() => policy.props.conditions?.applications?.includedApplications);
        const props = { state: knownString(() => policy.props.state), grantControls: policy.props.grantControls } as ConditionalAccessProps;
        return props.state === "enabled" && requiresMfa(props.grantControls) && apps.some((a) => a === "All" || a === AZURE_MANAGEMENT_APP_ID);
      };
      if (!ofType(resources, CONDITIONAL_ACCESS).some(covers)) {
        report(
          `the platform has no enabled conditional access policy requiring MFA for Azure management; add one with conditions.applications.includedApplications ["${AZURE_MANAGEMENT_APP_ID}"] and grantControls.builtInControls ["mfa"] (${ID02})`,
        );
      }
    },
  );

const ID03 = "NSM 2.6.5";

export const adminRolesInAdministrativeUnit = () =>
  stackPolicy(
    {
      id: "ID-03",
      name: "identity-admin-roles-in-administrative-unit",
      source: ID03,
      title: "A tenant's Entra admin roles are scoped to its own administrative unit, never the whole directory.",
      enforcementLevel: "mandatory",
    },
    "tenant",
    ({ resources }, report) => {
      const units = ofType(resources, ADMINISTRATIVE_UNIT);
      // Directory scopes are Graph paths ("/administrativeUnits/<object id>"), not ARM ids.
      const unitIdIn = (value: string) => value.replace(/^\/administrativeUnits\//i, "");
      const isOwnUnit = (from: PolicyResource, property: string, value: string | typeof UNKNOWN | undefined) =>
        units.some((unit) =>
          typeof value === "string"
            ? [idOf(unit), knownString(() => unit.props.objectId)].some((id) => sameText(unitIdIn(value), id))
            : dependsThrough(from, property, unit),
        );
      for (const assignment of ofType(resources, DIRECTORY_ROLE_ASSIGNMENT)) {
        const scope = refValue(() => assignment.props.directoryScopeId);
        const underUnit = typeof scope === "string" ? scope.toLowerCase().startsWith("/administrativeunits/") && isOwnUnit(assignment, "directoryScopeId", scope) : scope === UNKNOWN;
        if (!underUnit) {
          report(
            `${describeResource(assignment.type, assignment.props, assignment.name)}: directoryScopeId is ${show(scope ?? "/")}${scope === undefined || scope === "/" ? " (the whole Entra tenant)" : ""}; set it to "/administrativeUnits/<this municipality's administrative unit>" (${ID03})`,
            assignment.urn,
          );
        }
      }
      for (const member of ofType(resources, AU_ROLE_MEMBER)) {
        const unit = refValue(() => member.props.administrativeUnitObjectId);
        if (unit !== UNKNOWN && !isOwnUnit(member, "administrativeUnitObjectId", unit)) {
          report(
            `${describeResource(member.type, member.props, member.name)}: administrativeUnitObjectId is ${show(unit)}, not this tenant's administrative unit; set it to the unit this stack creates (${ID03})`,
            member.urn,
          );
        }
      }
    },
  );

/**
 * A directory role given to a group that is not role-assignable fails in Entra, and a group
 * that could take one without being role-assignable would let anyone who manages its members
 * (an AU-scoped Groups Administrator among them) hand out the role
 * (https://learn.microsoft.com/entra/identity/role-based-access-control/groups-concept).
 */
export const directoryRolesToRoleAssignableGroups = () =>
  stackPolicy(
    {
      id: "ID-03.2",
      name: "identity-directory-roles-to-role-assignable-groups",
      source: ID03,
      title: "A tenant's Entra directory roles go to a role-assignable group the stack creates (its admins group), never to a user or an ordinary group.",
      enforcementLevel: "mandatory",
    },
    "tenant",
    ({ resources }, report) => {
      const groups = ofType(resources, GROUP);
      const holders: Array<[PolicyResource, string]> = [
        ...ofType(resources, DIRECTORY_ROLE_ASSIGNMENT).map((r): [PolicyResource, string] => [r, "principalObjectId"]),
        ...ofType(resources, AU_ROLE_MEMBER).map((r): [PolicyResource, string] => [r, "memberObjectId"]),
      ];
      for (const [holder, property] of holders) {
        const principal = refValue(() => holder.props[property]);
        const group = groups.find((g) =>
          typeof principal === "string" ? [idOf(g), knownString(() => g.props.objectId)].some((id) => sameText(principal, id)) : dependsThrough(holder, property, g),
        );
        const label = describeResource(holder.type, holder.props, holder.name);
        const roleId = knownString(() => holder.props.roleId) ?? knownString(() => holder.props.roleObjectId);
        const role = roleId ? (entraRoleName(roleId) ?? roleId) : "a directory role";
        if (!group) {
          if (principal === UNKNOWN) continue;
          report(`${label}: ${property} is ${show(principal)}, not a group this stack creates; give ${role} to the tenant's role-assignable admins group (${ID03})`, holder.urn);
        } else if (peek(() => group.props.assignableToRole) !== true) {
          report(
            `${describeResource(group.type, group.props, group.name)}: holds ${role} (${label}) but assignableToRole is ${show(peek(() => group.props.assignableToRole))}; create it with assignableToRole: true, which only a new group can get (${ID03})`,
            group.urn,
          );
        }
      }
    },
  );

export function identityPolicies(): GrunnmurPolicy[] {
  return [
    roleAssignmentToGroups(),
    roleAssignmentInOwnResourceGroups(),
    noPrivilegedRoleAboveResourceGroup(),
    conditionalAccessRequiresMfa(),
    mfaForAzureManagement(),
    adminRolesInAdministrativeUnit(),
    directoryRolesToRoleAssignableGroups(),
  ];
}
