import { gunzipSync } from "node:zlib";
import { parse } from "yaml";
import { BOOT_SCRIPT_PATH } from "../../../domain/eduroam/boot-script";
import { BUNDLE_PATH, SYNC_SCRIPT_PATH } from "../../../domain/eduroam/bootstrap";
import { radiusDelivery, type RadiusDelivery } from "../../../domain/eduroam/delivery";
import type { EduroamRegion } from "../../../domain/eduroam/plan";
import { USER_DATA_LIMIT_BYTES } from "../../../domain/eduroam/user-data";
import { exampleRegion } from "./example-plan";

interface CloudConfig {
  packages: string[];
  write_files: Array<{ path: string; content: string; permissions: string }>;
  runcmd: string[][];
}

const KEY_VAULT = "kv-grunnmur-prod";

/** What the platform stack gives the servers of `region`; the example region has an eduroam section. */
function deliveryFor(region: EduroamRegion): RadiusDelivery {
  const delivery = radiusDelivery(region, { keyVaultName: KEY_VAULT });
  if (!delivery) throw new Error("the region has no eduroam section");
  return delivery;
}

/** The region with its platform file's eduroam section changed. */
function withEduroam(region: EduroamRegion, change: Partial<NonNullable<EduroamRegion["platform"]["eduroam"]>>): EduroamRegion {
  return { ...region, platform: { ...region.platform, eduroam: { ...region.platform.eduroam!, ...change } } };
}

