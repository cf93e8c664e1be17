/**
 * Attacks on class 8 of issue 14, "errors land on the file that caused them":
 * a pull request that adds or changes one tenant file must never make the
 * validation tell an unchanged municipality to renumber, move its site or
 * change its realm. Each case builds a region in a throw-away git repository,
 * commits what is on main, then plays the pull request.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { stringify } from "yaml";
import { runCli } from "../helpers/cli";
import { initRepo, type GitRepo } from "../helpers/git-repo";
import { basePlatform, baseTenant, makeRegion, type FixtureRegion, type Json } from "../helpers/region-fixture";
import { loadCommandRegion } from "../../scripts/region";
import { formatDiagnostic } from "../../tenants/validation/diagnostic";

/** Senja as on main: allocated 10.96.60.0/23 from 5530, a town-hall site, Wi-Fi with one access point. */
function senja(): Json {
  return {
    ...baseTenant("senja", "5530", 1),
    sites: { radhus: { publicIp: "198.51.100.10", prefixes: ["10.10.0.0/16"] } },
  };
}

function withWifi(tenant: Json, accessPoint: string): Json {
  const slug = String(tenant.slug);
  return {
    ...tenant,
    services: ["wifi"],
    wifi: {
      realm: `${slug}.example`,
      vlan: 110,
      accessPoints: { wlc: { address: accessPoint } },
      userBackend: { kind: "ldap", server: `ldaps.${slug}.example`, baseDn: "OU=Users,DC=x", bindDn: "CN=svc,DC=x", bindPassword: { keyVaultSecret: `${slug}-ldap` } },
    },
  };
}

function eduroamPlatform(): Json {
  return {
    ...basePlatform(),
    eduroam: { nationalProxies: { "proxy-1": { address: "192.0.2.11", secret: { keyVaultSecret: "proxy-1" } } } },
    // Realms are proven by the platform's registry (test/security/realms.test.ts).
    domains: { senja: ["senja.example"], andoy: ["andoy.example"] },
  };
}

interface Scenario {
  readonly region: FixtureRegion;
  readonly repo: GitRepo;
  /** Every problem as `validate` prints it, with the region's folder written <region>. */
  problems(since?: string): string[];
  write(file: string, content: Json): void;
}

const scenarios: Scenario[] = [];
afterEach(() => {
  for (const s of scenarios.splice(0)) s.region.remove();
});

/** A region whose tenants and platform file are committed on main on 2026-01-10. */
function onMain(tenants: Record<string, Json>, platform: Json = basePlatform()): Scenario {
  const region = makeRegion(tenants, platform);
  const repo = initRepo(region.dir);
  repo.commitAll("main: the region as deployed", "2026-01-10T12:00:00Z");
  const scenario: Scenario = {
    region,
    repo,
    problems: (since) =>
      loadCommandRegion(region, { since, today: "2026-12-01" }).diagnostics.map((d) => formatDiagnostic(d).split(region.dir).join("<region>")),
    write: (file, content) => fs.writeFileSync(path.join(region.dir, file), stringify(content)),
  };
  scenarios.push(scenario);
  return scenario;
}

