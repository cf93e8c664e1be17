/**
 * Attacks on issue 14, class 3: "site prefixes and VPN endpoints are
 * bounded". Senja's file is the attacker's: it tries to route someone else's
 * addresses through its VPN, or to point its tunnel somewhere it must not.
 * Every exception lives in the platform file (network.onPremises); every
 * attack must fail with an exact diagnostic in the right file.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { loadCommandRegion } from "../../scripts/region";
import { runCli } from "../helpers/cli";
import { basePlatform, baseTenant, makeRegion, type Json } from "../helpers/region-fixture";

/** A tenant with one site (10.<n>.0.0/16, VPN device at 198.51.100.<n>) and Wi-Fi with an access point behind it. */
function siteTenant(slug: string, kommunenummer: string, n: number): Json {
  return {
    ...baseTenant(slug, kommunenummer, n),
    services: ["wifi"],
    sites: { radhus: { publicIp: `198.51.100.${n}`, prefixes: [`10.${n}.0.0/16`] } },
    wifi: {
      realm: `${slug}.kommune.no`,
      vlan: 100 + n,
      accessPoints: { wlc: { address: `10.${n}.1.10` } },
      userBackend: { kind: "ldap", server: `ldaps.${slug}.kommune.no`, baseDn: "OU=Users,DC=x", bindDn: "CN=svc,DC=x", bindPassword: { keyVaultSecret: `${slug}-ldap` } },
    },
  };
}

/** The pool is 10.96.0.0/15 and the hub 10.95.0.0/22 (basePlatform); documentation addresses are allowed as in the example region. */
function platform(): Json {
  return {
    ...basePlatform(),
    domains: { tromso: ["tromso.kommune.no"], senja: ["senja.kommune.no"], alta: ["alta.kommune.no"] },
    eduroam: { nationalProxies: { "proxy-1": { address: "192.0.2.11", secret: { keyVaultSecret: "flr-1" } } } },
  };
}

interface Problem {
  readonly file: string;
  readonly path: string;
  readonly message: string;
}

interface Edits {
  senja?: (t: Json) => void;
  platform?: (p: Json) => void;
}

function problemsOf(edits: Edits): Problem[] {
  const senja = siteTenant("senja", "5530", 10);
  const alta = siteTenant("alta", "5601", 20);
  const plat = platform();
  edits.senja?.(senja);
  edits.platform?.(plat);
  const region = makeRegion({ senja, alta }, plat);
  try {
    const load = loadCommandRegion({ tenantsDir: region.tenantsDir, platformFile: region.platformFile });
    return load.diagnostics.map((d) => ({
      file: path.relative(region.dir, path.resolve(d.file)),
      path: d.path.join("."),
      message: d.message.split(region.platformFile).join("platform.yaml"),
    }));
  } finally {
    region.remove();
  }
}

const site = (t: Json) => (t.sites as Record<string, Json>).radhus;
const prefixes = (...list: string[]): Edits => ({ senja: (t) => (site(t).prefixes = list) });
const publicIp = (ip: string): Edits => ({ senja: (t) => (site(t).publicIp = ip) });
const onPremises = (settings: Json) => (p: Json) => ((p.network as Json).onPremises = settings);
const atPrefix = (message: string, i = 0): Problem => ({ file: "tenants/senja.yaml", path: `sites.radhus.prefixes.${i}`, message });
const atPublicIp = (message: string): Problem => ({ file: "tenants/senja.yaml", path: "sites.radhus.publicIp", message });

const PRIVATE = "a site routes the private ranges behind it (RFC 1918: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16), apart from the tenant pool and the hubs";
const ENDPOINT = "publicIp is the address the site's VPN device has on the internet, a public unicast address from its internet provider";
const ROUTE = "the hub cannot route both, so renumber or NAT this site";

