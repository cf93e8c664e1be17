/**
 * The secrets the platform makes itself (with @pulumi/random), so nobody has to
 * create, type or paste them: a pre-shared key per VPN site, a RADIUS shared
 * secret per access point, and the key that makes Chargeable-User-Identity
 * values unlinkable. The platform stack writes each into its Key Vault through
 * Azure Resource Manager (keyvault.Secret: a PUT of Microsoft.KeyVault/vaults/secrets,
 * https://learn.microsoft.com/azure/templates/microsoft.keyvault/vaults/secrets),
 * which works while the vault refuses public network access: only the data
 * plane is behind the vault's firewall. The values are also in the stack's
 * state, encrypted by its secrets provider.
 *
 * Names and logical names come from the tenant slug and the file's stable
 * keys, so adding a site never renames another's key. They all begin with
 * GENERATED_SECRET_PREFIX, which no file may name (tenants/validation/secret-rules.ts):
 * a tenant file cannot have the servers install a generated secret it does not own.
 */

export const GENERATED_SECRET_PREFIX = "generated-";

export type GeneratedSecretKind = "vpn-pre-shared-key" | "radius-client-secret" | "cui-key" | "vm-admin-password";

export interface GeneratedSecretSpec {
  readonly kind: GeneratedSecretKind;
  /** Logical name of the random value and of its Key Vault secret. */
  readonly logicalName: string;
  /** Name of the secret in the platform Key Vault (letters, digits, hyphens; at most 127). */
  readonly secretName: string;
  /** Letters and digits only, so no device, shell or configuration file needs quoting. */
  readonly length: number;
}

/**
 * Azure takes a connection's shared key of 1-128 characters
 * (az network vpn-connection shared-key: https://learn.microsoft.com/cli/azure/network/vpn-connection/shared-key);
 * 48 letters and digits (285 bits) also fit devices that accept 64 at most.
 */
export const VPN_KEY_LENGTH = 48;
/** RADIUS shared secrets: 32 letters and digits (190 bits); access points and controllers take up to 64 or more. */
export const RADIUS_SECRET_LENGTH = 32;
export const CUI_KEY_LENGTH = 64;

export function vpnPreSharedKey(slug: string, siteKey: string): GeneratedSecretSpec {
  return { kind: "vpn-pre-shared-key", logicalName: `vpn-psk-${slug}-${siteKey}`, secretName: `${GENERATED_SECRET_PREFIX}vpn-${slug}-${siteKey}`, length: VPN_KEY_LENGTH };
}

export function radiusClientSecret(slug: string, accessPointKey: string): GeneratedSecretSpec {
  return {
    kind: "radius-client-secret",
    logicalName: `radius-client-${slug}-${accessPointKey}`,
    secretName: `${GENERATED_SECRET_PREFIX}radius-${slug}-${accessPointKey}`,
    length: RADIUS_SECRET_LENGTH,
  };
}

/**
 * A Windows VM's local administrator password: 12-123 characters with three of
 * lower case, upper case, digits and special characters
 * (https://learn.microsoft.com/azure/virtual-machines/windows/faq#what-are-the-password-requirements-when-creating-a-vm-);
 * 32 letters and digits with at least one of each kind. People sign in with
 * Entra ID; this is the break-glass account.
 */
export const VM_ADMIN_PASSWORD_LENGTH = 32;

/** `logicalName` begins with the VM component's name, so a renamed VM's password follows it (inherited alias). */
export function vmAdminPassword(componentName: string, secretName: string): GeneratedSecretSpec {
  return { kind: "vm-admin-password", logicalName: `${componentName}-admin-password`, secretName, length: VM_ADMIN_PASSWORD_LENGTH };
}

export const CUI_KEY: GeneratedSecretSpec = { kind: "cui-key", logicalName: "eduroam-cui-key", secretName: `${GENERATED_SECRET_PREFIX}eduroam-cui-key`, length: CUI_KEY_LENGTH };

/** Whether a Key Vault secret name is one the platform generates (names are case-insensitive). */
export function isGeneratedSecretName(name: string): boolean {
  return name.toLowerCase().startsWith(GENERATED_SECRET_PREFIX);
}
