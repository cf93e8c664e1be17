/**
 * How the generated RADIUS configuration reaches the servers: as the VMs'
 * `userData`, which Azure updates in place (no VM replacement) and the VMs read
 * from the instance metadata service (see domain/eduroam/cloud-init.ts).
 */

/** Azure's limit for userData, base64-encoded. */
export const USER_DATA_LIMIT_BYTES = 64 * 1024;

export function userDataFromBundle(bundle: Buffer): string {
  const encoded = bundle.toString("base64");
  if (encoded.length > USER_DATA_LIMIT_BYTES) {
    throw new Error(
      `the RADIUS configuration bundle is ${encoded.length} bytes, above Azure's ${USER_DATA_LIMIT_BYTES}-byte userData limit; split the realms over more RADIUS server pairs`,
    );
  }
  return encoded;
}
