/**
 * Everything the platform's RADIUS servers receive, computed once: the static
 * bootstrap (customData) and the configuration bundle (userData). The platform
 * stack deploys exactly this, and the real-FreeRADIUS tests install exactly
 * this, so a test cannot pass on a path production does not take.
 */
import { renderRadiusBootstrap } from "./bootstrap";
import { eduroamPlan, type EduroamRegion } from "./plan";
import { renderRadiusTree, type RadiusTree } from "./radius-tree";
import { SERVER_RUNTIME, type RadiusRuntime } from "./runtime";
import { secretsIn, type SecretSource } from "./secret-placeholders";
import { radiusBundle, userDataFromBundle } from "./user-data";

export interface RadiusDeliveryOptions {
  /** Name of the platform Key Vault (https://<name>.vault.azure.net); secrets without `keyVault` are read there. */
  readonly keyVaultName: string;
  /** Directories and listen address; the platform's servers use the default. Labs and tests pass their own. */
  readonly runtime?: RadiusRuntime;
}

export interface RadiusDelivery {
  /** `#cloud-config` for the VMs' customData; holds no tenant data, so it changes only with the toolkit. */
  readonly bootstrap: string;
  /** The VMs' userData: the gzip'd bundle, base64-encoded, within Azure's 64 KB. */
  readonly userData: string;
  /** The tree inside the bundle, for previews and tests. */
  readonly tree: RadiusTree;
  /**
   * Every secret the servers read at boot. Entries with `copyFromPulumiConfig`
   * must be copied by the platform stack into the platform Key Vault as `secretName`.
   */
  readonly secrets: readonly SecretSource[];
  /** Key Vaults the servers read secrets from besides the platform's own: each needs "Key Vault Secrets User" for them. */
  readonly otherVaults: readonly string[];
}

/** Key Vault names: 3-24 letters, digits and hyphens, starting with a letter, not ending with a hyphen. */
const KEY_VAULT_NAME = /^[A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9]$/;

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
  const secrets = secretsIn(tree);
  return {
    bootstrap: renderRadiusBootstrap(plan.logRetentionDays, runtime),
    userData: userDataFromBundle(radiusBundle(tree, keyVaultName)),
    tree,
    secrets,
    otherVaults: [...new Set(secrets.map((s) => s.keyVault).filter((v): v is string => v !== undefined && v !== keyVaultName))].sort(),
  };
}
