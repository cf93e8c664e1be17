import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { baseCommit, batches, changedStacks, fileAtCommit, tenantTouch, type ChangedStacks, type HubContext, type TenantVersion } from "../../scripts/ci/changed-stacks";
import { readPlatformHubsLeniently, readTenantLeniently, type LenientTenant } from "../../scripts/ci/lenient-files";
import { everyStack } from "../../scripts/commands/changed";
import type { PlatformHubsInput } from "../../domain/network/hub-placement";
import { DEFAULT_TENANTS_DIR } from "../../tenants/paths";

const tenants = new Set(["senja", "alta", "bardu"]);

/** The example's one hub: every tenant file is read on the platform's stack, as before hubs. */
const SINGLE_HUB: HubContext = { hubStacks: new Set(), tenantTouch: () => ({ hubStacks: new Set(["platform"]), platformReads: false }) };

/** Three hubs: main (the platform's, every county no other claims), nord (Finnmark, 56) and vest (Vestland, 46). */
const PLATFORM: PlatformHubsInput = {
  network: {
    hub: { addressSpace: "10.95.0.0/22" },
    hubs: { nord: { addressSpace: "10.95.8.0/22", counties: ["56"] }, vest: { addressSpace: "10.95.12.0/22", counties: ["46"] } },
  },
};

/** A tenant file as read leniently; Alta (5601) is in Finnmark, on hub nord. */
function alta(extra: Partial<LenientTenant> = {}): LenientTenant {
  return { slug: "alta", kommunenummer: "5601", ...extra };
}

/** The stacks changed when `files` change, with each tenant file's baseline and new version. */
function changed(files: string[], versions: Record<string, [TenantVersion, TenantVersion]>): ChangedStacks {
  return changedStacks(files, tenants, {
    hubStacks: new Set(["hub-nord", "hub-vest"]),
    tenantTouch: (slug) => tenantTouch(PLATFORM, versions[slug] ?? ["unreadable", "unreadable"]),
  });
}

describe("stacks a change affects in a region of several hubs", () => {
  const none = new Set<string>();
  it.each<[string, string[], Record<string, [TenantVersion, TenantVersion]>, { platform: boolean; hubs: ReadonlySet<string> | "all"; tenants: ReadonlySet<string> | "all" }]>([
    ["an edit of a tenant on another hub touches that hub and the tenant, not the platform", ["tenants/alta.yaml"], { alta: [alta(), alta()] }, { platform: false, hubs: new Set(["hub-nord"]), tenants: new Set(["alta"]) }],
    ["an edit of a tenant on the primary hub touches the platform and no hub stack", ["tenants/senja.yaml"], { senja: [{ slug: "senja", kommunenummer: "5530" }, { slug: "senja", kommunenummer: "5530" }] }, { platform: true, hubs: none, tenants: new Set(["senja"]) }],
    ["a new tenant file touches its hub", ["tenants/alta.yaml"], { alta: ["absent", alta()] }, { platform: false, hubs: new Set(["hub-nord"]), tenants: new Set(["alta"]) }],
    ["a move by a pin touches both hubs and the platform (the pin is the core's too)", ["tenants/alta.yaml"], { alta: [alta(), alta({ network: { hub: "vest" } })] }, { platform: true, hubs: new Set(["hub-nord", "hub-vest"]), tenants: new Set(["alta"]) }],
    ["a move back to the primary hub touches the old hub and the platform", ["tenants/alta.yaml"], { alta: [alta({ network: { hub: "nord" } }), alta({ network: { hub: "main" } })] }, { platform: true, hubs: new Set(["hub-nord"]), tenants: new Set(["alta"]) }],
    // Its RADIUS part is its hub's bundle, and the core's return routes to its sites are its hub stack's.
    ["a wifi section added touches its hub's stack, not the platform", ["tenants/alta.yaml"], { alta: [alta(), alta({ wifi: { realm: "alta.kommune.no" } })] }, { platform: false, hubs: new Set(["hub-nord"]), tenants: new Set(["alta"]) }],
    ["a subscription request withdrawn touches the platform, from the baseline version", ["tenants/alta.yaml"], { alta: [alta({ azure: { subscription: { create: true } } }), alta()] }, { platform: true, hubs: new Set(["hub-nord"]), tenants: new Set(["alta"]) }],
    // Their exemptions are the hub stack's (stacks/hub/governance.ts).
    ["waivers removed touch its hub's stack, not the platform", ["tenants/alta.yaml"], { alta: [alta({ waivers: [{ policy: "x" }] }), alta({ waivers: [] })] }, { platform: false, hubs: new Set(["hub-nord"]), tenants: new Set(["alta"]) }],
    ["a baseline that cannot be read touches every hub and the platform", ["tenants/alta.yaml"], { alta: ["unreadable", alta()] }, { platform: true, hubs: "all", tenants: new Set(["alta"]) }],
    ["a pin to a hub the platform does not have touches every hub", ["tenants/alta.yaml"], { alta: [alta(), alta({ network: { hub: "sor" } })] }, { platform: true, hubs: "all", tenants: new Set(["alta"]) }],
    ["a hub's own Pulumi.hub-<key>.yaml touches that hub stack alone", ["Pulumi.hub-nord.yaml"], {}, { platform: false, hubs: new Set(["hub-nord"]), tenants: none }],
    ["the Pulumi.hub-<key>.yaml of a hub platform.yaml does not have touches nothing", ["Pulumi.hub-sor.yaml"], {}, { platform: false, hubs: none, tenants: none }],
    ["platform.yaml touches every stack", ["platform.yaml"], {}, { platform: true, hubs: "all", tenants: "all" }],
    ["a schema touches every stack", ["tenants/schema/tenant.ts"], {}, { platform: true, hubs: "all", tenants: "all" }],
    ["the catalogue touches every stack", ["catalogue.yaml"], {}, { platform: true, hubs: "all", tenants: "all" }],
    ["documentation touches nothing", ["docs/hubs.md", ".github/workflows/deploy.yml"], {}, { platform: false, hubs: none, tenants: none }],
  ])("%s", (_name, files, versions, expected) => {
    const result = changed(files, versions);
    expect({ platform: result.platform, hubs: result.hubs, tenants: result.tenants }).toEqual(expected);
  });

  it("touches the hub of a removed tenant file, and notes the tenant as removed", () => {
    const result = changedStacks(["tenants/gamvik.yaml"], tenants, {
      hubStacks: new Set(["hub-nord"]),
      tenantTouch: (slug) => tenantTouch(PLATFORM, [{ slug, kommunenummer: "5626" }, "absent"]),
    });
    expect(result).toEqual({ platform: false, hubs: new Set(["hub-nord"]), tenants: new Set(), removedTenants: new Set(["gamvik"]) });
  });

  it("reads the versions of changed tenant files only when not every stack is touched anyway", () => {
    const asked: string[] = [];
    const context: HubContext = { hubStacks: new Set(), tenantTouch: (slug) => (asked.push(slug), { hubStacks: new Set(["platform"]), platformReads: false }) };
    changedStacks(["components/network/spoke.ts", "tenants/alta.yaml"], tenants, context);
    expect(asked).toEqual([]);
    changedStacks(["Pulumi.hub-nord.yaml", "tenants/alta.yaml", "tenants/bardu.yaml"], tenants, context);
    expect(asked).toEqual(["alta", "bardu"]);
  });

  it("places both versions with the same platform, so a platform that cannot be read touches every hub", () => {
    expect(tenantTouch(undefined, [alta(), alta()])).toEqual({ hubStacks: "all", platformReads: true });
    expect(tenantTouch(PLATFORM, ["absent", "absent"])).toEqual({ hubStacks: new Set(), platformReads: false });
  });
});

