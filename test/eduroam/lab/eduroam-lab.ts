/**
 * A running eduroam lab on loopback: the bootstrap and userData the platform
 * stack deploys (radiusDelivery), installed the way the servers install them
 * (the real boot script, secrets from a fake Key Vault), served by freeradius,
 * next to a mock national proxy. Everything lives in a temp dir.
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { hubRadiusDelivery, radiusDelivery, type HubRadiusDelivery, type RadiusDelivery } from "../../../domain/eduroam/delivery";
import { SERVER_CERTIFICATE_PATH } from "../../../domain/eduroam/radius-tree";
import type { RadiusRuntime } from "../../../domain/eduroam/runtime";
import { tenantFilePaths } from "../../../domain/eduroam/tenant-backends";
import { loadRegion } from "../../../tenants/validation/load-region";
import { runBootScript, type BootRun } from "./boot-script-run";
import { makeTestCertificates, type TestCertificates } from "./certificates";
import { startFakeKeyVault } from "./fake-key-vault";
import { freeUdpPort, RadiusServer } from "./freeradius-process";
import { ADDRESSES, ALFA, BETA, LAB_HUB, makeLabRegion, NATIONAL_PROXY_SECRET_NAME, onLoopback, type LabTenant } from "./lab-region";
import { FOREIGN_REALM, writeMockNationalProxy } from "./national-proxy-mock";

export const LAB_KEY_VAULT = "kv-grunnmur-lab";

export interface EduroamLab {
  readonly dir: string;
  readonly runtime: RadiusRuntime;
  readonly nationalProxyRuntime: RadiusRuntime;
  readonly certificates: TestCertificates;
  /** What the servers were given, exactly as the platform stack computes it. */
  readonly delivery: RadiusDelivery;
  /** With `withHub`: the hub's bundle, exactly as its stack writes it into Key Vault. */
  readonly hub?: HubRadiusDelivery;
  /** Secret values by Key Vault secret name, as the fake Key Vault served them. */
  readonly secrets: ReadonlyMap<string, string>;
  /** What the boot script said while it installed the tree. */
  readonly boot: BootRun;
  readonly visitor: { readonly user: string; readonly password: string };
  readonly server: RadiusServer;
  readonly nationalProxy: RadiusServer;
  secretOf(tenant: LabTenant): string;
  readLog(file: string): string;
  stop(): Promise<void>;
}

/** Obviously fake, and with characters FreeRADIUS would expand if they were not quoted right. */
function fakeSecret(name: string): string {
  return `fake-${name}-%{x}\${y}"${randomBytes(4).toString("hex")}`;
}

function runtimeIn(dir: string, name: string, listenAddress: string, authPort: number, acctPort: number): RadiusRuntime {
  for (const sub of ["log", "run"]) fs.mkdirSync(path.join(dir, `${name}-${sub}`), { recursive: true });
  return { configDir: path.join(dir, name), logDir: path.join(dir, `${name}-log`), runDir: path.join(dir, `${name}-run`), listenAddress, authPort, acctPort };
}

export interface LabOptions {
  /** Values the fake Key Vault serves instead of the lab's own, by secret name: e.g. one the boot script cannot install. */
  readonly secretOverrides?: ReadonlyMap<string, string>;
  /** BETA on a hub of its own (lab-region.ts, LAB_HUB): its files reach the servers only in that hub's bundle. */
  readonly withHub?: boolean;
}

export async function startEduroamLab(options: LabOptions = {}): Promise<EduroamLab> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-eduroam-"));
  const certificates = makeTestCertificates(path.join(dir, "pki"));
  const runtime = runtimeIn(dir, "raddb", ADDRESSES.server, await freeUdpPort(ADDRESSES.server), await freeUdpPort(ADDRESSES.server));
  const nationalProxyRuntime = runtimeIn(dir, "national-proxy", ADDRESSES.nationalProxy, await freeUdpPort(ADDRESSES.nationalProxy), 0);

  const fixture = makeLabRegion(nationalProxyRuntime.authPort, { withHub: options.withHub });
  const load = loadRegion({ tenantsDir: fixture.tenantsDir, platformFile: fixture.platformFile });
  fixture.remove();
  const region = load.region && onLoopback(load.region);
  const delivery = region && radiusDelivery(region, { keyVaultName: LAB_KEY_VAULT, runtime });
  if (!region || !delivery) throw new Error(`the lab region is not valid:\n${JSON.stringify(load.diagnostics, null, 2)}`);
  const hub = options.withHub ? hubRadiusDelivery(region, LAB_HUB, { keyVaultName: LAB_KEY_VAULT }) : undefined;

  const secrets = new Map<string, string>();
  for (const secret of [...delivery.secrets, ...(hub?.secrets ?? [])]) {
    const value = secret.placeholder === delivery.tree[SERVER_CERTIFICATE_PATH].trim() ? certificates.serverPem : fakeSecret(secret.secretName);
    secrets.set(secret.secretName, options.secretOverrides?.get(secret.secretName) ?? value);
  }
  const served = new Map([...secrets].map(([name, value]) => [`${LAB_KEY_VAULT}/${name}`, value]));
  if (hub) served.set(`${hub.keyVault}/${hub.secretName}`, hub.value);
  const vault = await startFakeKeyVault(served);
  const boot = await runBootScript(delivery, path.join(dir, "boot"), vault.env).finally(() => vault.close());
  if (boot.code !== 0) throw new Error(`the boot script failed:\n${boot.stderr}`);
  if (boot.target !== runtime.configDir) throw new Error(`the boot script installed into ${boot.target}, not the lab's ${runtime.configDir}`);

  // A municipality the boot script left out has no backend to give users to.
  for (const tenant of [ALFA, BETA].filter((t) => fs.existsSync(path.join(runtime.configDir, tenantFilePaths(t.slug).module)))) {
    fs.appendFileSync(path.join(runtime.configDir, `mods-config/files/${tenant.slug}.users`), `"${tenant.user}" Cleartext-Password := "${tenant.password}"\n`);
  }
  const visitor = { user: `guest@${FOREIGN_REALM}`, password: "visitor-test-password" };
  writeMockNationalProxy(nationalProxyRuntime.configDir, {
    runtime: nationalProxyRuntime,
    secret: secrets.get(NATIONAL_PROXY_SECRET_NAME)!,
    visitor,
    serverPem: certificates.serverPem,
  });

  const nationalProxy = await RadiusServer.start(nationalProxyRuntime.configDir);
  let server: RadiusServer;
  try {
    server = await RadiusServer.start(runtime.configDir);
  } catch (err) {
    await nationalProxy.stop();
    throw err;
  }
  return {
    dir,
    runtime,
    nationalProxyRuntime,
    certificates,
    delivery,
    hub,
    secrets,
    boot,
    visitor,
    server,
    nationalProxy,
    secretOf: (tenant) => secrets.get(tenant.secretName)!,
    readLog: (file) => {
      const full = [runtime.logDir, nationalProxyRuntime.logDir].map((d) => path.join(d, file)).find((f) => fs.existsSync(f));
      return full ? fs.readFileSync(full, "utf8") : "";
    },
    stop: async () => {
      await Promise.all([server.stop(), nationalProxy.stop()]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
