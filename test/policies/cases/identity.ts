import type { PolicyCase } from "../../helpers/policy-cases";
import { BREAK_GLASS_ID, OWNER_ROLE, platformStack, resource, tenantStack, withInputs, withResources } from "../../helpers/policy-fixtures";
import { MOCK_SUBSCRIPTION_ID } from "../../../scripts/preview/arm-ids";

const groups = "rg-grunnmur-senja-network-prod-noe, rg-grunnmur-senja-data-prod-noe";
const SOURCE = "CIS 5; MCSB PA-1; NSM 2.6.1";

const tenantWithAssignment = (scope: string, roleDefinitionId = OWNER_ROLE) => () =>
  withResources(
    tenantStack(),
    resource("senja", "azure-native:authorization:RoleAssignment", "admins-owner", { scope, principalId: "x", principalType: "Group", roleDefinitionId }),
  );

const CONTRIBUTOR_ROLE = `/subscriptions/${MOCK_SUBSCRIPTION_ID}/providers/Microsoft.Authorization/roleDefinitions/B24988AC-6180-42A0-AB88-20F7382DD24C`;
const UAA_ROLE = "/providers/Microsoft.Authorization/roleDefinitions/18d7d88d-d35e-4fb5-a5c3-7773c20a72d9";
const platformWithAssignment = (scope: string, principalId: string, roleDefinitionId = OWNER_ROLE) => () =>
  withResources(platformStack(), resource("platform", "azure-native:authorization:RoleAssignment", "platform-owner", { scope, principalId, principalType: "Group", roleDefinitionId }));
const ONLY_BREAK_GLASS = "only the break-glass group (the platform's output breakGlassGroupId) may hold";