describe("reading a version of a tenant file leniently", () => {
  it.each<[string, string, string | undefined]>([
    ["a valid file", 'slug: alta\nkommunenummer: "5601"\n', "hub-nord"],
    ["a file today's schema would refuse, with its kommunenummer", 'kommunenummer: "5601"\nunknownField: 3\n', "hub-nord"],
    ["a pinned file", 'kommunenummer: "5601"\nnetwork:\n  hub: vest\n', "hub-vest"],
    ["a kommunenummer written as a number (leading zeros lost)", "kommunenummer: 301\n", undefined],
    ["no kommunenummer", "slug: alta\n", undefined],
    ["a pin that is no hub key", 'kommunenummer: "5601"\nnetwork:\n  hub: [vest]\n', undefined],
    ["broken YAML", 'kommunenummer: "5601\n  : [', undefined],
    ["a list instead of a mapping", "- alta\n", undefined],
  ])("%s", (_name, text, hubStack) => {
    const version = readTenantLeniently("alta", text);
    if (hubStack === undefined) expect(version).toBeUndefined();
    else expect(tenantTouch(PLATFORM, [version!]).hubStacks).toEqual(new Set([hubStack]));
  });

  it("keeps the parts the platform reads", () => {
    const version = readTenantLeniently("alta", 'kommunenummer: "5601"\nazure:\n  subscription:\n    create: true\nwaivers: []\n')!;
    expect(tenantTouch(PLATFORM, [version]).platformReads).toBe(true);
    expect(tenantTouch(PLATFORM, [readTenantLeniently("alta", 'kommunenummer: "5601"\nwaivers: []\n')!]).platformReads).toBe(false);
  });
});

describe("reading platform.yaml's hubs leniently", () => {
  it("takes the hub keys and counties, leaving out what the validation reports", () => {
    const hubs = readPlatformHubsLeniently("platform.yaml", "network:\n  hub: { addressSpace: 10.95.0.0/22 }\n  hubs:\n    nord: { addressSpace: 10.95.8.0/22, counties: ['56', 55] }\n    Bad_Key: { addressSpace: 10.95.12.0/22 }\n");
    expect(hubs.network.hubs).toEqual({ nord: { addressSpace: "10.95.8.0/22", counties: ["56"] } });
  });

  it("names the file and the field when there is no hub to place tenants on", () => {
    expect(() => readPlatformHubsLeniently("platform.yaml", "host: { slug: tromso }\n")).toThrow("platform.yaml: network.hub is missing");
    expect(() => readPlatformHubsLeniently("platform.yaml", "network:\n  hub: {}\n  hubs: [nord]\n")).toThrow("platform.yaml: network.hubs must be a mapping of hub keys");
  });
});

