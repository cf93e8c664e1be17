/**
 * Everything the platform's RADIUS servers receive, computed once: the static
 * bootstrap (customData), the configuration bundle (userData) with the core's
 * files and the primary hub's municipalities, and one bundle per other hub,
 * which that hub's stack writes into the platform Key Vault and the servers
 * fetch (docs/eduroam.md, "A hub's part"). The stacks deploy exactly this, and
 * the real-FreeRADIUS tests install exactly this, so a test cannot pass on a
 * path production does not take.
 *
 * What the platform's userData holds depends only on platform.yaml and the
 * primary hub's tenants: a municipality on another hub changes that hub's
 * bundle alone.
 */
import { gzipSync } from "node:zlib";
import { KEY_VAULT_NAME } from "../azure/key-vault";
import { HUB_MAIN, hubOf, hubsOf } from "../network/hub-placement";
import { renderRadiusBootstrap } from "./bootstrap";
import { eduroamPlan, type EduroamRegion } from "./plan";
import { coreTreeFiles, sortedTree, tenantAllFiles, tenantTreeFiles, type RadiusTree } from "./radius-tree";
import { SERVER_RUNTIME, type RadiusRuntime } from "./runtime";
import type { SecretSource } from "./secret-placeholders";
import { bundleSecrets, radiusBundle, userDataFromBundle, type HubBundleRef, type TenantParts } from "./user-data";

export type { HubBundleRef } from "./user-data";

/**
 * Key Vault holds a secret value of at most 25 KB ("Internally, Key Vault stores and
 * manages secrets as sequences of octets (8-bit bytes), with a maximum size of 25 KB
 * each": https://learn.microsoft.com/azure/key-vault/secrets/about-secrets; "Azure Key
 * Vault service limits", https://learn.microsoft.com/azure/key-vault/general/service-limits,
 * gives 25k bytes). 25,000 is the smaller reading of both.
 */
export const KEY_VAULT_SECRET_VALUE_LIMIT_BYTES = 25_000;

/**
 * Key Vault object names: 1-127 characters, letters, digits and hyphens
 * (https://learn.microsoft.com/azure/key-vault/general/about-keys-secrets-certificates#objects-identifiers-and-versioning).
 */
export const KEY_VAULT_SECRET_NAME = /^[0-9A-Za-z-]{1,127}$/;

/** Every hub's RADIUS bundle secret starts so; no tenant file may name one (tenants/validation/secret-rules.ts). */
export const HUB_BUNDLE_SECRET_PREFIX = "radius-bundle-hub-";

/** The platform Key Vault secret that holds hub `hubKey`'s RADIUS bundle. */
export function hubBundleSecretName(hubKey: string): string {
  const name = `${HUB_BUNDLE_SECRET_PREFIX}${hubKey}`;
  if (!KEY_VAULT_SECRET_NAME.test(name)) {
    throw new Error(`platform.yaml network.hubs.${hubKey}: the hub's RADIUS bundle would be Key Vault secret "${name}", which is not a secret name (1-127 letters, digits, hyphens); use a hub key of lowercase letters and digits`);
  }
  return name;
}

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
  /**
   * The bundles of the other hubs, one per hub in platform.yaml, which the boot script
   * fetches from Key Vault. The hubs' stacks write them and grant the reads on them.
   */
  readonly hubBundles: readonly HubBundleRef[];
}

/** One hub's part of the configuration, which its stack writes into the platform Key Vault. */
export interface HubRadiusDelivery {
  readonly hub: string;
  readonly keyVault: string;
  readonly secretName: string;
  /** The secret's value: the gzip'd JSON bundle, base64-encoded, within Key Vault's 25 KB. */
  readonly value: string;
  /** The hub's municipalities' files, every one of them a tenant's. */
  readonly tree: RadiusTree;
  /** The secrets those files use, each a municipality's. */
  readonly secrets: readonly SecretSource[];
  readonly tenantParts: TenantParts;
  /** The secrets the servers read for this hub's municipalities; the hub's stack grants them. */
  readonly secretReads: readonly SecretRead[];
}

/** The primary hub's share of the region: the only tenants whose files the platform's userData carries. */
function onHub(region: EduroamRegion, hubKey: string): EduroamRegion {
  return { ...region, tenants: region.tenants.filter((t) => hubOf(region.platform, t.spec) === hubKey) };
}

function checkVaultName(keyVaultName: string): void {
  if (!KEY_VAULT_NAME.test(keyVaultName)) {
    throw new Error(`"${keyVaultName}" is not a Key Vault name (3-24 letters, digits, hyphens)`);
  }
}

