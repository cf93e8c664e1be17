/**
 * Each tenant's user backend: a module of its own (LDAP to Entra Domain
 * Services or AD, or a files backend for labs and tests), and the two snippets
 * the inner tunnel includes to use it for the tenant's realm only.
 */
import { block, confFile, plain, single } from "./conf-syntax";
import type { EduroamTenant } from "./plan";
import { secretPlaceholder } from "./secret-placeholders";

export function backendModuleName(slug: string): string {
  return `tenant_${slug}`;
}

/** The path of every users file of a files backend (`tenantFilePaths(slug).users`), relative to the tree. */
export const LAB_USERS_FILE = /^mods-config\/files\/[a-z0-9-]+\.users$/;

export function tenantFilePaths(slug: string) {
  return {
    module: `mods-enabled/${backendModuleName(slug)}`,
    users: `mods-config/files/${slug}.users`,
    authorize: `inner-tunnel.d/authorize/${slug}`,
    authenticate: `inner-tunnel.d/authenticate/${slug}`,
  };
}

const LAB_ONLY = "LABS AND TESTS ONLY: a files backend keeps users on the RADIUS servers; production uses kind: ldap.";

export function backendModule(tenant: EduroamTenant): string {
  const name = backendModuleName(tenant.slug);
  const backend = tenant.userBackend;
  if (backend.kind === "files") {
    return confFile(
      `User backend of ${tenant.slug} (realm ${tenant.realm}).\n${LAB_ONLY}`,
      // The key keeps the realm, so two municipalities' "ola" never meet.
      block(`files ${name}`, [`filename = \${modconfdir}/files/${tenant.slug}.users`, 'key = "%{User-Name}"']),
    );
  }
  return confFile(
    `User backend of ${tenant.slug} (realm ${tenant.realm}): LDAPS to Entra Domain Services or AD.\nUsers are found by userPrincipalName = the inner identity; TTLS-PAP binds as the user.`,
    block(`ldap ${name}`, [
      `server = ${single(`ldaps://${backend.server}`)}`,
      `identity = ${single(backend.bindDn)}`,
      `password = ${single(secretPlaceholder(backend.bindPassword))}`,
      `base_dn = ${single(backend.baseDn)}`,
      ...block("user", [`base_dn = ${single(backend.baseDn)}`, 'filter = "(userPrincipalName=%{User-Name})"', "scope = 'sub'"]),
      ...block("options", ["chase_referrals = no", "res_timeout = 10", "srv_timelimit = 5", "net_timeout = 3"]),
      ...block("tls", ["require_cert = 'demand'"]),
      // start = 0: the server starts even while a municipality's directory is unreachable.
      ...block("pool", ["start = 0", "min = 0", "max = 8", "spare = 1", "uses = 0", "retry_delay = 30", "lifetime = 0", "idle_timeout = 60"]),
    ]),
  );
}

export function usersFile(tenant: EduroamTenant): string {
  return confFile(
    `${LAB_ONLY}\nLocal users of ${tenant.slug}, one per entry, with the realm:\n  "ola@${tenant.realm}"  Cleartext-Password := '...'\nThe boot script keeps users added here when it installs a new configuration.`,
    [],
  );
}

export function innerAuthorize(tenant: EduroamTenant): string {
  const name = backendModuleName(tenant.slug);
  // TTLS-PAP against a directory: the password is checked by binding as the user.
  const bind = tenant.userBackend.kind === "ldap" ? block("if ((ok || updated) && &User-Password && !&control:Auth-Type)", block("update control", [`&Auth-Type := ${name}`])) : [];
  return confFile(
    `Inner tunnel, authorize: users of ${tenant.realm} are looked up in ${tenant.slug}'s own backend.`,
    block(`if (&Realm == ${plain(tenant.realm)})`, [name, ...bind]),
  );
}

export function innerAuthenticate(tenant: EduroamTenant): string {
  const name = backendModuleName(tenant.slug);
  if (tenant.userBackend.kind === "files") {
    return confFile(`Inner tunnel, authenticate: ${tenant.slug}'s files backend needs nothing here (PAP and MS-CHAP check its passwords).`, []);
  }
  return confFile(`Inner tunnel, authenticate: TTLS-PAP for ${tenant.realm} binds to its directory as the user.`, block(`Auth-Type ${name}`, [name]));
}
