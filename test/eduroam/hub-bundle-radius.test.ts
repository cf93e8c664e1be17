/**
 * A municipality on another hub, with real FreeRADIUS: its realm, access point
 * and users reach the servers only in its hub's bundle (hubRadiusDelivery), which
 * the boot script fetches from the fake Key Vault and merges with the platform's
 * userData. Its users authenticate at its own access point and at the primary
 * hub's, with its VLAN, and are never sent to the national proxy.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { startEduroamLab, type EduroamLab } from "./lab/eduroam-lab";
import { eapolTest } from "./lab/eapol-test";
import { ALFA, BETA, type LabTenant } from "./lab/lab-region";
import { NATIONAL_PROXY_LOG } from "./lab/national-proxy-mock";
import { describeWithRadius } from "./lab/radius-tools";

const TUNNEL_PRIVATE_GROUP_ID = 81;

describeWithRadius("eduroam with real FreeRADIUS: a municipality delivered in its hub's bundle", () => {
  let lab: EduroamLab;
  beforeAll(async () => {
    lab = await startEduroamLab({ withHub: true });
  });
  afterAll(() => lab?.stop());

  const peap = (at: LabTenant, user: LabTenant) =>
    eapolTest({
      method: "PEAP-MSCHAPv2",
      identity: user.user,
      password: user.password,
      server: { address: lab.runtime.listenAddress, port: lab.runtime.authPort },
      source: at.accessPoint,
      secret: lab.secretOf(at),
      caFile: lab.certificates.caFile,
      serverName: lab.certificates.serverName,
      workDir: path.join(lab.dir, "eapol"),
    });

  it("is not in the platform's userData, only in the hub's bundle, and the boot script merged it", () => {
    expect(Object.keys(lab.delivery.tree).filter((p) => p.includes(BETA.slug))).toEqual([]);
    expect(Object.keys(lab.hub!.tree)).toContain(`realms.d/${BETA.slug}.conf`);
    expect(lab.boot.stdout).toMatch(/; hubs: finnmark\n$/);
    expect(fs.readFileSync(path.join(lab.runtime.configDir, `realms.d/${BETA.slug}.conf`), "utf8")).toContain(`realm ${BETA.realm} {`);
  });

  it("authenticates the hub municipality's user at its own access point, with its VLAN", async () => {
    const result = await peap(BETA, BETA);
    expect({ code: result.code, reply: result.reply }).toEqual({ code: 0, reply: "Access-Accept" });
    expect(result.attributes.get(TUNNEL_PRIVATE_GROUP_ID)).toBe(String(BETA.vlan));
  });

  it("authenticates it at the primary hub's access point too, here and not at the national proxy", async () => {
    const result = await peap(ALFA, BETA);
    expect({ code: result.code, reply: result.reply }).toEqual({ code: 0, reply: "Access-Accept" });
    expect(lab.readLog(NATIONAL_PROXY_LOG)).not.toContain(BETA.realm);
  });

  it("still authenticates the primary hub's municipality from the platform's own userData", async () => {
    const result = await peap(ALFA, ALFA);
    expect({ code: result.code, reply: result.reply }).toEqual({ code: 0, reply: "Access-Accept" });
  });
});