describe("a tenant file's baseline version from git", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-changed-"));
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("is the file where the change left the base branch, or undefined where it did not exist", () => {
    git("init", "-q", "-b", "main");
    git("config", "user.email", "test@example.invalid");
    git("config", "user.name", "test");
    fs.mkdirSync(path.join(dir, "tenants"));
    fs.writeFileSync(path.join(dir, "tenants", "alta.yaml"), 'kommunenummer: "5601"\n');
    git("add", "tenants/alta.yaml");
    git("commit", "-q", "-m", "alta");
    git("checkout", "-q", "-b", "move");
    fs.writeFileSync(path.join(dir, "tenants", "alta.yaml"), 'kommunenummer: "5601"\nnetwork: { hub: vest }\n');
    git("commit", "-q", "-am", "alta moves");
    const base = baseCommit("main", dir);
    expect(fileAtCommit(base, "tenants/alta.yaml", dir)).toBe('kommunenummer: "5601"\n');
    expect(fileAtCommit(base, "tenants/bardu.yaml", dir)).toBeUndefined();
    expect(() => baseCommit("no-such-branch", dir)).toThrow('git found no common commit of "no-such-branch" and HEAD');
  });
});

describe("stacks a change affects", () => {
  it("previews a changed tenant and the platform, nobody else", () => {
    const result = changedStacks(["tenants/senja.yaml"], tenants, SINGLE_HUB);
    expect(result).toEqual({ platform: true, hubs: new Set(), tenants: new Set(["senja"]), removedTenants: new Set() });
  });

  it("previews every stack when shared code or platform settings change", () => {
    expect(changedStacks(["components/network/spoke.ts"], tenants, SINGLE_HUB).tenants).toBe("all");
    expect(changedStacks(["platform.yaml", "tenants/senja.yaml"], tenants, SINGLE_HUB).tenants).toBe("all");
    expect(changedStacks(["package-lock.json"], tenants, SINGLE_HUB).tenants).toBe("all");
  });

  it("previews nothing for documentation and tests", () => {
    expect(changedStacks(["README.md", "test/unit/cidr.test.ts", ".github/workflows/drift.yml"], tenants, SINGLE_HUB)).toEqual({
      platform: false,
      hubs: new Set(),
      tenants: new Set(),
      removedTenants: new Set(),
    });
  });

  it("notes a deleted tenant file so the report can show what it loses", () => {
    expect(changedStacks(["tenants/gamvik.yaml"], tenants, SINGLE_HUB)).toEqual({ platform: true, hubs: new Set(), tenants: new Set(), removedTenants: new Set(["gamvik"]) });
  });

  it("previews only the stack whose own Pulumi.<stack>.yaml changed", () => {
    expect(changedStacks(["Pulumi.senja.yaml"], tenants, SINGLE_HUB)).toEqual({ platform: false, hubs: new Set(), tenants: new Set(["senja"]), removedTenants: new Set() });
    expect(changedStacks(["Pulumi.platform.yaml"], tenants, SINGLE_HUB)).toEqual({ platform: true, hubs: new Set(), tenants: new Set(), removedTenants: new Set() });
    expect(changedStacks(["Pulumi.yaml"], tenants, SINGLE_HUB).tenants).toBe("all");
  });
});

describe("every stack, for a first deploy", () => {
  it("is the platform, every hub and each tenant file", () => {
    const all = everyStack(DEFAULT_TENANTS_DIR);
    expect([all.platform, all.hubs, all.tenants]).toEqual([true, "all", "all"]);
    // The example region has one hub, the platform's.
    expect(all.allHubs).toEqual([]);
    expect(all.all).toContain("senja");
  });
});

describe("batches of stacks for CI matrices", () => {
  it("splits 357 tenants into groups that stay under GitHub's 256 jobs per matrix", () => {
    const many = Array.from({ length: 357 }, (_, i) => `t${i}`);
    const groups = batches(many, 10);
    expect(groups).toHaveLength(36);
    expect(groups.flatMap((g) => g.split(" "))).toEqual(many);
    expect(groups.every((g) => g.split(" ").length <= 10)).toBe(true);
  });

  it("gives an empty list for no stacks, so a workflow's guard skips the matrix", () => {
    expect(batches([], 10)).toEqual([]);
    expect(batches(["alta", "bardu", "senja"], 2)).toEqual(["alta bardu", "senja"]);
  });

  it("refuses a batch size that is not a whole number of at least 1", () => {
    expect(() => batches(["alta"], 0)).toThrow("the batch size must be a whole number of at least 1");
  });
});
