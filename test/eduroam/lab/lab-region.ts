/**
 * The test region for the real-server scenarios: two municipalities with
 * `files` backends (labs and tests only, so the platform is a test platform)
 * and access points on loopback addresses, and one national proxy.
 */
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
  readonly accessPoint: string;
  readonly secretName: string;
  readonly user: string;
  readonly password: string;
}

export const ALFA: LabTenant = {
  slug: "alfa",
  realm: "alfa.example",
  vlan: 101,
  accessPoint: ADDRESSES.alfaAccessPoint,
  secretName: "alfa-lab-wlc-radius",
  user: "ola@alfa.example",
  password: "alfa-test-password",
};

export const BETA: LabTenant = {
  // A hyphen in the slug: module and client names must cope with it.
  slug: "nord-beta",
  realm: "nord-beta.example",
  vlan: 202,
  accessPoint: ADDRESSES.betaAccessPoint,
  secretName: "nord-beta-lab-wlc-radius",
  user: "kari@nord-beta.example",
  password: "beta-test-password",
};

export const NATIONAL_PROXY_SECRET_NAME = "lab-national-proxy";

function wifiTenant(tenant: LabTenant, kommunenummer: string, n: number): Json {
  return {
    ...baseTenant(tenant.slug, kommunenummer, n),
    services: ["wifi"],
    wifi: {
      realm: tenant.realm,
      vlan: tenant.vlan,
      accessPoints: { "lab-wlc": { address: tenant.accessPoint, secret: { keyVaultSecret: tenant.secretName } } },
      userBackend: { kind: "files" },
    },
  };
}

export function makeLabRegion(nationalProxyPort: number): FixtureRegion {
  const platform = {
    ...basePlatform(),
    environment: "test",
    eduroam: {
      nationalProxies: {
        "mock-flr": { address: ADDRESSES.nationalProxy, port: nationalProxyPort, secret: { keyVaultSecret: NATIONAL_PROXY_SECRET_NAME } },
      },
    },
  };
  return makeRegion({ alfa: wifiTenant(ALFA, "5530", 1), "nord-beta": wifiTenant(BETA, "5601", 2) }, platform);
}
