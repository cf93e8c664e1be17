/**
 * A Recovery Services vault, hardened against ransomware of the Østre Toten
 * kind: soft delete that cannot be turned off, locked immutability,
 * geo-redundant storage with cross-region restore, no public network access,
 * and a Resource Guard the vault's administrators do not control (multi-user
 * authorization for destructive operations). The platform's backs up the
 * municipalities in its subscription; a municipality with its own subscription
 * gets one there, since Azure Backup protects file shares only from a vault in
 * the storage account's subscription and region
 * (https://learn.microsoft.com/azure/backup/backup-azure-files, "Prerequisites").
 * The vault is locked (the lock itself kept); everything below it that the
 * platform manages (policies, the guard proxy, diagnostics) is retained, since
 * the lock refuses their deletion. A CanNotDelete lock refuses DELETE only:
 * configuring protection and running backups and restores go on (domain/azure/locks.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import * as dataprotection from "@pulumi/azure-native/dataprotection";
import * as recoveryservices from "@pulumi/azure-native/recoveryservices";
import { azureName } from "../../domain/azure/names";
import { addDiagnostics } from "../shared/diagnostics";
import { addLock } from "../shared/lock";
import type { CommonArgs, ComponentOutputs } from "../shared/common-args";
import { backupPolicyProperties, type BackupTier } from "../../domain/backup/retention";

/**
 * Where the vault's Resource Guard is: a new one in a resource group administered
 * by the security team only, or an existing guard, such as the platform's in its
 * own subscription. Microsoft recommends a guard in another subscription than
 * the vault's, in the same region, on which the backup admins hold Reader at most
 * (https://learn.microsoft.com/azure/backup/enable-multi-user-authorization-quickstart).
 */
export type ResourceGuardPlacement =
  | { readonly resourceGroupName: pulumi.Input<string> }
  | { readonly resourceGuardResourceId: pulumi.Input<string> };

export interface RecoveryVaultArgs extends CommonArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly resourceGuard: ResourceGuardPlacement;
  readonly location: string;
  readonly nameParts: readonly string[];
  readonly immutability: "Locked" | "Unlocked";
  readonly softDeleteRetentionDays: number;
  readonly tiers: Readonly<Record<string, BackupTier>>;
}

export class RecoveryVault extends pulumi.ComponentResource implements ComponentOutputs {
  public readonly resourceId: pulumi.Output<string>;
  public readonly name: pulumi.Output<string>;
  public readonly resourceGuardId: pulumi.Output<string>;
  /** Policy ids by tier, then workload. */
  public readonly policyIds: Record<string, { files: pulumi.Output<string>; vms: pulumi.Output<string> }> = {};

  constructor(name: string, args: RecoveryVaultArgs, opts?: pulumi.ComponentResourceOptions) {
    super("grunnmur:backup:RecoveryVault", name, {}, opts);

    const vault = new recoveryservices.Vault(
      name,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        vaultName: azureName("recoveryVault", [...args.nameParts]),
        sku: { name: "RS0", tier: "Standard" },
        identity: { type: "SystemAssigned" },
        properties: {
          publicNetworkAccess: "Disabled",
          securitySettings: {
            softDeleteSettings: { softDeleteState: "AlwaysON", softDeleteRetentionPeriodInDays: args.softDeleteRetentionDays, enhancedSecurityState: "AlwaysON" },
            immutabilitySettings: { state: args.immutability },
          },
          // Redundancy cannot be changed after the first backup, so it is set here, up front.
          redundancySettings: { standardTierStorageRedundancy: "GeoRedundant", crossRegionRestore: "Enabled" },
        },
        tags: args.tags,
      },
      { parent: this, protect: true, retainOnDelete: true },
    );
    addLock(name, vault.id, args.lock ?? { kind: "CanNotDelete" }, this, { kept: true });
    const belowLock = { parent: this, retainOnDelete: true };
    addDiagnostics(name, vault.id, args.diagnostics, "logs-and-metrics", this, belowLock);

    for (const [tierKey, tier] of Object.entries(args.tiers)) {
      const policy = (workload: "files" | "vms") =>
        new recoveryservices.ProtectionPolicy(
          `${name}-${tierKey}-${workload}`,
          {
            resourceGroupName: args.resourceGroupName,
            vaultName: vault.name,
            policyName: `grunnmur-${tierKey}-${workload}`,
            properties: backupPolicyProperties(tier, workload),
            tags: args.tags,
          },
          // A tier taken out of platform.yaml leaves its policy: recovery points made under it keep their retention.
          belowLock,
        );
      this.policyIds[tierKey] = { files: policy("files").id, vms: policy("vms").id };
    }

    const placement = args.resourceGuard;
    const guardId =
      "resourceGuardResourceId" in placement
        ? pulumi.output(placement.resourceGuardResourceId)
        : new dataprotection.ResourceGuard(
            `${name}-guard`,
            {
              resourceGroupName: placement.resourceGroupName,
              location: args.location,
              resourceGuardsName: azureName("generic", ["rg-guard", ...args.nameParts]),
              properties: { vaultCriticalOperationExclusionList: [] },
              tags: args.tags,
            },
            { parent: this, protect: true, retainOnDelete: true },
          ).id;
    new recoveryservices.ResourceGuardProxy(
      `${name}-guard-proxy`,
      {
        resourceGroupName: args.resourceGroupName,
        vaultName: vault.name,
        resourceGuardProxyName: "VaultProxy",
        properties: { resourceGuardResourceId: guardId, description: "Multi-user authorization: destructive backup operations need the security team's approval." },
      },
      belowLock,
    );

    this.resourceId = vault.id;
    this.name = vault.name;
    this.resourceGuardId = guardId;
    this.registerOutputs({ resourceId: this.resourceId, name: this.name, resourceGuardId: this.resourceGuardId, policyIds: this.policyIds });
  }
}
