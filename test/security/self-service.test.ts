/**
 * Attacks on class 9 of issue 14, "offboarding and waivers can't be
 * self-served": what a municipality's own team may write in its own file
 * (CODEOWNERS lets it approve changes there) must not let it leave the
 * platform, delete its data, renumber its network or waive the baseline on its
 * own word. Validation rejects what is wrong in a file; the pull-request report
 * blocks what is wrong in a change.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "../helpers/cli";
import { basePlatform, baseTenant, makeRegion, type FixtureRegion, type Json } from "../helpers/region-fixture";
import { previewFiles, readPreview, type PreviewedRegion } from "../helpers/preview-fixture";
import { loadCommandRegion } from "../../scripts/region";
import { previewRegion } from "../../scripts/preview/run-preview";
import { formatDiagnostic } from "../../tenants/validation/diagnostic";
import { localToday } from "../../tenants/validation/date-rules";

const TODAY = "2026-12-01";

/** Gamvik with storage and backup: the data a careless removal would lose. */
function gamvik(extra: Json = {}): Json {
  return {
    ...baseTenant("gamvik", "5626", 3),
    services: ["storage", "backup"],
    storage: { shares: { felles: { quotaGb: 100 } } },
    backup: { tier: "standard" },
    ...extra,
  };
}

const leaving = (extra: Json = {}): Json => ({ offboarding: { leaving: true, since: "2026-06-01", reason: "The council joined another IT cooperation", ...extra } });
const approved = (platform: Json = basePlatform()): Json => ({ ...platform, offboarding: { gamvik: { approved: "2026-06-15", by: "Kari Nordmann, regional IT lead" } } });
const withTeam = (platform: Json = basePlatform()): Json => ({ ...platform, github: { platformTeam: "@grunnmur-region/platform-team" } });
const waiver = (granted: string, expires: string) => ({
  policy: "storage-no-shared-key-access",
  resource: "files",
  reason: "The Azure Files backup agent needs the account key until it supports Entra ID",
  granted,
  expires,
});

const regions: FixtureRegion[] = [];
afterEach(() => {
  for (const r of regions.splice(0)) r.remove();
});

/** Every problem `validate` would print for these files, judged on TODAY, with the region's folder written <region>. */
function problems(tenants: Record<string, Json>, platform: Json = basePlatform()): string[] {
  const region = makeRegion(tenants, platform);
  regions.push(region);
  return loadCommandRegion(region, { today: TODAY }).diagnostics.map((d) => formatDiagnostic(d).split(region.dir).join("<region>"));
}