/**
 * What the RADIUS servers of a region receive from the platform stack: the core's
 * files and the primary hub's municipalities', and where to fetch every other hub's
 * part. Undefined when the platform file has no eduroam section.
 */
export function radiusDelivery(region: EduroamRegion, options: RadiusDeliveryOptions): RadiusDelivery | undefined {
  const plan = eduroamPlan(onHub(region, HUB_MAIN));
  if (!plan) return undefined;
  const { keyVaultName } = options;
  checkVaultName(keyVaultName);
  const runtime = options.runtime ?? SERVER_RUNTIME;
  const files = coreTreeFiles(plan, runtime);
  for (const tenant of plan.tenants) Object.assign(files, tenantAllFiles(tenant));
  const tree = sortedTree(files);
  const tenantParts: TenantParts = Object.fromEntries(plan.tenants.map((tenant) => [tenant.slug, Object.keys(tenantTreeFiles(tenant)).sort()]));
  const secrets = bundleSecrets(tree, tenantParts);
  // From platform.yaml alone, so the list changes only when the hubs do, never with a tenant.
  const hubBundles: HubBundleRef[] = hubsOf(region.platform)
    .filter((hub) => hub.key !== HUB_MAIN)
    .map((hub) => ({ hub: hub.key, keyVault: keyVaultName, secretName: hubBundleSecretName(hub.key) }));
  return {
    bootstrap: renderRadiusBootstrap(plan.logRetentionDays, runtime),
    userData: userDataFromBundle(radiusBundle(tree, keyVaultName, tenantParts, hubBundles)),
    tree,
    secrets,
    tenantParts,
    secretReads: secretReads(secrets, keyVaultName, region.platform.keyVaults ?? {}),
    hubBundles,
  };
}

/**
 * Hub `hubKey`'s part of the RADIUS configuration: the files of its municipalities
 * with Wi-Fi (each one's access points, backend and realm), the secrets they use and
 * which municipality each belongs to. Gzip'd with mtime 0, so byte-identical for
 * the same files. Undefined when the platform file has no eduroam section.
 */
export function hubRadiusDelivery(region: EduroamRegion, hubKey: string, options: Pick<RadiusDeliveryOptions, "keyVaultName">): HubRadiusDelivery | undefined {
  const hub = hubsOf(region.platform).find((h) => h.key === hubKey);
  if (!hub || hub.primary) {
    throw new Error(`platform.yaml network.hubs has no hub "${hubKey}"; a hub's RADIUS bundle is for a hub other than the primary (network.hub), whose municipalities are in the platform's userData`);
  }
  const plan = eduroamPlan(onHub(region, hubKey));
  if (!plan) return undefined;
  const { keyVaultName } = options;
  checkVaultName(keyVaultName);
  const secretName = hubBundleSecretName(hubKey);
  const files: Record<string, string> = {};
  for (const tenant of plan.tenants) Object.assign(files, tenantAllFiles(tenant));
  const tree = sortedTree(files);
  const tenantParts: TenantParts = Object.fromEntries(plan.tenants.map((tenant) => [tenant.slug, Object.keys(tenantTreeFiles(tenant)).sort()]));
  const secrets = bundleSecrets(tree, tenantParts);
  const shared = secrets.find((secret) => secret.tenant === undefined);
  if (shared) {
    // Validation names a municipality's secrets after its slug, so this means two municipalities' files name one secret.
    throw new Error(`hub ${hubKey}: secret ${shared.secretName} is used by more than one municipality's files; the servers refuse a hub bundle with a secret no single municipality owns. Give each municipality its own secret`);
  }
  const tenants = Object.fromEntries(Object.keys(tenantParts).sort().map((slug) => [slug, [...tenantParts[slug]]]));
  const json = { hub: hubKey, keyVault: keyVaultName, secrets, tenants, files: tree };
  // mtime 0 in the gzip header keeps the output byte-identical between runs.
  const value = gzipSync(Buffer.from(JSON.stringify(json)), { level: 9 }).toString("base64");
  if (value.length > KEY_VAULT_SECRET_VALUE_LIMIT_BYTES) {
    throw new Error(
      `hub ${hubKey}: its RADIUS bundle (Key Vault secret ${secretName}) is ${value.length} bytes for ${plan.tenants.length} municipalities with Wi-Fi, above Key Vault's ${KEY_VAULT_SECRET_VALUE_LIMIT_BYTES}-byte limit for a secret value; give some of them another hub (platform.yaml network.hubs.<key>.counties, or network.hub in their tenant files)`,
    );
  }
  return {
    hub: hubKey,
    keyVault: keyVaultName,
    secretName,
    value,
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
