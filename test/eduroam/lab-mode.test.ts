/**
 * `grunnmur radius --lab`: the tree an operator runs by hand. The command
 * writes it from the lab region and a secrets file with fake values made here;
 * real FreeRADIUS runs it on loopback and eapol_test logs in a test user, as
 * the README tells an operator to.
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import { labSecretName } from "../../domain/eduroam/lab-tree";
import { eduroamPlan } from "../../domain/eduroam/plan";
import { renderRadiusTree, SERVER_CERTIFICATE_PATH } from "../../domain/eduroam/radius-tree";
import { AUTH_LOG_FILE } from "../../domain/eduroam/runtime";
import { secretsIn } from "../../domain/eduroam/secret-placeholders";
import { loadRegion } from "../../tenants/validation/load-region";
import { runCli, type CliRun } from "../helpers/cli";
import type { FixtureRegion } from "../helpers/region-fixture";
import { makeTestCertificates, type TestCertificates } from "./lab/certificates";
import { eapolTest, type EapMethod } from "./lab/eapol-test";
import { freeUdpPort, RadiusServer } from "./lab/freeradius-process";
import { ALFA, BETA, makeLabRegion } from "./lab/lab-region";
import { describeWithRadius } from "./lab/radius-tools";

const TUNNEL_PRIVATE_GROUP_ID = 81;
const LISTEN = "127.0.0.1";

describeWithRadius("eduroam lab mode: grunnmur radius --lab with real FreeRADIUS", () => {
  let dir: string;
  let labDir: string;
  let region: FixtureRegion;
  let certificates: TestCertificates;
  let accessPointSecret: string;
  let ports: { auth: number; acct: number };
  let written: CliRun;
  let server: RadiusServer | undefined;
  // %{..} and ${..}: a value FreeRADIUS would expand if it were quoted wrong.
  const alfaUser = { user: `lab-ola@${ALFA.realm}`, password: `fake-%{x}\${y}-${randomBytes(4).toString("hex")}` };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-lab-mode-"));
    labDir = path.join(dir, "lab");
    certificates = makeTestCertificates(path.join(dir, "pki"));
    fs.writeFileSync(path.join(dir, "lab-server.pem"), certificates.serverPem);
    // Nothing answers there: the lab's national proxy is a loopback address no one listens on.
    region = makeLabRegion(await freeUdpPort("127.0.0.3"));
    ports = { auth: await freeUdpPort(LISTEN), acct: await freeUdpPort(LISTEN) };
    accessPointSecret = `fake-ap-${randomBytes(6).toString("hex")}`;

    const plan = eduroamPlan(loadRegion({ tenantsDir: region.tenantsDir, platformFile: region.platformFile }).region!)!;
    const tree = renderRadiusTree(plan);
    const secrets: Record<string, unknown> = {};
    for (const secret of secretsIn(tree)) {
      secrets[labSecretName(secret)] = secret.placeholder === tree[SERVER_CERTIFICATE_PATH].trim() ? { file: "lab-server.pem" } : `fake-${randomBytes(6).toString("hex")}`;
    }
    fs.writeFileSync(
      path.join(dir, "lab-secrets.yaml"),
      stringify({ secrets, accessPointSecret, testUsers: { [alfaUser.user]: alfaUser.password, [BETA.user]: BETA.password } }),
    );
    written = await lab();
    if (written.code === 0) server = await RadiusServer.start(path.join(labDir, "raddb"));
  });
  afterAll(async () => {
    await server?.stop();
    region?.remove();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function lab(extra: string[] = []): Promise<CliRun> {
    const args = ["radius", "--lab", labDir, "--listen", LISTEN, "--auth-port", String(ports.auth), "--acct-port", String(ports.acct)];
    return runCli([...args, "--secrets", path.join(dir, "lab-secrets.yaml"), "--tenants", region.tenantsDir, "--platform", region.platformFile, ...extra]);
  }

  /** The lab access point of `slug`, as the command's table shows it. */
  function accessPointOf(slug: string): string {
    const row = written.stdout.split("\n").find((line) => line.startsWith(`${slug} `));
    return /(127\.0\.1\.\d+)\s*$/.exec(row ?? "")?.[1] ?? "";
  }

  const login = (slug: string, method: EapMethod, user: { user: string; password: string }) =>
    eapolTest({
      method,
      identity: user.user,
      password: user.password,
      server: { address: LISTEN, port: ports.auth },
      source: accessPointOf(slug),
      secret: accessPointSecret,
      caFile: certificates.caFile,
      serverName: certificates.serverName,
      workDir: path.join(dir, "eapol"),
    });

  it("writes the lab and tells the operator how to start it", () => {
    expect(written.stderr).toBe("");
    expect(written.code).toBe(0);
    expect(written.stdout).toContain(`Start it:    freeradius -X -d ${path.join(labDir, "raddb")}`);
    expect(accessPointOf(ALFA.slug)).toBe("127.0.1.1");
    expect(accessPointOf(BETA.slug)).toBe("127.0.1.2");
  });

  it.each<EapMethod>(["PEAP-MSCHAPv2", "TTLS-PAP"])("authenticates a test user from the secrets file by %s at the lab access point, with the municipality's VLAN", async (method) => {
    const result = await login(ALFA.slug, method, alfaUser);
    expect({ code: result.code, reply: result.reply }).toEqual({ code: 0, reply: "Access-Accept" });
    expect(result.attributes.get(TUNNEL_PRIVATE_GROUP_ID)).toBe(String(ALFA.vlan));
  });

  it("rejects a wrong password and logs it in the lab's log directory", async () => {
    const result = await login(BETA.slug, "TTLS-PAP", { user: BETA.user, password: "not-the-password" });
    expect(result.reply).toBe("Access-Reject");
    expect(fs.readFileSync(path.join(labDir, "log", AUTH_LOG_FILE), "utf8")).toMatch(new RegExp(`result=reject\\tuser=@${BETA.realm}\\tinner=${BETA.user}\\t`));
  });

  it("keeps every file of the lab out of git, and readable by its owner only", () => {
    expect(fs.readFileSync(path.join(labDir, ".gitignore"), "utf8")).toMatch(/^\*$/m);
    expect(fs.statSync(path.join(labDir, "raddb", SERVER_CERTIFICATE_PATH)).mode & 0o077).toBe(0);
  });

  it("refuses a test user of a realm not served here, naming the file and field, and leaves the lab as it was", async () => {
    const secretsFile = path.join(dir, "lab-secrets.yaml");
    const original = fs.readFileSync(secretsFile, "utf8");
    const users = path.join(labDir, "raddb", "mods-config/files", `${ALFA.slug}.users`);
    const before = fs.readFileSync(users, "utf8");
    try {
      fs.writeFileSync(secretsFile, original.replace(`${BETA.user}:`, "kari@elsewhere.example:"));
      const run = await lab();
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`${secretsFile}, testUsers.kari@elsewhere.example: elsewhere.example is not the realm of a municipality with Wi-Fi; the realms are ${ALFA.realm}, ${BETA.realm}`);
      expect(fs.readFileSync(users, "utf8")).toBe(before);
    } finally {
      fs.writeFileSync(secretsFile, original);
    }
  });

  it("refuses to drop a user added by hand to the lab since the last run, and leaves the file as it was", async () => {
    const users = path.join(labDir, "raddb", "mods-config/files", `${BETA.slug}.users`);
    fs.appendFileSync(users, `"by-hand@${BETA.realm}"\tCleartext-Password := 'fake-by-hand'\n`);
    const before = fs.readFileSync(users, "utf8");
    const run = await lab();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${users} has users the new lab would drop (by-hand@${BETA.realm}); add them under testUsers in ${path.join(dir, "lab-secrets.yaml")}, or delete the file, then run again`);
    expect(fs.readFileSync(users, "utf8")).toBe(before);
  });
});
