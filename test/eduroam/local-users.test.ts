/**
 * eduroam scenarios against a real FreeRADIUS running the generated tree (installed
 * by the real boot script): the municipalities' own users, and what is refused.
 */
import * as path from "node:path";
import { AUTH_LOG_FILE } from "../../domain/eduroam/runtime";
import { describeWithRadius } from "./lab/radius-tools";
import { startEduroamLab, type EduroamLab } from "./lab/eduroam-lab";
import { eapolTest, type EapMethod } from "./lab/eapol-test";
import { radclient } from "./lab/radclient";
import { ALFA, BETA, type LabTenant } from "./lab/lab-region";

const TUNNEL_PRIVATE_GROUP_ID = 81;
const CHARGEABLE_USER_IDENTITY = 89;
const EAP_MESSAGE = 79;
const MESSAGE_AUTHENTICATOR = 80;

/** An EAP-Response/Identity (RFC 3748) with identifier `id`, as radclient writes octets. */
function eapIdentity(id: number, identity: string): string {
  const data = Buffer.from(identity, "latin1");
  const header = Buffer.from([2, id, 0, 5 + data.length, 1]);
  return `0x${Buffer.concat([header, data]).toString("hex")}`;
}

describeWithRadius("eduroam with real FreeRADIUS: local users", () => {
  let lab: EduroamLab;
  beforeAll(async () => {
    lab = await startEduroamLab();
  });
  afterAll(() => lab?.stop());

  const server = () => ({ address: lab.runtime.listenAddress, port: lab.runtime.authPort });
  const login = (tenant: LabTenant, method: EapMethod, identity: string, password: string, anonymousIdentity?: string) =>
    eapolTest({
      method,
      identity,
      anonymousIdentity,
      password,
      server: server(),
      source: tenant.accessPoint,
      secret: lab.secretOf(tenant),
      caFile: lab.certificates.caFile,
      serverName: lab.certificates.serverName,
      workDir: path.join(lab.dir, "eapol"),
    });

  it.each<[string, EapMethod, LabTenant]>([
    [ALFA.slug, "PEAP-MSCHAPv2", ALFA],
    [ALFA.slug, "TTLS-PAP", ALFA],
    [BETA.slug, "PEAP-MSCHAPv2", BETA],
    [BETA.slug, "TTLS-PAP", BETA],
  ])("authenticates a user of %s by %s with the municipality's VLAN and a CUI", async (_slug, method, tenant) => {
    const result = await login(tenant, method, tenant.user, tenant.password);
    expect({ code: result.code, reply: result.reply }).toEqual({ code: 0, reply: "Access-Accept" });
    expect(result.attributes.get(TUNNEL_PRIVATE_GROUP_ID)).toBe(String(tenant.vlan));
    expect(result.attributes.get(CHARGEABLE_USER_IDENTITY)).toMatch(/^[0-9a-f]{40}$/);
  });

  it("gives a municipality's user no VLAN at another municipality's access point", async () => {
    const result = await login(BETA, "PEAP-MSCHAPv2", ALFA.user, ALFA.password);
    expect(result.code).toBe(0);
    expect(result.attributes.has(TUNNEL_PRIVATE_GROUP_ID)).toBe(false);
  });

  it("rejects a wrong password", async () => {
    const result = await login(ALFA, "TTLS-PAP", ALFA.user, "not-the-password");
    expect(result.code).not.toBe(0);
    expect(result.reply).toBe("Access-Reject");
  });

  it("rejects a user who presents realm A outside and realm B inside", async () => {
    const result = await login(ALFA, "PEAP-MSCHAPv2", BETA.user, BETA.password, `@${ALFA.realm}`);
    expect(result.reply).toBe("Access-Reject");
    expect(lab.readLog(AUTH_LOG_FILE)).toMatch(new RegExp(`result=reject\\tuser=@${ALFA.realm}\\tinner=${BETA.user}\\t.*reason=inner realm differs from outer realm`));
  });

  it("rejects a realm-less outer identity", async () => {
    const result = await login(ALFA, "PEAP-MSCHAPv2", ALFA.user, ALFA.password, "anonymous");
    expect(result.reply).toBe("Access-Reject");
  });

  it.each([
    ["ola", "User-Name has no realm"],
    ["ola@alfa..example", "the realm of User-Name is not a domain name"],
    ["ola@alfa.example.", "the realm of User-Name is not a domain name"],
    ["ola@localhost", "the realm of User-Name is not a domain name"],
    ["ola@@alfa.example", "User-Name has more than one @"],
    ["ola @alfa.example", "User-Name contains whitespace or control characters"],
  ])("rejects the malformed user name %j", async (userName, reason) => {
    const result = await radclient(server(), "auth", lab.secretOf(ALFA), { "User-Name": JSON.stringify(userName), "User-Password": '"x"' });
    expect(result.reply).toBe("Access-Reject");
    expect(lab.readLog(AUTH_LOG_FILE)).toContain(`user=${userName}\t`);
    expect(lab.readLog(AUTH_LOG_FILE)).toContain(`reason=${reason}\n`);
  });

  it("rejects a realm-less outer identity with an EAP-Failure and Message-Authenticator", async () => {
    const result = await login(ALFA, "PEAP-MSCHAPv2", ALFA.user, ALFA.password, "anonymous");
    expect(result.reply).toBe("Access-Reject");
    expect(result.attributes.get(EAP_MESSAGE)?.charCodeAt(0)).toBe(4);
    expect(result.attributes.has(MESSAGE_AUTHENTICATOR)).toBe(true);
  });

  it.each([
    ["ola", 7],
    ["ola@@alfa.example", 42],
  ])("answers the malformed EAP identity %j with an EAP-Failure of the same identifier and Message-Authenticator", async (userName, id) => {
    const result = await radclient(server(), "auth", lab.secretOf(ALFA), { "User-Name": JSON.stringify(userName), "EAP-Message": eapIdentity(id, userName) });
    expect(result.reply).toBe("Access-Reject");
    expect(result.attributes.get("EAP-Message")).toBe(`0x04${id.toString(16).padStart(2, "0")}0004`);
    expect(result.attributes.has("Message-Authenticator")).toBe(true);
  });

  it("answers an EAP-Message too short for eap to read with an EAP-Failure of its identifier", async () => {
    const result = await radclient(server(), "auth", lab.secretOf(ALFA), { "User-Name": JSON.stringify(ALFA.user), "EAP-Message": "0x0209ff" });
    expect(result.reply).toBe("Access-Reject");
    expect(result.attributes.get("EAP-Message")).toBe("0x04090004");
    expect(result.attributes.has("Message-Authenticator")).toBe(true);
  });

  it("answers a request without EAP with an EAP-Failure and Message-Authenticator", async () => {
    const result = await radclient(server(), "auth", lab.secretOf(ALFA), { "User-Name": JSON.stringify(ALFA.user), "User-Password": '"not-eap"' });
    expect(result.reply).toBe("Access-Reject");
    expect(result.attributes.get("EAP-Message")).toBe("0x04000004");
    expect(result.attributes.has("Message-Authenticator")).toBe(true);
    expect(lab.readLog(AUTH_LOG_FILE)).toContain("reason=eduroam requires EAP\n");
  });

  it("answers Status-Server", async () => {
    const result = await radclient(server(), "status", lab.secretOf(ALFA), {});
    expect(result.reply).toBe("Access-Accept");
  });

  it("logs time, outer identity, Calling-Station-Id, result, CUI and our user's inner identity, but no MS-MPPE keys", async () => {
    const result = await login(ALFA, "TTLS-PAP", ALFA.user, ALFA.password);
    expect(result.code).toBe(0);
    const cui = result.attributes.get(CHARGEABLE_USER_IDENTITY)!;
    const line = lab.readLog(AUTH_LOG_FILE).split("\n").find((l) => l.includes(`cui=${cui}`));
    expect(line).toMatch(
      new RegExp(`^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\tresult=accept\\tuser=@${ALFA.realm}\\tinner=${ALFA.user}\\trealm=${ALFA.realm}\\tcalling_station=02-00-00-00-00-01\\t`),
    );
    expect(lab.readLog(AUTH_LOG_FILE)).not.toMatch(/MPPE|Recv-Key|Send-Key/i);
  });
});
