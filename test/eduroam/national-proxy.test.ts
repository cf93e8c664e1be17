/**
 * eduroam scenarios with a second FreeRADIUS playing the national proxy: visitors
 * are proxied to it, our roaming users come from it, and nothing loops back.
 */
import * as path from "node:path";
import { ACCOUNTING_LOG_FILE, AUTH_LOG_FILE } from "../../domain/eduroam/runtime";
import { describeWithRadius } from "./lab/radius-tools";
import { startEduroamLab, type EduroamLab } from "./lab/eduroam-lab";
import { eapolTest } from "./lab/eapol-test";
import { radclient } from "./lab/radclient";
import { ADDRESSES, ALFA, NATIONAL_PROXY_SECRET_NAME } from "./lab/lab-region";
import { FOREIGN_CUI, NATIONAL_PROXY_LOG } from "./lab/national-proxy-mock";

const FILTER_ID = 11;
const TUNNEL_PRIVATE_GROUP_ID = 81;
const CHARGEABLE_USER_IDENTITY = 89;
const EAP_MESSAGE = 79;
const MESSAGE_AUTHENTICATOR = 80;

describeWithRadius("eduroam with real FreeRADIUS: the national proxy", () => {
  let lab: EduroamLab;
  beforeAll(async () => {
    lab = await startEduroamLab();
  });
  afterAll(() => lab?.stop());

  const server = () => ({ address: lab.runtime.listenAddress, port: lab.runtime.authPort });
  const received = () => lab.readLog(NATIONAL_PROXY_LOG);
  const peap = (identity: string, password: string, source: string, secret: string) =>
    eapolTest({
      method: "PEAP-MSCHAPv2",
      identity,
      password,
      server: server(),
      source,
      secret,
      caFile: lab.certificates.caFile,
      serverName: lab.certificates.serverName,
      workDir: path.join(lab.dir, "eapol"),
    });
  const fromNationalProxy = (identity: string, password: string) => peap(identity, password, ADDRESSES.nationalProxy, lab.secrets.get(NATIONAL_PROXY_SECRET_NAME)!);

  it("proxies a visitor from a foreign realm to the national proxy with Operator-Name set", async () => {
    const result = await peap(lab.visitor.user, lab.visitor.password, ALFA.accessPoint, lab.secretOf(ALFA));
    expect({ code: result.code, reply: result.reply }).toEqual({ code: 0, reply: "Access-Accept" });
    expect(received()).toContain(`user=@visitor.example.org operator=1${ALFA.realm} cui_request=0x00`);
  });

  it("drops the foreign VLAN and filter from the reply but keeps the foreign CUI", async () => {
    const result = await peap(lab.visitor.user, lab.visitor.password, ALFA.accessPoint, lab.secretOf(ALFA));
    expect(result.code).toBe(0);
    expect(result.attributes.has(TUNNEL_PRIVATE_GROUP_ID)).toBe(false);
    expect(result.attributes.has(FILTER_ID)).toBe(false);
    expect(result.attributes.get(CHARGEABLE_USER_IDENTITY)).toBe(FOREIGN_CUI);
    expect(lab.nationalProxy.log).toMatch(/Sent Access-Accept[^]*Tunnel-Private-Group-Id :?= "999"/);
  });

  it("rejects a request from the national proxy for a realm not served here, without sending it back", async () => {
    const result = await fromNationalProxy("someone@elsewhere.example.net", "whatever");
    expect(result.reply).toBe("Access-Reject");
    expect(result.code).not.toBe(0);
    expect(received()).not.toContain("elsewhere.example.net");
    // The national proxy drops a reject without them (RFC 3579, Blast-RADIUS).
    expect(result.attributes.get(EAP_MESSAGE)?.charCodeAt(0)).toBe(4);
    expect(result.attributes.has(MESSAGE_AUTHENTICATOR)).toBe(true);
    expect(lab.readLog(AUTH_LOG_FILE)).toMatch(/user=@elsewhere\.example\.net\t.*reason=request from a national proxy for a realm not served here/);
  });

  it("authenticates our own user who roams, when the national proxy brings the request, without a VLAN", async () => {
    const result = await fromNationalProxy(ALFA.user, ALFA.password);
    expect({ code: result.code, reply: result.reply }).toEqual({ code: 0, reply: "Access-Accept" });
    expect(result.attributes.has(TUNNEL_PRIVATE_GROUP_ID)).toBe(false);
  });

  it("answers accounting for a visitor itself and never forwards it", async () => {
    const result = await radclient({ address: lab.runtime.listenAddress, port: lab.runtime.acctPort }, "acct", lab.secretOf(ALFA), {
      "User-Name": '"accounting-visitor@visitor.example.org"',
      "Acct-Status-Type": "Start",
      "Acct-Session-Id": '"lab-session-1"',
      "Calling-Station-Id": '"02-00-00-00-00-09"',
    });
    expect(result.reply).toBe("Accounting-Response");
    expect(lab.readLog(ACCOUNTING_LOG_FILE)).toContain("status=Start\tuser=accounting-visitor@visitor.example.org\tcalling_station=02-00-00-00-00-09");
    expect(received()).not.toContain("accounting-visitor");
  });
});
