/**
 * A municipality's storage account and file shares, secure by default: no
 * public network access, no shared keys (Entra ID only), TLS 1.2, infrastructure
 * encryption, soft delete and versioning, SMB 3.1.1 with AES-256-GCM, reached
 * through a private endpoint in the spoke. The account and every share are
 * protected and retained, so no code change can delete a municipality's files.
 * The account is locked, and Azure Backup locks it too once it protects a
 * share; everything below the lock (services, diagnostics, the endpoint's
 * connection) is retained, since Azure refuses to delete it (domain/azure/locks.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import * as storage from "@pulumi/azure-native/storage";
import { shareAzureName, shareLogicalName, storageAccountName } from "../../domain/azure/tenant-names";
import { privateEndpoint } from "../network/private-endpoint";
import type { CommonArgs, ComponentOutputs } from "../shared/common-args";
import { addDiagnostics } from "../shared/diagnostics";
import { addLock } from "../shared/lock";
import { redundantSku } from "../../domain/azure/regions";

export interface ShareSpec {
  readonly quotaGb: number;
  readonly tier: "TransactionOptimized" | "Hot" | "Cool";
  /** The key the share had before a rename; it stays the share's Azure name. */
  readonly previousKey?: string;
}

export interface TenantStorageArgs extends CommonArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  /** Globally unique name parts (tenant and host). */
  readonly nameParts: readonly string[];
  /** File shares by their stable key from the tenant file. */
  readonly shares: Readonly<Record<string, ShareSpec>>;
  readonly endpointSubnetId: pulumi.Input<string>;
  readonly fileDnsZoneId: pulumi.Input<string>;
  /** Days deleted shares, blobs and containers stay recoverable. */
  readonly softDeleteDays: number;
}

export class TenantStorage extends pulumi.ComponentResource implements ComponentOutputs {
  public readonly resourceId: pulumi.Output<string>;
  public readonly name: pulumi.Output<string>;
  public readonly fileEndpoint: pulumi.Output<string>;
  public readonly shareIds: Record<string, pulumi.Output<string>> = {};
  public readonly shareNames: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: TenantStorageArgs, opts?: pulumi.ComponentResourceOptions) {
    super("grunnmur:storage:TenantStorage", name, {}, opts);
    const accountName = storageAccountName(args.nameParts);
    const stateful = { parent: this, protect: true, retainOnDelete: true };

    const account = new storage.StorageAccount(
      name,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        accountName,
        kind: "StorageV2",
        sku: { name: redundantSku(args.location, "Standard_ZRS", "Standard_LRS") },
        minimumTlsVersion: "TLS1_2",
        enableHttpsTrafficOnly: true,
        allowBlobPublicAccess: false,
        allowSharedKeyAccess: false,
        // Local users (SFTP, SMB with their own passwords or SSH keys) would sign in without Entra ID.
        isLocalUserEnabled: false,
        isSftpEnabled: false,
        allowCrossTenantReplication: false,
        defaultToOAuthAuthentication: true,
        publicNetworkAccess: "Disabled",
        networkRuleSet: { defaultAction: "Deny", bypass: "AzureServices" },
        encryption: {
          keySource: "Microsoft.Storage",
          requireInfrastructureEncryption: true,
          services: { blob: { enabled: true, keyType: "Account" }, file: { enabled: true, keyType: "Account" } },
        },
        // Entra ID Kerberos for SMB: users sign in with their municipal accounts.
        azureFilesIdentityBasedAuthentication: { directoryServiceOptions: "AADKERB", defaultSharePermission: "None" },
        tags: args.tags,
      },
      stateful,
    );
    addLock(name, account.id, args.lock ?? { kind: "CanNotDelete" }, this, { kept: true });
    const belowLock = { parent: this, retainOnDelete: true };
    addDiagnostics(name, account.id, args.diagnostics, "metrics", this, belowLock);

    new storage.BlobServiceProperties(
      `${name}-blob`,
      {
        resourceGroupName: args.resourceGroupName,
        accountName: account.name,
        blobServicesName: "default",
        isVersioningEnabled: true,
        deleteRetentionPolicy: { enabled: true, days: args.softDeleteDays },
        containerDeleteRetentionPolicy: { enabled: true, days: args.softDeleteDays },
      },
      belowLock,
    );
    const fileService = new storage.FileServiceProperties(
      `${name}-file`,
      {
        resourceGroupName: args.resourceGroupName,
        accountName: account.name,
        fileServicesName: "default",
        shareDeleteRetentionPolicy: { enabled: true, days: args.softDeleteDays },
        protocolSettings: {
          smb: { versions: "SMB3.1.1", channelEncryption: "AES-256-GCM", authenticationMethods: "Kerberos", kerberosTicketEncryption: "AES-256" },
        },
      },
      belowLock,
    );
    addDiagnostics(`${name}-file`, pulumi.interpolate`${account.id}/fileServices/default`, args.diagnostics, "logs-and-metrics", this, belowLock);

    for (const [key, share] of Object.entries(args.shares)) {
      const fileShare = new storage.FileShare(
        shareLogicalName(name, key),
        {
          resourceGroupName: args.resourceGroupName,
          accountName: account.name,
          shareName: shareAzureName(key, share.previousKey),
          shareQuota: share.quotaGb,
          accessTier: share.tier,
          enabledProtocols: "SMB",
        },
        {
          ...stateful,
          dependsOn: [fileService],
          aliases: share.previousKey ? [{ name: shareLogicalName(name, share.previousKey) }] : undefined,
        },
      );
      this.shareIds[key] = fileShare.id;
      this.shareNames[key] = fileShare.name;
    }

    privateEndpoint(`${name}-pe-file`, {
      resourceGroupName: args.resourceGroupName,
      location: args.location,
      nameParts: args.nameParts,
      subnetId: args.endpointSubnetId,
      targetResourceId: account.id,
      groupId: "file",
      privateDnsZoneId: args.fileDnsZoneId,
      tags: args.tags,
      retainOnDelete: true,
    }, this);

    this.resourceId = account.id;
    this.name = account.name;
    this.fileEndpoint = pulumi.interpolate`https://${accountName}.file.core.windows.net/`;
    this.registerOutputs({ resourceId: this.resourceId, name: this.name, fileEndpoint: this.fileEndpoint, shareIds: this.shareIds });
  }
}