describe("a conflict between two files is reported on the new or changed one", () => {
  it("blames a new file that copies Senja's kommunenummer, although it sorts before senja.yaml", () => {
    const s = onMain({ senja: senja() });
    s.write("tenants/andoy.yaml", baseTenant("andoy", "5530", 2));
    expect(s.problems()).toEqual([
      "<region>/tenants/andoy.yaml:3:16 kommunenummer: kommunenummer 5530 is already used by <region>/tenants/senja.yaml; each municipality has its own, so this file may be a copy of another",
      "<region>/tenants/andoy.yaml:3:16 kommunenummer: the address space 10.96.60.0/23 allocated from this kommunenummer overlaps the spoke of senja (10.96.60.0/23) in <region>/tenants/senja.yaml; set network.addressSpace to a free block in the pool, e.g. 10.96.0.0/23",
    ]);
  });

  it("blames a new file whose address space lands on Senja's spoke, and suggests a block nobody uses", () => {
    const s = onMain({ senja: senja() });
    s.repo.git("checkout", "-q", "-b", "onboard-andoy");
    s.write("tenants/andoy.yaml", { ...baseTenant("andoy", "1871", 2), network: { addressSpace: "10.96.60.0/23" } });
    s.repo.commitAll("Onboard Andøy", "2026-11-20T12:00:00Z");
    expect(s.problems("main")).toEqual([
      "<region>/tenants/andoy.yaml:16:17 network.addressSpace: the address space 10.96.60.0/23 overlaps the spoke of senja (10.96.60.0/23) in <region>/tenants/senja.yaml; set network.addressSpace to a free block in the pool, e.g. 10.96.0.0/23",
    ]);
  });

  it("blames a new file whose allocated block lands on an existing explicit address space (the old rule blamed the explicit one)", () => {
    // 10.96.80.0/23 is the block of kommunenummer 5540; Alta pinned it long ago.
    const s = onMain({ senja: senja(), alta: { ...baseTenant("alta", "5601", 2), network: { addressSpace: "10.96.80.0/23" } } });
    s.write("tenants/tjeldsund.yaml", baseTenant("tjeldsund", "5540", 3));
    expect(s.problems()).toEqual([
      "<region>/tenants/tjeldsund.yaml:3:16 kommunenummer: the address space 10.96.80.0/23 allocated from this kommunenummer overlaps the spoke of alta (10.96.80.0/23) in <region>/tenants/alta.yaml; set network.addressSpace to a free block in the pool, e.g. 10.96.0.0/23",
    ]);
  });

  it("blames a new file's on-premises site that covers Senja's spoke, not Senja's spoke (sites used to win)", () => {
    const s = onMain({ senja: senja() });
    s.write("tenants/alta.yaml", {
      ...baseTenant("alta", "5601", 2),
      sites: { kontor: { publicIp: "198.51.100.20", prefixes: ["10.96.0.0/17"] } },
    });
    expect(s.problems()).toEqual([
      // The whole tenant pool is off limits to sites (sites.test.ts), so the new file is told so, and Senja nothing.
      "<region>/tenants/alta.yaml:19:9 sites.kontor.prefixes[0]: 10.96.0.0/17 overlaps the tenant pool for all spokes, allocated or not (10.96.0.0/15) in <region>/platform.yaml; the hub cannot route both, so renumber or NAT this site",
    ]);
  });

  it("blames a new file's site that reuses Senja's on-premises range", () => {
    const s = onMain({ senja: senja() });
    s.write("tenants/alta.yaml", {
      ...baseTenant("alta", "5601", 2),
      sites: { kontor: { publicIp: "198.51.100.20", prefixes: ["10.10.4.0/24"] } },
    });
    expect(s.problems()).toEqual([
      "<region>/tenants/alta.yaml:19:9 sites.kontor.prefixes[0]: 10.10.4.0/24 overlaps site radhus of senja (10.10.0.0/16) in <region>/tenants/senja.yaml; the hub cannot route both, so renumber or NAT this site",
    ]);
  });

  it("blames a new file whose Wi-Fi access point takes the address of Senja's", () => {
    const s = onMain({ senja: withWifi(senja(), "10.10.1.10") }, eduroamPlatform());
    s.write("tenants/andoy.yaml", withWifi(baseTenant("andoy", "5601", 2), "10.10.1.10"));
    // Andøy's access point is also behind none of its sites (sites.test.ts): that too is Andøy's to fix.
    const problems = s.problems();
    expect(problems.filter((p) => !p.startsWith("<region>/tenants/andoy.yaml:"))).toEqual([]);
    expect(problems).toContain(
      "<region>/tenants/andoy.yaml:22:16 wifi.accessPoints.wlc.address: 10.10.1.10 overlaps access point wlc of senja; RADIUS tells clients apart by address, so each needs its own",
    );
  });

  it("never tells Senja to change its realm when a new file copies it", () => {
    const s = onMain({ senja: withWifi(senja(), "10.10.1.10") }, eduroamPlatform());
    const copy = withWifi(baseTenant("andoy", "5601", 2), "10.20.1.10");
    s.write("tenants/andoy.yaml", { ...copy, wifi: { ...(copy.wifi as Json), realm: "senja.example" } });
    // The realm rules are another class's; whatever else they say, they say it to the new file.
    const problems = s.problems();
    expect(problems.filter((p) => !p.startsWith("<region>/tenants/andoy.yaml:"))).toEqual([]);
    expect(problems).toContain(
      "<region>/tenants/andoy.yaml:18:10 wifi.realm: eduroam realm senja.example is already used by <region>/tenants/senja.yaml; each municipality has its own, so this file may be a copy of another",
    );
  });

  it("blames an existing file edited to take another's kommunenummer, not the one that kept its own", () => {
    const s = onMain({ senja: senja(), alta: baseTenant("alta", "5601", 2) });
    s.write("tenants/alta.yaml", baseTenant("alta", "5530", 2));
    expect(s.problems()).toEqual([
      "<region>/tenants/alta.yaml:3:16 kommunenummer: kommunenummer 5530 is already used by <region>/tenants/senja.yaml; each municipality has its own, so this file may be a copy of another",
      "<region>/tenants/alta.yaml:3:16 kommunenummer: the address space 10.96.60.0/23 allocated from this kommunenummer overlaps the spoke of senja (10.96.60.0/23) in <region>/tenants/senja.yaml; set network.addressSpace to a free block in the pool, e.g. 10.96.0.0/23",
    ]);
  });

  it("blames the file committed last when nothing is uncommitted and no base is named", () => {
    const s = onMain({ senja: senja() });
    s.write("tenants/andoy.yaml", baseTenant("andoy", "5530", 2));
    s.repo.commitAll("Onboard Andøy", "2026-11-20T12:00:00Z");
    expect(s.problems().map((p) => p.split(" ")[0])).toEqual(["<region>/tenants/andoy.yaml:3:16", "<region>/tenants/andoy.yaml:3:16"]);
  });

  it("blames the platform file when the host moves its hub onto a municipality's site", () => {
    const s = onMain({ senja: senja() });
    const platform = basePlatform();
    (platform.network as Json).hub = { addressSpace: "10.10.0.0/22" };
    s.write("platform.yaml", platform);
    expect(s.problems()).toEqual([
      "<region>/platform.yaml:10:19 network.hub.addressSpace: 10.10.0.0/22 overlaps site radhus of senja (10.10.0.0/16) in <region>/tenants/senja.yaml; choose a hub range that no municipality uses",
    ]);
  });

  it("outside a git repository, falls back to the order of the files (the copy named after another slug is blamed)", () => {
    // kopi-av-senja.yaml sorts before senja.yaml; the file named after its slug is the original.
    const region = makeRegion({ senja: senja(), "kopi-av-senja": senja() });
    try {
      const problems = loadCommandRegion(region, { today: "2026-12-01" }).diagnostics.map((d) => formatDiagnostic(d).split(region.dir).join("<region>"));
      expect(problems).toEqual([
        '<region>/tenants/kopi-av-senja.yaml:1:7 slug: is "senja" but the file is named kopi-av-senja.yaml; the slug must match the file name (rename the file to senja.yaml or fix the slug)',
        "<region>/tenants/kopi-av-senja.yaml:1:7 slug: slug senja is already used by <region>/tenants/senja.yaml; each municipality has its own, so this file may be a copy of another",
        "<region>/tenants/kopi-av-senja.yaml:3:16 kommunenummer: kommunenummer 5530 is already used by <region>/tenants/senja.yaml; each municipality has its own, so this file may be a copy of another",
        "<region>/tenants/kopi-av-senja.yaml:3:16 kommunenummer: the address space 10.96.60.0/23 allocated from this kommunenummer overlaps the spoke of senja (10.96.60.0/23) in <region>/tenants/senja.yaml; set network.addressSpace to a free block in the pool, e.g. 10.96.0.0/23",
        "<region>/tenants/kopi-av-senja.yaml:4:22 organisasjonsnummer: organisasjonsnummer 920000010 is already used by <region>/tenants/senja.yaml; each municipality has its own, so this file may be a copy of another",
        "<region>/tenants/kopi-av-senja.yaml:17:15 sites.radhus.publicIp: 198.51.100.10 is already the VPN endpoint of site radhus of this municipality; the VPN gateway tells sites apart by this address, so each site needs its own",
        "<region>/tenants/kopi-av-senja.yaml:19:9 sites.radhus.prefixes[0]: 10.10.0.0/16 overlaps site radhus of senja (10.10.0.0/16) in <region>/tenants/senja.yaml; the hub cannot route both, so renumber or NAT this site",
      ]);
    } finally {
      region.remove();
    }
  });
});

