import * as fs from "node:fs";
import * as path from "node:path";
import { formatPath } from "../../../tenants/validation/diagnostic";
import { loadRegion } from "../../../tenants/validation/load-region";
import { runCli } from "../../helpers/cli";
import { basePlatform, baseTenant, copyExampleRegion, makeRegion, type Json } from "../../helpers/region-fixture";

/** A tenant with Wi-Fi whose realm is <slug>.example (registered to it in eduroamPlatform), its access point behind its one site. */
function wifiTenant(slug: string, kommunenummer: string, n: number, address: string, sitePrefix: string): Json {
  return {
    ...baseTenant(slug, kommunenummer, n),
    services: ["wifi"],
    sites: { radhus: { publicIp: `198.51.100.${n}`, prefixes: [sitePrefix] } },
    wifi: {
      realm: `${slug}.example`,
      vlan: 100 + n,
      accessPoints: { wlc: { address } },
      userBackend: { kind: "ldap", server: `ldaps.${slug}.example`, baseDn: "OU=Users,DC=x", bindDn: "CN=svc,DC=x", bindPassword: { keyVaultSecret: `${slug}-ldap` } },
    },
  };
}

function eduroamPlatform(): Json {
  return {
    ...basePlatform(),
    domains: { senja: ["senja.example"], alta: ["alta.example"] },
    eduroam: { nationalProxies: { "proxy-1": { address: "192.0.2.11", secret: { keyVaultSecret: "flr-1" } } } },
  };
}

/** "field: message" (with "platform " in front for the platform file) for every problem after the edits. */
function problemsAfter(edit: (senja: Json, alta: Json) => void, platform: Json = eduroamPlatform()): string[] {
  const senja = wifiTenant("senja", "5530", 1, "10.10.1.10", "10.10.0.0/16");
  const alta = wifiTenant("alta", "5601", 2, "10.20.1.0/28", "10.20.0.0/16");
  edit(senja, alta);
  const region = makeRegion({ senja, alta }, platform);
  try {
    const load = loadRegion({ tenantsDir: region.tenantsDir, platformFile: region.platformFile });
    return load.diagnostics.map((d) => `${d.file.endsWith("platform.yaml") ? "platform " : ""}${formatPath(d.path)}: ${d.message}`);
  } finally {
    region.remove();
  }
}

const wifi = (t: Json) => t.wifi as Json;
const accessPoints = (t: Json) => wifi(t).accessPoints as Record<string, Json>;

