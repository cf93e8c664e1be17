/**
 * A lab tree (`grunnmur radius --lab`): the region's FreeRADIUS tree set up to
 * be run by hand with `freeradius -X`: the lab's directories and listen
 * address, the secrets filled in from a local file the way the boot script
 * fills them from Key Vault, one loopback access point per municipality for
 * eapol_test, and test users for files backends. Pure: the command does the I/O.
 */
import * as path from "node:path";
import { accessPointClient, tenantClientsPath } from "./clients";
import { confFile, plain, single } from "./conf-syntax";
import type { LabSecrets } from "./lab-secrets";
import type { EduroamPlan, EduroamTenant } from "./plan";
import { renderRadiusTree, SERVER_CERTIFICATE_PATH, type RadiusTree } from "./radius-tree";
import type { RadiusRuntime } from "./runtime";
import { secretsIn, type SecretSource } from "./secret-placeholders";
import { tenantFilePaths } from "./tenant-backends";

/** "_" never occurs in a slug, so no municipality's clients file has this name. */
export const LAB_CLIENTS_PATH = "clients.d/_lab.conf";

/** Where the lab's tree, logs and pid file go inside the lab directory. */
export function labRuntime(labDir: string, listenAddress: string, authPort: number, acctPort: number): RadiusRuntime {
  return {
    configDir: path.join(labDir, "raddb"),
    logDir: path.join(labDir, "log"),
    runDir: path.join(labDir, "run"),
    listenAddress,
    authPort,
    acctPort,
  };
}

/** The address eapol_test sends from (-A) to play a municipality's access point. */
export interface LabAccessPoint {
  readonly slug: string;
  readonly realm: string;
  readonly address: string;
}

/**
 * One loopback address per municipality, in slug order: the server tells them
 * apart by source address, as it does real access points. 127.0.1.0/24 is apart
 * from 127.0.0.1, where a lab usually listens.
 */
export function labAccessPoints(plan: EduroamPlan): LabAccessPoint[] {
  if (plan.tenants.length > 254) throw new Error(`a lab has room for 254 municipalities with Wi-Fi; this region has ${plan.tenants.length}`);
  return plan.tenants.map((tenant, i) => ({ slug: tenant.slug, realm: tenant.realm, address: `127.0.1.${i + 1}` }));
}