describe("site prefix attacks from a tenant file", () => {
  it("accepts private prefixes apart from everything else", () => {
    expect(problemsOf({})).toEqual([]);
    expect(problemsOf(prefixes("10.10.0.0/16", "172.20.10.0/24", "192.168.10.0/24"))).toEqual([]);
  });

  // Each attack adds one prefix after the site's own 10.10.0.0/16, which keeps its access point behind it.
  it.each<[string, string, string[]]>([
    [
      "a public range the platform has not approved",
      "193.156.10.0/24",
      [`193.156.10.0/24 is public address space that platform.yaml does not approve for senja (network.onPremises.publicPrefixes.senja); ${PRIVATE}, and public space only where the regional team approves it`],
    ],
    ["a block of the tenant pool that no spoke has yet", "10.97.200.0/24", [`10.97.200.0/24 overlaps the tenant pool for all spokes, allocated or not (10.96.0.0/15) in platform.yaml; ${ROUTE}`]],
    ["another municipality's spoke", "10.96.202.0/24", [`10.96.202.0/24 overlaps the tenant pool for all spokes, allocated or not (10.96.0.0/15) in platform.yaml; ${ROUTE}`]],
    ["the hub", "10.95.0.0/24", [`10.95.0.0/24 overlaps the hub (10.95.0.0/22) in platform.yaml; ${ROUTE}`]],
    ["another municipality's site", "10.20.128.0/24", [`10.20.128.0/24 overlaps site radhus of alta (10.20.0.0/16) in tenants/alta.yaml; ${ROUTE}`]],
    ["Azure's platform address", "168.63.129.16/32", [`168.63.129.16/32 is Azure's platform address for DNS, DHCP and health probes (Microsoft Learn); ${PRIVATE}`]],
    ["a block around Azure's platform address", "168.63.0.0/16", [`168.63.0.0/16 overlaps 168.63.129.16/32, Azure's platform address for DNS, DHCP and health probes (Microsoft Learn); ${PRIVATE}`]],
    ["the link-local range with Azure's metadata service", "169.254.0.0/16", [`169.254.0.0/16 is the link-local range (RFC 3927), where Azure's instance metadata service answers; ${PRIVATE}`]],
    ["multicast", "224.0.0.0/4", [`224.0.0.0/4 is the multicast range (RFC 5771); ${PRIVATE}`]],
    ["loopback", "127.0.0.0/8", [`127.0.0.0/8 is the loopback range (RFC 1122); ${PRIVATE}`]],
    ["a documentation range", "203.0.113.0/24", [`203.0.113.0/24 is a documentation range (TEST-NET-3, RFC 5737); ${PRIVATE}`]],
    ["the reserved range", "240.0.0.0/4", [`240.0.0.0/4 is the range reserved for future use (RFC 1112); ${PRIVATE}`]],
    [
      "a range that is private only in part",
      "172.0.0.0/8",
      ["172.0.0.0/8 spans private and public address space; list the private ranges behind the site on their own (RFC 1918: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16)"],
    ],
    [
      "shared address space the platform does not allow",
      "100.64.10.0/24",
      [`100.64.10.0/24 lies in 100.64.0.0/10, shared address space for carrier-grade NAT (RFC 6598), which platform.yaml does not allow (network.onPremises.allowSharedAddressSpace); ${PRIVATE}`],
    ],
    [
      "a national eduroam proxy",
      "192.0.2.11/32",
      [`192.0.2.11/32 lies in 192.0.2.0/24, a documentation range (TEST-NET-1, RFC 5737); ${PRIVATE}`, `192.0.2.11/32 overlaps national eduroam proxy proxy-1 (192.0.2.11/32) in platform.yaml; ${ROUTE}`],
    ],
    ["the whole internet", "0.0.0.0/0", [`0.0.0.0/0 overlaps 0.0.0.0/8, the "this network" range (RFC 791, RFC 6890); ${PRIVATE}`, `0.0.0.0/0 overlaps the hub (10.95.0.0/22) in platform.yaml; ${ROUTE}`]],
  ])("rejects %s as a site prefix", (_label, prefix, messages) => {
    const problems = problemsOf(prefixes("10.10.0.0/16", prefix)).map((p) => ({ ...p, message: p.message.replace(/\S*tenants\/alta\.yaml/, "tenants/alta.yaml") }));
    expect(problems).toEqual(messages.map((message) => atPrefix(message, 1)));
  });

  it("rejects another municipality's whole site, and the access point left without a site", () => {
    const problems = problemsOf(prefixes("10.20.0.0/16")).map((p) => ({ ...p, message: p.message.replace(/\S*tenants\/alta\.yaml/, "tenants/alta.yaml") }));
    expect(problems).toEqual([
      atPrefix(`10.20.0.0/16 overlaps site radhus of alta (10.20.0.0/16) in tenants/alta.yaml; ${ROUTE}`),
      {
        file: "tenants/senja.yaml",
        path: "wifi.accessPoints.wlc.address",
        message:
          "10.10.1.10 is not inside this municipality's site prefixes (10.20.0.0/16); access points reach the RADIUS servers over a site's VPN, so use an address behind one of its sites, or add the site it is behind",
      },
    ]);
  });

  it("accepts shared address space only where the platform allows it, and names it as valid then", () => {
    const allow = { platform: onPremises({ allowDocumentationAddresses: true, allowSharedAddressSpace: true }) };
    expect(problemsOf({ ...prefixes("10.10.0.0/16", "100.64.10.0/24"), ...allow })).toEqual([]);
    expect(problemsOf({ ...prefixes("10.10.0.0/16", "169.254.0.0/16"), ...allow })).toEqual([
      atPrefix(
        "169.254.0.0/16 is the link-local range (RFC 3927), where Azure's instance metadata service answers; a site routes the private ranges behind it (RFC 1918: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16), or shared address space 100.64.0.0/10 (RFC 6598), apart from the tenant pool and the hubs",
        1,
      ),
    ]);
  });

  it("accepts a public range only inside a block the platform approved for this very municipality", () => {
    const approve = (slug: string) => ({
      platform: onPremises({ allowDocumentationAddresses: true, publicPrefixes: { [slug]: [{ prefix: "193.156.10.0/23", reason: "Provider-assigned block behind the town hall's firewall" }] } }),
    });
    expect(problemsOf({ ...prefixes("10.10.0.0/16", "193.156.11.0/24"), ...approve("senja") })).toEqual([]);
    expect(problemsOf({ ...prefixes("10.10.0.0/16", "193.156.11.0/24"), ...approve("alta") })).toEqual([
      atPrefix(`193.156.11.0/24 is public address space that platform.yaml does not approve for senja (network.onPremises.publicPrefixes.senja); ${PRIVATE}, and public space only where the regional team approves it`, 1),
    ]);
    expect(problemsOf({ ...prefixes("10.10.0.0/16", "193.156.8.0/22"), ...approve("senja") })[0].message).toMatch(/^193\.156\.8\.0\/22 is public address space that platform\.yaml does not approve for senja/);
  });

  it("keeps the rejection in the file that made it: the spoke a site overlaps is not blamed", () => {
    // 10.96.202.0/23 is Alta's spoke, allocated from its kommunenummer.
    const problems = problemsOf(prefixes("10.10.0.0/16", "10.96.202.0/23"));
    expect(problems).toEqual([atPrefix(`10.96.202.0/23 overlaps the tenant pool for all spokes, allocated or not (10.96.0.0/15) in platform.yaml; ${ROUTE}`, 1)]);
  });
});

