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

export const PLATFORM_GROUPS = {
  network: "Network administrators of the shared platform: hub, firewall, VPN, DNS.",
  backup: "Backup operators: the Recovery Services vault and its policies, not the Resource Guard.",
  security: "Security team: Key Vault, Resource Guard (approves destructive backup operations), conditional access.",
  readers: "Read-only access to the platform for auditors and the regional service desk.",
} as const;

export type PlatformGroupKey = keyof typeof PLATFORM_GROUPS;

export interface PlatformGroupsArgs {
  /** Prefix of group display names, e.g. "grunnmur-tromso". */
  readonly displayPrefix: string;
  /** "enabled" in production; "enabledForReportingButNotEnforced" lets a host trial the policies. */
  readonly conditionalAccessState: "enabled" | "enabledForReportingButNotEnforced";
}

export class PlatformGroups extends pulumi.ComponentResource {
  public readonly groupIds = {} as Record<PlatformGroupKey, pulumi.Output<string>>;
  public readonly breakGlassGroupId: pulumi.Output<string>;

  constructor(name: string, args: PlatformGroupsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("grunnmur:identity:PlatformGroups", name, {}, opts);
    for (const [key, description] of Object.entries(PLATFORM_GROUPS) as Array<[PlatformGroupKey, string]>) {
      const group = new Group(
        `${name}-${key}`,
        { displayName: `${args.displayPrefix}-platform-${key}`, description, securityEnabled: true, mailEnabled: false, preventDuplicateNames: true },
        { parent: this },
      );
      this.groupIds[key] = group.objectId;
    }
    // Break-glass accounts are members of this group and are excluded from every policy,
    // so a broken MFA provider cannot lock the regional team out of its own platform.
    const breakGlass = new Group(
      `${name}-break-glass`,
      {
        displayName: `${args.displayPrefix}-break-glass`,
        description: "Emergency access accounts, excluded from conditional access. Sign-ins are alerted on.",
        securityEnabled: true,
        mailEnabled: false,
        preventDuplicateNames: true,
      },
      { parent: this },
    );
    this.breakGlassGroupId = breakGlass.objectId;

    const adminGroups = [this.groupIds.network, this.groupIds.backup, this.groupIds.security];
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
    this.registerOutputs({ groupIds: this.groupIds, breakGlassGroupId: this.breakGlassGroupId });
  }
}