/** What the boot script refuses inside a quoted value (boot-script.ts, UNSAFE_INLINE). */
const UNSAFE_INLINE = /['\\\x00-\x1f\x7f]/;

function labClients(plan: EduroamPlan, accessPoints: readonly LabAccessPoint[], secret: string): string {
  const tenantOf = new Map(plan.tenants.map((t) => [t.slug, t]));
  const body = accessPoints.flatMap((ap) => {
    const tenant = tenantOf.get(ap.slug) as EduroamTenant;
    return [...accessPointClient(tenant, { name: `${ap.slug}_lab`, address: ap.address, secret }), ""];
  });
  return confFile(`LAB ONLY: one access point per municipality on loopback, for eapol_test -A (see ${tenantClientsPath("<slug>")} for the real ones).`, body.slice(0, -1));
}

/** The name a secret has in the secrets file: as the servers read it from Key Vault. */
export function labSecretName(secret: SecretSource): string {
  return secret.keyVault !== undefined ? `${secret.keyVault}/${secret.secretName}` : secret.secretName;
}

const USER_PART = /^[A-Za-z0-9.-]+$/;

function testUserLines(plan: EduroamPlan, lab: LabSecrets, file: string, problems: string[]): Map<string, string[]> {
  const bySlug = new Map<string, string[]>();
  for (const { user, password } of lab.testUsers) {
    const at = (message: string) => problems.push(`${file}, testUsers.${user}: ${message}`);
    const [local, realm, ...rest] = user.split("@");
    const tenant = plan.tenants.find((t) => t.realm === realm);
    if (rest.length > 0 || realm === undefined || !USER_PART.test(local)) {
      at("must be user@realm, the user part letters, digits, dots or hyphens");
    } else if (!tenant) {
      at(`${realm} is not the realm of a municipality with Wi-Fi; the realms are ${plan.tenants.map((t) => t.realm).join(", ") || "(none)"}`);
    } else if (tenant.userBackend.kind !== "files") {
      at(`${tenant.slug} checks its users against its LDAP directory; test users need a files backend: add --files-backend ${tenant.slug} to use one in the lab`);
    } else if (UNSAFE_INLINE.test(password)) {
      at("the password may not contain a quote, backslash or control character");
    } else {
      const lines = bySlug.get(tenant.slug) ?? [];
      lines.push(`${plain(user)}\tCleartext-Password := ${single(password)}`);
      bySlug.set(tenant.slug, lines);
    }
  }
  return bySlug;
}

export type LabTreeResult =
  | { readonly ok: true; readonly tree: RadiusTree; readonly accessPoints: readonly LabAccessPoint[] }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * The lab tree of `plan`, with every placeholder replaced by its value from
 * `lab` (in one pass, as the boot script does) and the test users added.
 * `file` names the secrets file in messages.
 */
export function renderLabTree(plan: EduroamPlan, runtime: RadiusRuntime, lab: LabSecrets, file: string): LabTreeResult {
  const problems: string[] = [];
  const accessPoints = labAccessPoints(plan);
  const base = renderRadiusTree(plan, runtime);
  const sources = secretsIn(base);
  const certificate = base[SERVER_CERTIFICATE_PATH].trim();
  const missing = sources.filter((s) => !lab.secrets.has(labSecretName(s)));
  if (missing.length > 0) {
    const lines = missing.map((s) =>
      s.placeholder === certificate ? `  ${labSecretName(s)}: { file: PATH }   # the server certificate: one PEM with key, certificate and chain` : `  ${labSecretName(s)}: <a lab-only value>`,
    );
    problems.push(`${file}, secrets: no value for ${missing.length} secret${missing.length === 1 ? "" : "s"} the configuration uses; add under secrets:\n${lines.join("\n")}`);
  }
  const needed = new Set(sources.map(labSecretName));
  for (const name of lab.secrets.keys()) {
    if (!needed.has(name)) problems.push(`${file}, secrets.${name}: the configuration uses no secret of that name; the names are ${[...needed].join(", ")}`);
  }
  if (UNSAFE_INLINE.test(lab.accessPointSecret)) problems.push(`${file}, accessPointSecret: may not contain a quote, backslash or control character`);

  const valueOf = new Map(sources.map((s) => [s.placeholder, lab.secrets.get(labSecretName(s))]));
  const files: Record<string, string> = {};
  for (const [filePath, text] of Object.entries(base)) {
    const whole = valueOf.get(text.trim());
    if (whole !== undefined) {
      files[filePath] = `${whole.replace(/\n+$/, "")}\n`;
      continue;
    }
    files[filePath] = text.replace(/@@(?:keyvault|pulumiConfig):[A-Za-z0-9_.:/-]+@@/g, (placeholder) => {
      const source = sources.find((s) => s.placeholder === placeholder) as SecretSource;
      const value = valueOf.get(placeholder) ?? "";
      if (UNSAFE_INLINE.test(value)) {
        problems.push(`${file}, secrets.${labSecretName(source)}: contains a quote, backslash or control character, which FreeRADIUS cannot hold in ${filePath}; use a value without them`);
      }
      return value;
    });
  }

  for (const [slug, lines] of testUserLines(plan, lab, file, problems)) {
    const users = tenantFilePaths(slug).users;
    files[users] = `${files[users]}\n# Test users from ${file}:\n${lines.join("\n")}\n`;
  }
  files[LAB_CLIENTS_PATH] = labClients(plan, accessPoints, lab.accessPointSecret);
  if (problems.length > 0) return { ok: false, problems: [...new Set(problems)] };
  const sorted: Record<string, string> = {};
  for (const key of Object.keys(files).sort()) sorted[key] = files[key];
  return { ok: true, tree: sorted, accessPoints };
}

/** The plan with the named municipalities' users in a files backend instead of their directory: a lab without the directory. */
export function withFilesBackends(plan: EduroamPlan, slugs: readonly string[]): { readonly plan?: EduroamPlan; readonly problems: readonly string[] } {
  const known = new Set(plan.tenants.map((t) => t.slug));
  const unknown = slugs.filter((slug) => !known.has(slug));
  if (unknown.length > 0) {
    return { problems: unknown.map((slug) => `--files-backend ${slug}: no municipality with Wi-Fi has that slug; they are ${[...known].join(", ") || "(none)"}`) };
  }
  const files = new Set(slugs);
  return { plan: { ...plan, tenants: plan.tenants.map((t) => (files.has(t.slug) ? { ...t, userBackend: { kind: "files" as const } } : t)) }, problems: [] };
}

/** The user of each entry in a users file: the first word of every line that starts one. */
function entryUsers(text: string): string[] {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "" && !/^\s/.test(line) && !line.startsWith("#"))
    .map((line) => line.split(/\s/)[0].replace(/^"(.*)"$/, "$1"));
}

/**
 * Users a lab's users file has that its next version would not: added by hand
 * since the last run, or taken out of the secrets file. The command refuses to
 * drop them unseen, as the boot script does on a test platform's servers.
 */
export function droppedLabUsers(installed: string, next: string): string[] {
  const kept = new Set(entryUsers(next));
  return entryUsers(installed).filter((user) => !kept.has(user));
}