describe("Wi-Fi section validation", () => {
  it("accepts two municipalities with Wi-Fi", () => {
    expect(problemsAfter(() => undefined)).toEqual([]);
  });

  it.each<[string, (senja: Json, alta: Json) => void, string[]]>([
    [
      "a realm that is not a domain",
      (s) => (wifi(s).realm = "senja"),
      ['wifi.realm: "senja" is not a domain name; a domain is lower-case labels of letters, digits and inner hyphens joined by single dots, like "senja.kommune.no"'],
    ],
    [
      "a realm with a double dot",
      (s) => (wifi(s).realm = "senja..example"),
      ['wifi.realm: "senja..example" is not a domain name; a domain is lower-case labels of letters, digits and inner hyphens joined by single dots, like "senja.kommune.no"'],
    ],
    ["a realm in capitals", (s) => (wifi(s).realm = "Senja.example"), ['wifi.realm: "Senja.example" is not a domain name; write it in lower case: "senja.example"']],
    [
      "a realm outside the municipality's registered domains",
      (s) => (wifi(s).realm = "senja.kommune.no"),
      [
        expect.stringMatching(
          /^wifi\.realm: "senja\.kommune\.no" is not under this municipality's registered domains \(senja\.example in .*platform\.yaml, domains\.senja\); use a realm under this municipality's registered domains: senja\.example, or ask the regional team/,
        ) as unknown as string,
      ],
    ],
    [
      "a realm its contacts' e-mail domain would once have proven, but the registry does not",
      (s) => {
        (s.contacts as Json[])[0].email = "it@senja.example.org";
        wifi(s).realm = "senja.example.org";
      },
      [expect.stringMatching(/^wifi\.realm: "senja\.example\.org" is not under this municipality's registered domains \(senja\.example in /) as unknown as string],
    ],
    [
      "a realm already used by another municipality",
      (s, a) => (wifi(a).realm = wifi(s).realm),
      [
        expect.stringMatching(/^wifi\.realm: "senja\.example" is a domain of senja in .*platform\.yaml \(domains\.senja\[0\]\); a realm on another municipality's branch/) as unknown as string,
        expect.stringMatching(/^wifi\.realm: eduroam realm senja\.example is already used by .*alta\.yaml; each municipality has its own/) as unknown as string,
      ],
    ],
    [
      "a tenant file that still declares its own domains",
      (s) => (s.domains = ["senja.kommune.no"]),
      [expect.stringMatching(/^domains: unknown field "domains"; valid fields here: /) as unknown as string],
    ],
    [
      "an access point outside the municipality's sites",
      (s) => (accessPoints(s).wlc.address = "10.11.1.10"),
      ["wifi.accessPoints.wlc.address: 10.11.1.10 is not inside this municipality's site prefixes (10.10.0.0/16); access points reach the RADIUS servers over a site's VPN, so use an address behind one of its sites, or add the site it is behind"],
    ],
    [
      "an access point inside another municipality's access point block",
      (s) => (accessPoints(s).wlc.address = "10.20.1.5"),
      [
        "wifi.accessPoints.wlc.address: 10.20.1.5 is not inside this municipality's site prefixes (10.10.0.0/16); access points reach the RADIUS servers over a site's VPN, so use an address behind one of its sites, or add the site it is behind",
        "wifi.accessPoints.wlc.address: 10.20.1.5 overlaps access point wlc of alta; RADIUS tells clients apart by address, so each needs its own",
      ],
    ],
    [
      "two access points of one municipality at overlapping addresses",
      (s) => (accessPoints(s).ap2 = { address: "10.10.1.0/24" }),
      ["wifi.accessPoints.ap2.address: 10.10.1.0/24 overlaps access point wlc of this municipality; RADIUS tells clients apart by address, so each needs its own"],
    ],
    [
      "an access point at a national proxy's address",
      (s) => (accessPoints(s).wlc.address = "192.0.2.11"),
      [
        "wifi.accessPoints.wlc.address: 192.0.2.11 is not inside this municipality's site prefixes (10.10.0.0/16); access points reach the RADIUS servers over a site's VPN, so use an address behind one of its sites, or add the site it is behind",
        expect.stringMatching(/^wifi\.accessPoints\.wlc\.address: 192\.0\.2\.11 overlaps national proxy proxy-1 in .*platform\.yaml; RADIUS tells/) as unknown as string,
      ],
    ],
    [
      "an access point that still names its RADIUS secret, which the platform now generates",
      (s) => (accessPoints(s).wlc.secret = { keyVaultSecret: "senja-wlc" }),
      [
        `wifi.accessPoints.wlc.secret: "secret" is no longer written in the file: the platform generates each access point's RADIUS secret; remove the line, and ask the regional IT team for the secret (README, "Keys for a municipality's devices")`,
      ],
    ],
    [
      "a secret value where a reference belongs",
      (s) => ((wifi(s).userBackend as Json).bindPassword = { value: "hunter2hunter2" }),
      ['wifi.userBackend.bindPassword.value: unknown field "value"; valid fields here: keyVaultSecret, keyVault, pulumiConfig'],
    ],
    [
      "an LDAP backend without its bind password reference",
      (s) => ((wifi(s).userBackend as Json).bindPassword = {}),
      ["wifi.userBackend.bindPassword: names no secret; set keyVaultSecret: <secret name in Key Vault> or pulumiConfig: <config key>"],
    ],
    [
      "an LDAP server written as a URL",
      (s) => ((wifi(s).userBackend as Json).server = "ldaps://dc1.senja.example:636"),
      ['wifi.userBackend.server: "ldaps://dc1.senja.example:636" is not a host name or IPv4 address; write the LDAPS host alone, like "ldaps.senja.kommune.no" (no ldaps:// and no port)'],
    ],
    [
      "a DN with a quote",
      (s) => ((wifi(s).userBackend as Json).bindDn = "CN=o'brien,DC=x"),
      ["wifi.userBackend.bindDn: contains \"'\", which the RADIUS configuration cannot hold safely; use a DN without quotes, backslashes, %, $ or braces"],
    ],
    [
      "a files backend on a production platform",
      (s) => (wifi(s).userBackend = { kind: "files" }),
      [expect.stringMatching(/^wifi\.userBackend\.kind: "files" keeps users and passwords on the RADIUS servers and is for labs and tests only; use kind: ldap/) as unknown as string],
    ],
  ])("reports %s", (_label, edit, expected) => {
    expect(problemsAfter(edit)).toEqual(expected);
  });

  it("allows a files backend on a test platform", () => {
    expect(problemsAfter((s) => (wifi(s).userBackend = { kind: "files" }), { ...eduroamPlatform(), environment: "test" })).toEqual([]);
  });

  it("asks for the platform's eduroam section before any municipality gets Wi-Fi", () => {
    const problems = problemsAfter(() => undefined, { ...basePlatform(), domains: eduroamPlatform().domains });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^wifi: is set but .*platform\.yaml has no eduroam section; the host adds eduroam\.nationalProxies \(from Sikt\)/);
  });

  it.each<[string, (eduroam: Json) => void, string]>([
    ["a national proxy without a secret reference", (e) => ((e.nationalProxies as Record<string, Json>)["proxy-1"].secret = {}), "platform eduroam.nationalProxies.proxy-1.secret: names no secret"],
    ["the same national proxy twice", (e) => ((e.nationalProxies as Record<string, Json>)["proxy-2"] = { address: "192.0.2.11", secret: { keyVaultSecret: "flr-2" } }), "platform eduroam.nationalProxies.proxy-2.address: 192.0.2.11 is already national proxy proxy-1; list each server once"],
    ["no national proxy", (e) => (e.nationalProxies = {}), "platform eduroam.nationalProxies: lists no national proxy"],
  ])("reports %s in the platform file", (_label, edit, expected) => {
    const platform = eduroamPlatform();
    edit(platform.eduroam as Json);
    expect(problemsAfter(() => undefined, platform).join("\n")).toContain(expected);
  });

  it("points grunnmur validate at the line and column of a realm outside the municipality's domains", async () => {
    const region = copyExampleRegion();
    try {
      const file = path.join(region.tenantsDir, "senja.yaml");
      fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("realm: senja.kommune.no", "realm: senja.example.org"));
      const run = await runCli(["validate", "--tenants", region.tenantsDir, "--platform", region.platformFile]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/senja\.yaml:31:10 wifi\.realm: "senja\.example\.org" is not under this municipality's registered domains \(senja\.kommune\.no in .*platform\.yaml, domains\.senja\)/);
    } finally {
      region.remove();
    }
  });
});
