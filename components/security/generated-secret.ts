/**
 * A secret the platform makes (domain/azure/generated-secrets.ts): a random
 * value and its copy in the platform Key Vault, written through Azure Resource
 * Manager so it works while the vault refuses public network access. Nothing
 * reads it back over the Key Vault data plane: programs use the random value
 * itself, the servers read the copy at boot from inside the virtual network.
 */
import * as pulumi from "@pulumi/pulumi";
import * as keyvault from "@pulumi/azure-native/keyvault";
import { RandomPassword } from "@pulumi/random/randomPassword";
import type { GeneratedSecretSpec } from "../../domain/azure/generated-secrets";

/** Where generated secrets are written: the platform Key Vault. */
export interface SecretVault {
  readonly name: pulumi.Input<string>;
  readonly resourceGroupName: pulumi.Input<string>;
  /** The vault resource (or its component, or the StackReference it came from): the copies wait for it. */
  readonly vault: pulumi.Resource;
  /** The vault's subscription, when it is not the one the parent deploys to (a tenant with its own subscription). */
  readonly provider?: pulumi.ProviderResource;
}

export interface GeneratedSecret {
  /** The value, marked secret: encrypted in state, never printed. */
  readonly value: pulumi.Output<string>;
  /** The Key Vault copy, which read grants on the secret wait for. */
  readonly copy: keyvault.Secret;
}

/**
 * Registers the value and its copy as children of `parent` (a TenantAttachment
 * for a municipality's secrets, so they are in its share of the hub). Replacing
 * the random value (`pulumi up --replace <its URN>`) rotates the secret everywhere it is used.
 */
export function generateSecret(spec: GeneratedSecretSpec, vault: SecretVault, parent: pulumi.Resource): GeneratedSecret {
  const random = new RandomPassword(spec.logicalName, { length: spec.length, special: false, minLower: 1, minUpper: 1, minNumeric: 1 }, { parent });
  const value = pulumi.secret(random.result);
  const copy = new keyvault.Secret(
    spec.logicalName,
    {
      resourceGroupName: vault.resourceGroupName,
      vaultName: vault.name,
      secretName: spec.secretName,
      properties: { value, contentType: "text/plain" },
      tags: { "grunnmur:generated": spec.kind },
    },
    { parent, dependsOn: [vault.vault], provider: vault.provider },
  );
  return { value, copy };
}
