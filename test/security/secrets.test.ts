/**
 * Secrets belong to their owner (issue 14, class 1): attacks by a tenant file on
 * other municipalities' and the platform's secrets, each refused by validation
 * with the exact diagnostic; the RADIUS servers' identities may read exactly the
 * secrets their configuration uses; and the boot script never lets a value
 * bring in another secret.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import { stableGuid } from "../../domain/azure/names";
import { radiusDelivery } from "../../domain/eduroam/delivery";
import { SERVER_RUNTIME } from "../../domain/eduroam/runtime";
import { loadCommandRegion } from "../../scripts/region";
import { formatDiagnostic } from "../../tenants/validation/diagnostic";
import { displayPath } from "../../tenants/validation/load-region";
import { runCli } from "../helpers/cli";
import { ofType, previewFiles, type PreviewedRegion, type Resource } from "../helpers/preview-fixture";
import { basePlatform, baseTenant, copyExampleRegion, makeRegion, type FixtureRegion, type Json } from "../helpers/region-fixture";
import { runBootScript } from "../eduroam/lab/boot-script-run";
import { startFakeKeyVault } from "../eduroam/lab/fake-key-vault";
import { describeWithRadius } from "../eduroam/lab/radius-tools";
import type { StackPreview } from "../../scripts/preview/preview-file";

const SUBSCRIPTION = "/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups";
const vaultId = (group: string, name: string) => `${SUBSCRIPTION}/${group}/providers/Microsoft.KeyVault/vaults/${name}`;

/** The host's platform with eduroam, a Key Vault assigned to each of two municipalities and one of its own. */
function platform(): Json {
  return {
    ...basePlatform(),
    eduroam: {
      nationalProxies: {
        "proxy-1": { address: "192.0.2.11", secret: { keyVaultSecret: "eduroam-national-proxy-1" } },
        "proxy-2": { address: "192.0.2.12", secret: { pulumiConfig: "flrProxy2Secret" } },
      },
    },
    // Realms are proven by the platform's registry (realms.test.ts); these are the two municipalities' own.
    domains: { senja: ["senja.example"], alta: ["alta.example"], "senja-nord": ["senja-nord.example"] },
    keyVaults: {
      "kv-senja-eduroam": { resourceId: vaultId("rg-senja-secrets", "kv-senja-eduroam"), tenant: "senja" },
      "kv-alta-eduroam": { resourceId: vaultId("rg-alta-secrets", "kv-alta-eduroam"), tenant: "alta" },
      "kv-tromso-certs": { resourceId: vaultId("rg-tromso-certs", "kv-tromso-certs") },
    },
  };
}

/** A municipality with a VPN site and Wi-Fi against its own directory, all secrets its own. */
function tenant(slug: string, kommunenummer: string, n: number, site: string, ap: string, net: number): Json {
  return {
    ...baseTenant(slug, kommunenummer, n),
    services: ["wifi"],
    sites: { [site]: { publicIp: `198.51.100.${n}`, prefixes: [`10.${net}.0.0/16`] } },
    wifi: {
      realm: `${slug}.example`,
      vlan: 100 + n,
      accessPoints: { [ap]: { address: `10.${net}.1.10` } },
      userBackend: {
        kind: "ldap",
        server: `ldaps.${slug}.example`,
        baseDn: "OU=Users,DC=example",
        bindDn: "CN=svc-radius,OU=Service,DC=example",
        bindPassword: { keyVaultSecret: `${slug}-ldap-radius-bind` },
      },
    },
  };
}

const senja = () => tenant("senja", "5530", 1, "finnsnes-radhus", "finnsnes-wlc", 10);
const alta = () => tenant("alta", "5601", 2, "radhuset", "radhuset-wlc", 20);

type Edit = (file: Json) => void;
const wifi = (t: Json) => t.wifi as Json;
const backend = (t: Json) => wifi(t).userBackend as Json;
const bindPassword = (t: Json) => backend(t).bindPassword as Json;

