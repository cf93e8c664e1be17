/**
 * What the RADIUS configuration is generated from: the eduroam part of the
 * validated region, in a fixed order (tenants by slug, access points and
 * proxies by key), so the same files always give the same tree.
 */
import type { Region } from "../../tenants/region";
import type { SecretRef } from "../../tenants/schema/fields";

export interface AccessPointClient {
  /** Stable key from the tenant file. */
  readonly key: string;
  /** IPv4 address or CIDR block the requests come from. */
  readonly address: string;
  readonly secret: SecretRef;
}

export type UserBackend =
  | { readonly kind: "ldap"; readonly server: string; readonly baseDn: string; readonly bindDn: string; readonly bindPassword: SecretRef }
  | { readonly kind: "files" };

export interface EduroamTenant {
  readonly slug: string;
  readonly realm: string;
  readonly vlan: number;
  readonly accessPoints: readonly AccessPointClient[];
  readonly userBackend: UserBackend;
}

export interface NationalProxy {
  readonly key: string;
  readonly address: string;
  readonly port: number;
  readonly secret: SecretRef;
}

export interface EduroamPlan {
  /** Tried in this order (fail-over); the platform file's order, since it says which is primary. */
  readonly nationalProxies: readonly NationalProxy[];
  /** PEM with the server certificate, its chain and private key (a Key Vault certificate's secret). */
  readonly serverCertificate: SecretRef;
  /** Key for Chargeable-User-Identity: without it, CUIs could be linked back to user names. */
  readonly cuiKey: SecretRef;
  /** Tenants that subscribe to Wi-Fi, sorted by slug. */
  readonly tenants: readonly EduroamTenant[];
  /** Days authentication logs are kept on the servers (eduroam asks for six months). */
  readonly logRetentionDays: number;
}

const byKey = <T>(record: Readonly<Record<string, T>>): Array<[string, T]> =>
  Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** What the plan needs from a region; the platform stack's input has the same shape. */
export type EduroamRegion = Pick<Region, "platform" | "tenants">;

/** The eduroam plan of a validated region; undefined when the platform has no eduroam section. */
export function eduroamPlan(region: EduroamRegion): EduroamPlan | undefined {
  const eduroam = region.platform.eduroam;
  if (!eduroam) return undefined;
  const tenants: EduroamTenant[] = [];
  for (const tenant of [...region.tenants].sort((a, b) => (a.spec.slug < b.spec.slug ? -1 : 1))) {
    const wifi = tenant.spec.wifi;
    if (!wifi) continue;
    tenants.push({
      slug: tenant.spec.slug,
      realm: wifi.realm,
      vlan: wifi.vlan,
      accessPoints: byKey(wifi.accessPoints).map(([key, ap]) => ({ key, address: ap.address, secret: ap.secret })),
      userBackend: wifi.userBackend,
    });
  }
  return {
    nationalProxies: Object.entries(eduroam.nationalProxies).map(([key, p]) => ({ key, address: p.address, port: p.port, secret: p.secret })),
    serverCertificate: eduroam.serverCertificate,
    cuiKey: eduroam.cuiKey,
    tenants,
    logRetentionDays: region.platform.logging.retentionDays,
  };
}
