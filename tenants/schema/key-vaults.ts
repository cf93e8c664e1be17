/**
 * Key Vaults besides the platform's own, as the platform file lists them. A
 * tenant file may name no vault but the platform's and those assigned to its
 * municipality here; each entry carries the vault's ARM id, so the RADIUS
 * servers get read access to exactly the secrets they use in it.
 */
import { z } from "zod";
import { KEY_VAULT_NAME } from "../../domain/azure/key-vault";
import { slug } from "./fields";

const keyVaultName = z.string().regex(KEY_VAULT_NAME, { error: "must be a Key Vault name (3-24 letters, digits, hyphens)" });

const keyVault = z.strictObject({
  resourceId: z
    .string()
    .meta({ description: "ARM id of the vault: /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.KeyVault/vaults/<name>." }),
  tenant: slug
    .optional()
    .meta({ description: "The municipality this vault is assigned to: only its file may name it, and every secret in it is that municipality's. Left out: a vault of the platform's, which only the platform file may name." }),
});

export const keyVaults = z
  .record(keyVaultName, keyVault)
  .optional()
  .meta({ description: "Key Vaults other than the platform's own, by name: assigned to one municipality (tenant), or the platform's. Secrets outside the platform vault must be in a vault listed here." });

export type KeyVaultEntry = z.output<typeof keyVault>;