/** `line:column` where `needle` is written in the file: where the diagnostic must point. */
function positionOf(file: string, needle: string): string {
  const text = fs.readFileSync(file, "utf8");
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${needle} is not in ${file}`);
  const before = text.slice(0, at).split("\n");
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

interface Attack {
  readonly region: FixtureRegion;
  readonly senjaFile: string;
  readonly platformFile: string;
  readonly diagnostics: string[];
  readonly code?: number;
}

/** Writes the region with senja's file edited (and the platform's, or extra files), and loads it as every command does. */
function attack(edit: Edit, extra: Record<string, Json> = {}, platformEdit?: Edit): Attack {
  const file = senja();
  edit(file);
  const platformFile = platform();
  platformEdit?.(platformFile);
  const region = makeRegion({ senja: file, alta: alta(), ...extra }, platformFile);
  const load = loadCommandRegion(region);
  return { region, senjaFile: displayPath(path.join(region.tenantsDir, "senja.yaml")), platformFile: displayPath(region.platformFile), diagnostics: load.diagnostics.map(formatDiagnostic) };
}

/** The one diagnostic `attack` must give, pointed at where `needle` is written in senja's file. */
function expectOnly(result: Attack, needle: string, field: string, message: (a: Attack) => string): void {
  try {
    const where = positionOf(path.join(result.region.tenantsDir, "senja.yaml"), needle);
    expect(result.diagnostics).toEqual([`${result.senjaFile}:${where} ${field}: ${message(result)}`]);
  } finally {
    result.region.remove();
  }
}

describe("a tenant file may name only its own secrets", () => {
  it("accepts the municipalities' own secrets, in the platform vault and in the vault assigned to them", () => {
    const result = attack((t) => (backend(t).bindPassword = { keyVault: "kv-senja-eduroam", keyVaultSecret: "wlc" }));
    try {
      expect(result.diagnostics).toEqual([]);
    } finally {
      result.region.remove();
    }
  });

  it("accepts the example region, whose secrets all follow <slug>-<something>", () => {
    const region = copyExampleRegion();
    try {
      expect(loadCommandRegion(region).diagnostics.map(formatDiagnostic)).toEqual([]);
    } finally {
      region.remove();
    }
  });

  it("refuses an LDAP bind password that names the CUI key the platform generates", () => {
    expectOnly(
      attack((t) => (backend(t).bindPassword = { keyVaultSecret: "generated-eduroam-cui-key" })),
      "generated-eduroam-cui-key",
      "wifi.userBackend.bindPassword.keyVaultSecret",
      () =>
        '"generated-eduroam-cui-key" is a platform secret (the secrets the platform generates are named generated-<...>); a municipality\'s secrets are named senja-<something>, e.g. "senja-ldap-radius-bind"',
    );
  });

  it("refuses another municipality's generated RADIUS client secret and VPN key, in any capitals", () => {
    for (const name of ["generated-radius-alta-radhuset-wlc", "Generated-VPN-alta-radhuset"]) {
      expectOnly(
        attack((t) => (bindPassword(t).keyVaultSecret = name)),
        name,
        "wifi.userBackend.bindPassword.keyVaultSecret",
        () => `"${name}" is a platform secret (the secrets the platform generates are named generated-<...>); a municipality's secrets are named senja-<something>, e.g. "senja-ldap-radius-bind"`,
      );
    }
  });

  it("refuses a hub's RADIUS bundle even to a municipality whose slug starts it", () => {
    const radius = tenant("radius", "5532", 3, "rathus", "rathus-wlc", 30);
    (((radius.wifi as Json).userBackend as Json).bindPassword as Json).keyVaultSecret = "radius-bundle-hub-finnmark";
    const region = makeRegion({ senja: senja(), alta: alta(), radius }, { ...platform(), domains: { ...(platform().domains as Json), radius: ["radius.example"] } });
    try {
      const diagnostics = loadCommandRegion(region).diagnostics.map(formatDiagnostic);
      expect(diagnostics).toEqual([
        expect.stringContaining('wifi.userBackend.bindPassword.keyVaultSecret: "radius-bundle-hub-finnmark" is a platform secret (the hubs\' RADIUS bundles are named radius-bundle-hub-<hub>)'),
      ]);
    } finally {
      region.remove();
    }
  });

  it("refuses an LDAP bind password that names a national proxy's secret, which the LDAP module would send to the municipality's server", () => {
    expectOnly(
      attack((t) => (bindPassword(t).keyVaultSecret = "eduroam-national-proxy-1")),
      "eduroam-national-proxy-1",
      "wifi.userBackend.bindPassword.keyVaultSecret",
      () => '"eduroam-national-proxy-1" is a platform secret; a municipality\'s secrets are named senja-<something>, e.g. "senja-ldap-radius-bind"',
    );
  });

  it("refuses the server certificate (and its private key) in other capitals, since Key Vault names ignore case", () => {
    expectOnly(
      attack((t) => (bindPassword(t).keyVaultSecret = "EDUROAM-Radius-Server")),
      "EDUROAM-Radius-Server",
      "wifi.userBackend.bindPassword.keyVaultSecret",
      () => '"EDUROAM-Radius-Server" is a platform secret; a municipality\'s secrets are named senja-<something>, e.g. "senja-ldap-radius-bind"',
    );
  });

  it("refuses a VPN pre-shared key that names another municipality's secret", () => {
    expectOnly(
      attack((t) => (backend(t).bindPassword = { keyVaultSecret: "alta-radhuset-psk" })),
      "alta-radhuset-psk",
      "wifi.userBackend.bindPassword.keyVaultSecret",
      () => '"alta-radhuset-psk" is alta\'s secret; a municipality\'s secrets are named senja-<something>, e.g. "senja-ldap-radius-bind"',
    );
  });

  it("refuses a name that begins with the slug but belongs to a municipality with a longer slug", () => {
    const result = attack((t) => (backend(t).bindPassword = { keyVaultSecret: "senja-nord-wlc-radius" }), { "senja-nord": tenant("senja-nord", "5540", 3, "radhus", "wlc", 30) });
    expectOnly(
      result,
      "senja-nord-wlc-radius",
      "wifi.userBackend.bindPassword.keyVaultSecret",
      () => '"senja-nord-wlc-radius" is senja-nord\'s secret; a municipality\'s secrets are named senja-<something>, e.g. "senja-ldap-radius-bind"',
    );
  });

  it("refuses a secret named after the host, and the platform's copies of config secrets", () => {
    expectOnly(
      attack((t) => (bindPassword(t).keyVaultSecret = "tromso-backup-guard-key")),
      "tromso-backup-guard-key",
      "wifi.userBackend.bindPassword.keyVaultSecret",
      () => `"tromso-backup-guard-key" is a platform secret (named after the host, tromso); a municipality's secrets are named senja-<something>, e.g. "senja-ldap-radius-bind"`,
    );
    expectOnly(
      attack((t) => (bindPassword(t).keyVaultSecret = "pulumi-config-flrProxy2Secret")),
      "pulumi-config-flrProxy2Secret",
      "wifi.userBackend.bindPassword.keyVaultSecret",
      () =>
        `"pulumi-config-flrProxy2Secret" is a platform secret (the platform's copies of Pulumi config secrets are named pulumi-config-<key>); a municipality's secrets are named senja-<something>, e.g. "senja-ldap-radius-bind"`,
    );
  });

  it("refuses a Key Vault the platform assigned to another municipality", () => {
    expectOnly(
      attack((t) => (backend(t).bindPassword = { keyVault: "kv-alta-eduroam", keyVaultSecret: "wlc" })),
      "kv-alta-eduroam",
      "wifi.userBackend.bindPassword.keyVault",
      (a) => `"kv-alta-eduroam" is alta's Key Vault (keyVaults in ${a.platformFile}); senja may name only the platform vault (leave keyVault out) or a vault ${a.platformFile} assigns to senja`,
    );
  });

  it("refuses a Key Vault of the platform's, and one the platform file does not list", () => {
    expectOnly(
      attack((t) => (backend(t).bindPassword = { keyVault: "kv-tromso-certs", keyVaultSecret: "senja-wlc" })),
      "kv-tromso-certs",
      "wifi.userBackend.bindPassword.keyVault",
      (r) => `"kv-tromso-certs" is a platform Key Vault (keyVaults in ${r.platformFile}); senja may name only the platform vault (leave keyVault out) or a vault ${r.platformFile} assigns to senja`,
    );
    expectOnly(
      attack((t) => (backend(t).bindPassword = { keyVault: "kv-somewhere-else", keyVaultSecret: "senja-wlc" })),
      "kv-somewhere-else",
      "wifi.userBackend.bindPassword.keyVault",
      (r) => `"kv-somewhere-else" is not a Key Vault ${r.platformFile} assigns to senja; leave keyVault out to use the platform vault, or have the host assign the vault to senja under keyVaults in ${r.platformFile}`,
    );
  });

  it("refuses Pulumi config keys of another municipality and of the platform", () => {
    expectOnly(
      attack((t) => (backend(t).bindPassword = { pulumiConfig: "altaRadhusetPsk" })),
      "altaRadhusetPsk",
      "wifi.userBackend.bindPassword.pulumiConfig",
      () => `"altaRadhusetPsk" is alta's Pulumi config key; a municipality's Pulumi config keys start with its slug, e.g. "senjaLdapRadiusBind"`,
    );
    expectOnly(
      attack((t) => (backend(t).bindPassword = { pulumiConfig: "flrProxy2Secret" })),
      "flrProxy2Secret",
      "wifi.userBackend.bindPassword.pulumiConfig",
      () => `"flrProxy2Secret" is a platform secret; a municipality's Pulumi config keys start with its slug, e.g. "senjaLdapRadiusBind"`,
    );
  });

  it("refuses a config key whose Key Vault copy would be another municipality's (\"_\" and \".\" become \"-\" there)", () => {
    const result = attack((t) => (backend(t).bindPassword = { pulumiConfig: "senja_nord-wlc" }), { "senja-nord": tenant("senja-nord", "5540", 3, "radhus", "wlc", 30) });
    expectOnly(
      result,
      "senja_nord-wlc",
      "wifi.userBackend.bindPassword.pulumiConfig",
      () => '"senja_nord-wlc" is not one of senja\'s Pulumi config keys (a municipality\'s keys hold only letters, digits and hyphens); a municipality\'s Pulumi config keys start with its slug, e.g. "senjaLdapRadiusBind"',
    );
  });

  it("refuses a slug that would make the platform's secrets look like the municipality's own", () => {
    const result = attack(() => undefined, { eduroam: { ...baseTenant("eduroam", "5599", 4), slug: "eduroam" } });
    try {
      const file = path.join(result.region.tenantsDir, "eduroam.yaml");
      expect(result.diagnostics).toEqual([
        `${displayPath(file)}:${positionOf(file, "eduroam")} slug: "eduroam" begins the names of platform secrets (eduroam-national-proxy-1, eduroam-radius-server), and names that begin with a municipality's slug are its own; choose another slug, or have the host rename those secrets in ${result.platformFile}`,
      ]);
    } finally {
      result.region.remove();
    }
  });

  it("makes grunnmur validate exit 1 with the diagnostic", async () => {
    const file = senja();
    bindPassword(file).keyVaultSecret = "eduroam-radius-server";
    const region = makeRegion({ senja: file, alta: alta() }, platform());
    try {
      const run = await runCli(["validate", "--tenants", region.tenantsDir, "--platform", region.platformFile]);
      expect(run.code).toBe(1);
      const senjaFile = path.join(region.tenantsDir, "senja.yaml");
      expect(run.stderr).toContain(
        `${displayPath(senjaFile)}:${positionOf(senjaFile, "eduroam-radius-server")} wifi.userBackend.bindPassword.keyVaultSecret: "eduroam-radius-server" is a platform secret; a municipality's secrets are named senja-<something>, e.g. "senja-ldap-radius-bind"`,
      );
    } finally {
      region.remove();
    }
  });
});

