/**
 * Attacks on the uniqueness of names (issue 14, class 4): a tenant file must not
 * make a Pulumi URN, an Azure name or an Entra ID group name that another file
 * (or the platform) makes too. Each attack asserts the exact diagnostics; the
 * last tests prove the validation computes the names the programs really use,
 * and that the preview refuses a duplicate URN that gets past validation.
 */
import * as path from "node:path";
import { findCollisions, regionNames } from "../../domain/azure/region-names";
import { loadCommandRegion } from "../../scripts/region";
import { previewRegion } from "../../scripts/preview/run-preview";
import { urnProblems } from "../../scripts/preview/urn-checks";
import { mergePlatformParts } from "../../scripts/preview/platform-scope";
import { formatDiagnostic } from "../../tenants/validation/diagnostic";
import { loadRegion } from "../../tenants/validation/load-region";
import type { Region } from "../../tenants/region";
import type { TenantFile } from "../../tenants/schema/tenant";
import { previewFiles, type PreviewedRegion } from "../helpers/preview-fixture";
import { basePlatform, baseTenant, makeRegion, type Json } from "../helpers/region-fixture";

/** A VPN site of `slug`'s, its pre-shared key one of its own secrets (test/security/secrets.test.ts). */
const site = (slug: string, key: string, publicIp: string, prefix: string): Json => ({ publicIp, prefixes: [prefix] });
const withStorage = (tenant: Json, shares: Json = { felles: { quotaGb: 10 } }): Json => ({ ...tenant, services: ["storage"], storage: { shares } });

/** Every diagnostic of the region, with the temporary folder shown as tenants/ and platform.yaml. */
function problems(tenants: Record<string, Json>, platform: Json = basePlatform()): string[] {
  const region = makeRegion(tenants, platform);
  try {
    const load = loadCommandRegion({ tenantsDir: region.tenantsDir, platformFile: region.platformFile });
    return load.diagnostics.map((d) => formatDiagnostic(d).split(`${region.tenantsDir}${path.sep}`).join("tenants/").split(region.platformFile).join("platform.yaml"));
  } finally {
    region.remove();
  }
}

