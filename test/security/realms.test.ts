/**
 * Attacks on issue 14, class 2: "domains and realms are proven, not
 * self-declared". Senja's file is the attacker's; the platform file (the
 * regional team's) is the only place where a municipality's domains are
 * decided. Every attack must fail with one exact diagnostic in the right file.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { loadCommandRegion } from "../../scripts/region";
import { runCli } from "../helpers/cli";
import { basePlatform, baseTenant, makeRegion, type Json } from "../helpers/region-fixture";

/** A tenant with Wi-Fi at realm `realm`, one site and an access point behind it. */
function wifiTenant(slug: string, kommunenummer: string, n: number, realm: string): Json {
  return {
    ...baseTenant(slug, kommunenummer, n),
    services: ["wifi"],
    sites: { radhus: { publicIp: `198.51.100.${n}`, prefixes: [`10.${n}.0.0/16`] } },
    wifi: {
      realm,
      vlan: 100 + n,
      accessPoints: { wlc: { address: `10.${n}.1.10` } },
      userBackend: { kind: "ldap", server: `ldaps.${slug}.kommune.no`, baseDn: "OU=Users,DC=x", bindDn: "CN=svc,DC=x", bindPassword: { keyVaultSecret: `${slug}-ldap` } },
    },
  };
}

/** The regional team's registry: Tromsø is the host, Alta and Senja have Wi-Fi, Bardu registered only its schools' domain. */
function platform(): Json {
  return {
    ...basePlatform(),
    domains: {
      tromso: ["tromso.kommune.no"],
      alta: ["alta.kommune.no"],
      senja: ["senja.kommune.no"],
      bardu: ["skole.bardu.kommune.no"],
    },
    eduroam: { nationalProxies: { "proxy-1": { address: "192.0.2.11", secret: { keyVaultSecret: "flr-1" } } } },
  };
}

interface Problem {
  readonly file: string;
  readonly path: string;
  readonly message: string;
}

/** Every diagnostic as file name (tenants/x.yaml or platform.yaml), dotted path and message. */
function problemsOf(edit: { senja?: (t: Json) => void; platform?: (p: Json) => void; extra?: Record<string, Json> }): Problem[] {
  const senja = wifiTenant("senja", "5530", 10, "senja.kommune.no");
  const alta = wifiTenant("alta", "5601", 20, "alta.kommune.no");
  const plat = platform();
  edit.senja?.(senja);
  edit.platform?.(plat);
  const region = makeRegion({ senja, alta, ...edit.extra }, plat);
  try {
    const load = loadCommandRegion({ tenantsDir: region.tenantsDir, platformFile: region.platformFile });
    return load.diagnostics.map((d) => ({
      file: path.relative(region.dir, d.file.startsWith("/") ? d.file : path.resolve(d.file)),
      path: d.path.join("."),
      message: d.message.split(region.platformFile).join("platform.yaml"),
    }));
  } finally {
    region.remove();
  }
}

const realm = (value: string) => ({ senja: (t: Json) => ((t.wifi as Json).realm = value) });
const realmProblem = (message: string): Problem[] => [{ file: "tenants/senja.yaml", path: "wifi.realm", message }];
const OWN = "use a realm under this municipality's registered domains: senja.kommune.no";