describe("VPN endpoint attacks from a tenant file", () => {
  it.each<[string, string, string]>([
    ["a private address", "10.10.0.1", `10.10.0.1 lies in 10.0.0.0/8, private address space (RFC 1918); ${ENDPOINT}`],
    ["a carrier-grade NAT address", "100.64.0.1", `100.64.0.1 lies in 100.64.0.0/10, shared address space for carrier-grade NAT (RFC 6598); ${ENDPOINT}`],
    ["loopback", "127.0.0.1", `127.0.0.1 lies in 127.0.0.0/8, the loopback range (RFC 1122); ${ENDPOINT}`],
    ["link-local", "169.254.169.254", `169.254.169.254 lies in 169.254.0.0/16, the link-local range (RFC 3927), where Azure's instance metadata service answers; ${ENDPOINT}`],
    ["Azure's platform address", "168.63.129.16", `168.63.129.16 is Azure's platform address for DNS, DHCP and health probes (Microsoft Learn); ${ENDPOINT}`],
    ["multicast", "224.0.0.1", `224.0.0.1 lies in 224.0.0.0/4, the multicast range (RFC 5771); ${ENDPOINT}`],
    ["the limited broadcast address", "255.255.255.255", `255.255.255.255 is the limited broadcast address (RFC 919); ${ENDPOINT}`],
    ["this network", "0.0.0.0", `0.0.0.0 lies in 0.0.0.0/8, the "this network" range (RFC 791, RFC 6890); ${ENDPOINT}`],
    ["a benchmarking address", "198.18.0.1", `198.18.0.1 lies in 198.18.0.0/15, the benchmarking range (RFC 2544); ${ENDPOINT}`],
    ["another municipality's VPN endpoint", "198.51.100.20", "198.51.100.20 is already the VPN endpoint of site radhus of alta; the VPN gateway tells sites apart by this address, so each site needs its own"],
  ])("rejects %s as publicIp", (_label, ip, message) => {
    // Alta's file comes first, so a shared endpoint is reported in Senja's, the copy.
    expect(problemsOf(publicIp(ip))).toEqual([atPublicIp(message)]);
  });

  it("rejects an address written with a leading zero, which some tools read as octal loopback", () => {
    expect(problemsOf(publicIp("0177.0.0.1"))).toEqual([atPublicIp('must be an IPv4 address like "192.0.2.10"')]);
  });

  it("rejects two sites of one municipality behind one endpoint", () => {
    const problems = problemsOf({
      senja: (t) => ((t.sites as Json).skole = { publicIp: "198.51.100.10", prefixes: ["10.11.0.0/16"] }),
    });
    expect(problems).toEqual([
      { file: "tenants/senja.yaml", path: "sites.skole.publicIp", message: "198.51.100.10 is already the VPN endpoint of site radhus of this municipality; the VPN gateway tells sites apart by this address, so each site needs its own" },
    ]);
  });

  it("rejects an endpoint inside a range the tunnel itself carries", () => {
    const problems = problemsOf({
      senja: (t) => {
        site(t).prefixes = ["10.10.0.0/16", "193.156.10.0/24"];
        site(t).publicIp = "193.156.10.1";
      },
      platform: onPremises({ allowDocumentationAddresses: true, publicPrefixes: { senja: [{ prefix: "193.156.10.0/24", reason: "Provider-assigned block behind the town hall's firewall" }] } }),
    });
    expect(problems).toEqual([atPublicIp("193.156.10.1 lies in 193.156.10.0/24, routed through the VPN of site radhus of this municipality; a tunnel cannot carry its own endpoint, so use the device's address on the internet side")]);
  });

  it("accepts documentation addresses only where the platform says it is an example region", () => {
    const problems = problemsOf({ platform: onPremises({}) });
    expect(problems).toEqual([
      {
        file: "tenants/alta.yaml",
        path: "sites.radhus.publicIp",
        message: `198.51.100.20 lies in 198.51.100.0/24, a documentation range (TEST-NET-2, RFC 5737), which never appears on the internet (platform.yaml accepts it only in an example region); ${ENDPOINT}`,
      },
      atPublicIp(`198.51.100.10 lies in 198.51.100.0/24, a documentation range (TEST-NET-2, RFC 5737), which never appears on the internet (platform.yaml accepts it only in an example region); ${ENDPOINT}`),
    ]);
  });
});