describe("a tenant file cannot leave the platform on its own word", () => {
  it("rejects a leaving mark the platform team has not approved in platform.yaml", () => {
    expect(problems({ gamvik: gamvik(leaving()) })).toEqual([
      "<region>/tenants/gamvik.yaml:25:12 offboarding.leaving: marks gamvik as leaving, but <region>/platform.yaml has no offboarding.gamvik approval; a departure takes effect only when the platform team approves it there (offboarding: { gamvik: { approved: YYYY-MM-DD, by: <name> } }), so ask them or remove the offboarding section",
    ]);
  });

  it("rejects an approval written into the tenant file itself", () => {
    expect(problems({ gamvik: gamvik(leaving({ approved: "2026-06-15", by: "Gamvik IT" })) })).toEqual([
      '<region>/tenants/gamvik.yaml:28:3 offboarding.approved: unknown field "approved"; valid fields here: leaving, since, reason, dataExportedTo',
      '<region>/tenants/gamvik.yaml:29:3 offboarding.by: unknown field "by"; valid fields here: leaving, since, reason, dataExportedTo',
    ]);
  });

  it("accepts the mark once platform.yaml approves it", () => {
    expect(problems({ gamvik: gamvik(leaving()) }, approved())).toEqual([]);
  });

  it("rejects an approval dated in the future, and one for a municipality that does not ask to leave", () => {
    const platform = { ...basePlatform(), offboarding: { gamvik: { approved: "2027-01-15", by: "Kari Nordmann" }, senja: { approved: "2026-06-15", by: "Kari Nordmann" } } };
    expect(problems({ gamvik: gamvik(leaving()), senja: baseTenant("senja", "5530", 1) }, platform)).toEqual([
      "<region>/platform.yaml:39:15 offboarding.gamvik.approved: 2027-01-15 is in the future (today is 2026-12-01); write the day the platform team approved the departure",
      "<region>/platform.yaml:41:3 offboarding.senja: approves the departure of senja, but <region>/tenants/senja.yaml does not ask to leave; remove the approval, or add offboarding: { leaving: true, since, reason } to the tenant file",
    ]);
  });

  it("previews an unapproved mark as staying, even in a region that skipped validation", async () => {
    const region = makeRegion({ gamvik: gamvik() });
    regions.push(region);
    const load = loadCommandRegion(region, { today: TODAY });
    const [tenant] = load.region!.tenants;
    const forged = { ...load.region!, tenants: [{ ...tenant, spec: { ...tenant.spec, offboarding: { leaving: true as const, since: "2026-06-01", reason: "forged", dataExportedTo: "nowhere" } } }] };
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-forged-"));
    try {
      await previewRegion(forged, { outDir, only: new Set(["gamvik"]) });
      const outputs = readPreview(path.join(outDir, "gamvik.json")).outputs;
      expect({ leaving: outputs.leaving, offboarding: outputs.offboarding }).toEqual({ leaving: false, offboarding: undefined });
    } finally {
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  });
});

describe("waivers and restore tests state dates that hold", () => {
  it("rejects a waiver for three years", () => {
    expect(problems({ gamvik: gamvik({ waivers: [waiver("2026-11-01", "2029-10-31")] }) })).toEqual([
      "<region>/tenants/gamvik.yaml:30:14 waivers[0].expires: 2029-10-31 is more than 12 months after granted (2026-11-01); a waiver holds at most 12 months, so expire it on or before 2027-11-01 and renew it in a reviewed change if it is still needed",
    ]);
  });

  it("rejects a waiver dated in the future to stretch its 12 months", () => {
    expect(problems({ gamvik: gamvik({ waivers: [waiver("2027-10-01", "2028-09-30")] }) })).toEqual([
      "<region>/tenants/gamvik.yaml:29:14 waivers[0].granted: 2027-10-01 is in the future (today is 2026-12-01); write the day the waiver was agreed, which starts its 12 months",
    ]);
  });

  it("rejects a waiver that does not say when it was agreed", () => {
    const { granted: _granted, ...undated } = waiver("2026-11-01", "2027-06-30");
    expect(problems({ gamvik: gamvik({ waivers: [undated] }) })).toEqual(["<region>/tenants/gamvik.yaml:25:5 waivers[0].granted: is required: write the day the waiver was agreed (YYYY-MM-DD); it holds at most 12 months from then"]);
  });

  it("holds the platform's own waivers to the same 12 months", () => {
    const platform = { ...basePlatform(), waivers: [{ ...waiver("2026-11-01", "2028-11-01"), policy: "network-no-public-ip-in-tenant", resource: "bastion-ip" }] };
    expect(problems({ gamvik: gamvik() }, platform)).toEqual([
      "<region>/platform.yaml:43:14 waivers[0].expires: 2028-11-01 is more than 12 months after granted (2026-11-01); a waiver holds at most 12 months, so expire it on or before 2027-11-01 and renew it in a reviewed change if it is still needed",
    ]);
  });

  it("rejects a restore test dated in the future", () => {
    expect(problems({ gamvik: gamvik({ backup: { tier: "standard", lastRestoreTest: "2027-02-01" } }) })).toEqual([
      "<region>/tenants/gamvik.yaml:24:20 backup.lastRestoreTest: 2027-02-01 is in the future (today is 2026-12-01); record the day the last test restore was done, or leave it out until one is",
    ]);
  });

  it("judges the dates against the real today in grunnmur validate", async () => {
    const region = makeRegion({ gamvik: gamvik({ backup: { tier: "standard", lastRestoreTest: "2099-01-01" } }) });
    regions.push(region);
    const run = await runCli(["validate", "--tenants", region.tenantsDir, "--platform", region.platformFile]);
    expect(run.code).toBe(1);
    expect(run.stderr.split("\n")[0]).toBe(
      `${region.tenantsDir}/gamvik.yaml:24:20 backup.lastRestoreTest: 2099-01-01 is in the future (today is ${localToday()}); record the day the last test restore was done, or leave it out until one is`,
    );
  });
});

describe("the GitHub team a tenant file names", () => {
  it.each<[string, string, Json, string]>([
    ["a team of another organisation", "@evil-org/gamvik-it", withTeam(), "@evil-org/gamvik-it is not a team of @grunnmur-region, the organisation of the platform team @grunnmur-region/platform-team; GitHub gives review only to teams of the repository's organisation"],
    ["the platform team itself", "@Grunnmur-Region/Platform-Team", withTeam(), "@Grunnmur-Region/Platform-Team is the platform team, which owns every tenant file already; name the municipality's own team, or leave github out"],
    ["a team while the platform names none", "@grunnmur-region/gamvik-it", basePlatform(), "names @grunnmur-region/gamvik-it, but <region>/platform.yaml has no github.platformTeam; the host names the platform team first, since it owns every file"],
    ["a user instead of a team", "@gamvik-admin", withTeam(), 'must be a GitHub team written "@organisation/team", like "@grunnmur-region/senja-it" (letters, digits, hyphens; no spaces)'],
  ])("is rejected when it is %s", (_label, team, platform, message) => {
    expect(problems({ gamvik: gamvik({ github: { team } }) }, platform)).toEqual([`<region>/tenants/gamvik.yaml:25:9 github.team: ${message}`]);
  });

  it("makes the committed CODEOWNERS stale, so the change needs the platform team's review of .github/", async () => {
    const region = makeRegion({ gamvik: gamvik() }, withTeam());
    regions.push(region);
    const file = path.join(region.dir, "CODEOWNERS");
    const args = ["codeowners", "--file", file, "--tenants", region.tenantsDir, "--platform", region.platformFile];
    expect((await runCli([...args, "--write"])).code).toBe(0);
    expect(await runCli([...args, "--check"])).toEqual({ code: 0, stdout: `${file} matches the files.`, stderr: "" });

    region.writeTenant("gamvik", gamvik({ github: { team: "@grunnmur-region/gamvik-it" } }));
    expect(await runCli([...args, "--check"])).toEqual({
      code: 1,
      stdout: "",
      stderr: `${file} is stale; run "npx grunnmur codeowners --write" and commit the result with the change to the files.`,
    });
    await runCli([...args, "--write"]);
    expect(fs.readFileSync(file, "utf8").split("\n").filter((l) => /^\/tenants\/[a-z0-9-]+\.yaml /.test(l))).toEqual(["/tenants/gamvik.yaml @grunnmur-region/platform-team @grunnmur-region/gamvik-it"]);
  });
});

describe("the pull-request report", () => {
  const previews: PreviewedRegion[] = [];
  afterAll(() => {
    for (const p of previews.splice(0)) p.remove();
  });

  async function preview(tenants: Record<string, Json>, platform: Json = basePlatform()): Promise<PreviewedRegion> {
    const region = makeRegion(tenants, platform);
    try {
      const previewed = await previewFiles(region.tenantsDir, region.platformFile);
      previews.push(previewed);
      return previewed;
    } finally {
      region.remove();
    }
  }

  async function report(baseline: PreviewedRegion, current: PreviewedRegion): Promise<{ code: number; blocking: string[] }> {
    const region = makeRegion({});
    regions.push(region);
    const run = await runCli(["report", "--baseline", baseline.outDir, "--current", current.outDir, "--platform", region.platformFile]);
    return { code: run.code, blocking: run.stdout.split("\n").filter((l) => l.startsWith("> - ")) };
  }

  let gone: PreviewedRegion;
  beforeAll(async () => {
    gone = await preview({ senja: baseTenant("senja", "5530", 1) });
  });

  const lost = (why: string) => [
    `> - gamvik: backup-files-felles (recoveryservices:ProtectedItem) would be deleted although it is protected; ${why}`,
    `> - gamvik: backup-files-container (recoveryservices:ProtectionContainer) would be deleted although it is protected; ${why}`,
    // The storage account's lock is kept with it (policy DL-02), so it is protected too.
    `> - gamvik: storage-lock (authorization:ManagementLockByScope) would be deleted although it is protected; ${why}`,
    `> - gamvik: storage-share-felles (storage:FileShare) would be deleted although it is protected; ${why}`,
    `> - gamvik: storage (storage:StorageAccount) would be deleted although it is protected; ${why}`,
  ];

  it("blocks removing a leaving municipality whose data export main does not record", async () => {
    const main = await preview({ senja: baseTenant("senja", "5530", 1), gamvik: gamvik(leaving()) }, approved());
    expect(await report(main, gone)).toEqual({
      code: 1,
      blocking: lost("gamvik is leaving, but main records no offboarding.dataExportedTo; export its data, record where it went, and merge that before removing anything"),
    });
  });

  it("blocks removing a municipality before its leaving date", async () => {
    const main = await preview({ senja: baseTenant("senja", "5530", 1), gamvik: gamvik(leaving({ since: "2099-06-30", dataExportedTo: "Gamvik's own NAS" })) }, approved());
    expect(await report(main, gone)).toEqual({ code: 1, blocking: lost("gamvik leaves on 2099-06-30 (offboarding.since on main); remove its resources on or after that day") });
  });

  it("allows the removal once main shows the approved departure, the export and a date that has passed", async () => {
    const main = await preview({ senja: baseTenant("senja", "5530", 1), gamvik: gamvik(leaving({ dataExportedTo: "Gamvik's own NAS" })) }, approved());
    expect(await report(main, gone)).toEqual({ code: 0, blocking: [] });
  });

  it("blocks a changed kommunenummer that would renumber the spoke, and allows it with the old block pinned", async () => {
    const main = await preview({ senja: baseTenant("senja", "5530", 1) });
    const renumbered = await preview({ senja: baseTenant("senja", "5531", 1) });
    expect(await report(main, renumbered)).toEqual({
      code: 1,
      blocking: [
        "> - senja: spoke (network:VirtualNetwork): the spoke would move from 10.96.60.0/23 to 10.96.62.0/23 (allocated from a changed kommunenummer, or a changed tenant pool), renumbering every address in it and every rule and route that names it; keep it with network.addressSpace: 10.96.60.0/23 in the tenant file",
      ],
    });
    const pinned = await preview({ senja: { ...baseTenant("senja", "5531", 1), network: { addressSpace: "10.96.60.0/23" } } });
    expect(await report(main, pinned)).toEqual({ code: 0, blocking: [] });
  });
});
