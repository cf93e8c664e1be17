/**
 * The platform stack's own part in delivering the eduroam configuration: the
 * servers read secrets only from Key Vault, so secrets named by Pulumi config
 * are copied there. What the servers receive (bootstrap and userData) is
 * computed by radiusDelivery in domain/eduroam/delivery.ts.
 */
import * as pulumi from "@pulumi/pulumi";
import * as keyvault from "@pulumi/azure-native/keyvault";
import type { SecretSource } from "../../domain/eduroam/secret-placeholders";
import { resolveSecret, type SecretMode } from "../secrets";

export interface ConfigSecretCopyArgs {
  readonly keyVaultName: string;
  readonly resourceGroupName: pulumi.Input<string>;
  /** The platform Key Vault; the copies wait for it. */
  readonly vault: pulumi.Resource;
  readonly secretMode: SecretMode;
}

/** Copies the secrets named by Pulumi config (`copyFromPulumiConfig`) into the platform Key Vault, where the servers read them. */
export function copyConfigSecrets(secrets: readonly SecretSource[], args: ConfigSecretCopyArgs): void {
  for (const source of secrets) {
    if (!source.copyFromPulumiConfig) continue;
    new keyvault.Secret(
      `radius-secret-${source.secretName}`,
      {
        resourceGroupName: args.resourceGroupName,
        vaultName: args.keyVaultName,
        secretName: source.secretName,
        properties: { value: resolveSecret({ pulumiConfig: source.copyFromPulumiConfig }, { mode: args.secretMode, defaultKeyVault: args.keyVaultName }) },
      },
      { dependsOn: [args.vault] },
    );
  }
}