describe("access point attacks from a tenant file", () => {
  const accessPoint = (address: string): Edits => ({ senja: (t) => ((((t.wifi as Json).accessPoints as Json).wlc as Json).address = address) });
  const atAccessPoint = (message: string): Problem => ({ file: "tenants/senja.yaml", path: "wifi.accessPoints.wlc.address", message });

  it("rejects an access point inside another municipality's site", () => {
    expect(problemsOf(accessPoint("10.20.2.10"))).toEqual([
      atAccessPoint("10.20.2.10 is not inside this municipality's site prefixes (10.10.0.0/16); access points reach the RADIUS servers over a site's VPN, so use an address behind one of its sites, or add the site it is behind"),
    ]);
  });

  it("rejects an access point block that reaches beyond the municipality's sites", () => {
    expect(problemsOf(accessPoint("10.10.0.0/15"))).toEqual([
      atAccessPoint("10.10.0.0/15 is not inside this municipality's site prefixes (10.10.0.0/16); access points reach the RADIUS servers over a site's VPN, so use an address behind one of its sites, or add the site it is behind"),
    ]);
  });

  it("rejects an access point of a municipality without sites", () => {
    expect(problemsOf({ senja: (t) => delete t.sites })).toEqual([
      atAccessPoint("10.10.1.10 is not behind any site of this municipality, which has none; access points reach the RADIUS servers over a site's VPN, so add the site it is behind (sites.<key>.prefixes)"),
    ]);
  });
});

