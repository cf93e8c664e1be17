import { gunzipSync } from "node:zlib";
import { parse } from "yaml";
import { BUNDLE_PATH, renderRadiusCloudInit } from "../../../domain/eduroam/cloud-init";
import { BOOT_SCRIPT_PATH } from "../../../domain/eduroam/boot-script";
import { examplePlan } from "./example-plan";

interface CloudConfig {
  packages: string[];
  write_files: Array<{ path: string; content: string; encoding?: string; permissions: string }>;
  runcmd: string[][];
}

describe("cloud-init for the platform's RADIUS servers", () => {
  const plan = examplePlan();
  const result = renderRadiusCloudInit(plan, { keyVaultName: "kv-grunnmur-prod" });
  const config = parse(result.userData) as CloudConfig;
  const file = (path: string) => config.write_files.find((f) => f.path === path)!;

  it("is #cloud-config that installs Debian's FreeRADIUS and starts it after the secrets unit", () => {
    expect(result.userData.startsWith("#cloud-config\n")).toBe(true);
    expect(config.packages).toEqual(expect.arrayContaining(["freeradius", "freeradius-ldap", "python3"]));
    expect(config.runcmd).toContainEqual(["systemctl", "enable", "grunnmur-radius-secrets.service", "freeradius.service"]);
    expect(file("/etc/systemd/system/freeradius.service.d/grunnmur.conf").content).toContain("ExecStart=/usr/sbin/freeradius -f -d /etc/freeradius/grunnmur");
    expect(file(BOOT_SCRIPT_PATH).permissions).toBe("0755");
  });

  it("carries the generated tree and where each secret lives, but no secret", () => {
    const bundle = JSON.parse(gunzipSync(Buffer.from(file(BUNDLE_PATH).content, "base64")).toString("utf8"));
    expect(bundle.files).toEqual(result.tree);
    expect(bundle.keyVault).toBe("kv-grunnmur-prod");
    expect(bundle.secrets).toEqual(result.secrets);
    expect(file(BUNDLE_PATH).permissions).toBe("0600");
  });

  it("is byte-identical for the same input", () => {
    expect(renderRadiusCloudInit(examplePlan(), { keyVaultName: "kv-grunnmur-prod" }).userData).toBe(result.userData);
  });

  it("keeps the auth log as many days as the platform file says", () => {
    expect(file("/etc/logrotate.d/grunnmur-eduroam").content).toContain(`\trotate ${plan.logRetentionDays}\n`);
  });

  it("fits in Azure's 64 KB of custom data once base64-encoded", () => {
    expect(Buffer.from(result.userData).toString("base64").length).toBeLessThan(64 * 1024);
  });

  it("refuses a Key Vault name that cannot exist", () => {
    expect(() => renderRadiusCloudInit(plan, { keyVaultName: "kv_bad" })).toThrow(/not a Key Vault name/);
  });
});
