import { randomBytes } from "node:crypto";
import type { LabSecrets } from "../../../domain/eduroam/lab-secrets";
import { droppedLabUsers, LAB_CLIENTS_PATH, labAccessPoints, labRuntime, labSecretName, renderLabTree, withFilesBackends } from "../../../domain/eduroam/lab-tree";
import type { EduroamPlan } from "../../../domain/eduroam/plan";
import { renderRadiusTree, SERVER_CERTIFICATE_PATH } from "../../../domain/eduroam/radius-tree";
import { PLACEHOLDER_PATTERN, secretsIn } from "../../../domain/eduroam/secret-placeholders";
import { LAB_USERS_FILE, tenantFilePaths } from "../../../domain/eduroam/tenant-backends";
import { examplePlan } from "./example-plan";

const FILE = "out/lab-secrets.yaml";
const fake = (what: string) => `fake-${what}-${randomBytes(4).toString("hex")}`;
const runtime = labRuntime("/tmp/lab", "127.0.0.1", 18120, 18130);

/** Fake values for every secret `plan`'s tree uses; the certificate a fake PEM. */
function labSecretsFor(plan: EduroamPlan, overrides: Partial<LabSecrets> = {}): LabSecrets {
  const tree = renderRadiusTree(plan);
  const secrets = new Map(
    secretsIn(tree).map((s) => [labSecretName(s), s.placeholder === tree[SERVER_CERTIFICATE_PATH].trim() ? "-----BEGIN FAKE-----\nfake\n-----END FAKE-----\n" : fake(s.secretName)]),
  );
  return { secrets, accessPointSecret: fake("ap"), testUsers: [], ...overrides };
}

function problemsOf(result: ReturnType<typeof renderLabTree>): readonly string[] {
  return result.ok ? [] : result.problems;
}

