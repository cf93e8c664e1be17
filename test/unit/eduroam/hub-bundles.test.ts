/**
 * Each hub's part of the eduroam configuration (delivery.ts): the platform's
 * userData carries the core and the primary hub's municipalities only, and names
 * the other hubs' bundles, which their stacks write into Key Vault.
 */
import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { TENANT_PATH_TEMPLATES } from "../../../domain/eduroam/boot-script";
import {
  hubBundleSecretName,
  hubRadiusDelivery,
  KEY_VAULT_SECRET_NAME,
  KEY_VAULT_SECRET_VALUE_LIMIT_BYTES,
  radiusDelivery,
  type HubRadiusDelivery,
  type RadiusDelivery,
} from "../../../domain/eduroam/delivery";
import type { EduroamRegion } from "../../../domain/eduroam/plan";
import { tenantAllFiles } from "../../../domain/eduroam/radius-tree";
import { bundleFromUserData } from "../../../domain/eduroam/user-data";
import { exampleRegion } from "./example-plan";

const KEY_VAULT = "kv-grunnmur-prod";
type Tenant = EduroamRegion["tenants"][number];
type Wifi = NonNullable<Tenant["spec"]["wifi"]>;

/** The example region with a hub for Finnmark (county 56), where Alta is; `more` adds hubs without tenants. */
function twoHubs(region: EduroamRegion = exampleRegion(), more: readonly string[] = []): EduroamRegion {
  const hubs: Record<string, { addressSpace: string; counties: string[]; vpnGatewaySku: string }> = {
    finnmark: { addressSpace: "10.95.16.0/22", counties: ["56"], vpnGatewaySku: "VpnGw2AZ" },
  };
  more.forEach((key, i) => (hubs[key] = { addressSpace: `10.95.${20 + 4 * i}.0/22`, counties: [], vpnGatewaySku: "VpnGw1AZ" }));
  const platform = { ...region.platform, network: { ...region.platform.network, hubs } } as EduroamRegion["platform"];
  return { ...region, platform };
}

function withWifi(region: EduroamRegion, slug: string, wifi: Wifi): EduroamRegion {
  return { ...region, tenants: region.tenants.map((t) => (t.spec.slug === slug ? { ...t, spec: { ...t.spec, wifi } } : t)) };
}

/** Gamvik (5626, Finnmark) with Wi-Fi: a municipality joining eduroam on hub finnmark. */
const GAMVIK_WIFI: Wifi = {
  realm: "gamvik.kommune.no",
  vlan: 130,
  accessPoints: { "mehamn-wlc": { address: "192.168.50.10" } },
  userBackend: { kind: "files" },
} as Wifi;

const platformDelivery = (region: EduroamRegion): RadiusDelivery => radiusDelivery(region, { keyVaultName: KEY_VAULT })!;
const finnmark = (region: EduroamRegion): HubRadiusDelivery => hubRadiusDelivery(region, "finnmark", { keyVaultName: KEY_VAULT })!;
const decoded = (value: string) => JSON.parse(gunzipSync(Buffer.from(value, "base64")).toString("utf8"));

