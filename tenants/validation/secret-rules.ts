/**
 * Secret references: files name secrets, never hold them, and each reference
 * names exactly one place the secret lives.
 */
import type { SecretRef } from "../schema/fields";
import type { FieldPath } from "./diagnostic";
import type { Finding } from "./finding";

export function checkSecretRef(ref: SecretRef, path: FieldPath): Finding[] {
  const hasVault = ref.keyVaultSecret !== undefined;
  const hasConfig = ref.pulumiConfig !== undefined;
  if (hasVault && hasConfig) {
    return [{ path, message: "names both keyVaultSecret and pulumiConfig; keep one" }];
  }
  if (!hasVault && !hasConfig) {
    return [{ path, message: "names no secret; set keyVaultSecret: <secret name in Key Vault> or pulumiConfig: <config key>" }];
  }
  if (ref.keyVault !== undefined && !hasVault) {
    return [{ path: [...path, "keyVault"], message: "only applies together with keyVaultSecret" }];
  }
  return [];
}