describe("the platform file's Key Vaults", () => {
  const platformProblems = (edit: Edit) => {
    const result = attack(() => undefined, {}, edit);
    result.region.remove();
    return result.diagnostics.map((d) => d.replace(/^\S+ /, ""));
  };

  it("must be real Key Vault ids of the vaults they name, assigned to municipalities of the region", () => {
    expect(
      platformProblems((p) => {
        const vaults = p.keyVaults as Record<string, Json>;
        vaults["kv-senja-eduroam"].resourceId = vaultId("rg-senja-secrets", "kv-other");
        vaults["kv-alta-eduroam"].tenant = "lyngen";
        vaults["kv-tromso-certs"].resourceId = "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/kv-tromso-certs";
        vaults["kv-tromso-grunnmur-prod"] = { resourceId: vaultId("rg-grunnmur-shared-prod-noe", "kv-tromso-grunnmur-prod") };
      }),
    ).toEqual([
      "keyVaults.kv-senja-eduroam.resourceId: is the id of Key Vault kv-other, not kv-senja-eduroam; the key is the vault's name, so write /subscriptions/<subscription id>/resourceGroups/<resource group>/providers/Microsoft.KeyVault/vaults/kv-senja-eduroam or rename the key",
      'keyVaults.kv-alta-eduroam.tenant: "lyngen" is not a municipality of the region; name one of alta, senja, or leave tenant out for a vault of the platform\'s',
      'keyVaults.kv-tromso-certs.resourceId: "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/kv-tromso-certs" is not the id of a Key Vault; write /subscriptions/<subscription id>/resourceGroups/<resource group>/providers/Microsoft.KeyVault/vaults/kv-tromso-certs',
      "keyVaults.kv-tromso-grunnmur-prod: is the platform Key Vault, which the platform program creates; list only other vaults here",
    ]);
  });

  it("hold the platform's own secrets only when listed without a municipality", () => {
    expect(
      platformProblems((p) => {
        const eduroam = p.eduroam as Json;
        (eduroam.nationalProxies as Record<string, Json>)["proxy-1"].secret = { keyVault: "kv-senja-eduroam", keyVaultSecret: "flr" };
        eduroam.serverCertificate = { keyVault: "kv-unlisted", keyVaultSecret: "radius-server" };
      }),
    ).toEqual([
      'eduroam.nationalProxies.proxy-1.secret.keyVault: "kv-senja-eduroam" is senja\'s Key Vault (keyVaults.kv-senja-eduroam.tenant); platform secrets stay in the platform vault or a vault keyVaults lists without a tenant',
      'eduroam.serverCertificate.keyVault: "kv-unlisted" is not listed under keyVaults; add it there with its resourceId (the RADIUS servers get read access to each secret they use by its id), or leave keyVault out to use the platform vault',
    ]);
  });

  it("never name a secret the platform generates, which would install a municipality's key in its place", () => {
    expect(
      platformProblems((p) => {
        ((p.eduroam as Json).nationalProxies as Record<string, Json>)["proxy-1"].secret = { keyVaultSecret: "generated-vpn-senja-finnsnes-radhus" };
      }),
    ).toEqual([
      'eduroam.nationalProxies.proxy-1.secret.keyVaultSecret: "generated-vpn-senja-finnsnes-radhus" is a name the platform keeps for the secrets it generates (generated-<...>); put the secret from outside under another name',
    ]);
  });
});