describe("the platform's RADIUS bundle in a region of several hubs", () => {
  const region = twoHubs();
  const delivery = platformDelivery(region);

  it("holds no file of a municipality on another hub, and names none of them anywhere", () => {
    expect(Object.keys(delivery.tree).filter((path) => path.includes("alta"))).toEqual([]);
    expect(Object.values(delivery.tree).join("\n")).not.toMatch(/alta/);
    expect(Object.keys(delivery.tenantParts)).not.toContain("alta");
    expect(delivery.secrets.map((s) => s.secretName).filter((name) => name.includes("alta"))).toEqual([]);
    // The primary hub's municipalities are still here, each with its realm file.
    expect(delivery.tree["realms.d/senja.conf"]).toContain("realm senja.kommune.no {");
  });

  it("names each other hub's bundle in the platform Key Vault, from platform.yaml alone", () => {
    expect(delivery.hubBundles).toEqual([{ hub: "finnmark", keyVault: KEY_VAULT, secretName: "radius-bundle-hub-finnmark" }]);
    expect(decoded(delivery.userData).hubs).toEqual(delivery.hubBundles);
    // A hub without a single municipality is named too: the list follows the hubs, not the tenants.
    expect(platformDelivery(twoHubs(exampleRegion(), ["nord"])).hubBundles.map((h) => h.hub)).toEqual(["finnmark", "nord"]);
  });

  it("stays byte-identical when a municipality on another hub joins eduroam, while that hub's bundle changes", () => {
    const joined = withWifi(region, "gamvik", GAMVIK_WIFI);
    const after = platformDelivery(joined);
    expect(after.userData).toBe(delivery.userData);
    expect(after.bootstrap).toBe(delivery.bootstrap);
    expect(after.secretReads).toEqual(delivery.secretReads);
    const before = finnmark(region);
    const hub = finnmark(joined);
    expect(hub.value).not.toBe(before.value);
    const added = Object.keys(hub.tree).filter((path) => !(path in before.tree));
    expect(added).toEqual(["clients.d/gamvik.conf", "inner-tunnel.d/authenticate/gamvik", "inner-tunnel.d/authorize/gamvik", "mods-config/files/gamvik.users", "mods-enabled/tenant_gamvik", "realms.d/gamvik.conf"]);
    for (const path of Object.keys(before.tree)) expect(hub.tree[path]).toBe(before.tree[path]);
  });

  it("changes when a municipality of the primary hub joins, as before", () => {
    const joined = withWifi(region, "bardu", { ...GAMVIK_WIFI, realm: "bardu.kommune.no" });
    expect(platformDelivery(joined).userData).not.toBe(delivery.userData);
    expect(finnmark(joined).value).toBe(finnmark(region).value);
  });
});

describe("a hub's RADIUS bundle", () => {
  const region = twoHubs();
  const hub = finnmark(region);
  const bundle = decoded(hub.value);

  it("carries its municipalities' files, their realm files included, and nothing of the core", () => {
    expect(Object.keys(hub.tree)).toEqual(["clients.d/alta.conf", "inner-tunnel.d/authenticate/alta", "inner-tunnel.d/authorize/alta", "mods-enabled/tenant_alta", "realms.d/alta.conf"]);
    expect(bundle).toEqual({ hub: "finnmark", keyVault: KEY_VAULT, secrets: hub.secrets, tenants: hub.tenantParts, files: hub.tree });
  });

  it("leaves the realm file out of the part the boot script may leave out, so a municipality left out is rejected rather than proxied", () => {
    expect(hub.tenantParts.alta).toEqual(["clients.d/alta.conf", "inner-tunnel.d/authenticate/alta", "inner-tunnel.d/authorize/alta", "mods-enabled/tenant_alta"]);
  });

  it("has only municipalities' secrets, each with its owner, and the reads its stack grants", () => {
    expect(hub.secrets.map((s) => [s.secretName, s.tenant])).toEqual([
      ["alta-ldap-radius-bind", "alta"],
      ["generated-radius-alta-radhuset-wlc", "alta"],
      ["generated-radius-alta-skoler-wlc", "alta"],
    ]);
    expect(hub.secretReads).toEqual(hub.secrets.map((s) => ({ keyVault: KEY_VAULT, secretName: s.secretName, tenant: "alta" })));
  });

  it("is byte-identical for the same files", () => {
    expect(finnmark(twoHubs()).value).toBe(hub.value);
  });

  it("reads back like userData, so the report can show its change as file diffs", () => {
    expect(bundleFromUserData(hub.value)).toEqual({ hub: "finnmark", keyVault: KEY_VAULT, secrets: hub.secrets, tenants: hub.tenantParts, files: hub.tree });
  });

  it("is for a hub other than the primary one, of the platform file", () => {
    expect(() => hubRadiusDelivery(region, "main", { keyVaultName: KEY_VAULT })).toThrow('platform.yaml network.hubs has no hub "main"');
    expect(() => hubRadiusDelivery(region, "vest", { keyVaultName: KEY_VAULT })).toThrow('platform.yaml network.hubs has no hub "vest"');
  });

  it("refuses to exceed Key Vault's 25 KB for a secret value, naming the hub and what to do", () => {
    // Keys that do not compress: hundreds of access points of one municipality.
    const accessPoints = Object.fromEntries(
      Array.from({ length: 600 }, (_, i) => [`ap-${createHash("sha256").update(String(i)).digest("hex").slice(0, 24)}`, { address: `192.168.${50 + (i >> 8)}.${i & 255}` }]),
    );
    const big = withWifi(region, "gamvik", { ...GAMVIK_WIFI, accessPoints } as Wifi);
    expect(() => finnmark(big)).toThrow(
      new RegExp(`^hub finnmark: its RADIUS bundle \\(Key Vault secret radius-bundle-hub-finnmark\\) is \\d+ bytes for 2 municipalities with Wi-Fi, above Key Vault's ${KEY_VAULT_SECRET_VALUE_LIMIT_BYTES}-byte limit for a secret value; give some of them another hub`),
    );
    // The platform's own bundle is unaffected: the hub's municipalities are not in it.
    expect(platformDelivery(big).userData).toBe(platformDelivery(region).userData);
  });

  it("holds a hub of 50 municipalities like Alta, LDAP backends and two access points each", () => {
    const alta = region.tenants.find((t) => t.spec.slug === "alta")!;
    const clones = Array.from({ length: 50 }, (_, i) => {
      const slug = `alta${i + 1}`;
      const wifi = { ...alta.spec.wifi!, realm: `${slug}.kommune.no`, userBackend: { ...alta.spec.wifi!.userBackend, bindPassword: { keyVaultSecret: `${slug}-ldap-radius-bind` } } } as Wifi;
      return { ...alta, spec: { ...alta.spec, slug, wifi } };
    });
    const full = finnmark({ ...region, tenants: [...region.tenants.filter((t) => t.spec.slug !== "alta"), ...clones] });
    expect(Object.keys(full.tenantParts)).toHaveLength(50);
    // No hub serves more than 50 (suggestedHubs, docs/hubs.md); this leaves room for longer files.
    expect(full.value.length).toBeLessThan(KEY_VAULT_SECRET_VALUE_LIMIT_BYTES / 2);
  });
});