describe("names a tenant file makes are unique in the region", () => {
  it("accepts slugs and keys that only look alike", () => {
    expect(
      problems({
        alta: { ...withStorage(baseTenant("alta", "5601", 1)), sites: { vgs: site("alta", "vgs", "198.51.100.1", "192.168.1.0/24") } },
        "alta-vgs": { ...withStorage(baseTenant("alta-vgs", "5603", 2)), sites: { alta: site("alta-vgs", "alta", "198.51.100.2", "192.168.2.0/24") } },
      }),
    ).toEqual([]);
  });

  it("rejects a slug that differs from another only in hyphens, since storage account names drop them (sen-ja and senja)", () => {
    expect(problems({ senja: withStorage(baseTenant("senja", "5530", 1)), "sen-ja": withStorage(baseTenant("sen-ja", "5532", 2)) })).toEqual([
      'tenants/sen-ja.yaml:1:7 slug: gives the storage account name "stsenjatromso", as slug in tenants/senja.yaml does; storage account names keep only letters and digits and are unique across all of Azure, so slugs that differ only in hyphens get the same one; choose a slug that differs in letters or digits',
      'tenants/senja.yaml:1:7 slug: gives the storage account name "stsenjatromso", as slug in tenants/sen-ja.yaml does; storage account names keep only letters and digits and are unique across all of Azure, so slugs that differ only in hyphens get the same one; choose a slug that differs in letters or digits',
    ]);
  });

  it("rejects a slug and site key that spell another tenant's VPN site (alta-alta with vgs, alta with alta-vgs)", () => {
    const hint = 'the slug and the site key are joined with "-", so another slug and key can spell the same name; rename this site key';
    const urn = "urn:pulumi:platform::grunnmur::grunnmur:network:TenantAttachment$azure-native:network:LocalNetworkGateway::site-alta-alta-vgs";
    expect(
      problems({
        alta: { ...baseTenant("alta", "5601", 1), sites: { "alta-vgs": site("alta", "alta-vgs", "198.51.100.1", "192.168.1.0/24") } },
        "alta-alta": { ...baseTenant("alta-alta", "5603", 2), sites: { vgs: site("alta-alta", "vgs", "198.51.100.2", "192.168.2.0/24") } },
      }),
    ).toEqual([
      `tenants/alta-alta.yaml:16:3 sites.vgs: gives the platform stack's Pulumi resource "${urn}", as sites.alta-vgs in tenants/alta.yaml does (and 6 more names collide); ${hint}`,
      `tenants/alta.yaml:16:3 sites.alta-vgs: gives the platform stack's Pulumi resource "${urn}", as sites.vgs in tenants/alta-alta.yaml does (and 6 more names collide); ${hint}`,
    ]);
  });

  it.each<[string, string]>([
    ["platform", 'the shared platform\'s Pulumi stack is named "platform", and a tenant\'s stack is named after its slug'],
    ["hub", "the hub VNet's links in the private DNS zones are named link-hub, and a tenant's spoke links are named link-<slug>"],
    ["hub-dr", "the DR hub VNet's links in the private DNS zones are named link-hub-dr, and a tenant's spoke links are named link-<slug>"],
    ["isolation", "the firewall policy's group that keeps tenants apart is rcg-isolation, and a tenant's own rule group is rcg-<slug>"],
  ])("reserves the platform's name %s", (slug, reason) => {
    expect(problems({ [slug]: baseTenant(slug, "5601", 1) })).toEqual([`tenants/${slug}.yaml:1:7 slug: "${slug}" is reserved: ${reason}; choose another slug`]);
  });

  it.each(["hub-nord", "hub-finnmark", "hub-x1"])("refuses the slug %s: hub stacks are named hub-<key>", (slug) => {
    expect(problems({ [slug]: baseTenant(slug, "5601", 1) })).toEqual([
      `tenants/${slug}.yaml:1:7 slug: "${slug}" starts with "hub-", which the platform's hub stacks are named with (hub-<key>); choose a slug that does not start with "hub-"`,
    ]);
  });

  it("still reports the host's own slug once, as a slug already used", () => {
    expect(problems({ tromso: baseTenant("tromso", "5601", 1) })).toEqual([
      "tenants/tromso.yaml:1:7 slug: slug tromso is already used by platform.yaml (the host); the host's own member file is allowed once platform.yaml sets host.member: true; each municipality has its own, so this file may be a copy of another",
    ]);
  });

  it("rejects a slug that spells one of the platform's Entra ID groups (tromso-platform gives grunnmur-tromso-platform-readers)", () => {
    expect(problems({ "tromso-platform": baseTenant("tromso-platform", "5601", 1) })).toEqual([
      'tenants/tromso-platform.yaml:1:7 slug: gives the Entra ID group "grunnmur-tromso-platform-readers", as the platform (platform.yaml) does; Entra ID group names are unique in the directory, and a tenant\'s default groups are grunnmur-<slug>-admins, -users and -readers; choose a slug that does not spell another group\'s name',
    ]);
  });

  it("rejects a group name that takes the platform's security group or another tenant's admins, whatever its case", () => {
    const hint = "Entra ID group names are unique in the directory (the groups are created with preventDuplicateNames); choose another group name";
    expect(
      problems({
        alta: baseTenant("alta", "5601", 1),
        bardu: { ...baseTenant("bardu", "5520", 2), identity: { adminGroup: "Grunnmur-Tromso-Platform-Security", userGroup: "grunnmur-alta-admins" } },
      }),
    ).toEqual([
      `tenants/alta.yaml:1:7 slug: gives the Entra ID group "grunnmur-alta-admins", as identity.userGroup in tenants/bardu.yaml does; Entra ID group names are unique in the directory, and a tenant's default groups are grunnmur-<slug>-admins, -users and -readers; choose a slug that does not spell another group's name`,
      `tenants/bardu.yaml:16:15 identity.adminGroup: gives the Entra ID group "Grunnmur-Tromso-Platform-Security", as the platform (platform.yaml) does; ${hint}`,
      `tenants/bardu.yaml:17:14 identity.userGroup: gives the Entra ID group "grunnmur-alta-admins", as slug in tenants/alta.yaml does; ${hint}`,
    ]);
  });

  it("rejects two guest addresses that differ only in punctuation, which give one resource name", () => {
    const guests = [
      { email: "ola.drift@leverandor.example", name: "Ola Drift", organisation: "Leverandør AS" },
      { email: "ola-drift@leverandor.example", name: "Ola Drift", organisation: "Leverandør AS" },
    ];
    const hint = "a guest's resource name keeps only the letters and digits of the address, so two addresses that differ only in punctuation collide; list the person once";
    const urn = "urn:pulumi:alta::grunnmur::grunnmur:identity:TenantIdentity$azuread:index/invitation:Invitation::identity-guest-ola-drift-leverandor-example";
    expect(problems({ alta: { ...baseTenant("alta", "5601", 1), identity: { externalAdmins: guests } } })).toEqual([
      `tenants/alta.yaml:17:14 identity.externalAdmins[0].email: gives the Pulumi resource "${urn}", as identity.externalAdmins[1].email in this file does (and 1 more name collides); ${hint}`,
      `tenants/alta.yaml:20:14 identity.externalAdmins[1].email: gives the Pulumi resource "${urn}", as identity.externalAdmins[0].email in this file does (and 1 more name collides); ${hint}`,
    ]);
  });

  it("rejects two shares renamed from one previous key, which would both be that Azure share", () => {
    const hint = "a share keeps the Azure name of its previousKey, so two shares cannot have the same one; keep previousKey on the share that was renamed only";
    const shares = { felles: { quotaGb: 10, previousKey: "gammel" }, helse: { quotaGb: 10, previousKey: "gammel" } };
    expect(problems({ alta: withStorage(baseTenant("alta", "5601", 1), shares) })).toEqual([
      `tenants/alta.yaml:21:20 storage.shares.felles.previousKey: gives the file share name "gammel", as storage.shares.helse.previousKey in this file does; ${hint}`,
      `tenants/alta.yaml:24:20 storage.shares.helse.previousKey: gives the file share name "gammel", as storage.shares.felles.previousKey in this file does; ${hint}`,
    ]);
  });

  it("rejects two Pulumi config keys that become one Key Vault secret for the RADIUS servers", () => {
    const wifiTenant = (slug: string, kommunenummer: string, n: number, address: string, configKey: string): Json => ({
      ...baseTenant(slug, kommunenummer, n),
      services: ["wifi"],
      sites: { office: site(slug, "office", `198.51.100.${n}`, address.replace(/\.\d+\.\d+$/, ".0.0/16")) },
      wifi: {
        realm: `${slug}.example`,
        vlan: 100 + n,
        accessPoints: { wlc: { address } },
        userBackend: { kind: "ldap", server: `ldaps.${slug}.example`, baseDn: "OU=Users,DC=x", bindDn: "CN=svc,DC=x", bindPassword: { pulumiConfig: configKey } },
      },
    });
    const platform = {
      ...basePlatform(),
      eduroam: { nationalProxies: { "proxy-1": { address: "192.0.2.11", secret: { keyVaultSecret: "flr-1" } } } },
      domains: { alta: ["alta.example"], bardu: ["bardu.example"] },
    };
    const hint = 'config keys become Key Vault secret names with every character other than letters, digits and "-" replaced by "-"; use config keys that differ in letters or digits';
    // Secret ownership refuses such keys in a tenant file too (secret-rules.ts); the name check says why they would collide.
    const own = (slug: string, key: string) =>
      `tenants/${slug}.yaml wifi.userBackend.bindPassword.pulumiConfig: "${key}" is not one of ${slug}'s Pulumi config keys (a municipality's keys hold only letters, digits and hyphens); a municipality's Pulumi config keys start with its slug, e.g. "${slug}LdapRadiusBind"`;
    const found = problems({ alta: wifiTenant("alta", "5601", 1, "10.20.1.10", "ldap.bind"), bardu: wifiTenant("bardu", "5520", 2, "10.30.1.10", "ldap_bind") }, platform);
    expect(found.map((p) => p.replace(/^(\S+):\d+:\d+ /, "$1 ")).sort()).toEqual([
      own("alta", "ldap.bind"),
      own("bardu", "ldap_bind"),
      `tenants/alta.yaml wifi.userBackend.bindPassword.pulumiConfig: gives the platform Key Vault secret the RADIUS servers read "pulumi-config-ldap-bind", as wifi.userBackend.bindPassword.pulumiConfig in tenants/bardu.yaml does; ${hint}`,
      `tenants/bardu.yaml wifi.userBackend.bindPassword.pulumiConfig: gives the platform Key Vault secret the RADIUS servers read "pulumi-config-ldap-bind", as wifi.userBackend.bindPassword.pulumiConfig in tenants/alta.yaml does; ${hint}`,
    ].sort());
    // Each diagnostic points at where the key is written.
    for (const p of found) expect(p).toMatch(/^tenants\/\w+\.yaml:\d+:\d+ /);
  });
});

