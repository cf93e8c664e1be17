/**
 * How the generated RADIUS configuration reaches the servers: as one
 * compressed bundle in the VMs' `userData`, which Azure updates in place (no VM
 * replacement) and the sync script from the bootstrap reads from the instance
 * metadata service (see bootstrap.ts).
 */
import { gzipSync } from "node:zlib";
import type { RadiusTree } from "./radius-tree";
import { secretsIn } from "./secret-placeholders";

/** Azure's limit for userData, base64-encoded. */
export const USER_DATA_LIMIT_BYTES = 64 * 1024;

/**
 * The bundle the boot script reads: the tree (placeholders only, never a
 * secret) and where each placeholder's secret lives. `keyVaultName` is the
 * vault for secrets that name none.
 */
export function radiusBundle(tree: RadiusTree, keyVaultName: string): Buffer {
  const bundle = { keyVault: keyVaultName, secrets: secretsIn(tree), files: tree };
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
