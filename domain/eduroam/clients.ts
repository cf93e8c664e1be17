/**
 * RADIUS clients: each tenant's access points and controllers (one file per
 * tenant) and the national proxies, which send requests for our own realms
 * when our users roam. Clients carry the facts the policies need, read back
 * with %{client:...}.
 */
import { block, confFile, plain, single, type Lines } from "./conf-syntax";
import type { EduroamPlan, EduroamTenant } from "./plan";
import { secretPlaceholder } from "./secret-placeholders";

/** Keys of the client sections that the policies read. */
export const CLIENT_KEYS = {
  role: "grunnmur_role",
  tenant: "grunnmur_tenant",
  realm: "grunnmur_realm",
  vlan: "grunnmur_vlan",
  operatorName: "grunnmur_operator_name",
} as const;

export const ROLE_ACCESS_POINT = "access-point";
export const ROLE_NATIONAL_PROXY = "national-proxy";

/** RFC 5580: namespace "1" is a realm. eduroam identifies the visited operator this way. */
export function operatorName(realm: string): string {
  return `1${realm}`;
}

export function tenantClientsPath(slug: string): string {
  return `clients.d/${slug}.conf`;
}

/**
 * One access point's client section. The lab (lab-tree.ts) writes its loopback access
 * points with this too, so a lab accepts requests exactly as the servers do.
 */
export function accessPointClient(tenant: EduroamTenant, client: { readonly name: string; readonly address: string; readonly secret: string }): Lines {
  return block(`client ${client.name}`, [
    `ipv4addr = ${client.address}`,
    "proto = udp",
    `secret = ${single(client.secret)}`,
    // Blast-RADIUS (CVE-2024-3596): never accept a request without Message-Authenticator.
    "require_message_authenticator = yes",
    `shortname = ${client.name}`,
    "nas_type = other",
    `${CLIENT_KEYS.role} = ${plain(ROLE_ACCESS_POINT)}`,
    `${CLIENT_KEYS.tenant} = ${plain(tenant.slug)}`,
    `${CLIENT_KEYS.realm} = ${plain(tenant.realm)}`,
    `${CLIENT_KEYS.vlan} = ${plain(String(tenant.vlan))}`,
    `${CLIENT_KEYS.operatorName} = ${plain(operatorName(tenant.realm))}`,
  ]);
}

export function tenantClients(tenant: EduroamTenant): string {
  const body: string[] = [];
  for (const ap of tenant.accessPoints) {
    // "_" never occurs in slugs or keys, so names of different tenants cannot collide.
    body.push(...accessPointClient(tenant, { name: `${tenant.slug}_${ap.key}`, address: ap.address, secret: secretPlaceholder(ap.secret) }), "");
  }
  return confFile(`Access points and controllers of ${tenant.slug} (realm ${tenant.realm}, VLAN ${tenant.vlan}).`, body.slice(0, -1));
}

export function clientsConf(plan: Pick<EduroamPlan, "nationalProxies">): string {
  const body: Lines = plan.nationalProxies.flatMap((proxy) => [
    ...block(`client national_proxy_${proxy.key}`, [
      `ipv4addr = ${proxy.address}`,
      "proto = udp",
      `secret = ${single(secretPlaceholder(proxy.secret))}`,
      "require_message_authenticator = yes",
      `shortname = national_proxy_${proxy.key}`,
      "nas_type = other",
      `${CLIENT_KEYS.role} = ${plain(ROLE_NATIONAL_PROXY)}`,
    ]),
    "",
  ]);
  return confFile(
    "RADIUS clients: the national proxies (they bring our own users' requests when they roam),\nthen every tenant's access points from clients.d/.",
    [...body, "$INCLUDE clients.d/"],
  );
}
