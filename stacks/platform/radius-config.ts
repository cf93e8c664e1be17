/**
 * The platform stack's own part in delivering the eduroam configuration: the
 * servers read secrets only from Key Vault, so secrets named by Pulumi config
 * are copied there (through Resource Manager, like the generated ones), and
 * each server's identity may read exactly the secrets its configuration uses. What the servers receive (bootstrap and userData) is
 * computed by radiusDelivery in domain/eduroam/delivery.ts.
 */
import * as pulumi from "@pulumi/pulumi";
import * as keyvault from "@pulumi/azure-native/keyvault";
import { radiusPrincipalKey, secretReadGrantPrefix, secretReadScopeKey, secretScope } from "../../domain/azure/key-vault";
import type { HubRadiusDelivery, SecretRead } from "../../domain/eduroam/delivery";
import type { SecretSource } from "../../domain/eduroam/secret-placeholders";
import { assignRoles } from "../../components/shared/role-assignments";
import { configSecret, type SecretMode } from "../secrets";
import { generateSecret, type SecretVault } from "../../components/security/generated-secret";
import { radiusClientSecret } from "../../domain/azure/generated-secrets";
import type { ResolvedTenant } from "../../tenants/region";

export interface ConfigSecretCopyArgs {
  readonly keyVaultName: string;
  readonly resourceGroupName: pulumi.Input<string>;
  /** The platform Key Vault; the copies wait for it. */
  readonly vault: pulumi.Resource;
  readonly secretMode: SecretMode;
}

/**
 * Copies the secrets named by Pulumi config (`copyFromPulumiConfig`) into the
 * platform Key Vault, where the servers read them; returns the copies by secret name.
 */
export function copyConfigSecrets(secrets: readonly SecretSource[], args: ConfigSecretCopyArgs): ReadonlyMap<string, keyvault.Secret> {
  const copies = new Map<string, keyvault.Secret>();
  for (const source of secrets) {
    if (!source.copyFromPulumiConfig) continue;
    copies.set(
      source.secretName,
      new keyvault.Secret(
        `radius-secret-${source.secretName}`,
        {
          resourceGroupName: args.resourceGroupName,
          vaultName: args.keyVaultName,
          secretName: source.secretName,
          properties: { value: configSecret(source.copyFromPulumiConfig, args.secretMode) },
        },
        { dependsOn: [args.vault] },
      ),
    );
  }
  return copies;
}

export interface SecretReadGrantArgs {
  /** ARM id of the platform Key Vault, for reads that name no other vault's id. */
  readonly platformVaultId: pulumi.Input<string>;
  /** The copies of config secrets: a role is assigned on a copy only once it exists. */
  readonly copies: ReadonlyMap<string, keyvault.Secret>;
  /** Parent of the platform's own secrets' assignments. */
  readonly parent: pulumi.Resource;
  /**
   * Parent of a municipality's secrets' assignments: its TenantAttachment, so they
   * sit with the rest of its share of the hub and the offline preview splits them
   * with it. Undefined for a municipality this run does not attach (a scoped preview).
   */
  readonly tenantParent: (slug: string) => pulumi.Resource | undefined;
}

/**
 * "Key Vault Secrets User" for every server's identity on each secret the
 * configuration uses, scoped to `<vault id>/secrets/<name>` and never to a
 * whole vault: a server can read no secret it does not install, so a tenant
 * file cannot have the servers fetch one (see domain/azure/key-vault.ts for the
 * scope format). Names and GUIDs come from the vault and secret names, so
 * adding a secret never renames another's assignment.
 */
export function grantSecretReads(reads: readonly SecretRead[], principalIds: readonly pulumi.Input<string>[], args: SecretReadGrantArgs): void {
  for (const read of reads) {
    const parent = read.tenant === undefined ? args.parent : args.tenantParent(read.tenant);
    if (!parent) continue;
    const vaultKey = read.keyVaultResourceId === undefined ? "platform" : read.keyVault.toLowerCase();
    const copy = read.keyVaultResourceId === undefined ? args.copies.get(read.secretName) : undefined;
    const scope = pulumi.all([read.keyVaultResourceId ?? args.platformVaultId, copy?.id ?? ""]).apply(([vaultId]) => secretScope(vaultId, read.secretName));
    principalIds.forEach((principalId, i) =>
      assignRoles(secretReadGrantPrefix(vaultKey, read.secretName), scope, secretReadScopeKey(vaultKey, read.secretName), [
        { roleDefinitionIdOrName: "Key Vault Secrets User", principalId, principalKey: radiusPrincipalKey(i + 1), principalType: "ServicePrincipal" },
      ], parent),
    );
  }
}

/**
 * Each access point's RADIUS secret of the tenants attached in this run, made with its
 * municipality's attachment (the platform's stack for the primary hub, a hub's stack for
 * another), by secret name: the servers' read grants wait for these copies.
 */
export function generateAccessPointSecrets(
  tenants: readonly ResolvedTenant[],
  attachments: ReadonlyMap<string, pulumi.Resource>,
  vault: SecretVault,
): Map<string, keyvault.Secret> {
  const copies = new Map<string, keyvault.Secret>();
  for (const t of tenants) {
    const attachment = attachments.get(t.spec.slug);
    if (!attachment || !t.spec.wifi) continue;
    for (const key of Object.keys(t.spec.wifi.accessPoints)) {
      const spec = radiusClientSecret(t.spec.slug, key);
      copies.set(spec.secretName, generateSecret(spec, vault, attachment).copy);
    }
  }
  return copies;
}

/**
 * A hub's RADIUS bundle (domain/eduroam/delivery.ts, hubRadiusDelivery) as a secret in
 * the platform Key Vault, written by the hub's stack through Resource Manager like the
 * generated secrets, so it works while the vault refuses public network access. The
 * core's servers read it with their managed identities at boot and on their sync timer.
 * It holds placeholders only, as the servers' userData does, so it is not marked secret:
 * previews keep its value and the report shows its change as a diff of files.
 */
export function hubRadiusBundleSecret(hub: HubRadiusDelivery, vault: SecretVault, parent: pulumi.Resource): keyvault.Secret {
  return new keyvault.Secret(
    hub.secretName,
    {
      resourceGroupName: vault.resourceGroupName,
      vaultName: vault.name,
      secretName: hub.secretName,
      properties: { value: hub.value, contentType: "application/gzip; base64" },
      tags: { "grunnmur:radius-bundle": hub.hub },
    },
    { parent, dependsOn: [vault.vault], provider: vault.provider },
  );
}