describe("the platform file's on-premises exceptions", () => {
  const approve = (prefix: string, slug = "senja") => ({ platform: onPremises({ allowDocumentationAddresses: true, publicPrefixes: { [slug]: [{ prefix, reason: "Provider-assigned block behind the town hall's firewall" }] } }) });
  const atApproval = (message: string, slug = "senja", i = 0): Problem => ({ file: "platform.yaml", path: `network.onPremises.publicPrefixes.${slug}.${i}.prefix`, message });
  const NEEDS = "only public unicast space needs approval here (private ranges need none, special-purpose ranges can never be approved)";

  it.each<[string, string, Problem]>([
    ["the whole internet", "0.0.0.0/0", atApproval(`0.0.0.0/0 overlaps 0.0.0.0/8, the "this network" range (RFC 791, RFC 6890); ${NEEDS}`)],
    ["Azure's platform address", "168.63.129.16/32", atApproval(`168.63.129.16/32 is Azure's platform address for DNS, DHCP and health probes (Microsoft Learn); ${NEEDS}`)],
    ["private space", "10.10.0.0/16", atApproval(`10.10.0.0/16 lies in 10.0.0.0/8, private address space (RFC 1918); ${NEEDS}`)],
  ])("refuses to approve %s", (_label, prefix, problem) => {
    expect(problemsOf(approve(prefix))).toEqual([problem]);
  });

  it("refuses to approve one public block for two municipalities", () => {
    const problems = problemsOf({
      platform: onPremises({
        allowDocumentationAddresses: true,
        publicPrefixes: {
          alta: [{ prefix: "193.156.10.0/23", reason: "Provider-assigned block behind the town hall's firewall" }],
          senja: [{ prefix: "193.156.11.0/24", reason: "Provider-assigned block behind the town hall's firewall" }],
        },
      }),
    });
    expect(problems).toEqual([
      atApproval("193.156.11.0/24 overlaps 193.156.10.0/23, approved for alta (network.onPremises.publicPrefixes.alta[0]); a public block is one municipality's, so approve it once"),
    ]);
  });

  it("points grunnmur validate at the line and column of the prefix and exits 1", async () => {
    const senja = siteTenant("senja", "5530", 10);
    site(senja).prefixes = ["10.10.0.0/16", "169.254.0.0/16"];
    const region = makeRegion({ senja }, platform());
    try {
      const run = await runCli(["validate", "--tenants", region.tenantsDir, "--platform", region.platformFile]);
      const line = fs.readFileSync(path.join(region.tenantsDir, "senja.yaml"), "utf8").split("\n").findIndex((l) => l.includes("169.254.0.0/16")) + 1;
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`senja.yaml:${line}:9 sites.radhus.prefixes[1]: 169.254.0.0/16 is the link-local range (RFC 3927)`);
    } finally {
      region.remove();
    }
  });
});
