/**
 * Entra ID groups for the regional team (network, backup, security, readers),
 * a break-glass group, and conditional access requiring MFA for administrators
 * and for Azure management. Roles are granted to these groups only; members
 * are managed in Entra ID, not in code.
 */
import * as pulumi from "@pulumi/pulumi";
import { ConditionalAccessPolicy } from "@pulumi/azuread/conditionalAccessPolicy";
import { Group } from "@pulumi/azuread/group";
import { AZURE_MANAGEMENT_APP_ID } from "../../domain/azure/entra-apps";
import type { CollectionOutputs } from "../shared/common-args";
import { BREAK_GLASS, PLATFORM_GROUPS, platformGroupDisplayName, type PlatformGroupKey } from "../../domain/azure/group-names";

export { BREAK_GLASS, PLATFORM_GROUPS, type PlatformGroupKey };

export interface PlatformGroupsArgs {
  /** Prefix of group display names, e.g. "grunnmur-tromso". */
  readonly displayPrefix: string;
  /** "enabled" in production; "enabledForReportingButNotEnforced" lets a host trial the policies. */
  readonly conditionalAccessState: "enabled" | "enabledForReportingButNotEnforced";
}

/** A set of groups: resourceIds (object ids) and names (display names) by group key, including break-glass. */
export class PlatformGroups extends pulumi.ComponentResource implements CollectionOutputs<PlatformGroupKey | typeof BREAK_GLASS> {
  public readonly resourceIds = {} as Record<PlatformGroupKey | typeof BREAK_GLASS, pulumi.Output<string>>;
  public readonly names = {} as Record<PlatformGroupKey | typeof BREAK_GLASS, pulumi.Output<string>>;

  constructor(name: string, args: PlatformGroupsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("grunnmur:identity:PlatformGroups", name, {}, opts);
    for (const [key, description] of Object.entries(PLATFORM_GROUPS) as Array<[PlatformGroupKey, string]>) {
      const group = new Group(
        `${name}-${key}`,
        { displayName: platformGroupDisplayName(args.displayPrefix, key), description, securityEnabled: true, mailEnabled: false, preventDuplicateNames: true },
        { parent: this },
      );
      this.resourceIds[key] = group.objectId;
      this.names[key] = group.displayName;
    }
    // Break-glass accounts are members of this group and are excluded from every policy,
    // so a broken MFA provider cannot lock the regional team out of its own platform.
    const breakGlass = new Group(
      `${name}-break-glass`,
      {
        displayName: platformGroupDisplayName(args.displayPrefix, BREAK_GLASS),
        description: "Emergency access accounts, excluded from conditional access. Sign-ins are alerted on.",
        securityEnabled: true,
        mailEnabled: false,
        preventDuplicateNames: true,
      },
      { parent: this },
    );
    this.resourceIds[BREAK_GLASS] = breakGlass.objectId;
    this.names[BREAK_GLASS] = breakGlass.displayName;

    const adminGroups = [this.resourceIds.network, this.resourceIds.backup, this.resourceIds.security];
    new ConditionalAccessPolicy(
      `${name}-mfa-admins`,
      {
        displayName: `${args.displayPrefix}: MFA for platform administrators`,
        state: args.conditionalAccessState,
        conditions: {
          clientAppTypes: ["all"],
          applications: { includedApplications: ["All"] },
          users: { includedGroups: adminGroups, excludedGroups: [breakGlass.objectId] },
        },
        grantControls: { operator: "OR", builtInControls: ["mfa"] },
      },
      { parent: this },
    );
    new ConditionalAccessPolicy(
      `${name}-mfa-azure-management`,
      {
        displayName: `${args.displayPrefix}: MFA for Azure management`,
        state: args.conditionalAccessState,
        conditions: {
          clientAppTypes: ["all"],
          applications: { includedApplications: [AZURE_MANAGEMENT_APP_ID] },
          users: { includedUsers: ["All"], excludedGroups: [breakGlass.objectId] },
        },
        grantControls: { operator: "OR", builtInControls: ["mfa"] },
      },
      { parent: this },
    );
    this.registerOutputs({ resourceIds: this.resourceIds, names: this.names });
  }
}