describe("what the platform's RADIUS servers receive", () => {
  const region = exampleRegion();
  const delivery = deliveryFor(region);
  const config = parse(delivery.bootstrap) as CloudConfig;
  const file = (path: string) => {
    const found = config.write_files.find((f) => f.path === path);
    if (!found) throw new Error(`the bootstrap writes no ${path}`);
    return found;
  };
  const bundle = JSON.parse(gunzipSync(Buffer.from(delivery.userData, "base64")).toString("utf8"));

  it("boots with #cloud-config that installs Debian's FreeRADIUS and starts it after the secrets unit", () => {
    expect(delivery.bootstrap.startsWith("#cloud-config\n")).toBe(true);
    expect(config.packages).toEqual(expect.arrayContaining(["freeradius", "freeradius-ldap", "python3", "curl"]));
    expect(config.runcmd).toContainEqual(["systemctl", "enable", "grunnmur-radius-secrets.service", "freeradius.service", "grunnmur-radius-sync.timer"]);
    const dropIn = file("/etc/systemd/system/freeradius.service.d/grunnmur.conf").content;
    expect(dropIn).toContain("ExecStart=/usr/sbin/freeradius -f -d /etc/freeradius/grunnmur");
    expect(dropIn).toContain("Requires=grunnmur-radius-secrets.service\nAfter=grunnmur-radius-secrets.service\n");
    expect(file(BOOT_SCRIPT_PATH).permissions).toBe("0755");
  });

  it("installs userData as the bundle the boot unit reads, readable by root only", () => {
    const sync = file(SYNC_SCRIPT_PATH).content;
    expect(sync).toContain("metadata/instance/compute/userData?api-version=2021-01-01&format=text' | base64 -d > \"$new\"");
    expect(sync).toContain(`  install -m 0600 "$new" ${BUNDLE_PATH}\n  changed=yes\n`);
    expect(sync).toContain(`${BOOT_SCRIPT_PATH} --bundle ${BUNDLE_PATH} --check-hubs; then`);
    expect(sync).toContain(`if [ "$changed" = yes ]; then\n  systemctl restart grunnmur-radius-secrets.service\n  systemctl reload-or-restart freeradius.service\nfi\n`);
    expect(file("/etc/systemd/system/grunnmur-radius-secrets.service").content).toContain(
      `ExecStart=${BOOT_SCRIPT_PATH} --bundle ${BUNDLE_PATH} --target /etc/freeradius/grunnmur\n`,
    );
    expect(config.runcmd).toContainEqual([SYNC_SCRIPT_PATH]);
  });

  it("carries the generated tree and where each secret lives in userData, but no secret", () => {
    expect(Object.keys(bundle)).toEqual(["keyVault", "secrets", "tenants", "files", "hubs"]);
    // The example region has one hub: there is no other hub's bundle to fetch.
    expect(bundle.hubs).toEqual([]);
    expect(bundle.files).toEqual(delivery.tree);
    expect(bundle.keyVault).toBe(KEY_VAULT);
    expect(bundle.secrets).toEqual(delivery.secrets);
    const locationFields = ["copyFromPulumiConfig", "keyVault", "placeholder", "secretName", "tenant"];
    for (const secret of bundle.secrets) expect(locationFields).toEqual(expect.arrayContaining(Object.keys(secret)));
    expect(Object.values(delivery.tree).join("")).not.toMatch(/BEGIN [A-Z ]*PRIVATE KEY/);
  });

  it("is byte-identical for the same input", () => {
    const again = deliveryFor(exampleRegion());
    expect(again.bootstrap).toBe(delivery.bootstrap);
    expect(again.userData).toBe(delivery.userData);
  });

  it("keeps the auth log as many days as the platform file says", () => {
    expect(file("/etc/logrotate.d/grunnmur-eduroam").content).toContain(`\trotate ${region.platform.logging.retentionDays}\n`);
  });

  it("fits in Azure's 64 KB of userData and of custom data once base64-encoded", () => {
    expect(delivery.userData.length).toBeLessThanOrEqual(USER_DATA_LIMIT_BYTES);
    expect(Buffer.from(delivery.bootstrap).toString("base64").length).toBeLessThan(64 * 1024);
  });

  it("keeps tenant data out of the bootstrap, so a municipality joining changes only userData", () => {
    const fewer = deliveryFor({ ...region, tenants: region.tenants.filter((t) => t.spec.slug !== "senja") });
    expect(fewer.bootstrap).toBe(delivery.bootstrap);
    expect(fewer.userData).not.toBe(delivery.userData);
    expect(delivery.bootstrap).not.toMatch(/senja|\brealm\b/);
  });

  it("names exactly the secrets the servers read, each once, in the platform vault", () => {
    expect(delivery.secretReads).toHaveLength(delivery.secrets.length);
    expect(delivery.secretReads).toContainEqual({ keyVault: KEY_VAULT, secretName: "generated-eduroam-cui-key" });
    expect(delivery.secretReads).toContainEqual({ keyVault: KEY_VAULT, secretName: "senja-ldap-radius-bind", tenant: "senja" });
    expect(delivery.secretReads.every((read) => read.keyVaultResourceId === undefined)).toBe(true);
  });

  it("reads a secret in another vault by that vault's id from the platform file", () => {
    const vaultId = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-eduroam-keys";
    const listed = withEduroam(region, { serverCertificate: { keyVault: "kv-eduroam-keys", keyVaultSecret: "cui" } });
    const other = deliveryFor({ ...listed, platform: { ...listed.platform, keyVaults: { "kv-eduroam-keys": { resourceId: vaultId } } } });
    expect(other.secrets).toContainEqual({ placeholder: "@@keyvault:kv-eduroam-keys/cui@@", keyVault: "kv-eduroam-keys", secretName: "cui" });
    expect(other.secretReads).toContainEqual({ keyVault: "kv-eduroam-keys", keyVaultResourceId: vaultId, secretName: "cui" });
  });

  it("refuses a secret in a vault whose id the platform file does not give", () => {
    expect(() => deliveryFor(withEduroam(region, { serverCertificate: { keyVault: "kv-eduroam-keys", keyVaultSecret: "cui" } }))).toThrow(
      "secret cui is in Key Vault kv-eduroam-keys, which the platform file does not list under keyVaults",
    );
  });

  it("marks each municipality's secrets and files, so the boot script can leave out only that municipality", () => {
    expect(delivery.tenantParts.senja).toEqual(["clients.d/senja.conf", "inner-tunnel.d/authenticate/senja", "inner-tunnel.d/authorize/senja", "mods-enabled/tenant_senja"]);
    expect(bundle.tenants).toEqual(delivery.tenantParts);
    const owners = Object.fromEntries(delivery.secrets.map((s) => [s.secretName, s.tenant]));
    expect(owners["generated-radius-senja-finnsnes-wlc"]).toBe("senja");
    expect(owners["senja-ldap-radius-bind"]).toBe("senja");
    for (const platformSecret of ["generated-eduroam-cui-key", "eduroam-national-proxy-1", "eduroam-radius-server"]) expect(owners[platformSecret]).toBeUndefined();
  });

  it("is nothing when the platform file has no eduroam section", () => {
    expect(radiusDelivery({ ...region, platform: { ...region.platform, eduroam: undefined } }, { keyVaultName: KEY_VAULT })).toBeUndefined();
  });

  it("refuses a Key Vault name that cannot exist", () => {
    expect(() => radiusDelivery(region, { keyVaultName: "kv_bad" })).toThrow(/not a Key Vault name/);
  });
});
