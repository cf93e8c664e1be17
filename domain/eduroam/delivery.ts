/**
 * Everything the platform's RADIUS servers receive, computed once: the static
 * bootstrap (customData) and the configuration bundle (userData). The platform
 * stack deploys exactly this, and the real-FreeRADIUS tests install exactly
 * this, so a test cannot pass on a path production does not take.
 */
import { KEY_VAULT_NAME } from "../azure/key-vault";
import { renderRadiusBootstrap } from "./bootstrap";
import { eduroamPlan, type EduroamRegion } from "./plan";
import { renderRadiusTree, tenantTreeFiles, type RadiusTree } from "./radius-tree";
import { SERVER_RUNTIME, type RadiusRuntime } from "./runtime";
import type { SecretSource } from "./secret-placeholders";
import { bundleSecrets, radiusBundle, userDataFromBundle, type TenantParts } from "./user-data";

export interface RadiusDeliveryOptions {
  /** Name of the platform Key Vault (https://<name>.vault.azure.net); secrets without `keyVault` are read there. */
  readonly keyVaultName: string;
  /** Directories and listen address; the platform's servers use the default. Labs and tests pass their own. */
  readonly runtime?: RadiusRuntime;
}

/** One secret the servers read: the platform stack grants them "Key Vault Secrets User" on it, and on nothing wider. */
export interface SecretRead {
  /** The vault's name, as the boot script addresses it. */
  readonly keyVault: string;
  /** The vault's ARM id from the platform file's keyVaults; unset for the platform vault, whose id the platform program has. */
  readonly keyVaultResourceId?: string;
  readonly secretName: string;
  /** The municipality the secret belongs to; unset for the platform's. */
  readonly tenant?: string;
}

export interface RadiusDelivery {
  /** `#cloud-config` for the VMs' customData; holds no tenant data, so it changes only with the toolkit. */
  readonly bootstrap: string;
  /** The VMs' userData: the gzip'd bundle, base64-encoded, within Azure's 64 KB. */
  readonly userData: string;
  /** The tree inside the bundle, for previews and tests. */
  readonly tree: RadiusTree;
  /**
   * Every secret the servers read at boot, with the municipality it belongs to.
   * Entries with `copyFromPulumiConfig` must be copied by the platform stack into
   * the platform Key Vault as `secretName`.
   */
  readonly secrets: readonly SecretSource[];
  /** Each municipality's own files, which the boot script leaves out when one of its secrets cannot be installed. */
  readonly tenantParts: TenantParts;
  /** Exactly the secrets the servers read, once each (names are case-insensitive), by vault and name. */
  readonly secretReads: readonly SecretRead[];
}

/** What the RADIUS servers of a region receive; undefined when the platform file has no eduroam section. */
export function radiusDelivery(region: EduroamRegion, options: RadiusDeliveryOptions): RadiusDelivery | undefined {
  const plan = eduroamPlan(region);
  if (!plan) return undefined;
  const { keyVaultName } = options;
  if (!KEY_VAULT_NAME.test(keyVaultName)) {
    throw new Error(`"${keyVaultName}" is not a Key Vault name (3-24 letters, digits, hyphens)`);
  }
  const runtime = options.runtime ?? SERVER_RUNTIME;
  const tree = renderRadiusTree(plan, runtime);
  const tenantParts: TenantParts = Object.fromEntries(plan.tenants.map((tenant) => [tenant.slug, Object.keys(tenantTreeFiles(tenant)).sort()]));
  const secrets = bundleSecrets(tree, tenantParts);
  return {
    bootstrap: renderRadiusBootstrap(plan.logRetentionDays, runtime),
    userData: userDataFromBundle(radiusBundle(tree, keyVaultName, tenantParts)),
    tree,
    secrets,
    tenantParts,
    secretReads: secretReads(secrets, keyVaultName, region.platform.keyVaults ?? {}),
  };
}

/**
 * Where each secret is read. A vault other than the platform's must be listed
 * in the platform file with its id (validation sees to that); without an id no
 * role can be scoped to its secrets, so the servers could not read them.
 */
function secretReads(secrets: readonly SecretSource[], keyVaultName: string, vaults: Readonly<Record<string, { readonly resourceId: string }>>): SecretRead[] {
  const reads = new Map<string, SecretRead>();
  for (const secret of secrets) {
    const vault = secret.keyVault ?? keyVaultName;
    const owner = secret.tenant !== undefined ? { tenant: secret.tenant } : {};
    let read: SecretRead;
    if (vault.toLowerCase() === keyVaultName.toLowerCase()) {
      read = { keyVault: keyVaultName, secretName: secret.secretName, ...owner };
    } else {
      const listed = Object.entries(vaults).find(([name]) => name.toLowerCase() === vault.toLowerCase());
      if (!listed) {
        throw new Error(`secret ${secret.secretName} is in Key Vault ${vault}, which the platform file does not list under keyVaults; the RADIUS servers can only be given access to secrets in vaults whose id is known`);
      }
      read = { keyVault: listed[0], keyVaultResourceId: listed[1].resourceId, secretName: secret.secretName, ...owner };
    }
    const key = `${read.keyVault}/${read.secretName}`.toLowerCase();
    if (!reads.has(key)) reads.set(key, read);
  }
  return [...reads.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, read]) => read);
}