describe("the lab tree", () => {
  const plan = examplePlan();
  const senja = plan.tenants.find((t) => t.slug === "senja")!;
  const senjaFiles = withFilesBackends(plan, ["senja"]).plan!;

  it("runs in the lab's own directories, on the given address and ports", () => {
    const result = renderLabTree(plan, runtime, labSecretsFor(plan), FILE);
    const tree = result.ok ? result.tree : {};
    expect(tree["radiusd.conf"]).toContain("logdir = /tmp/lab/log\n");
    expect(tree["radiusd.conf"]).toContain("raddbdir = /tmp/lab/raddb\n");
    expect(tree["radiusd.conf"]).toContain("run_dir = /tmp/lab/run\n");
    expect(tree["sites-enabled/eduroam"]).toMatch(/ipaddr = 127\.0\.0\.1\n\s*port = 18120\n/);
  });

  it("fills in every secret from the file, with the certificate as a whole file, and leaves no placeholder", () => {
    const secrets = labSecretsFor(plan);
    const result = renderLabTree(plan, runtime, secrets, FILE);
    expect(problemsOf(result)).toEqual([]);
    const tree = result.ok ? result.tree : {};
    expect(Object.values(tree).filter((text) => new RegExp(PLACEHOLDER_PATTERN.source).test(text))).toEqual([]);
    expect(tree[SERVER_CERTIFICATE_PATH]).toBe("-----BEGIN FAKE-----\nfake\n-----END FAKE-----\n");
    const apSecret = secrets.secrets.get(senja.accessPoints[0].secret.keyVaultSecret!)!;
    expect(tree["clients.d/senja.conf"]).toContain(`secret = '${apSecret}'`);
  });

  it("lists every missing secret as a line to paste, the certificate as a file", () => {
    const secrets = labSecretsFor(plan);
    const certificateName = [...secrets.secrets.keys()].find((name) => secrets.secrets.get(name)!.startsWith("-----BEGIN"))!;
    const partial = new Map([...secrets.secrets].filter(([name]) => name !== certificateName && name !== "senja-ldap-radius-bind"));
    expect(problemsOf(renderLabTree(plan, runtime, { ...secrets, secrets: partial }, FILE))).toEqual([
      `${FILE}, secrets: no value for 2 secrets the configuration uses; add under secrets:\n  ${certificateName}: { file: PATH }   # the server certificate: one PEM with key, certificate and chain\n  senja-ldap-radius-bind: <a lab-only value>`,
    ]);
  });

  it("refuses a secret the configuration does not use, naming the ones it does", () => {
    const secrets = labSecretsFor(plan);
    const problems = problemsOf(renderLabTree(plan, runtime, { ...secrets, secrets: new Map([...secrets.secrets, ["senja-ldap-typo", "x"]]) }, FILE));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^out\/lab-secrets\.yaml, secrets\.senja-ldap-typo: the configuration uses no secret of that name; the names are .*senja-ldap-radius-bind/);
  });

  it.each(["it's", "back\\slash", "two\nlines"])("refuses a secret value FreeRADIUS cannot hold in a quoted value: %j", (value) => {
    const secrets = labSecretsFor(plan);
    const name = senja.accessPoints[0].secret.keyVaultSecret!;
    expect(problemsOf(renderLabTree(plan, runtime, { ...secrets, secrets: new Map([...secrets.secrets, [name, value]]) }, FILE))).toEqual([
      `${FILE}, secrets.${name}: contains a quote, backslash or control character, which FreeRADIUS cannot hold in clients.d/senja.conf; use a value without them`,
    ]);
  });

  it("gives each municipality its own loopback access point with its realm, VLAN and Operator-Name", () => {
    const result = renderLabTree(plan, runtime, labSecretsFor(plan), FILE);
    const clients = result.ok ? result.tree[LAB_CLIENTS_PATH] : "";
    const addresses = labAccessPoints(plan).map((ap) => ap.address);
    expect(new Set(addresses).size).toBe(plan.tenants.length);
    const index = plan.tenants.indexOf(senja);
    expect(clients).toMatch(new RegExp(`client senja_lab \\{\\n\\tipv4addr = ${addresses[index].replace(/\./g, "\\.")}\\n[^}]*grunnmur_realm = "senja\\.kommune\\.no"\\n\\tgrunnmur_vlan = "${senja.vlan}"\\n\\tgrunnmur_operator_name = "1senja\\.kommune\\.no"`));
  });

  it("adds test users to a files backend, quoted so their passwords are never expanded", () => {
    const lab = labSecretsFor(senjaFiles, { testUsers: [{ user: "ola@senja.kommune.no", password: "fake-%{x}${y}" }] });
    const result = renderLabTree(senjaFiles, runtime, lab, FILE);
    expect(problemsOf(result)).toEqual([]);
    const users = result.ok ? result.tree[tenantFilePaths("senja").users] : "";
    expect(users).toMatch(/\n# Test users from out\/lab-secrets\.yaml:\n"ola@senja\.kommune\.no"\tCleartext-Password := 'fake-%\{x\}\$\{y\}'\n$/);
    expect(result.ok && result.tree["mods-enabled/tenant_senja"]).toMatch(/^files tenant_senja \{/m);
  });

  it.each([
    ["ola@senja.kommune.no", "pw", "senja checks its users against its LDAP directory; test users need a files backend: add --files-backend senja to use one in the lab", false],
    ["ola@elsewhere.example", "pw", "elsewhere.example is not the realm of a municipality with Wi-Fi; the realms are", true],
    ["ola", "pw", "must be user@realm, the user part letters, digits, dots or hyphens", true],
    ["o la@senja.kommune.no", "pw", "must be user@realm, the user part letters, digits, dots or hyphens", true],
    ["ola@senja.kommune.no", "it's", "the password may not contain a quote, backslash or control character", true],
  ])("refuses the test user %j (password %j)", (user, password, message, filesBackend) => {
    const p = filesBackend ? senjaFiles : plan;
    const problems = problemsOf(renderLabTree(p, runtime, labSecretsFor(p, { testUsers: [{ user, password }] }), FILE));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`${FILE}, testUsers.${user}: ${message}`);
  });

  it("switches only the named municipalities to a files backend, and names an unknown one", () => {
    expect(senjaFiles.tenants.map((t) => [t.slug, t.userBackend.kind])).toEqual(plan.tenants.map((t) => [t.slug, t.slug === "senja" ? "files" : t.userBackend.kind]));
    expect(withFilesBackends(plan, ["lyngen"]).problems).toEqual([`--files-backend lyngen: no municipality with Wi-Fi has that slug; they are ${plan.tenants.map((t) => t.slug).join(", ")}`]);
  });
});

describe("users a lab's next run would drop", () => {
  const file = (...users: string[]) => `# header\n\n${users.map((u) => `"${u}"\tCleartext-Password := 'x'\n\tReply-Message := "hi"`).join("\n")}\n`;

  it.each<[string, string, string, string[]]>([
    ["none when the next file has the same users", file("a@x.example", "b@x.example"), file("b@x.example", "a@x.example"), []],
    ["a user added by hand", file("a@x.example", "hand@x.example"), file("a@x.example"), ["hand@x.example"]],
    ["none for comments and continuation lines", "# \"c@x.example\"\n\tCleartext-Password := 'x'\n", file(), []],
    ["an unquoted user", "plain@x.example Cleartext-Password := 'x'\n", file(), ["plain@x.example"]],
  ])("%s", (_name, installed, next, dropped) => {
    expect(droppedLabUsers(installed, next)).toEqual(dropped);
  });
});

describe("the users files the boot script keeps", () => {
  it.each(["senja", "nord-beta", "a1"])("match every files backend's users file (%s)", (slug) => {
    expect(LAB_USERS_FILE.test(tenantFilePaths(slug).users)).toBe(true);
  });

  it.each(["mods-config/files/authorize", "mods-config/files/senja.users.old", "clients.d/senja.users"])("match no other file: %s", (path) => {
    expect(LAB_USERS_FILE.test(path)).toBe(false);
  });
});