describe("the names the validation computes are the programs' names", () => {
  let previewed: PreviewedRegion;
  beforeAll(async () => {
    previewed = await previewFiles();
  });
  afterAll(() => previewed?.remove());

  // The engine's URNs never name the stack's own type; the mocks' do for the stack's direct children.
  const engineUrn = (urn: string) => urn.replace("::pulumi:pulumi:Stack$", "::");
  const strings = (value: unknown): string[] =>
    typeof value === "string" ? [value] : Array.isArray(value) ? value.flatMap(strings) : value && typeof value === "object" ? Object.values(value).flatMap(strings) : [];

  it("finds every URN and Azure name it lists for the example region in the previews, and lists every keyed resource there", () => {
    const load = loadRegion({ tenantsDir: path.join(__dirname, "../../../tenants"), platformFile: path.join(__dirname, "../../../platform.yaml") });
    const region = load.region!;
    const specs: TenantFile[] = region.tenants.map((t) => t.spec);
    const names = regionNames(region.platform, specs);
    expect(findCollisions(names)).toEqual([]);

    const stackOf = (owner: (typeof names)[number]["owner"]) => (owner === "platform" ? "platform" : specs[owner.tenant].slug);
    const urns = new Map<string, Set<string>>();
    const values = new Map<string, Set<string>>();
    for (const stack of ["platform", ...specs.map((s) => s.slug)]) {
      const preview = previewed.read(stack);
      urns.set(stack, new Set(preview.resources.map((r) => engineUrn(r.urn))));
      values.set(stack, new Set(preview.resources.flatMap((r) => strings(r.inputs))));
    }
    const missing: string[] = [];
    for (const entry of names) {
      const own = stackOf(entry.owner);
      if (entry.namespace === "pulumi:stacks") {
        if (!urns.has(entry.name)) missing.push(`stack ${entry.name}`);
      } else if (entry.namespace.startsWith("pulumi:urn:")) {
        if (!urns.get(entry.namespace.slice("pulumi:urn:".length))!.has(entry.name)) missing.push(entry.name);
      } else if (!values.get(own)!.has(entry.name) && !values.get("platform")!.has(entry.name)) {
        missing.push(`${entry.namespace} ${entry.name}`);
      }
    }
    expect(missing).toEqual([]);

    const listed = new Set(names.filter((n) => n.namespace.startsWith("pulumi:urn:")).map((n) => n.name));
    const keyed = /::(grunnmur:network:TenantAttachment(\$[^:]+:[^:]+:[^:]+)?|grunnmur:storage:TenantStorage\$azure-native:storage:FileShare|grunnmur:backup:FileShareBackup\$azure-native:recoveryservices:ProtectedItem|grunnmur:identity:TenantIdentity\$azuread:index\/(invitation:Invitation|groupMember:GroupMember))::/;
    const unlisted = [...urns.values()].flatMap((set) => [...set]).filter((urn) => keyed.test(urn) && !listed.has(urn));
    expect(unlisted).toEqual([]);
    expect(listed.size).toBeGreaterThan(20);
  });
});

