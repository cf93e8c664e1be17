/**
 * One municipality's secret that the boot script cannot install (here its access
 * point's secret spans two lines) leaves out that municipality only: a real
 * FreeRADIUS serves the other one, and the one left out is neither answered at its
 * access point nor sent on to the national proxy.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describeWithRadius } from "./lab/radius-tools";
import { LAB_KEY_VAULT, startEduroamLab, type EduroamLab } from "./lab/eduroam-lab";
import { eapolTest } from "./lab/eapol-test";
import { ALFA, BETA, type LabTenant } from "./lab/lab-region";
import { NATIONAL_PROXY_LOG } from "./lab/national-proxy-mock";

describeWithRadius("eduroam with real FreeRADIUS: a municipality's secret the servers cannot install", () => {
  let lab: EduroamLab;
  beforeAll(async () => {
    lab = await startEduroamLab({ secretOverrides: new Map([[BETA.secretName, "first line\nsecond line"]]) });
  });
  afterAll(() => lab?.stop());

  const peap = (tenant: LabTenant, user: LabTenant) =>
    eapolTest({
      method: "PEAP-MSCHAPv2",
      identity: user.user,
      password: user.password,
      server: { address: lab.runtime.listenAddress, port: lab.runtime.authPort },
      source: tenant.accessPoint,
      secret: tenant === BETA ? "any-secret" : lab.secretOf(tenant),
      caFile: lab.certificates.caFile,
      serverName: lab.certificates.serverName,
      workDir: path.join(lab.dir, "eapol"),
    });

  it("names the municipality and the secret it left out, and installs everyone else", () => {
    expect(lab.boot.code).toBe(0);
    expect(lab.boot.stderr).toBe(
      `grunnmur-radius-secrets: left out municipality ${BETA.slug} (its access points and user backend) until its secret is fixed: secret ${BETA.secretName} in Key Vault ${LAB_KEY_VAULT} contains a quote, backslash or control character, which FreeRADIUS cannot hold in clients.d/${BETA.slug}.conf; set a value without them\n`,
    );
    expect(lab.boot.stdout).toMatch(new RegExp(`; left out: ${BETA.slug}\\n$`));
    for (const file of lab.delivery.tenantParts[BETA.slug]) expect(fs.existsSync(path.join(lab.runtime.configDir, file))).toBe(false);
    for (const file of lab.delivery.tenantParts[ALFA.slug]) expect(fs.existsSync(path.join(lab.runtime.configDir, file))).toBe(true);
    expect(fs.readFileSync(path.join(lab.runtime.configDir, `realms.d/${BETA.slug}.conf`), "utf8")).toContain(`realm ${BETA.realm}`);
  });

  it("still authenticates the other municipality's users at its access points", async () => {
    const result = await peap(ALFA, ALFA);
    expect({ code: result.code, reply: result.reply }).toEqual({ code: 0, reply: "Access-Accept" });
  });

  it("rejects the left-out municipality's users here instead of sending them to the national proxy", async () => {
    const result = await peap(ALFA, BETA);
    expect(result.reply).toBe("Access-Reject");
    expect(lab.readLog(NATIONAL_PROXY_LOG)).not.toContain(BETA.realm);
  });

  it("does not answer the left-out municipality's access point", async () => {
    const result = await peap(BETA, BETA);
    expect(result.reply).toBeUndefined();
    expect(result.code).not.toBe(0);
    expect(lab.server.log).toContain(`unknown client ${BETA.accessPoint}`);
  });
});
