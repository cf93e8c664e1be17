/**
 * Resolves the secret references in tenant and platform files. Live: a Pulumi
 * config secret, or a Key Vault secret read with the deploying identity's
 * token. Offline previews get a placeholder, never a value.
 */
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import type { SecretRef } from "../tenants/schema/fields";

export type SecretMode = "live" | "placeholder";

export interface SecretContext {
  readonly mode: SecretMode;
  /** Vault used when a reference names no keyVault. */
  readonly defaultKeyVault: string;
}

export function describeSecretRef(ref: SecretRef, defaultKeyVault: string): string {
  return ref.pulumiConfig ? `config:${ref.pulumiConfig}` : `keyvault:${ref.keyVault ?? defaultKeyVault}/${ref.keyVaultSecret}`;
}

export function resolveSecret(ref: SecretRef, ctx: SecretContext): pulumi.Output<string> {
  if (ctx.mode === "placeholder") return pulumi.secret(`placeholder:${describeSecretRef(ref, ctx.defaultKeyVault)}`);
  if (ref.pulumiConfig) return new pulumi.Config().requireSecret(ref.pulumiConfig);
  const vault = ref.keyVault ?? ctx.defaultKeyVault;
  const token = authorization.getClientTokenOutput({ endpoint: "https://vault.azure.net" }).token;
  // The Key Vault data plane has no ARM equivalent for reading a value; the
  // deploying identity needs "Key Vault Secrets User" and network access to the vault.
  return pulumi.secret(
    token.apply(async (bearer) => {
      const url = `https://${vault}.vault.azure.net/secrets/${ref.keyVaultSecret}?api-version=7.4`;
      const response = await fetch(url, { headers: { Authorization: `Bearer ${bearer}` } });
      if (!response.ok) {
        throw new Error(`could not read secret ${ref.keyVaultSecret} from Key Vault ${vault}: HTTP ${response.status}; check the reference and that the deploying identity has "Key Vault Secrets User"`);
      }
      return ((await response.json()) as { value: string }).value;
    }),
  );
}
