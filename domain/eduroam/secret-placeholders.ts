/**
 * Secrets never enter the generated tree: each reference becomes a placeholder
 * that the RADIUS server's boot script replaces with the value it fetches from
 * Key Vault with its managed identity. The same tree is what previews show.
 */
import type { SecretRef } from "../../tenants/schema/fields";

export interface SecretSource {
  /** The text in the tree that stands for the secret. */
  readonly placeholder: string;
  /** Key Vault holding it; undefined means the platform Key Vault. */
  readonly keyVault?: string;
  /** Name of the Key Vault secret the boot script reads. */
  readonly secretName: string;
  /**
   * Set for `{ pulumiConfig }` references: the servers can only read Key Vault,
   * so the platform stack copies this config value into the platform Key Vault
   * under `secretName`.
   */
  readonly copyFromPulumiConfig?: string;
  /**
   * The municipality whose files alone use the secret (set in the bundle, see
   * user-data.ts): if the boot script cannot install it, only that
   * municipality's part is left out. Unset: a platform secret, which stops the install.
   */
  readonly tenant?: string;
}

/** Matches every placeholder; group 1 is the kind, group 2 the reference. */
export const PLACEHOLDER_PATTERN = /@@(keyvault|pulumiConfig):([A-Za-z0-9_.:/-]+)@@/g;

export function secretPlaceholder(ref: SecretRef): string {
  if (ref.keyVaultSecret !== undefined) {
    return `@@keyvault:${ref.keyVault !== undefined ? `${ref.keyVault}/` : ""}${ref.keyVaultSecret}@@`;
  }
  if (ref.pulumiConfig !== undefined) return `@@pulumiConfig:${ref.pulumiConfig}@@`;
  throw new Error("internal: a secret reference without keyVaultSecret or pulumiConfig passed validation");
}

/** How the platform names its Key Vault copies of Pulumi config secrets; no tenant's secret may be named so. */
export const CONFIG_COPY_PREFIX = "pulumi-config-";

/** Key Vault secret names allow letters, digits and hyphens, at most 127 characters. */
export function keyVaultNameForConfig(configKey: string): string {
  return `${CONFIG_COPY_PREFIX}${configKey.replace(/[^A-Za-z0-9-]/g, "-")}`.slice(0, 127);
}

function sourceOf(kind: string, reference: string): SecretSource {
  const placeholder = `@@${kind}:${reference}@@`;
  if (kind === "pulumiConfig") {
    return { placeholder, secretName: keyVaultNameForConfig(reference), copyFromPulumiConfig: reference };
  }
  const slash = reference.indexOf("/");
  return slash < 0
    ? { placeholder, secretName: reference }
    : { placeholder, keyVault: reference.slice(0, slash), secretName: reference.slice(slash + 1) };
}

/** Every secret a tree needs, once each, sorted by placeholder. */
export function secretsIn(files: Readonly<Record<string, string>>): SecretSource[] {
  const found = new Map<string, SecretSource>();
  for (const text of Object.values(files)) {
    for (const match of text.matchAll(PLACEHOLDER_PATTERN)) {
      if (!found.has(match[0])) found.set(match[0], sourceOf(match[1], match[2]));
    }
  }
  return [...found.values()].sort((a, b) => (a.placeholder < b.placeholder ? -1 : 1));
}