describe("realm attacks from a tenant file", () => {
  it("accepts the region as the regional team registered it", () => {
    expect(problemsOf({})).toEqual([]);
    expect(problemsOf(realm("wifi.senja.kommune.no"))).toEqual([]);
  });

  it.each<[string, string, string]>([
    [
      "the host's domain",
      "tromso.kommune.no",
      `"tromso.kommune.no" is a domain of the host, tromso, in platform.yaml (domains.tromso[0]); a realm on another municipality's branch of the DNS tree would take its users' logins; ${OWN}`,
    ],
    [
      "a name under another member's domain",
      "wifi.alta.kommune.no",
      `"wifi.alta.kommune.no" lies under alta.kommune.no, a domain of alta in platform.yaml (domains.alta[0]); a realm on another municipality's branch of the DNS tree would take its users' logins; ${OWN}`,
    ],
    [
      "a name above another member's domain",
      "bardu.kommune.no",
      `"bardu.kommune.no" lies above skole.bardu.kommune.no, a domain of bardu in platform.yaml (domains.bardu[0]); a realm on another municipality's branch of the DNS tree would take its users' logins; ${OWN}`,
    ],
    [
      "the public suffix every municipality lives under",
      "kommune.no",
      `"kommune.no" is a public suffix (publicsuffix.org): names under it belong to many owners, so it is no municipality's realm; ${OWN}`,
    ],
    [
      "a geographic public suffix",
      "tromso.no",
      `"tromso.no" is a public suffix (publicsuffix.org): names under it belong to many owners, so it is no municipality's realm; ${OWN}`,
    ],
    [
      "Google's mail realm",
      "gmail.com",
      `"gmail.com" is the well-known realm of Google's mail accounts, whose users must reach their home through the national proxies; ${OWN}`,
    ],
    [
      "the university in the host's own town",
      "uit.no",
      `"uit.no" is the well-known realm of UiT The Arctic University of Norway, whose users must reach their home through the national proxies; ${OWN}`,
    ],
    [
      "the national eduroam operator's name",
      "eduroam.no",
      `"eduroam.no" is the well-known realm of an eduroam operator, whose users must reach their home through the national proxies; ${OWN}`,
    ],
    [
      "a name under a foreign realm",
      "staff.outlook.com",
      `"staff.outlook.com" lies under outlook.com, the well-known realm of Microsoft's consumer accounts, whose users must reach their home through the national proxies; ${OWN}`,
    ],
  ])("rejects %s as a realm", (_label, value, message) => {
    expect(problemsOf(realm(value))).toEqual(realmProblem(message));
  });

  it("rejects another member's realm both as its domain and as a realm in use", () => {
    expect(problemsOf(realm("alta.kommune.no"))).toEqual([
      ...realmProblem(`"alta.kommune.no" is a domain of alta in platform.yaml (domains.alta[0]); a realm on another municipality's branch of the DNS tree would take its users' logins; ${OWN}`),
      { file: "tenants/senja.yaml", path: "wifi.realm", message: expect.stringMatching(/^eduroam realm alta\.kommune\.no is already used by .*alta\.yaml; each municipality has its own/) },
    ]);
  });

  it.each([
    ["Alta.Kommune.NO.", '"Alta.Kommune.NO." is not a domain name; write it in lower case, without the trailing dot: "alta.kommune.no"'],
    ["senja.kommune.no.", '"senja.kommune.no." is not a domain name; write it without the trailing dot: "senja.kommune.no"'],
    ["NO.", '"NO." is not a domain name; a domain is lower-case labels of letters, digits and inner hyphens joined by single dots, like "senja.kommune.no"'],
  ])("rejects the realm %j in another spelling before comparing it", (value, message) => {
    expect(problemsOf(realm(value))).toEqual(realmProblem(message));
  });

  it("no longer takes the contacts' e-mail domain as proof", () => {
    const problems = problemsOf({
      senja: (t) => {
        (t.contacts as Json[])[0].email = "it@senja-it.example";
        (t.wifi as Json).realm = "senja-it.example";
      },
    });
    expect(problems).toEqual(
      realmProblem(
        `"senja-it.example" is not under this municipality's registered domains (senja.kommune.no in platform.yaml, domains.senja); ${OWN}, or ask the regional team to register the domain once it has checked that the municipality controls it`,
      ),
    );
  });

  it("refuses a tenant file that declares its own domains", () => {
    const [problem] = problemsOf({ senja: (t) => (t.domains = ["tromso.kommune.no"]) });
    expect(problem).toEqual({ file: "tenants/senja.yaml", path: "domains", message: expect.stringMatching(/^unknown field "domains"; valid fields here: slug, displayName, /) });
    expect(problem.message).not.toMatch(/valid fields here: .*\bdomains\b/);
  });

  it("refuses any realm of a municipality the regional team has registered no domain for", () => {
    const problems = problemsOf({ extra: { gamvik: wifiTenant("gamvik", "5626", 30, "gamvik.kommune.no") } });
    expect(problems).toEqual([
      {
        file: "tenants/gamvik.yaml",
        path: "wifi.realm",
        message:
          '"gamvik.kommune.no" is not proven: no domains are registered to gamvik; the regional team registers this municipality\'s domains in platform.yaml (domains.gamvik: [<domain>]) once it has checked that the municipality controls them',
      },
    ]);
  });

  it("points grunnmur validate at the line and column of the realm and exits 1", async () => {
    const region = makeRegion({ senja: wifiTenant("senja", "5530", 10, "tromso.kommune.no") }, platform());
    try {
      const run = await runCli(["validate", "--tenants", region.tenantsDir, "--platform", region.platformFile]);
      const line = fs.readFileSync(path.join(region.tenantsDir, "senja.yaml"), "utf8").split("\n").findIndex((l) => l.includes("realm: tromso.kommune.no")) + 1;
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`senja.yaml:${line}:10 wifi.realm: "tromso.kommune.no" is a domain of the host, tromso, in ${region.platformFile} (domains.tromso[0])`);
    } finally {
      region.remove();
    }
  });
});

describe("the platform file's domain registry", () => {
  const registry = (domains: Json) => ({ platform: (p: Json) => (p.domains = { ...(p.domains as Json), ...domains }) });

  it.each<[string, Json, Problem]>([
    [
      "the same domain for two members",
      { alta: ["alta.kommune.no", "senja.kommune.no"] },
      {
        file: "platform.yaml",
        path: "domains.senja.0",
        message: "senja.kommune.no is already registered to alta (domains.alta[1]); a domain and every name under it belong to one municipality, so remove one of the two",
      },
    ],
    [
      "a member's domain under another member's",
      { bardu: ["it.tromso.kommune.no"] },
      {
        file: "platform.yaml",
        path: "domains.bardu.0",
        message: "it.tromso.kommune.no lies under tromso.kommune.no, registered to the host, tromso (domains.tromso[0]); a domain and every name under it belong to one municipality, so remove one of the two",
      },
    ],
    [
      "a public suffix",
      { bardu: ["kommune.no"] },
      {
        file: "platform.yaml",
        path: "domains.bardu.0",
        message: "kommune.no is a public suffix (publicsuffix.org): names under it belong to many owners, so no municipality controls it; register the municipality's own domain under it, e.g. bardu.kommune.no",
      },
    ],
    [
      "a well-known foreign realm",
      { bardu: ["gmail.com"] },
      { file: "platform.yaml", path: "domains.bardu.0", message: "gmail.com is the well-known realm of Google's mail accounts; register only domains the municipality controls" },
    ],
    [
      "a domain in capitals with a trailing dot",
      { bardu: ["Bardu.Kommune.NO."] },
      { file: "platform.yaml", path: "domains.bardu.0", message: '"Bardu.Kommune.NO." is not a domain name; write it in lower case, without the trailing dot: "bardu.kommune.no"' },
    ],
    [
      "one domain twice for one member",
      { bardu: ["bardu.kommune.no", "bardu.kommune.no"] },
      { file: "platform.yaml", path: "domains.bardu.1", message: "bardu.kommune.no is listed twice for bardu; keep one" },
    ],
  ])("rejects %s", (_label, domains, problem) => {
    expect(problemsOf(registry(domains))).toEqual([problem]);
  });
});
