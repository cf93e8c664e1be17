/**
 * `freeradius -XC` on generated trees, and the boot script's refusals: scenarios
 * that need the real binaries but no running server.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { radiusDelivery, type RadiusDelivery } from "../../domain/eduroam/delivery";
import { SERVER_RUNTIME } from "../../domain/eduroam/runtime";
import { SERVER_CERTIFICATE_PATH } from "../../domain/eduroam/radius-tree";
import { loadRegion } from "../../tenants/validation/load-region";
import { runCli } from "../helpers/cli";
import { basePlatform, baseTenant, makeRegion } from "../helpers/region-fixture";
import { runBootScript } from "./lab/boot-script-run";
import { makeTestCertificates, type TestCertificates } from "./lab/certificates";
import { startFakeKeyVault } from "./lab/fake-key-vault";
import { checkConfig } from "./lab/freeradius-process";
import { describeWithRadius } from "./lab/radius-tools";

describeWithRadius("eduroam with real FreeRADIUS: configuration check", () => {
  let dir: string;
  let certificates: TestCertificates;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-radius-check-"));
    certificates = makeTestCertificates(path.join(dir, "pki"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** What the platform stack delivers for the example region, with the tree going to `configDir`. */
  function exampleDelivery(configDir: string): RadiusDelivery {
    const load = loadRegion({ tenantsDir: path.join(__dirname, "../../../tenants"), platformFile: path.join(__dirname, "../../../platform.yaml") });
    return radiusDelivery(load.region!, { keyVaultName: "kv-grunnmur-test", runtime: { ...SERVER_RUNTIME, configDir } })!;
  }

  /** Generates with the command, then puts a fake certificate where Key Vault's would go. */
  async function generate(name: string, extra: string[] = []): Promise<string> {
    const out = path.join(dir, name);
    const run = await runCli(["radius", "--out", out, "--config-dir", out, ...extra]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    fs.writeFileSync(path.join(out, SERVER_CERTIFICATE_PATH), certificates.serverPem);
    return out;
  }

  it("freeradius -XC accepts the tree generated for the example region", async () => {
    const check = checkConfig(await generate("example"));
    expect(check.output).toContain("Configuration appears to be OK");
    expect(check.ok).toBe(true);
  });

  it("freeradius -XC accepts the tree of a region where no municipality has Wi-Fi yet", async () => {
    const platform = { ...basePlatform(), eduroam: { nationalProxies: { "proxy-1": { address: "192.0.2.11", secret: { keyVaultSecret: "flr-1" } } } } };
    const region = makeRegion({ senja: baseTenant("senja", "5530", 1) }, platform);
    try {
      const check = checkConfig(await generate("no-wifi", ["--tenants", region.tenantsDir, "--platform", region.platformFile]));
      expect(check.ok).toBe(true);
    } finally {
      region.remove();
    }
  });

  /** Fake values for every secret of the delivery, the server certificate a real one. */
  function fakeValues(delivery: RadiusDelivery): Map<string, string> {
    const certificate = delivery.tree[SERVER_CERTIFICATE_PATH].trim();
    return new Map(delivery.secrets.map((s) => [`kv-grunnmur-test/${s.secretName}`, s.placeholder === certificate ? certificates.serverPem : `fake-${s.secretName}`]));
  }

  it("the boot script refuses a platform secret with a quote, which FreeRADIUS could not hold, and installs nothing", async () => {
    const target = path.join(dir, "refused");
    const delivery = exampleDelivery(target);
    const values = fakeValues(delivery);
    values.set("kv-grunnmur-test/eduroam-national-proxy-1", "fake-it's-quoted");
    const vault = await startFakeKeyVault(values);
    const boot = await runBootScript(delivery, path.join(dir, "boot"), vault.env).finally(() => vault.close());
    expect(boot.target).toBe(target);
    expect(boot.code).toBe(1);
    expect(boot.stderr).toContain(
      "grunnmur-radius-secrets: secret eduroam-national-proxy-1 in Key Vault kv-grunnmur-test contains a quote, backslash or control character, which FreeRADIUS cannot hold in clients.conf; set a value without them; nothing was installed",
    );
    expect(fs.existsSync(target)).toBe(false);
  });

  it("the boot script leaves out only the municipality whose secret has a quote, and freeradius -XC accepts the rest", async () => {
    const target = path.join(dir, "one-left-out");
    const delivery = exampleDelivery(target);
    const values = fakeValues(delivery);
    values.set("kv-grunnmur-test/generated-radius-senja-finnsnes-wlc", "fake-it's-quoted");
    const vault = await startFakeKeyVault(values);
    const boot = await runBootScript(delivery, path.join(dir, "boot-one-left-out"), vault.env).finally(() => vault.close());
    expect(boot.code).toBe(0);
    expect(boot.stderr).toBe(
      "grunnmur-radius-secrets: left out municipality senja (its access points and user backend) until its secret is fixed: secret generated-radius-senja-finnsnes-wlc in Key Vault kv-grunnmur-test contains a quote, backslash or control character, which FreeRADIUS cannot hold in clients.d/senja.conf; set a value without them\n",
    );
    expect(boot.stdout).toMatch(/; left out: senja\n$/);
    // Its other secret is never fetched: nothing of senja's is installed.
    expect(vault.requested).not.toContain("kv-grunnmur-test/senja-ldap-radius-bind");
    for (const file of delivery.tenantParts.senja) expect(fs.existsSync(path.join(target, file))).toBe(false);
    for (const file of delivery.tenantParts.alta) expect(fs.existsSync(path.join(target, file))).toBe(true);
    const check = checkConfig(target);
    expect(check.output).toContain("Configuration appears to be OK");
    expect(check.ok).toBe(true);
  });

  it("the boot script names a secret that is missing from Key Vault", async () => {
    const vault = await startFakeKeyVault(new Map());
    const boot = await runBootScript(exampleDelivery(path.join(dir, "missing")), path.join(dir, "boot-missing"), vault.env).finally(() => vault.close());
    expect(boot.code).toBe(1);
    expect(boot.stderr).toMatch(/secret [a-z0-9-]+ in Key Vault kv-grunnmur-test: HTTP 404/);
  });
});
