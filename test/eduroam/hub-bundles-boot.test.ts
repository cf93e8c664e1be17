/**
 * The boot script with other hubs' bundles (domain/eduroam/delivery.ts,
 * hubRadiusDelivery), against the fake Key Vault on 127.0.0.1: it merges a hub's
 * bundle, refuses one that would overwrite the core's or another hub's files,
 * falls back to the last good copy or skips the hub when Key Vault has none, and
 * its --check-hubs lets the sync timer apply a changed hub bundle without a
 * change of userData, and nothing when nothing changed. No server runs.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { HUB_CACHE_DIR_NAME } from "../../domain/eduroam/boot-script";
import { BUNDLE_PATH } from "../../domain/eduroam/bootstrap";
import { hubRadiusDelivery, radiusDelivery, type HubRadiusDelivery, type RadiusDelivery } from "../../domain/eduroam/delivery";
import { SERVER_RUNTIME } from "../../domain/eduroam/runtime";
import { tenantFilePaths } from "../../domain/eduroam/tenant-backends";
import type { Region } from "../../tenants/region";
import { loadRegion } from "../../tenants/validation/load-region";
import { runBootScript, syncOnce } from "./lab/boot-script-run";
import { startFakeKeyVault, type FakeKeyVault } from "./lab/fake-key-vault";
import { ALFA, BETA, LAB_HUB, makeLabRegion } from "./lab/lab-region";
import { describeWithRadius } from "./lab/radius-tools";

const VAULT = "kv-grunnmur-lab";
const LOG = "grunnmur-radius-secrets: ";

describeWithRadius("eduroam boot script: other hubs' bundles from Key Vault", () => {
  let dir: string;
  let region: Region;
  let runs = 0;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-hub-bundles-"));
    const fixture = makeLabRegion(18120, { withHub: true });
    const load = loadRegion({ tenantsDir: fixture.tenantsDir, platformFile: fixture.platformFile });
    fixture.remove();
    if (!load.region) throw new Error(`the lab region is not valid:\n${JSON.stringify(load.diagnostics, null, 2)}`);
    region = load.region;
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A server of its own: its own work dir (bundle, hub cache) and target. */
  function server(name: string, r: Region = region) {
    const target = path.join(dir, `${name}-raddb`);
    const workDir = path.join(dir, name);
    const coreOf = (other: Region): RadiusDelivery => radiusDelivery(other, { keyVaultName: VAULT, runtime: { ...SERVER_RUNTIME, configDir: target } })!;
    const cache = path.join(workDir, path.dirname(BUNDLE_PATH), HUB_CACHE_DIR_NAME, `${LAB_HUB}.json.gz`);
    return { target, workDir, core: coreOf(r), coreOf, cache, file: (p: string) => path.join(target, p) };
  }
  const hubOf = (r: Region = region): HubRadiusDelivery => hubRadiusDelivery(r, LAB_HUB, { keyVaultName: VAULT })!;

  /** A fake Key Vault with every secret of the core and the hub, and the hub's bundle unless `bundle` is null. */
  async function vaultFor(core: RadiusDelivery, hub: HubRadiusDelivery, bundle: string | null = hub.value): Promise<FakeKeyVault> {
    const secrets = new Map([...core.secrets, ...hub.secrets].map((s) => [`${VAULT}/${s.secretName}`, `fake-${s.secretName}`]));
    if (bundle !== null) secrets.set(`${VAULT}/${hub.secretName}`, bundle);
    return startFakeKeyVault(secrets);
  }

  /** A hub bundle as the stack would write it, but with its JSON changed by `edit`. */
  function forged(hub: HubRadiusDelivery, edit: (json: Record<string, any>) => void): string {
    const json = JSON.parse(gunzipSync(Buffer.from(hub.value, "base64")).toString("utf8"));
    edit(json);
    return gzipSync(Buffer.from(JSON.stringify(json))).toString("base64");
  }

  it("merges the hub's bundle: its municipality's files and secrets are installed beside the core's, and the copy is kept 0600", async () => {
    const s = server(`merge-${runs++}`);
    const hub = hubOf();
    expect(Object.keys(s.core.tree).some((p) => p.includes(BETA.slug))).toBe(false);
    const vault = await vaultFor(s.core, hub);
    const run = await runBootScript(s.core, s.workDir, vault.env).finally(() => vault.close());
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: "" });
    expect(run.stdout).toMatch(/; hubs: finnmark\n$/);
    for (const p of Object.keys(hub.tree)) expect(fs.existsSync(s.file(p))).toBe(true);
    expect(fs.readFileSync(s.file(`clients.d/${BETA.slug}.conf`), "utf8")).toContain(`secret = 'fake-${BETA.secretName}'`);
    expect(fs.existsSync(s.file(tenantFilePaths(ALFA.slug).module))).toBe(true);
    expect(vault.requested).toContain(`${VAULT}/${hub.secretName}`);
    expect(fs.readFileSync(s.cache)).toEqual(Buffer.from(hub.value, "base64"));
    expect(fs.statSync(s.cache).mode & 0o777).toBe(0o600);
  });

  it("applies a changed hub bundle on the sync timer without a change of userData, and reloads nothing when nothing changed", async () => {
    const s = server(`sync-${runs++}`);
    const hub = hubOf();
    const vault = await vaultFor(s.core, hub);
    try {
      expect((await runBootScript(s.core, s.workDir, vault.env)).code).toBe(0);
      const idle = await syncOnce(s.core, s.workDir, vault.env);
      expect({ applied: idle.applied, code: idle.check?.code }).toEqual({ applied: "nothing", code: 1 });

      // The hub's stack writes a new bundle: BETA's VLAN changes, the platform's userData does not.
      const changedRegion = { ...region, tenants: region.tenants.map((t) => (t.spec.slug === BETA.slug ? { ...t, spec: { ...t.spec, wifi: { ...t.spec.wifi!, vlan: 303 } } } : t)) };
      expect(s.coreOf(changedRegion).userData).toBe(s.core.userData);
      const changed = hubOf(changedRegion);
      vault.set(`${VAULT}/${changed.secretName}`, changed.value);
      const applied = await syncOnce(s.core, s.workDir, vault.env);
      expect(applied.applied).toBe("hub bundle");
      expect(applied.check?.stderr).toBe(`${LOG}hub finnmark's bundle changed in Key Vault\n`);
      expect(applied.boot?.code).toBe(0);
      expect(fs.readFileSync(s.file(`clients.d/${BETA.slug}.conf`), "utf8")).toContain('grunnmur_vlan = "303"');
      expect(fs.readFileSync(s.cache)).toEqual(Buffer.from(changed.value, "base64"));

      const again = await syncOnce(s.core, s.workDir, vault.env);
      expect(again.applied).toBe("nothing");
    } finally {
      await vault.close();
    }
  });

  it("uses the last good copy when the hub's bundle cannot be fetched, and says so", async () => {
    const s = server(`cache-${runs++}`);
    const hub = hubOf();
    const vault = await vaultFor(s.core, hub);
    try {
      expect((await runBootScript(s.core, s.workDir, vault.env)).code).toBe(0);
      vault.remove(`${VAULT}/${hub.secretName}`);
      const run = await runBootScript(s.core, s.workDir, vault.env);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe(
        `${LOG}could not fetch hub finnmark's bundle (secret ${hub.secretName} in Key Vault ${VAULT}): HTTP 404 Not Found\n${LOG}using hub finnmark's last good copy ${s.cache}\n`,
      );
      expect(run.stdout).toMatch(/; hubs: finnmark \(last good copy\)\n$/);
      expect(fs.existsSync(s.file(`realms.d/${BETA.slug}.conf`))).toBe(true);
      // A bundle that cannot be fetched is no change for the sync timer.
      expect((await syncOnce(s.core, s.workDir, vault.env)).applied).toBe("nothing");
    } finally {
      await vault.close();
    }
  });

  it("skips the hub with a log line naming it when there is neither a bundle nor a last good copy, and installs the rest", async () => {
    const s = server(`skip-${runs++}`);
    const hub = hubOf();
    const vault = await vaultFor(s.core, hub, null);
    const run = await runBootScript(s.core, s.workDir, vault.env).finally(() => vault.close());
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`${LOG}skipped hub finnmark: no bundle from Key Vault and no last good copy that could be merged; its municipalities are not served until it is back\n`);
    expect(run.stdout).toMatch(/; hubs skipped: finnmark\n$/);
    expect(fs.existsSync(s.file(tenantFilePaths(ALFA.slug).module))).toBe(true);
    expect(fs.existsSync(s.file(`clients.d/${BETA.slug}.conf`))).toBe(false);
    expect(fs.existsSync(s.cache)).toBe(false);
  });

  it.each<[string, (json: Record<string, any>) => void, string]>([
    ["a core file", (json) => (json.files["proxy.conf"] = "# not the core's\n"), "proxy.conf is not a file of one of its municipalities"],
    [
      "a municipality of the primary hub",
      (json) => {
        json.tenants[ALFA.slug] = [];
        json.files[`realms.d/${ALFA.slug}.conf`] = "realm evil.example {\n}\n";
      },
      `municipality ${ALFA.slug} is in the core's bundle already`,
    ],
    ["a secret no municipality of the hub owns", (json) => delete json.secrets[0].tenant, "is no municipality's of the hub; only a municipality's secret may come from a hub"],
    ["another hub's name", (json) => (json.hub = "nord"), "it is not hub finnmark's bundle"],
    [
      "a file that names a core secret",
      (json) => (json.files[`clients.d/${BETA.slug}.conf`] += "# @@keyvault:generated-eduroam-cui-key@@\n"),
      `clients.d/${BETA.slug}.conf uses @@keyvault:generated-eduroam-cui-key@@, which is not a secret of ${BETA.slug} in the bundle`,
    ],
  ])("refuses a hub bundle with %s, naming the hub, and keeps the core's files", async (_what, edit, reason) => {
    const s = server(`refuse-${runs++}`);
    const hub = hubOf();
    const vault = await vaultFor(s.core, hub, forged(hub, edit));
    const run = await runBootScript(s.core, s.workDir, vault.env).finally(() => vault.close());
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`${LOG}refused hub finnmark's bundle from Key Vault: `);
    expect(run.stderr).toContain(reason);
    expect(run.stderr).toContain(`${LOG}skipped hub finnmark`);
    expect(fs.readFileSync(s.file("proxy.conf"), "utf8")).toMatch(/^# Generated by `grunnmur radius`[\s\S]*realm DEFAULT \{/);
    expect(fs.existsSync(s.file(`realms.d/${ALFA.slug}.conf`))).toBe(true);
    expect(fs.readFileSync(s.file(`realms.d/${ALFA.slug}.conf`), "utf8")).toBe(s.core.tree[`realms.d/${ALFA.slug}.conf`]);
    expect(fs.existsSync(s.file(`clients.d/${BETA.slug}.conf`))).toBe(false);
  });

  it("falls back to the last good copy when the hub's new bundle is refused, and the sync timer applies nothing", async () => {
    const s = server(`refused-cache-${runs++}`);
    const hub = hubOf();
    const vault = await vaultFor(s.core, hub);
    try {
      expect((await runBootScript(s.core, s.workDir, vault.env)).code).toBe(0);
      vault.set(`${VAULT}/${hub.secretName}`, forged(hub, (json) => (json.files["radiusd.conf"] = "# not the core's\n")));
      expect((await syncOnce(s.core, s.workDir, vault.env)).applied).toBe("nothing");
      const run = await runBootScript(s.core, s.workDir, vault.env);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe(
        `${LOG}refused hub finnmark's bundle from Key Vault: radiusd.conf is not a file of one of its municipalities\n${LOG}using hub finnmark's last good copy ${s.cache}\n`,
      );
      expect(fs.readFileSync(s.cache)).toEqual(Buffer.from(hub.value, "base64"));
      expect(fs.existsSync(s.file(`clients.d/${BETA.slug}.conf`))).toBe(true);
    } finally {
      await vault.close();
    }
  });

  it("refuses a second hub's bundle that holds the first hub's files, naming both, and merges the first", async () => {
    // A stale copy of a municipality that moved hubs looks like this: two hubs claim one municipality.
    const twoHubs: Region = { ...region, platform: { ...region.platform, network: { ...region.platform.network, hubs: { ...region.platform.network.hubs, nord: { addressSpace: "10.95.20.0/22", counties: [], vpnGatewaySku: "VpnGw1AZ", firewallTier: "Standard" } } } } as Region["platform"] };
    const s = server(`two-${runs++}`, twoHubs);
    expect(s.core.hubBundles.map((h) => h.hub)).toEqual([LAB_HUB, "nord"]);
    const hub = hubOf(twoHubs);
    const vault = await vaultFor(s.core, hub);
    vault.set(`${VAULT}/radius-bundle-hub-nord`, forged(hub, (json) => (json.hub = "nord")));
    const run = await runBootScript(s.core, s.workDir, vault.env).finally(() => vault.close());
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`${LOG}refused hub nord's bundle from Key Vault: municipality ${BETA.slug} is in hub finnmark's bundle already\n`);
    expect(run.stdout).toMatch(/; hubs: finnmark; hubs skipped: nord\n$/);
    expect(fs.existsSync(s.file(`clients.d/${BETA.slug}.conf`))).toBe(true);
  });

  it("leaves out only the hub municipality whose secret fails, and keeps its realm file", async () => {
    const s = server(`left-out-${runs++}`);
    const hub = hubOf();
    const vault = await vaultFor(s.core, hub);
    vault.set(`${VAULT}/${BETA.secretName}`, "two\nlines");
    const run = await runBootScript(s.core, s.workDir, vault.env).finally(() => vault.close());
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`${LOG}left out municipality ${BETA.slug} (its access points and user backend) until its secret is fixed`);
    expect(run.stdout).toMatch(new RegExp(`; hubs: finnmark; left out: ${BETA.slug}\\n$`));
    for (const p of hub.tenantParts[BETA.slug]) expect(fs.existsSync(s.file(p))).toBe(false);
    expect(fs.existsSync(s.file(`realms.d/${BETA.slug}.conf`))).toBe(true);
  });
});