describe("the offline preview refuses a duplicate URN that got past validation", () => {
  it("fails the platform stack and lists the URNs Pulumi would refuse", async () => {
    const fixture = makeRegion({
      alta: { ...baseTenant("alta", "5601", 1), sites: { "alta-vgs": site("alta", "alta-vgs", "198.51.100.1", "192.168.1.0/24") } },
      "alta-alta": baseTenant("alta-alta", "5603", 2),
    });
    try {
      const valid = loadRegion({ tenantsDir: fixture.tenantsDir, platformFile: fixture.platformFile }).region!;
      // The pair validation rejects, put together by hand: alta-alta gets the site vgs.
      const region: Region = {
        ...valid,
        tenants: valid.tenants.map((t) => (t.spec.slug === "alta-alta" ? { ...t, spec: { ...t.spec, sites: { vgs: valid.tenants[0].spec.sites["alta-vgs"] } } } : t)),
      };
      const result = await previewRegion(region, { outDir: path.join(fixture.dir, "out"), concurrency: 1 });
      const types = ["LocalNetworkGateway", "VirtualNetworkGatewayConnection"];
      expect(result.platform.ok).toBe(false);
      expect(result.platform.error).toBe(
        "stack platform registers names Pulumi would refuse: " +
          [
            "random:index/randomPassword:RandomPassword::vpn-psk-alta-alta-vgs",
            ...types.map((t) => `azure-native:network:${t}::site-alta-alta-vgs`),
            "azure-native:keyvault:Secret::vpn-psk-alta-alta-vgs",
          ]
            .map((t) => `2 resources have the URN urn:pulumi:platform::grunnmur::grunnmur:network:TenantAttachment$${t}`)
            .join("; ") +
          "; " +
          types
            .map((t) => `the alias urn:pulumi:platform::grunnmur::grunnmur:network:VpnGateway$azure-native:network:${t}::site-alta-alta-vgs is on both urn:pulumi:platform::grunnmur::grunnmur:network:TenantAttachment$azure-native:network:${t}::site-alta-alta-vgs and urn:pulumi:platform::grunnmur::grunnmur:network:TenantAttachment$azure-native:network:${t}::site-alta-alta-vgs`)
            .join("; ") +
          "; every resource needs its own URN and alias, so change the keys or slugs these names are made from",
      );
    } finally {
      fixture.remove();
    }
  });

  const resource = (urn: string, type: string, name: string, parent: string | null, aliases: Array<Record<string, unknown>> = []) => ({
    urn,
    type,
    name,
    parent,
    options: { protect: false, retainOnDelete: false, dependsOn: [], ignoreChanges: [], replaceOnChanges: [], deleteBeforeReplace: false, aliases },
  });
  const firewall = resource("urn:pulumi:platform::grunnmur::pulumi:pulumi:Stack$grunnmur:network:Firewall::hub-firewall", "grunnmur:network:Firewall", "hub-firewall", null);
  const rcg = "azure-native:network:FirewallPolicyRuleCollectionGroup";

  it("finds a tenant's rule group whose alias is the isolation group's URN", () => {
    const isolation = resource(`urn:pulumi:platform::grunnmur::grunnmur:network:Firewall$${rcg}::hub-firewall-rcg-isolation`, rcg, "hub-firewall-rcg-isolation", firewall.urn);
    const attachment = resource("urn:pulumi:platform::grunnmur::pulumi:pulumi:Stack$grunnmur:network:TenantAttachment::isolation", "grunnmur:network:TenantAttachment", "isolation", null);
    const tenantGroup = resource(`urn:pulumi:platform::grunnmur::grunnmur:network:TenantAttachment$${rcg}::hub-firewall-rcg-isolation`, rcg, "hub-firewall-rcg-isolation", attachment.urn, [{ parentUrn: firewall.urn }]);
    expect(urnProblems([firewall, isolation, attachment, tenantGroup])).toEqual([
      `the alias urn:pulumi:platform::grunnmur::grunnmur:network:Firewall$${rcg}::hub-firewall-rcg-isolation of urn:pulumi:platform::grunnmur::grunnmur:network:TenantAttachment$${rcg}::hub-firewall-rcg-isolation is the URN of another resource`,
    ]);
  });

  it("refuses to merge platform parts whose tenants register one URN between them", () => {
    const attachment = (tenant: string) =>
      resource(`urn:pulumi:platform::grunnmur::pulumi:pulumi:Stack$grunnmur:network:TenantAttachment::${tenant}`, "grunnmur:network:TenantAttachment", tenant, null);
    const gateway = (tenant: string) => ({
      ...resource("urn:pulumi:platform::grunnmur::grunnmur:network:TenantAttachment$azure-native:network:LocalNetworkGateway::site-alta-alta-vgs", "azure-native:network:LocalNetworkGateway", "site-alta-alta-vgs", attachment(tenant).urn),
      custom: true,
      id: null,
      inputs: {},
    });
    const part = (tenant: string) => ({ stack: "platform", generatedBy: "test", outputs: {}, resources: [{ ...attachment(tenant), custom: false, id: null, inputs: {} }, gateway(tenant)] });
    expect(() => mergePlatformParts([part("alta"), part("alta-alta")])).toThrow(
      "stack platform registers names Pulumi would refuse: 2 resources have the URN urn:pulumi:platform::grunnmur::grunnmur:network:TenantAttachment$azure-native:network:LocalNetworkGateway::site-alta-alta-vgs; every resource needs its own URN and alias, so change the keys or slugs these names are made from",
    );
  });

  it("compares the URNs the engine gives, with every ancestor's type, not the mocks' shorter ones", () => {
    const spoke = resource("urn:pulumi:t::grunnmur::pulumi:pulumi:Stack$grunnmur:network:Spoke::spoke", "grunnmur:network:Spoke", "spoke", null);
    const nested = resource("urn:pulumi:t::grunnmur::grunnmur:network:Spoke$grunnmur:network:VirtualNetwork::net", "grunnmur:network:VirtualNetwork", "net", spoke.urn);
    const top = resource("urn:pulumi:t::grunnmur::pulumi:pulumi:Stack$grunnmur:network:VirtualNetwork::net2", "grunnmur:network:VirtualNetwork", "net2", null);
    const a = resource("urn:pulumi:t::grunnmur::grunnmur:network:VirtualNetwork$azure-native:network:NetworkSecurityGroup::nsg", "azure-native:network:NetworkSecurityGroup", "nsg", nested.urn);
    const b = resource("urn:pulumi:t::grunnmur::grunnmur:network:VirtualNetwork$azure-native:network:NetworkSecurityGroup::nsg", "azure-native:network:NetworkSecurityGroup", "nsg", top.urn);
    expect(urnProblems([spoke, nested, top, a, b])).toEqual([]);
    expect(urnProblems([spoke, nested, a, { ...a }])).toEqual([
      "2 resources have the URN urn:pulumi:t::grunnmur::grunnmur:network:Spoke$grunnmur:network:VirtualNetwork$azure-native:network:NetworkSecurityGroup::nsg",
    ]);
  });
});