/** The RADIUS servers' role assignments in a platform preview. */
function radiusGrants(preview: StackPreview): Resource[] {
  return ofType(preview, "azure-native:authorization:RoleAssignment").filter((r) => r.inputs.principalType === "ServicePrincipal" && !r.name.startsWith("policy-guardrails-"));
}

describe("the RADIUS servers' access to Key Vault in the platform preview", () => {
  let region: PreviewedRegion;
  let platformPreview: StackPreview;
  beforeAll(async () => {
    region = await previewFiles(undefined, undefined, new Set(["senja"]));
    platformPreview = region.read("platform");
  });
  afterAll(() => region.remove());

  it("reads each secret its configuration uses, scoped to <vault id>/secrets/<name>, and nothing on the whole vault", () => {
    const vault = ofType(platformPreview, "azure-native:keyvault:Vault")[0];
    const vaultResourceId = String(vault.id);
    const load = loadCommandRegion({ tenantsDir: path.join(__dirname, "../../../tenants"), platformFile: path.join(__dirname, "../../../platform.yaml") });
    const delivery = radiusDelivery(load.region!, { keyVaultName: String(vault.inputs.vaultName) })!;
    const reads = delivery.secretReads;
    expect(reads.filter((read) => read.tenant === undefined || read.tenant === "senja").map((read) => read.secretName)).toEqual([
      "eduroam-national-proxy-1",
      "eduroam-national-proxy-2",
      "eduroam-radius-server",
      "generated-eduroam-cui-key",
      "generated-radius-senja-finnsnes-wlc",
      "senja-ldap-radius-bind",
    ]);
    const grants = radiusGrants(platformPreview);
    expect(grants.length).toBe(2 * reads.length);
    const scopes = [...new Set(grants.map((g) => String(g.inputs.scope)))].sort();
    expect(scopes).toEqual(reads.map((read) => `${vaultResourceId}/secrets/${read.secretName}`).sort());
    for (const grant of grants) expect(String(grant.inputs.roleDefinitionId)).toMatch(/\/roleDefinitions\/4633458b-17de-408a-b874-0445c86b69e6$/);
    const onVaultOrWider = ofType(platformPreview, "azure-native:authorization:RoleAssignment").filter((r) => vaultResourceId.toLowerCase().startsWith(String(r.inputs.scope).toLowerCase()) && r.inputs.principalType === "ServicePrincipal");
    expect(onVaultOrWider).toEqual([]);
  });

  it("names each assignment by a GUID from the secret and the server, and puts a municipality's with its share of the hub", () => {
    const bySecret = (name: string) => radiusGrants(platformPreview).filter((g) => String(g.inputs.scope).endsWith(`/secrets/${name}`));
    const [first, second] = bySecret("senja-ldap-radius-bind").sort((a, b) => a.name.localeCompare(b.name));
    expect(first.inputs.roleAssignmentName).toBe(stableGuid("kv-platform/secrets/senja-ldap-radius-bind", "radius-1", "Key Vault Secrets User"));
    expect(second.inputs.roleAssignmentName).toBe(stableGuid("kv-platform/secrets/senja-ldap-radius-bind", "radius-2", "Key Vault Secrets User"));
    expect(first.parent).toMatch(/grunnmur:network:TenantAttachment::senja$/);
    expect(bySecret("generated-eduroam-cui-key")[0].parent).toMatch(/grunnmur:identity:PlatformRoleAssignments::platform-roles$/);
    // A generated secret's grants wait for its Key Vault copy: Azure refuses a role on a secret that does not exist yet.
    const copies = ofType(platformPreview, "azure-native:keyvault:Secret");
    for (const name of ["generated-eduroam-cui-key", "generated-radius-senja-finnsnes-wlc"]) {
      const copy = copies.find((c) => c.inputs.secretName === name)!;
      for (const grant of bySecret(name)) expect(grant.options.dependsOn).toContain(copy.urn);
    }
    expect(bySecret("generated-radius-senja-finnsnes-wlc")[0].parent).toMatch(/grunnmur:network:TenantAttachment::senja$/);
  });
});

