/**
 * How the generated RADIUS configuration reaches the servers: as the VMs'
 * `userData`, which Azure updates in place (no VM replacement) and the VMs read
 * from the instance metadata service. A timer on each VM applies a changed
 * bundle and reloads FreeRADIUS. Deterministic: the same files give the same
 * bundle, so an unchanged region causes no update.
 */
import { gunzipSync, gzipSync } from "node:zlib";

/** Azure's limit for userData, base64-encoded. */
export const USER_DATA_LIMIT_BYTES = 64 * 1024;

export function encodeConfigBundle(files: Readonly<Record<string, string>>): string {
  const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)));
  const encoded = gzipSync(Buffer.from(JSON.stringify({ version: 1, files: sorted })), { level: 9 }).toString("base64");
  if (encoded.length > USER_DATA_LIMIT_BYTES) {
    throw new Error(
      `the RADIUS configuration bundle is ${encoded.length} bytes, above Azure's ${USER_DATA_LIMIT_BYTES}-byte userData limit; split the realms over more RADIUS server pairs`,
    );
  }
  return encoded;
}

export function decodeConfigBundle(bundle: string): Record<string, string> {
  const parsed = JSON.parse(gunzipSync(Buffer.from(bundle, "base64")).toString("utf8")) as { version: number; files: Record<string, string> };
  if (parsed.version !== 1) throw new Error(`unknown RADIUS bundle version ${parsed.version}`);
  return parsed.files;
}
