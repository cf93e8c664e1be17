import { formatDiagnostic, formatPath } from "../../tenants/validation/diagnostic";
import { loadRegion } from "../../tenants/validation/load-region";
import { tenantSchema } from "../../tenants/schema/tenant";
import { baseTenant, basePlatform, makeRegion, type Json } from "../helpers/region-fixture";

/** Loads a region of senja (edited by `edit`) and alta, and returns "field: message" per problem. */
function problemsAfter(edit: (senja: Json) => void, platformEdit?: (platform: Json) => void): string[] {
  const senja = baseTenant("senja", "5530", 1);
  edit(senja);
  const platform = basePlatform();
  platformEdit?.(platform);
  const region = makeRegion({ senja, alta: baseTenant("alta", "5601", 2) }, platform);
  try {
    const load = loadRegion({ tenantsDir: region.tenantsDir, platformFile: region.platformFile });
    return load.diagnostics.map((d) => `${d.file.endsWith("platform.yaml") ? "platform " : ""}${formatPath(d.path)}: ${d.message}`);
  } finally {
    region.remove();
  }
}

describe("tenant file validation", () => {
  it("accepts a minimal tenant and allocates its block from the kommunenummer", () => {
    const region = makeRegion({ senja: baseTenant("senja", "5530", 1) });
    try {
      const load = loadRegion({ tenantsDir: region.tenantsDir, platformFile: region.platformFile });
      expect(load.diagnostics).toEqual([]);
      expect(load.region?.tenants[0]).toMatchObject({ addressSpace: "10.96.60.0/23", addressSource: "allocated", zones: ["general"] });
    } finally {
      region.remove();
    }
  });

  it.each<[string, (t: Json) => void, string[]]>([
    [
      "a misspelt key",
      (t) => {
        t.costCenter = t.costCentre;
        delete t.costCentre;
      },
      [
        "costCentre: is required but missing",
        `costCenter: unknown field "costCenter"; did you mean "costCentre"? valid fields here: ${Object.keys(tenantSchema.shape).join(", ")}`,
      ],
    ],
    [
      "a kommunenummer from the old county 54",
      (t) => {
        t.kommunenummer = "5421";
      },
      ['kommunenummer: "5421" starts with county 54, which does not exist since 2024; valid county prefixes are 03, 11, 15, 18, 31, 32, 33, 34, 39, 40, 42, 46, 50, 55, 56'],
    ],
    [
      "a kommunenummer written as a number",
      (t) => {
        t.kommunenummer = 5530;
      },
      ['kommunenummer: must be a quoted 4-digit string like "5501"'],
    ],
    [
      "an exam zone that is too small",
      (t) => {
        t.services = ["exam-zone"];
        t.network = { zones: { exam: { size: "/29" } } };
      },
      ["network.zones.exam.size: /29 is too small for an exam zone; use /27 or larger"],
    ],
    [
      "a zone without its service",
      (t) => {
        t.network = { zones: { secure: { size: 26 } } };
      },
      ['network.zones.secure: is configured but "secure-zone" is not in services; add it to services or remove the zone'],
    ],
    [
      "a service without its section",
      (t) => {
        t.services = ["storage"];
      },
      ['services: includes "storage" but the file has no storage section; add one (see the schema) or remove the service'],
    ],
    [
      "a site that still names its pre-shared key, which the platform now generates",
      (t) => {
        t.sites = { radhus: { publicIp: "198.51.100.1", prefixes: ["172.30.0.0/24"], preSharedKey: { keyVaultSecret: "x-psk" } } };
      },
      [
        `sites.radhus.preSharedKey: "preSharedKey" is no longer written in the file: the platform generates each site's VPN pre-shared key and keeps it in its Key Vault; remove the line, and ask the regional IT team for the key (README, "Keys for a municipality's devices")`,
      ],
    ],
    [
      "an address space outside the pool",
      (t) => {
        t.network = { addressSpace: "10.50.0.0/23" };
      },
      ["network.addressSpace: 10.50.0.0/23 is outside the tenant pool 10.96.0.0/15; pick a block inside it, like 10.96.0.0/23, or leave addressSpace out to have one allocated"],
    ],
    [
      "a dependency on an unknown system",
      (t) => {
        t.systems = { profil: { name: "Profil", vendor: "Visma", runsOn: "saas", dependsOn: ["epjhorte"] } };
      },
      ['systems.profil.dependsOn[0]: "epjhorte" is not a system in this file; valid keys are profil'],
    ],
    [
      "a cycle in system dependencies",
      (t) => {
        t.systems = {
          profil: { name: "Profil", vendor: "Visma", runsOn: "saas", dependsOn: ["ephorte"] },
          ephorte: { name: "ePhorte", vendor: "Sikri", runsOn: "saas", dependsOn: ["profil"] },
        };
      },
      ["systems.ephorte.dependsOn: dependencies form a cycle: ephorte → profil → ephorte; systems in a cycle cannot be migrated in order, remove one dependency"],
    ],
    [
      "an unknown backup tier",
      (t) => {
        t.services = ["storage", "backup"];
        t.storage = { shares: { felles: { quotaGb: 10 } } };
        t.backup = { tier: "gold" };
      },
      ['backup.tier: "gold" is not a backup tier of the platform; valid tiers are standard'],
    ],
    [
      "an enum value that does not exist",
      (t) => {
        t.services = ["storage", "coffee"];
        t.storage = { shares: { felles: { quotaGb: 10 } } };
      },
      ['services[1]: must be one of "storage", "backup", "wifi", "secure-zone", "exam-zone"; found the text "coffee"'],
    ],
  ])("reports %s", (_label, edit, expected) => {
    const problems = problemsAfter(edit);
    expect(problems).toEqual(expected);
  });

  it("explains a bad check digit with the digit MOD11 expects", () => {
    const problems = problemsAfter((t) => {
      t.organisasjonsnummer = "123456784";
    });
    expect(problems).toEqual(['organisasjonsnummer: "123456784" has check digit 4, but MOD11 gives 5; check the number in Enhetsregisteret']);
  });

  it("names the other tenant when address spaces overlap", () => {
    const problems = problemsAfter((t) => {
      t.network = { addressSpace: "10.96.202.0/23" };
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^network\.addressSpace: the address space 10\.96\.202\.0\/23 overlaps the spoke of alta \(10\.96\.202\.0\/23\) in .*alta\.yaml; set network\.addressSpace to a free block in the pool, e\.g\. 10\.96\.0\.0\/23$/,
    );
  });

  it("names the hub when an on-premises prefix overlaps it", () => {
    const [problem] = problemsAfter((t) => {
      t.sites = { radhus: { publicIp: "198.51.100.1", prefixes: ["10.95.0.0/16"] } };
    });
    expect(problem).toMatch(/^sites\.radhus\.prefixes\[0\]: 10\.95\.0\.0\/16 overlaps the hub \(10\.95\.0\.0\/22\) in .*platform\.yaml/);
  });

  it("reports platform problems in the platform file", () => {
    const problems = problemsAfter(
      () => undefined,
      (p) => {
        (p.network as Json).hub = { addressSpace: "10.96.0.0/22" };
      },
    );
    expect(problems).toContain("platform network.hub.addressSpace: 10.96.0.0/22 overlaps the tenant pool 10.96.0.0/15; choose a hub range outside the pool");
  });
});

describe("positions and whole-region checks", () => {
  it("points at the line and column of the offending field", () => {
    const region = makeRegion({});
    region.writeTenant(
      "senja",
      [
        "slug: senja",
        "displayName: Senja kommune",
        'kommunenummer: "5530"',
        'organisasjonsnummer: "123456785"',
        "population: 14600",
        "costCentre: x",
        "contacts: [{ name: Kari Nordmann, role: IT lead, email: it@senja.example }]",
        "budget: { monthlyNok: 10, alertRecipients: [it@senja.example] }",
        "services: [exam-zone]",
        "network:",
        "  zones:",
        "    exam:",
        "      size: /29",
        "",
      ].join("\n"),
    );
    try {
      const load = loadRegion({ tenantsDir: region.tenantsDir, platformFile: region.platformFile });
      expect(load.diagnostics.map(formatDiagnostic)).toEqual([
        `${region.tenantsDir}/senja.yaml:13:13 network.zones.exam.size: /29 is too small for an exam zone; use /27 or larger`,
      ]);
    } finally {
      region.remove();
    }
  });

  it("reports every problem of every file together, not one at a time", () => {
    const region = makeRegion({ alta: baseTenant("alta", "5601", 2), gamvik: baseTenant("gamvik", "5626", 3) });
    region.writeTenant("broken", "slug: [unclosed\n");
    region.writeTenant("empty", "");
    region.writeTenant("alta-copy", { ...baseTenant("alta", "5601", 2) });
    try {
      const load = loadRegion({ tenantsDir: region.tenantsDir, platformFile: region.platformFile });
      const text = load.diagnostics.map(formatDiagnostic).join("\n");
      expect(load.region).toBeUndefined();
      expect(text).toContain('broken.yaml:2:1 a list [ ... ] or map { ... } opened above is not closed before this line; close it with "]"');
      expect(text).toContain("empty.yaml the file is empty");
      expect(text).toMatch(/alta-copy\.yaml:\d+:\d+ slug: is "alta" but the file is named alta-copy\.yaml/);
      expect(text).toMatch(/alta-copy\.yaml:\d+:\d+ kommunenummer: kommunenummer 5601 is already used by .*alta\.yaml/);
      expect(text).toMatch(/alta-copy\.yaml:\d+:\d+ organisasjonsnummer: organisasjonsnummer \d{9} is already used by/);
    } finally {
      region.remove();
    }
  });

  it("never moves a tenant's address space when another tenant is added or removed", () => {
    const all = { senja: baseTenant("senja", "5530", 1), alta: baseTenant("alta", "5601", 2), bardu: baseTenant("bardu", "5520", 3) };
    const spaces = (tenants: Record<string, Json>) => {
      const region = makeRegion(tenants);
      try {
        const load = loadRegion({ tenantsDir: region.tenantsDir, platformFile: region.platformFile });
        return Object.fromEntries((load.region?.tenants ?? []).map((t) => [t.spec.slug, t.addressSpace]));
      } finally {
        region.remove();
      }
    };
    const before = spaces(all);
    const { bardu: _removed, ...withoutBardu } = all;
    const after = spaces({ ...withoutBardu, storfjord: baseTenant("storfjord", "5538", 4) });
    expect(after.senja).toBe(before.senja);
    expect(after.alta).toBe(before.alta);
    expect(after.storfjord).toBe("10.96.76.0/23");
  });
});
