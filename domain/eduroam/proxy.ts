/**
 * proxy.conf and the realms. Our realms are handled here; every other
 * realm goes to the national proxies (a fail-over pool watched with
 * Status-Server). Accounting is never forwarded: the DEFAULT realm has no
 * accounting pool.
 */
import { block, confFile, single, type Lines } from "./conf-syntax";
import type { EduroamPlan, EduroamTenant } from "./plan";
import { secretPlaceholder } from "./secret-placeholders";

export const NATIONAL_PROXY_POOL = "eduroam_national_proxies";
/**
 * One file per municipality with Wi-Fi, included by directory like clients.d/: the
 * core's proxy.conf then names no municipality, so a hub's realms can arrive in
 * that hub's own bundle (delivery.ts) without changing the core's files.
 */
export const REALMS_DIR = "realms.d";

export function tenantRealmPath(slug: string): string {
  return `${REALMS_DIR}/${slug}.conf`;
}

export function proxyConf(plan: Pick<EduroamPlan, "nationalProxies">): string {
  const servers: Lines = plan.nationalProxies.flatMap((proxy) => [
    ...block(`home_server national_proxy_${proxy.key}`, [
      "type = auth",
      `ipaddr = ${proxy.address}`,
      `port = ${proxy.port}`,
      "proto = udp",
      `secret = ${single(secretPlaceholder(proxy.secret))}`,
      // Sikt's proxies may take 20 s when a foreign IdP is slow; give up later than they do.
      "response_window = 20",
      "zombie_period = 40",
      "revive_interval = 120",
      "status_check = status-server",
      "check_interval = 30",
      "check_timeout = 4",
      "num_answers_to_alive = 3",
    ]),
    "",
  ]);
  const pool = block(`home_server_pool ${NATIONAL_PROXY_POOL}`, [
    "type = fail-over",
    ...plan.nationalProxies.map((proxy) => `home_server = national_proxy_${proxy.key}`),
  ]);
  return confFile(
    "Realms and home servers: our realms are local (realms.d/), every other realm goes to the\nnational proxies. Only authentication is proxied; accounting stays here.",
    [
      ...block("proxy server", ["default_fallback = no"]),
      "",
      ...servers,
      ...(plan.nationalProxies.length > 0 ? [...pool, ""] : []),
      // The inner tunnel sets Proxy-To-Realm := LOCAL; that needs a realm of that name.
      ...block("realm LOCAL", []),
      "",
      `$INCLUDE ${REALMS_DIR}/`,
      "",
      ...block("realm DEFAULT", [...(plan.nationalProxies.length > 0 ? [`auth_pool = ${NATIONAL_PROXY_POOL}`] : []), "nostrip"]),
    ],
  );
}

/**
 * A municipality's realm, handled locally. `nostrip` keeps the realm in
 * User-Name, so users of two municipalities with the same name never meet.
 */
export function tenantRealm(tenant: EduroamTenant): string {
  return confFile(`The realm of ${tenant.slug}, served here.`, block(`realm ${tenant.realm}`, ["nostrip"]));
}