describe("the name of a hub's bundle secret", () => {
  it.each(["finnmark", "nord", "trondelag", "a1"])("is a Key Vault secret name for hub %s", (key) => {
    const name = hubBundleSecretName(key);
    expect(name).toBe(`radius-bundle-hub-${key}`);
    expect(name).toMatch(KEY_VAULT_SECRET_NAME);
  });

  it.each([
    ["an underscore", "fin_mark"],
    ["a dot", "fin.mark"],
    ["more than 127 characters in all", "x".repeat(110)],
  ])("refuses a hub key with %s, naming the field", (_what, key) => {
    expect(() => hubBundleSecretName(key)).toThrow(`platform.yaml network.hubs.${key}: the hub's RADIUS bundle would be Key Vault secret "radius-bundle-hub-${key}", which is not a secret name (1-127 letters, digits, hyphens)`);
  });

  it("follows Key Vault's rules: 1-127 letters, digits and hyphens", () => {
    expect("a".repeat(127)).toMatch(KEY_VAULT_SECRET_NAME);
    expect("a".repeat(128)).not.toMatch(KEY_VAULT_SECRET_NAME);
    expect("").not.toMatch(KEY_VAULT_SECRET_NAME);
  });
});

describe("the paths the boot script accepts from a hub's bundle", () => {
  it.each<[string, Wifi["userBackend"]]>([
    ["an LDAP backend", { kind: "ldap", server: "ldaps.x.no", baseDn: "DC=x", bindDn: "CN=y", bindPassword: { keyVaultSecret: "gamvik-bind" } } as Wifi["userBackend"]],
    ["a files backend", { kind: "files" }],
  ])("cover every file of a municipality with %s", (_what, userBackend) => {
    const files = Object.keys(tenantAllFiles({ slug: "gamvik", realm: "gamvik.kommune.no", vlan: 1, accessPoints: [{ key: "a", address: "10.0.0.1", secret: { keyVaultSecret: "s" } }], userBackend }));
    const allowed = TENANT_PATH_TEMPLATES.map((t) => t.replace("%s", "gamvik"));
    expect(files.filter((path) => !allowed.includes(path))).toEqual([]);
  });
});