export const identityCases: PolicyCase[] = [
  {
    policy: "identity-no-privileged-role-above-resource-group",
    fails: "makes a platform group Owner of the subscription",
    // The declared break-glass group is the one exception.
    passing: platformWithAssignment(`/subscriptions/${MOCK_SUBSCRIPTION_ID}`, BREAK_GLASS_ID),
    failing: platformWithAssignment(`/subscriptions/${MOCK_SUBSCRIPTION_ID}`, "platform-network"),
    message: `role assignment platform-owner: assigns Owner at subscription scope "/subscriptions/${MOCK_SUBSCRIPTION_ID}" to "platform-network"; ${ONLY_BREAK_GLASS} Owner above a resource group: scope the role to a resource group (${SOURCE})`,
  },
  {
    policy: "identity-no-privileged-role-above-resource-group",
    fails: "gives a tenant's group Contributor on a management group, with the role id in upper case",
    passing: tenantWithAssignment(`/subscriptions/${MOCK_SUBSCRIPTION_ID}/resourceGroups/rg-grunnmur-senja-data-prod-noe`, CONTRIBUTOR_ROLE),
    failing: tenantWithAssignment("/providers/Microsoft.Management/managementGroups/kommuner", CONTRIBUTOR_ROLE),
    message: `role assignment admins-owner: assigns Contributor at management group scope "/providers/Microsoft.Management/managementGroups/kommuner" to "x"; ${ONLY_BREAK_GLASS} Contributor above a resource group: scope the role to a resource group (${SOURCE})`,
  },
  {
    policy: "identity-no-privileged-role-above-resource-group",
    fails: "makes a tenant stack's group User Access Administrator at the tenant root, even the platform's break-glass group",
    passing: tenantStack,
    failing: () =>
      withResources(tenantStack(), resource("senja", "azure-native:authorization:RoleAssignment", "root-uaa", { scope: "/", principalId: BREAK_GLASS_ID, principalType: "Group", roleDefinitionId: UAA_ROLE })),
    message: `role assignment root-uaa: assigns User Access Administrator at tenant root scope "/" to "${BREAK_GLASS_ID}"; ${ONLY_BREAK_GLASS} User Access Administrator above a resource group: scope the role to a resource group (${SOURCE})`,
  },
  {
    policy: "identity-role-assignment-to-groups",
    fails: "gives a role to a single user",
    passing: tenantStack,
    failing: () => withInputs(tenantStack(), "admins-share-contributor", { principalType: "User" }),
    message: `role assignment admins-share-contributor: principalType is "User"; set it to "Group" (and give the role to an Entra group) (${SOURCE})`,
  },
  {
    policy: "identity-role-assignment-in-own-resource-groups",
    fails: "makes the tenant Owner of the subscription",
    passing: tenantWithAssignment(`/subscriptions/${MOCK_SUBSCRIPTION_ID}/resourceGroups/rg-grunnmur-senja-data-prod-noe`),
    failing: tenantWithAssignment(`/subscriptions/${MOCK_SUBSCRIPTION_ID}`),
    message: `role assignment admins-owner: assigns Owner at subscription scope "/subscriptions/${MOCK_SUBSCRIPTION_ID}"; a tenant never gets Owner on the subscription: scope it to one of its own resource groups (${groups}) with a narrower role (${SOURCE})`,
  },
  {
    policy: "identity-role-assignment-in-own-resource-groups",
    fails: "gives the tenant a role in another tenant's resource group",
    passing: tenantStack,
    failing: tenantWithAssignment(`/subscriptions/${MOCK_SUBSCRIPTION_ID}/resourceGroups/rg-grunnmur-alta-data-prod-noe`, "/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c"),
    message: `role assignment admins-owner: scope is "/subscriptions/${MOCK_SUBSCRIPTION_ID}/resourceGroups/rg-grunnmur-alta-data-prod-noe", outside the tenant's own resource groups (${groups}); set scope to one of them or a resource in them (${SOURCE})`,
  },
  {
    policy: "identity-conditional-access-requires-mfa",
    fails: "lets a compliant device replace MFA",
    passing: platformStack,
    failing: () => withInputs(platformStack(), "mfa-azure-management", { grantControls: { operator: "OR", builtInControls: ["mfa", "compliantDevice"] } }),
    message:
      'conditional access policy grunnmur: MFA for Azure management: grantControls is ["mfa", "compliantDevice"] with operator "OR"; set builtInControls to ["mfa"] (or an authentication strength) so sign-ins need MFA (NSM 2.6.7; CIS 5.2)',
  },
  {
    policy: "identity-conditional-access-requires-mfa",
    fails: "only reports instead of enforcing",
    passing: platformStack,
    failing: () => withInputs(platformStack(), "mfa-azure-management", { state: "enabledForReportingButNotEnforced" }),
    message: 'conditional access policy grunnmur: MFA for Azure management: state is "enabledForReportingButNotEnforced"; set it to "enabled" (NSM 2.6.7; CIS 5.2)',
  },
  {
    policy: "identity-mfa-for-azure-management",
    fails: "requires MFA for other applications only",
    passing: platformStack,
    failing: () => withInputs(platformStack(), "mfa-azure-management", { conditions: { applications: { includedApplications: ["Office365"] } } }),
    message:
      'the platform has no enabled conditional access policy requiring MFA for Azure management; add one with conditions.applications.includedApplications ["797f4846-ba00-4fd7-ba43-dac1f8f63013"] and grantControls.builtInControls ["mfa"] (NSM 2.6.7; CIS 5.2)',
  },
  {
    policy: "identity-admin-roles-in-administrative-unit",
    fails: "gives a tenant's admins a directory role over the whole Entra tenant",
    passing: tenantStack,
    failing: () => withInputs(tenantStack(), "admins-user-administrator", { directoryScopeId: "/" }),
    message:
      'Entra directory role assignment admins-user-administrator: directoryScopeId is "/" (the whole Entra tenant); set it to "/administrativeUnits/<this municipality\'s administrative unit>" (NSM 2.6.5)',
  },
  {
    policy: "identity-admin-roles-in-administrative-unit",
    fails: "scopes an admin role to another municipality's administrative unit",
    passing: tenantStack,
    failing: () => withInputs(tenantStack(), "admins-user-administrator", { directoryScopeId: "/administrativeUnits/11111111-2222-4333-8444-555555555555" }),
    message:
      'Entra directory role assignment admins-user-administrator: directoryScopeId is "/administrativeUnits/11111111-2222-4333-8444-555555555555"; set it to "/administrativeUnits/<this municipality\'s administrative unit>" (NSM 2.6.5)',
  },
  {
    policy: "identity-directory-roles-to-role-assignable-groups",
    fails: "gives the admins' directory role to a group that is not role-assignable",
    passing: tenantStack,
    failing: () => withInputs(tenantStack(), "admins", { assignableToRole: false }),
    message:
      'Entra group grunnmur-senja-admins: holds User Administrator (Entra directory role assignment admins-user-administrator) but assignableToRole is false; create it with assignableToRole: true, which only a new group can get (NSM 2.6.5)',
  },
  {
    policy: "identity-directory-roles-to-role-assignable-groups",
    fails: "gives a directory role to a single user",
    passing: tenantStack,
    failing: () => withInputs(tenantStack(), "admins-user-administrator", { principalObjectId: "11111111-2222-4333-8444-555555555555" }),
    message:
      'Entra directory role assignment admins-user-administrator: principalObjectId is "11111111-2222-4333-8444-555555555555", not a group this stack creates; give User Administrator to the tenant\'s role-assignable admins group (NSM 2.6.5)',
  },
];
