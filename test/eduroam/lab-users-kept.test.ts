/**
 * Test users an operator adds by hand to a files backend survive the boot
 * script installing a new configuration, and are never deleted unseen when
 * the new configuration no longer has that backend (the real boot script,
 * secrets from a fake Key Vault; no server runs).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { radiusDelivery, type RadiusDelivery } from "../../domain/eduroam/delivery";
import { SERVER_RUNTIME } from "../../domain/eduroam/runtime";
import { tenantFilePaths } from "../../domain/eduroam/tenant-backends";
import type { Region } from "../../tenants/region";
import { loadRegion } from "../../tenants/validation/load-region";
import { runBootScript, type BootRun } from "./lab/boot-script-run";
import { startFakeKeyVault } from "./lab/fake-key-vault";
import { ALFA, BETA, makeLabRegion } from "./lab/lab-region";
import { describeWithRadius } from "./lab/radius-tools";

const VAULT = "kv-grunnmur-lab";

describeWithRadius("eduroam boot script: lab users of a files backend", () => {
  let dir: string;
  let region: Region;
  let target: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-lab-users-"));
    target = path.join(dir, "raddb");
    const fixture = makeLabRegion(18120);
    const load = loadRegion({ tenantsDir: fixture.tenantsDir, platformFile: fixture.platformFile });
    fixture.remove();
    if (!load.region) throw new Error(`the lab region is not valid:\n${JSON.stringify(load.diagnostics, null, 2)}`);
    region = load.region;
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const delivery = (r: Region): RadiusDelivery => radiusDelivery(r, { keyVaultName: VAULT, runtime: { ...SERVER_RUNTIME, configDir: target } })!;

  async function boot(d: RadiusDelivery, name: string): Promise<BootRun> {
    const vault = await startFakeKeyVault(new Map(d.secrets.map((s) => [`${VAULT}/${s.secretName}`, `fake-${s.secretName}`])));
    return runBootScript(d, path.join(dir, name), vault.env).finally(() => vault.close());
  }
  const usersFile = (slug: string) => path.join(target, tenantFilePaths(slug).users);
  const addUser = (slug: string, user: string) => fs.appendFileSync(usersFile(slug), `"${user}" Cleartext-Password := 'fake-password'\n`);

  it("keeps the users added by hand when it installs the configuration again, and says so", async () => {
    const first = await boot(delivery(region), "first");
    expect(first.code).toBe(0);
    addUser(ALFA.slug, ALFA.user);
    addUser(ALFA.slug, `kari@${ALFA.realm}`);
    addUser(BETA.slug, BETA.user);
    const before = fs.readFileSync(usersFile(ALFA.slug), "utf8");

    const again = await boot(delivery(region), "again");
    expect(again.code).toBe(0);
    expect(again.stderr).toBe(
      `grunnmur-radius-secrets: kept 2 lab user(s) in ${tenantFilePaths(ALFA.slug).users}\ngrunnmur-radius-secrets: kept 1 lab user(s) in ${tenantFilePaths(BETA.slug).users}\n`,
    );
    expect(fs.readFileSync(usersFile(ALFA.slug), "utf8")).toBe(before);
    expect(fs.readFileSync(usersFile(BETA.slug), "utf8")).toContain(`"${BETA.user}" Cleartext-Password`);
  });

  it("refuses, naming the file, when the new configuration has no files backend for a municipality with lab users, and changes nothing", async () => {
    const withoutBeta = { ...region, tenants: region.tenants.filter((t) => t.spec.slug !== BETA.slug) };
    const before = fs.readFileSync(usersFile(BETA.slug), "utf8");
    const run = await boot(delivery(withoutBeta), "without-beta");
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `grunnmur-radius-secrets: ${usersFile(BETA.slug)} holds 1 lab user(s), but the new configuration has no files backend for that municipality; move the file out of ${target} (or delete it) and run again; nothing was installed\n`,
    );
    expect(fs.readFileSync(usersFile(BETA.slug), "utf8")).toBe(before);
    expect(fs.existsSync(path.join(target, tenantFilePaths(BETA.slug).module))).toBe(true);
  });

  it("installs the new configuration once the operator has moved the users file away", async () => {
    fs.renameSync(usersFile(BETA.slug), path.join(dir, "nord-beta.users.saved"));
    const withoutBeta = { ...region, tenants: region.tenants.filter((t) => t.spec.slug !== BETA.slug) };
    const run = await boot(delivery(withoutBeta), "moved");
    expect(run.code).toBe(0);
    expect(fs.existsSync(path.join(target, tenantFilePaths(BETA.slug).module))).toBe(false);
    expect(fs.readFileSync(usersFile(ALFA.slug), "utf8")).toContain(`"${ALFA.user}" Cleartext-Password`);
  });
});