describe("a secret in the Key Vault the platform assigned to a municipality", () => {
  it("is read by the RADIUS servers through a role scoped to that secret in that vault", async () => {
    const fixture = copyExampleRegion();
    let preview: PreviewedRegion | undefined;
    try {
      const senjaVault = vaultId("rg-senja-secrets", "kv-senja-eduroam");
      fs.appendFileSync(fixture.platformFile, `\n${stringify({ keyVaults: { "kv-senja-eduroam": { resourceId: senjaVault, tenant: "senja" } } })}`);
      const senjaFile = path.join(fixture.tenantsDir, "senja.yaml");
      fs.writeFileSync(senjaFile, fs.readFileSync(senjaFile, "utf8").replace("{ keyVaultSecret: senja-ldap-radius-bind }", "{ keyVault: kv-senja-eduroam, keyVaultSecret: finnsnes-wlc }"));
      preview = await previewFiles(fixture.tenantsDir, fixture.platformFile, new Set(["senja"]));
      const scopes = radiusGrants(preview.read("platform")).map((g) => String(g.inputs.scope));
      expect(scopes.filter((s) => s.startsWith(senjaVault))).toEqual([`${senjaVault}/secrets/finnsnes-wlc`, `${senjaVault}/secrets/finnsnes-wlc`]);
      expect(scopes).not.toContain(senjaVault);
    } finally {
      preview?.remove();
      fixture.remove();
    }
  });
});

