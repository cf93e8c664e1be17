/**
 * Registers a municipality's storage account with the platform's Recovery
 * Services vault and protects each file share with the tenant's tier policy.
 * Protection items are protected from deletion: removing one from code must
 * never stop a backup by accident.
 */
import * as pulumi from "@pulumi/pulumi";
import * as recoveryservices from "@pulumi/azure-native/recoveryservices";
import type { ComponentOutputs } from "../shared/common-args";
import { protectedItemLogicalName } from "../../domain/azure/tenant-names";

export interface FileShareBackupArgs {
  readonly vaultResourceGroupName: pulumi.Input<string>;
  readonly vaultName: pulumi.Input<string>;
  readonly storageAccountId: pulumi.Input<string>;
  readonly storageResourceGroupName: pulumi.Input<string>;
  readonly storageAccountName: pulumi.Input<string>;
  readonly policyId: pulumi.Input<string>;
  /** Share names by stable key. */
  readonly shares: Readonly<Record<string, pulumi.Input<string>>>;
  /** Keys shares had before a rename, by current key, so their protection items keep their identity. */
  readonly previousKeys?: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
}

/** Its principal resource is the storage account's protection container in the vault. */
export class FileShareBackup extends pulumi.ComponentResource implements ComponentOutputs {
  public readonly resourceId: pulumi.Output<string>;
  public readonly name: pulumi.Output<string>;

  constructor(name: string, args: FileShareBackupArgs, opts?: pulumi.ComponentResourceOptions) {
    super("grunnmur:backup:FileShareBackup", name, {}, opts);
    const container = new recoveryservices.ProtectionContainer(
      `${name}-container`,
      {
        resourceGroupName: args.vaultResourceGroupName,
        vaultName: args.vaultName,
        fabricName: "Azure",
        containerName: pulumi.interpolate`StorageContainer;Storage;${args.storageResourceGroupName};${args.storageAccountName}`,
        properties: { backupManagementType: "AzureStorage", containerType: "StorageContainer", sourceResourceId: args.storageAccountId },
      },
      { parent: this, protect: true, retainOnDelete: true },
    );
    for (const [key, shareName] of Object.entries(args.shares)) {
      new recoveryservices.ProtectedItem(
        protectedItemLogicalName(name, key),
        {
          resourceGroupName: args.vaultResourceGroupName,
          vaultName: args.vaultName,
          fabricName: "Azure",
          containerName: container.name,
          protectedItemName: pulumi.interpolate`AzureFileShare;${shareName}`,
          properties: { protectedItemType: "AzureFileShareProtectedItem", sourceResourceId: args.storageAccountId, policyId: args.policyId },
          tags: args.tags,
        },
        {
          parent: this,
          protect: true,
          retainOnDelete: true,
          aliases: args.previousKeys?.[key] ? [{ name: protectedItemLogicalName(name, args.previousKeys[key]) }] : undefined,
        },
      );
    }
    this.resourceId = container.id;
    this.name = container.name;
    this.registerOutputs({ resourceId: this.resourceId, name: this.name });
  }
}
