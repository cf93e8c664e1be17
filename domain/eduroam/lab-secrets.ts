/**
 * The local secrets file of a lab (`grunnmur radius --lab DIR --secrets FILE`):
 * the values Key Vault gives the servers, the shared secret of the lab's access
 * points, and test users for files backends. Lab values only: the file belongs
 * outside git (out/ is ignored), never next to the tenant files.
 */
import { parse } from "yaml";

export interface LabTestUser {
  /** user@realm, a realm of a municipality whose backend is files in the lab. */
  readonly user: string;
  readonly password: string;
}

export interface LabSecrets {
  /** Values by the name the servers read: the Key Vault secret name, "vault/name" for a vault other than the platform's. */
  readonly secrets: ReadonlyMap<string, string>;
  /** Shared secret of the lab's access points (the eapol_test -s value). */
  readonly accessPointSecret: string;
  readonly testUsers: readonly LabTestUser[];
}

export type LabSecretsResult = { readonly ok: true; readonly value: LabSecrets } | { readonly ok: false; readonly problems: readonly string[] };

const FIELDS = ["secrets", "accessPointSecret", "testUsers"] as const;

/** An example that is valid, for the messages: a file that has none of it yet can start from it. */
export const LAB_SECRETS_EXAMPLE = [
  "secrets:                               # by Key Vault secret name",
  "  eduroam-server-certificate: { file: lab-server.pem }   # PEM: key, certificate, chain",
  "  eduroam-national-proxy-1: lab-only-value",
  "accessPointSecret: lab-only-value      # eapol_test -s",
  "testUsers:                             # municipalities with a files backend",
  "  ola@senja.kommune.no: lab-only-password",
].join("\n");

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Reads the secrets file's text. A secret may be `{ file: PATH }` (relative to
 * the secrets file; for the server certificate's PEM), which `readFile` reads.
 */
export function parseLabSecrets(text: string, file: string, readFile: (relativePath: string) => string): LabSecretsResult {
  const problems: string[] = [];
  const at = (field: string, message: string) => problems.push(`${file}, ${field}: ${message}`);
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    return { ok: false, problems: [`${file} is not valid YAML: ${(err as Error).message.split("\n")[0]}`] };
  }
  if (!isRecord(doc)) return { ok: false, problems: [`${file} must be a mapping with ${FIELDS.join(", ")}, for example:\n${LAB_SECRETS_EXAMPLE}`] };
  for (const key of Object.keys(doc)) {
    if (!(FIELDS as readonly string[]).includes(key)) at(key, `unknown field; the fields are ${FIELDS.join(", ")}`);
  }

  const secrets = new Map<string, string>();
  const rawSecrets = doc.secrets ?? {};
  if (!isRecord(rawSecrets)) at("secrets", "must map each secret's name to its value");
  else {
    for (const [name, value] of Object.entries(rawSecrets)) {
      if (typeof value === "string" && value !== "") secrets.set(name, value);
      else if (isRecord(value) && typeof value.file === "string" && Object.keys(value).length === 1) {
        try {
          secrets.set(name, readFile(value.file));
        } catch (err) {
          at(`secrets.${name}`, `cannot read ${value.file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); the path is relative to ${file}`);
        }
      } else at(`secrets.${name}`, "must be a non-empty text or { file: PATH }");
    }
  }

  const accessPointSecret = doc.accessPointSecret;
  if (typeof accessPointSecret !== "string" || accessPointSecret === "") at("accessPointSecret", "is required: the shared secret eapol_test uses as the lab's access point (-s)");

  const testUsers: LabTestUser[] = [];
  const rawUsers = doc.testUsers ?? {};
  if (!isRecord(rawUsers)) at("testUsers", "must map each user@realm to a password");
  else {
    for (const [user, password] of Object.entries(rawUsers)) {
      if (typeof password === "string" && password !== "") testUsers.push({ user, password });
      else at(`testUsers.${user}`, "must be a non-empty password");
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { secrets, accessPointSecret: accessPointSecret as string, testUsers } };
}
