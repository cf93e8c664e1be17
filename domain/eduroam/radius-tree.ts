/**
 * The whole FreeRADIUS 3.2 tree for a region, as file path → text. Pure and
 * deterministic: the same plan gives byte-identical files, and a tenant's
 * change touches only its own files (clients.d/, realms.d/, mods-enabled/,
 * mods-config/, inner-tunnel.d/). No core file names a tenant, so the core's
 * files are the same whichever tenants a hub has (see coreTreeFiles).
 */
import { clientsConf, tenantClients, tenantClientsPath } from "./clients";
import { confFile } from "./conf-syntax";
import { localDictionary, radiusdConf } from "./main-config";
import type { EduroamPlan, EduroamTenant } from "./plan";
import { cuiKeyPolicy, eduroamPolicies } from "./unlang-policies";
import { proxyConf, REALMS_DIR, tenantRealm, tenantRealmPath } from "./proxy";
import { SERVER_RUNTIME, type RadiusRuntime } from "./runtime";
import { secretPlaceholder } from "./secret-placeholders";
import {
  accountingLogModule,
  ACCOUNTING_LOG,
  alwaysModules,
  AUTH_LOG,
  authLogModule,
  eapModule,
  exprModule,
  INNER_SERVER,
  mschapModule,
  OUTER_SERVER,
  papModule,
  POST_PROXY_FILTER,
  postProxyFilterModule,
  postProxyFilterRules,
  REALM_MODULE,
  realmModule,
} from "./shared-modules";
import { innerServer, outerServer } from "./sites";
import { backendModule, innerAuthenticate, innerAuthorize, tenantFilePaths, usersFile } from "./tenant-backends";

/** Relative path inside the configuration directory → file text. Keys are sorted. */
export type RadiusTree = Readonly<Record<string, string>>;

/** Where the server certificate goes; the file holds only a placeholder until boot. */
export const SERVER_CERTIFICATE_PATH = "certs/server.pem";

/**
 * A municipality's own files: its access points and its user backend. Nothing
 * else in the tree refers to them, so the boot script can leave them out when
 * one of its secrets cannot be installed and the rest is still a valid
 * configuration. Its realm file (tenantRealmFiles) is not among them: it stays,
 * so its users are rejected here rather than sent to the national proxies.
 */
export function tenantTreeFiles(tenant: EduroamTenant): Record<string, string> {
  const paths = tenantFilePaths(tenant.slug);
  const files: Record<string, string> = {
    [tenantClientsPath(tenant.slug)]: tenantClients(tenant),
    [paths.module]: backendModule(tenant),
  };
  if (tenant.userBackend.kind === "files") files[paths.users] = usersFile(tenant);
  files[paths.authorize] = innerAuthorize(tenant);
  files[paths.authenticate] = innerAuthenticate(tenant);
  return files;
}

/** A municipality's realm file, which the boot script installs even when it leaves out the rest of its files. */
export function tenantRealmFiles(tenant: EduroamTenant): Record<string, string> {
  return { [tenantRealmPath(tenant.slug)]: tenantRealm(tenant) };
}

/** Every file of one municipality: what a hub's bundle carries for it (delivery.ts). */
export function tenantAllFiles(tenant: EduroamTenant): Record<string, string> {
  return { ...tenantTreeFiles(tenant), ...tenantRealmFiles(tenant) };
}

/**
 * The files that name no municipality: the same for every set of tenants, so a
 * municipality joining on any hub leaves them byte-identical.
 */
export function coreTreeFiles(plan: Omit<EduroamPlan, "tenants">, runtime: RadiusRuntime = SERVER_RUNTIME): Record<string, string> {
  const files: Record<string, string> = {
    "radiusd.conf": radiusdConf(runtime),
    dictionary: localDictionary(),
    "clients.conf": clientsConf(plan),
    "proxy.conf": proxyConf(plan),
    "mods-enabled/always": alwaysModules(),
    "mods-enabled/expr": exprModule(),
    "mods-enabled/eap": eapModule(),
    "mods-enabled/mschap": mschapModule(),
    "mods-enabled/pap": papModule(),
    [`mods-enabled/${REALM_MODULE}`]: realmModule(),
    [`mods-enabled/${POST_PROXY_FILTER}`]: postProxyFilterModule(),
    [`mods-config/attr_filter/${POST_PROXY_FILTER}`]: postProxyFilterRules(),
    [`mods-enabled/${AUTH_LOG}`]: authLogModule(),
    [`mods-enabled/${ACCOUNTING_LOG}`]: accountingLogModule(),
    "policy.d/eduroam": eduroamPolicies(),
    "policy.d/cui-key": cuiKeyPolicy(plan.cuiKey),
    [`sites-enabled/${OUTER_SERVER}`]: outerServer(runtime),
    [`sites-enabled/${INNER_SERVER}`]: innerServer(),
    [SERVER_CERTIFICATE_PATH]: `${secretPlaceholder(plan.serverCertificate)}\n`,
  };
  // Comment-only files keep the included directories present when no tenant has Wi-Fi yet;
  // slugs are lower case, so no tenant's file is ever called README.
  files["clients.d/README"] = confFile("One file per municipality with Wi-Fi: its access points and controllers.", []);
  files["inner-tunnel.d/authorize/README"] = confFile("One file per municipality: which backend checks users of its realm.", []);
  files["inner-tunnel.d/authenticate/README"] = confFile("One file per municipality with an LDAP backend: binding as the user for TTLS-PAP.", []);
  files[`${REALMS_DIR}/README`] = confFile("One file per municipality with Wi-Fi: its realm, served here.", []);
  return files;
}

/** Path → text, with the keys sorted. */
export function sortedTree(files: Readonly<Record<string, string>>): RadiusTree {
  const sorted: Record<string, string> = {};
  for (const path of Object.keys(files).sort()) sorted[path] = files[path];
  return sorted;
}

/** The whole tree of a plan: the core's files and every tenant's. */
export function renderRadiusTree(plan: EduroamPlan, runtime: RadiusRuntime = SERVER_RUNTIME): RadiusTree {
  const files = coreTreeFiles(plan, runtime);
  for (const tenant of plan.tenants) Object.assign(files, tenantAllFiles(tenant));
  return sortedTree(files);
}