describeWithRadius("the boot script and values a municipality supplied", () => {
  it("installs a value that looks like another secret's placeholder as it is, never that secret", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-secret-injection-"));
    try {
      const target = path.join(dir, "raddb");
      const load = loadCommandRegion({ tenantsDir: path.join(__dirname, "../../../tenants"), platformFile: path.join(__dirname, "../../../platform.yaml") });
      const delivery = radiusDelivery(load.region!, { keyVaultName: "kv-grunnmur-test", runtime: { ...SERVER_RUNTIME, configDir: target } })!;
      const values = new Map(delivery.secrets.map((s) => [`kv-grunnmur-test/${s.secretName}`, `value-of-${s.secretName}`]));
      // The regional team stores the bind password the municipality gave it.
      values.set("kv-grunnmur-test/senja-ldap-radius-bind", "@@keyvault:eduroam-cui-key@@");
      const vault = await startFakeKeyVault(values);
      const boot = await runBootScript(delivery, path.join(dir, "boot"), vault.env).finally(() => vault.close());
      expect(boot.stderr).toBe("");
      expect(boot.code).toBe(0);
      const backend = fs.readFileSync(path.join(target, "mods-enabled/tenant_senja"), "utf8");
      expect(backend).toContain("password = '@@keyvault:eduroam-cui-key@@'");
      expect(backend).not.toContain("value-of-eduroam-cui-key");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
