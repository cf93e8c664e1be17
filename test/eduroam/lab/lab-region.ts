/**
 * The test region for the real-server scenarios: two municipalities with
 * `files` backends (labs and tests only, so the platform is a test platform),
 * each with one site and an access point behind it, and one national proxy.
 * The files are validated as written; only then does the lab move the access
 * points onto loopback addresses (`onLoopback`), since the real servers run on
 * loopback and a site never routes loopback space.
 */
import { radiusClientSecret } from "../../../domain/azure/generated-secrets";
import type { Region } from "../../../tenants/region";
import { baseTenant, basePlatform, makeRegion, type FixtureRegion, type Json } from "../../helpers/region-fixture";

/** Loopback addresses only: each role has its own so the server tells them apart by source. */
export const ADDRESSES = {
  server: "127.0.0.10",
  alfaAccessPoint: "127.0.0.1",
  betaAccessPoint: "127.0.0.2",
  nationalProxy: "127.0.0.3",
} as const;

export interface LabTenant {
  readonly slug: string;
  readonly realm: string;
  readonly vlan: number;
  /** The site behind which the access point sits in the file, and its address there. */
  readonly site: { readonly prefix: string; readonly publicIp: string; readonly accessPoint: string };
  /** Where the access point sends from in the lab. */
  readonly accessPoint: string;
  /** The access point's RADIUS secret, which the platform generates (domain/azure/generated-secrets.ts). */
  readonly secretName: string;
  readonly user: string;
  readonly password: string;
}

/** The key of each lab municipality's one access point. */
const LAB_ACCESS_POINT = "lab-wlc";

export const ALFA: LabTenant = {
  slug: "alfa",
  realm: "alfa.example",
  vlan: 101,
  site: { prefix: "10.10.0.0/24", publicIp: "198.51.100.1", accessPoint: "10.10.0.10" },
  accessPoint: ADDRESSES.alfaAccessPoint,
  secretName: radiusClientSecret("alfa", LAB_ACCESS_POINT).secretName,
  user: "ola@alfa.example",
  password: "alfa-test-password",
};

export const BETA: LabTenant = {
  // A hyphen in the slug: module and client names must cope with it.
  slug: "nord-beta",
  realm: "nord-beta.example",
  vlan: 202,
  site: { prefix: "10.20.0.0/24", publicIp: "198.51.100.2", accessPoint: "10.20.0.10" },
  accessPoint: ADDRESSES.betaAccessPoint,
  secretName: radiusClientSecret("nord-beta", LAB_ACCESS_POINT).secretName,
  user: "kari@nord-beta.example",
  password: "beta-test-password",
};

export const NATIONAL_PROXY_SECRET_NAME = "lab-national-proxy";

function wifiTenant(tenant: LabTenant, kommunenummer: string, n: number): Json {
  return {
    ...baseTenant(tenant.slug, kommunenummer, n),
    services: ["wifi"],
    sites: { lab: { publicIp: tenant.site.publicIp, prefixes: [tenant.site.prefix] } },
    wifi: {
      realm: tenant.realm,
      vlan: tenant.vlan,
      accessPoints: { [LAB_ACCESS_POINT]: { address: tenant.site.accessPoint } },
      userBackend: { kind: "files" },
    },
  };
}

/** The validated lab region with each lab tenant's access point at its loopback address. */
export function onLoopback(region: Region): Region {
  const loopback = new Map([ALFA, BETA].map((tenant) => [tenant.slug, tenant.accessPoint]));
  return {
    ...region,
    tenants: region.tenants.map((tenant) => {
      const wifi = tenant.spec.wifi;
      const address = loopback.get(tenant.spec.slug);
      if (!wifi || address === undefined) return tenant;
      const accessPoints = Object.fromEntries(Object.entries(wifi.accessPoints).map(([key, ap]) => [key, { ...ap, address }]));
      return { ...tenant, spec: { ...tenant.spec, wifi: { ...wifi, accessPoints } } };
    }),
  };
}

/** The hub that serves Finnmark (county 56) in a lab with `withHub`: BETA (5601) is on it, ALFA (5530) on the primary. */
export const LAB_HUB = "finnmark";

/** `withHub`: a second hub for Finnmark, so BETA's files reach the servers only in that hub's bundle. */
export function makeLabRegion(nationalProxyPort: number, options: { readonly withHub?: boolean } = {}): FixtureRegion {
  const base = basePlatform() as { network: Record<string, unknown> };
  const network = options.withHub ? { ...base.network, hubs: { [LAB_HUB]: { addressSpace: "10.95.16.0/22", counties: ["56"] } } } : base.network;
  const platform = {
    ...base,
    network,
    environment: "test",
    domains: { [ALFA.slug]: [ALFA.realm], [BETA.slug]: [BETA.realm] },
    eduroam: {
      nationalProxies: {
        "mock-flr": { address: ADDRESSES.nationalProxy, port: nationalProxyPort, secret: { keyVaultSecret: NATIONAL_PROXY_SECRET_NAME } },
      },
    },
  };
  return makeRegion({ alfa: wifiTenant(ALFA, "5530", 1), "nord-beta": wifiTenant(BETA, "5601", 2) }, platform);
}
