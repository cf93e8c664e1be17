/**
 * How the generated RADIUS configuration reaches the servers: as one
 * compressed bundle in the VMs' `userData`, which Azure updates in place (no VM
 * replacement) and the sync script from the bootstrap reads from the instance
 * metadata service (see bootstrap.ts).
 */
import { gunzipSync, gzipSync } from "node:zlib";
import type { RadiusTree } from "./radius-tree";
import { secretsIn, type SecretSource } from "./secret-placeholders";

/** Azure's limit for userData, base64-encoded. */
export const USER_DATA_LIMIT_BYTES = 64 * 1024;

/** Each municipality's own files in the tree, by slug (radius-tree.ts, tenantTreeFiles). */
export type TenantParts = Readonly<Record<string, readonly string[]>>;

/**
 * Every secret of the tree, each with the municipality it belongs to when only
 * that municipality's files use it. The boot script leaves out that
 * municipality's files when such a secret cannot be installed; a secret without
 * one is the platform's, and stops the install.
 */
export function bundleSecrets(tree: RadiusTree, parts: TenantParts): SecretSource[] {
  const ownerOf = new Map<string, string>();
  for (const [slug, paths] of Object.entries(parts)) for (const path of paths) ownerOf.set(path, slug);
  return secretsIn(tree).map((secret) => {
    const users = new Set(Object.keys(tree).filter((path) => tree[path].includes(secret.placeholder)).map((path) => ownerOf.get(path)));
    const [only] = [...users];
    return users.size === 1 && only !== undefined ? { ...secret, tenant: only } : secret;
  });
}

/** Where the boot script fetches another hub's part of the configuration (delivery.ts, hubRadiusDelivery). */
export interface HubBundleRef {
  readonly hub: string;
  readonly keyVault: string;
  readonly secretName: string;
}

/**
 * The bundle the boot script reads: the tree (placeholders only, never a
 * secret), where each placeholder's secret lives and whose it is, each
 * municipality's files, and the other hubs' bundles to fetch. `keyVaultName`
 * is the vault for secrets that name none.
 */
export function radiusBundle(tree: RadiusTree, keyVaultName: string, parts: TenantParts, hubs: readonly HubBundleRef[] = []): Buffer {
  const tenants = Object.fromEntries(Object.keys(parts).sort().map((slug) => [slug, [...parts[slug]].sort()]));
  const bundle = { keyVault: keyVaultName, secrets: bundleSecrets(tree, parts), tenants, files: tree, hubs };
  // mtime 0 in the gzip header keeps the output byte-identical between runs.
  return gzipSync(Buffer.from(JSON.stringify(bundle)), { level: 9 });
}

export function userDataFromBundle(bundle: Buffer): string {
  const encoded = bundle.toString("base64");
  if (encoded.length > USER_DATA_LIMIT_BYTES) {
    throw new Error(
      `the RADIUS configuration bundle is ${encoded.length} bytes, above Azure's ${USER_DATA_LIMIT_BYTES}-byte userData limit; split the realms over more RADIUS server pairs`,
    );
  }
  return encoded;
}

/** What a RADIUS server's userData carries, read back (radiusBundle's JSON). */
export interface RadiusBundle {
  readonly keyVault: string;
  readonly secrets: readonly SecretSource[];
  readonly tenants: Readonly<Record<string, readonly string[]>>;
  readonly files: RadiusTree;
  /** The platform's bundle only: the hubs' bundles it fetches. A hub's bundle names its hub instead. */
  readonly hubs?: readonly HubBundleRef[];
  readonly hub?: string;
}

/**
 * The inverse of userDataFromBundle and radiusBundle: the generated FreeRADIUS files
 * behind a userData, or behind a hub bundle's Key Vault secret value (the same
 * encoding), so a pull request's report can show the change as a diff of those
 * files instead of two base64 strings. Undefined when the text is not such a bundle.
 */
export function bundleFromUserData(userData: string): RadiusBundle | undefined {
  try {
    const parsed = JSON.parse(gunzipSync(Buffer.from(userData, "base64")).toString("utf8")) as Partial<RadiusBundle>;
    if (!parsed || typeof parsed !== "object" || typeof parsed.files !== "object" || parsed.files === null) return undefined;
    if (!Object.values(parsed.files).every((text) => typeof text === "string")) return undefined;
    const where = typeof parsed.hub === "string" ? { hub: parsed.hub } : { hubs: parsed.hubs ?? [] };
    return { keyVault: String(parsed.keyVault ?? ""), secrets: parsed.secrets ?? [], tenants: parsed.tenants ?? {}, files: parsed.files, ...where };
  } catch {
    return undefined;
  }
}
