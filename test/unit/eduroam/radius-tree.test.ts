import { renderRadiusTree, type RadiusTree } from "../../../domain/eduroam/radius-tree";
import { secretsIn, keyVaultNameForConfig } from "../../../domain/eduroam/secret-placeholders";
import { single, plain } from "../../../domain/eduroam/conf-syntax";
import { examplePlan, withTenant } from "./example-plan";

/** Paths whose text differs between two trees, including files only one has. */
function changedPaths(a: RadiusTree, b: RadiusTree): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((p) => a[p] !== b[p]).sort();
}

const senjaFiles = [
  "clients.d/senja.conf",
  "inner-tunnel.d/authenticate/senja",
  "inner-tunnel.d/authorize/senja",
  "mods-enabled/tenant_senja",
];

describe("the generated FreeRADIUS tree", () => {
  const plan = examplePlan();
  const tree = renderRadiusTree(plan);
  const senja = plan.tenants.find((t) => t.slug === "senja")!;

  it("is byte-identical for the same input, with paths in sorted order", () => {
    expect(renderRadiusTree(examplePlan())).toEqual(tree);
    expect(Object.keys(tree)).toEqual([...Object.keys(tree)].sort());
  });

  it.each<[string, () => RadiusTree, string[]]>([
    ["a VLAN change touches only the tenant's client file", () => renderRadiusTree(withTenant(plan, { ...senja, vlan: 111 })), ["clients.d/senja.conf"]],
    [
      "a new access point touches only the tenant's client file",
      () => renderRadiusTree(withTenant(plan, { ...senja, accessPoints: [...senja.accessPoints, { key: "skole", address: "10.10.2.0/28", secret: { keyVaultSecret: "s" } }] })),
      ["clients.d/senja.conf"],
    ],
    [
      "a realm change touches only the tenant's files, its realm file among them",
      () => renderRadiusTree(withTenant(plan, { ...senja, realm: "wifi.senja.kommune.no" })),
      [...senjaFiles, "realms.d/senja.conf"],
    ],
    [
      "a new municipality adds only its own files, and no file it shares with others changes",
      () => renderRadiusTree(withTenant(plan, { ...senja, slug: "bardu", realm: "bardu.kommune.no" })),
      ["clients.d/bardu.conf", "inner-tunnel.d/authenticate/bardu", "inner-tunnel.d/authorize/bardu", "mods-enabled/tenant_bardu", "realms.d/bardu.conf"],
    ],
  ])("%s", (_label, change, expected) => {
    expect(changedPaths(tree, change())).toEqual(expected);
  });

  it("gives every access point its own secret placeholder, Message-Authenticator and Operator-Name 1<realm>", () => {
    const client = tree["clients.d/senja.conf"];
    expect(client).toContain("client senja_finnsnes-wlc {");
    expect(client).toContain("\tsecret = '@@keyvault:generated-radius-senja-finnsnes-wlc@@'");
    expect(client).toContain("\trequire_message_authenticator = yes");
    expect(client).toContain('\tgrunnmur_operator_name = "1senja.kommune.no"');
    expect(client).toContain('\tgrunnmur_vlan = "110"');
  });

  it("sends foreign realms to the national proxies in fail-over with Status-Server, and no accounting", () => {
    const proxy = tree["proxy.conf"];
    expect(proxy).toMatch(/home_server_pool eduroam_national_proxies \{\n\ttype = fail-over\n\thome_server = national_proxy_proxy-1\n\thome_server = national_proxy_proxy-2\n\}/);
    expect(proxy).toContain("\tstatus_check = status-server");
    expect(proxy).toMatch(/realm DEFAULT \{\n\tauth_pool = eduroam_national_proxies\n\tnostrip\n\}/);
    expect(proxy).not.toContain("acct_pool");
    expect(proxy).toContain("$INCLUDE realms.d/\n");
    expect(tree["realms.d/senja.conf"]).toContain("realm senja.kommune.no {\n\tnostrip\n}");
    expect(tree["realms.d/README"]).not.toMatch(/^[^#\n]/m);
  });

  it("holds no secret, only a placeholder for every secret reference", () => {
    const names = secretsIn(tree).map((s) => s.secretName);
    expect(names).toEqual(expect.arrayContaining(["generated-radius-senja-finnsnes-wlc", "senja-ldap-radius-bind", "eduroam-national-proxy-1", "eduroam-radius-server", "generated-eduroam-cui-key"]));
    expect(names).toHaveLength(19);
    expect(tree["certs/server.pem"]).toBe("@@keyvault:eduroam-radius-server@@\n");
  });

  it("marks a files backend as labs and tests only", () => {
    const lab = renderRadiusTree(withTenant(plan, { ...senja, userBackend: { kind: "files" } }));
    expect(lab["mods-enabled/tenant_senja"]).toContain("LABS AND TESTS ONLY");
    expect(lab["mods-config/files/senja.users"]).toContain("LABS AND TESTS ONLY");
  });

  it("never logs the whole reply, so MS-MPPE keys stay out of the auth log", () => {
    expect(tree["mods-enabled/eduroam_auth_log"]).not.toMatch(/MPPE|%\{reply:\}|reply_log/);
  });
});

describe("secret placeholders and quoting", () => {
  it("maps a Pulumi config secret to a Key Vault name the platform stack fills", () => {
    const tree = { "x.conf": "secret = '@@pulumiConfig:grunnmur:flrSecret@@'\nother = '@@keyvault:kv-other/name-1@@'" };
    expect(secretsIn(tree)).toEqual([
      { placeholder: "@@keyvault:kv-other/name-1@@", keyVault: "kv-other", secretName: "name-1" },
      { placeholder: "@@pulumiConfig:grunnmur:flrSecret@@", secretName: "pulumi-config-grunnmur-flrSecret", copyFromPulumiConfig: "grunnmur:flrSecret" },
    ]);
    expect(keyVaultNameForConfig("a.b_c")).toBe("pulumi-config-a-b-c");
  });

  it("quotes values so FreeRADIUS expands nothing in them", () => {
    expect(single("a'b")).toBe("'a\\'b'");
    expect(() => plain("%{User-Name}")).toThrow(/not safe/);
  });
});
