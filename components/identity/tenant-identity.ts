/**
 * A municipality's identity in Entra ID: an administrative unit, its admins,
 * users and readers groups inside it, external administrators invited as
 * guests into the admins group, and the admins' directory roles scoped to the
 * unit (domain/azure/entra-roles.ts). Guests are keyed by e-mail, never by position.
 */
import * as pulumi from "@pulumi/pulumi";
import { AdministrativeUnit } from "@pulumi/azuread/administrativeUnit";
import { DirectoryRoleAssignment } from "@pulumi/azuread/directoryRoleAssignment";
import { Group } from "@pulumi/azuread/group";
import { GroupMember } from "@pulumi/azuread/groupMember";
import { Invitation } from "@pulumi/azuread/invitation";
import type { ComponentOutputs } from "../shared/common-args";
import { TENANT_GROUP_KEYS, type TenantGroupKey } from "../../domain/azure/group-names";
import { guestLogicalName } from "../../domain/azure/tenant-names";
import {
  administrativeUnitScope,
  ENTRA_ROLE_TEMPLATES,
  entraRoleKey,
  ROLE_ASSIGNABLE_TENANT_GROUPS,
  TENANT_ADMIN_UNIT_ROLES,
} from "../../domain/azure/entra-roles";

export interface ExternalAdmin {
  readonly email: string;
  readonly name: string;
  readonly organisation: string;
}

export interface TenantIdentityArgs {
  readonly tenant: string;
  readonly displayName: string;
  readonly groupNames: { readonly admins: string; readonly users: string; readonly readers: string };
  readonly externalAdmins: readonly ExternalAdmin[];
}

export type { TenantGroupKey };

/** Its principal object is the tenant's administrative unit (resourceId is its Entra object id). */
export class TenantIdentity extends pulumi.ComponentResource implements ComponentOutputs {
  public readonly resourceId: pulumi.Output<string>;
  public readonly name: pulumi.Output<string>;
  public readonly groupIds = {} as Record<TenantGroupKey, pulumi.Output<string>>;

  constructor(name: string, args: TenantIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
    super("grunnmur:identity:TenantIdentity", name, {}, opts);
    const unit = new AdministrativeUnit(
      `${name}-unit`,
      {
        displayName: `grunnmur ${args.displayName}`,
        description: `Objects the regional team delegates to ${args.displayName}; its admins manage only these.`,
        hiddenMembershipEnabled: false,
      },
      { parent: this },
    );
    const descriptions: Record<TenantGroupKey, string> = {
      admins: `Administrators of ${args.displayName}'s own resources in the shared platform.`,
      users: `Users of ${args.displayName}'s file shares.`,
      readers: `Read-only access to ${args.displayName}'s resources.`,
    };
    for (const key of TENANT_GROUP_KEYS) {
      const group = new Group(
        `${name}-${key}`,
        {
          displayName: args.groupNames[key],
          description: descriptions[key],
          securityEnabled: true,
          mailEnabled: false,
          preventDuplicateNames: true,
          // Set at creation only (changing it replaces the group): decided in entra-roles.ts.
          assignableToRole: ROLE_ASSIGNABLE_TENANT_GROUPS.includes(key),
          administrativeUnitIds: [unit.objectId],
        },
        { parent: this },
      );
      this.groupIds[key] = group.objectId;
    }
    // The unified role-assignment API takes the built-in role's template id and a directory
    // scope; AdministrativeUnitRoleMember would need the object id of the *activated* role,
    // a directory-wide DirectoryRole object every tenant stack would then manage.
    // https://learn.microsoft.com/entra/identity/role-based-access-control/admin-units-assign-roles
    for (const role of TENANT_ADMIN_UNIT_ROLES) {
      new DirectoryRoleAssignment(
        `${name}-admins-${entraRoleKey(role)}`,
        {
          roleId: ENTRA_ROLE_TEMPLATES[role],
          principalObjectId: this.groupIds.admins,
          directoryScopeId: unit.objectId.apply(administrativeUnitScope),
        },
        { parent: this },
      );
    }
    for (const admin of args.externalAdmins) {
      const logicalName = guestLogicalName(name, admin.email);
      const invitation = new Invitation(
        logicalName,
        {
          userEmailAddress: admin.email,
          userDisplayName: `${admin.name} (${admin.organisation})`,
          redirectUrl: "https://portal.azure.com",
          message: { body: `You are invited to administer ${args.displayName}'s systems in the regional shared platform.` },
        },
        { parent: this },
      );
      new GroupMember(logicalName, { groupObjectId: this.groupIds.admins, memberObjectId: invitation.userId }, { parent: this });
    }
    this.resourceId = unit.objectId;
    this.name = unit.displayName;
    this.registerOutputs({ resourceId: this.resourceId, name: this.name, groupIds: this.groupIds });
  }
}
