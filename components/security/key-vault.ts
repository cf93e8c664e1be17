/**
 * Key Vault for platform secrets (VPN pre-shared keys, RADIUS secrets, LDAP
 * binds): RBAC only, purge protection, 90 days soft delete, no public access.
 * Not locked by default: each RADIUS server's role assignment on a secret lies
 * below the vault and goes when a municipality's secret goes, which a lock
 * would refuse; soft delete and purge protection keep a deleted vault
 * recoverable instead (domain/azure/locks.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import * as keyvault from "@pulumi/azure-native/keyvault";
import { azureName } from "../../domain/azure/names";
import { addDiagnostics } from "../shared/diagnostics";
import { addLock } from "../shared/lock";
import type { CommonArgs, ComponentOutputs } from "../shared/common-args";
import { privateEndpoint } from "../network/private-endpoint";

export interface KeyVaultArgs extends CommonArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  /** Globally unique: include the host's slug. */
  readonly nameParts: readonly string[];
  readonly tenantId: pulumi.Input<string>;
  readonly endpointSubnetId: pulumi.Input<string>;
  readonly privateDnsZoneId: pulumi.Input<string>;
}

export class KeyVault extends pulumi.ComponentResource implements ComponentOutputs {
  public readonly resourceId: pulumi.Output<string>;
  public readonly name: pulumi.Output<string>;
  public readonly vaultUri: pulumi.Output<string>;

  constructor(name: string, args: KeyVaultArgs, opts?: pulumi.ComponentResourceOptions) {
    super("grunnmur:security:KeyVault", name, {}, opts);
    const vaultName = azureName("keyVault", [...args.nameParts]);
    const vault = new keyvault.Vault(
      name,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        vaultName,
        properties: {
          tenantId: args.tenantId,
          sku: { family: "A", name: "standard" },
          enableRbacAuthorization: true,
          enableSoftDelete: true,
          softDeleteRetentionInDays: 90,
          enablePurgeProtection: true,
          publicNetworkAccess: "Disabled",
          networkAcls: { defaultAction: "Deny", bypass: "AzureServices" },
        },
        tags: args.tags,
      },
      { parent: this, protect: true, retainOnDelete: true },
    );
    addLock(name, vault.id, args.lock, this);
    addDiagnostics(name, vault.id, args.diagnostics, "logs-and-metrics", this);
    privateEndpoint(`${name}-pe`, {
      resourceGroupName: args.resourceGroupName,
      location: args.location,
      nameParts: args.nameParts,
      subnetId: args.endpointSubnetId,
      targetResourceId: vault.id,
      groupId: "vault",
      privateDnsZoneId: args.privateDnsZoneId,
      tags: args.tags,
    }, this);
    this.resourceId = vault.id;
    this.name = vault.name;
    this.vaultUri = pulumi.interpolate`https://${vaultName}.vault.azure.net/`;
    this.registerOutputs({ resourceId: this.resourceId, name: this.name, vaultUri: this.vaultUri });
  }
}