describe("grunnmur validate --changed-since", () => {
  it("exits 1 and names only the pull request's file, with the suggested free block", async () => {
    const s = onMain({ senja: senja(), bardu: baseTenant("bardu", "5520", 3) });
    s.repo.git("checkout", "-q", "-b", "onboard");
    s.write("tenants/andoy.yaml", { ...baseTenant("andoy", "1871", 2), network: { addressSpace: "10.96.40.0/22" } });
    s.repo.commitAll("Onboard Andøy", "2025-06-01T12:00:00Z");
    const run = await runCli(["validate", "--changed-since", "main", "--tenants", s.region.tenantsDir, "--platform", s.region.platformFile]);
    expect(run.code).toBe(1);
    expect(run.stderr.split(s.region.dir).join("<region>")).toBe(
      [
        "<region>/tenants/andoy.yaml:16:17 network.addressSpace: the address space 10.96.40.0/22 overlaps the spoke of bardu (10.96.40.0/23) in <region>/tenants/bardu.yaml; set network.addressSpace to a free block in the pool, e.g. 10.97.144.0/22",
        "",
        "1 problem in 1 file; nothing was changed.",
      ].join("\n"),
    );
  });

  it("refuses a base git does not know instead of guessing whom to blame", async () => {
    const s = onMain({ senja: senja() });
    const run = await runCli(["validate", "--changed-since", "origin/nope", "--tenants", s.region.tenantsDir, "--platform", s.region.platformFile]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^git cannot compare with "origin\/nope": fatal: .*; fetch it first \(e\.g\. git fetch origin main\) or name another ref$/);
  });
});
