/**
 * `grunnmur offboard <slug>`: refuses what is not ready, prints what stays and
 * what goes, and with --yes runs the Pulumi commands in order, through a
 * recording runner instead of the Pulumi CLI.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { parseCommand, UsageError } from "../../scripts/args";
import { offboardSpec, runOffboardWith, type OffboardDeps } from "../../scripts/commands/offboard";
import type { StackPreview } from "../../scripts/preview/preview-file";
import { runCli } from "../helpers/cli";
import { previewFiles, type PreviewedRegion } from "../helpers/preview-fixture";
import { copyExampleRegion, type FixtureRegion, type Json } from "../helpers/region-fixture";

const TODAY = "2026-11-23";
const APPROVAL = 'offboarding:\n  gamvik: { approved: 2026-10-01, by: "Kari Nordmann, regional IT lead" }\n';

/** The example region with gamvik leaving: asked in its file (with `request`), approved in platform.yaml. */
function regionWithGamvikLeaving(request: Json, approve = true): FixtureRegion {
  const region = copyExampleRegion();
  const file = path.join(region.tenantsDir, "gamvik.yaml");
  fs.writeFileSync(file, stringify({ ...(parse(fs.readFileSync(file, "utf8")) as Json), offboarding: { leaving: true, reason: "The council joined another IT cooperation", ...request } }));
  if (approve) fs.writeFileSync(region.platformFile, fs.readFileSync(region.platformFile, "utf8").replace(/^offboarding: \{\}\n/m, APPROVAL));
  return region;
}

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly commands: string[][];
}

async function offboard(region: FixtureRegion, args: string[], deps: Partial<OffboardDeps> & { exitCodes?: number[] } = {}): Promise<Run> {
  const commands: string[][] = [];
  const exitCodes = [...(deps.exitCodes ?? [])];
  const runner = deps.runner ?? { run: async (program: string, argv: readonly string[]) => (commands.push([program, ...argv]), exitCodes.shift() ?? 0) };
  const out: string[] = [];
  const err: string[] = [];
  const log = jest.spyOn(console, "log").mockImplementation((...parts: unknown[]) => void out.push(parts.join(" ")));
  const error = jest.spyOn(console, "error").mockImplementation((...parts: unknown[]) => void err.push(parts.join(" ")));
  try {
    const parsed = parseCommand(offboardSpec, [...args, "--tenants", region.tenantsDir, "--platform", region.platformFile]);
    if (parsed === "help") throw new Error("unexpected --help");
    const code = await runOffboardWith(parsed, { runner, findPulumi: deps.findPulumi ?? (() => "/usr/local/bin/pulumi"), today: deps.today ?? TODAY });
    return { code, stdout: out.join("\n"), stderr: err.join("\n"), commands };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe("grunnmur offboard", () => {
  let region: FixtureRegion;
  let previews: PreviewedRegion;
  let previewFile: string;
  const writePreview = (name: string, change: (p: StackPreview & Json) => void): string => {
    const preview = JSON.parse(fs.readFileSync(previewFile, "utf8"));
    change(preview);
    const file = path.join(region.dir, name);
    fs.writeFileSync(file, JSON.stringify(preview));
    return file;
  };

  beforeAll(async () => {
    region = regionWithGamvikLeaving({ since: "2026-11-01", dataExportedTo: "Gamvik's own file server (robocopy, 2026-10-30)" });
    previews = await previewFiles(region.tenantsDir, region.platformFile, new Set(["gamvik"]));
    previewFile = path.join(previews.outDir, "gamvik.json");
  });
  afterAll(() => {
    previews.remove();
    region.remove();
  });

  it("prints what stays in Azure, what is deleted and the commands, and runs nothing without --yes", async () => {
    const run = await offboard(region, ["gamvik", "--resources", previewFile]);
    expect(run.code).toBe(0);
    expect(run.commands).toEqual([]);
    const kept = run.stdout.slice(run.stdout.indexOf("Kept in Azure"), run.stdout.indexOf("Deleted on the platform's side"));
    for (const name of ["storage ", "storage-share-felles", "storage-lock", "backup-files-felles", "backup-files-container", "rg-data", "rg-workloads", "rg-network", "spoke "]) {
      expect(kept).toContain(name);
    }
    const platformSide = run.stdout.slice(run.stdout.indexOf("Deleted on the platform's side"), run.stdout.indexOf("Deleted in Entra ID"));
    expect(platformSide).toMatch(/network:VirtualNetworkPeering\s+spoke-from-hub\s+\/subscriptions\/.*\/virtualNetworks\/vnet-grunnmur-hub-prod-noe\/virtualNetworkPeerings\/to-gamvik/);
    // A spoke links to no private DNS zone (docs/network-scale.md): the hub's peering is all of the platform's side.
    expect(platformSide).not.toContain("spoke-dns-");
    expect(run.stdout).toContain("Commands, in order:\n  pulumi up --stack gamvik --yes\n  pulumi state unprotect --all --stack gamvik --yes\n  pulumi destroy --stack gamvik --yes");
    expect(run.stdout).toContain("Nothing was run. To run these commands: npx grunnmur offboard gamvik --yes");
  });

  it("with --yes runs pulumi up, then state unprotect --all, then destroy, on the tenant's stack", async () => {
    const run = await offboard(region, ["gamvik", "--yes", "--resources", previewFile, "--stack", "organization/grunnmur/gamvik"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const stack = "organization/grunnmur/gamvik";
    expect(run.commands).toEqual([
      ["pulumi", "up", "--stack", stack, "--yes"],
      ["pulumi", "state", "unprotect", "--all", "--stack", stack, "--yes"],
      ["pulumi", "destroy", "--stack", stack, "--yes"],
    ]);
    expect(run.stdout).toContain(`Next: remove ${path.join(region.tenantsDir, "gamvik.yaml")} and offboarding.gamvik in ${region.platformFile} in one pull request`);
  });

  it("stops at the first command that fails and says what did not run", async () => {
    const run = await offboard(region, ["gamvik", "--yes", "--resources", previewFile], { exitCodes: [0, 3] });
    expect(run.code).toBe(1);
    expect(run.commands.map((c) => c.slice(0, 3).join(" "))).toEqual(["pulumi up --stack", "pulumi state unprotect"]);
    expect(run.stderr).toContain(
      '"pulumi state unprotect --all --stack gamvik --yes" exited with 3; did not run "pulumi destroy --stack gamvik --yes". Fix the cause and run npx grunnmur offboard gamvik --yes again: every step is safe to repeat.',
    );
  });

  it("says so when pulumi is not on PATH, and runs nothing", async () => {
    const run = await offboard(region, ["gamvik", "--yes", "--resources", previewFile], { findPulumi: () => undefined });
    expect(run.code).toBe(1);
    expect(run.commands).toEqual([]);
    expect(run.stderr).toContain("pulumi is not on PATH, so nothing was run. Install the Pulumi CLI");
  });

  it("refuses a slug that is no tenant, naming the file it looked for", async () => {
    const run = await offboard(region, ["nowhere", "--resources", previewFile]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${path.join(region.tenantsDir, "nowhere.yaml")} (file): does not exist, so "nowhere" is no tenant of this region (tenants: alta, bardu, gamvik,`);
  });

  it("refuses a tenant that has not asked to leave, naming its file and field", async () => {
    const run = await offboard(region, ["alta", "--yes"]);
    expect(run.code).toBe(1);
    expect(run.commands).toEqual([]);
    expect(run.stderr).toContain(`${path.join(region.tenantsDir, "alta.yaml")} offboarding.leaving: is not set: alta has not asked to leave;`);
  });

  it("refuses the platform's stack and a --stack of another tenant", async () => {
    await expect(offboard(region, ["platform"])).rejects.toThrow(new UsageError('"platform" is the shared platform\'s stack, not a tenant; grunnmur offboard takes a tenant\'s slug'));
    await expect(offboard(region, ["gamvik", "--stack", "alta"])).rejects.toThrow("--stack alta does not name gamvik's stack");
  });

  it("refuses a preview made before the departure was approved", async () => {
    const stale = writePreview("stale.json", (p) => void (p.outputs.leaving = false));
    const run = await offboard(region, ["gamvik", "--yes", "--resources", stale]);
    expect(run.code).toBe(1);
    expect(run.commands).toEqual([]);
    expect(run.stderr).toContain(`${stale} outputs.leaving: is not true: this preview was made before the departure was approved`);
  });

  it("refuses a preview in which destroying the data's resource group would take the retained storage with it", async () => {
    const unsafe = writePreview("unsafe.json", (p) => {
      for (const r of p.resources) if (r.name === "rg-data") (r.options as { retainOnDelete: boolean }).retainOnDelete = false;
    });
    const run = await offboard(region, ["gamvik", "--yes", "--resources", unsafe]);
    expect(run.code).toBe(1);
    expect(run.commands).toEqual([]);
    expect(run.stderr).toContain(
      `${unsafe} resources[rg-data].options.retainOnDelete: is false, but the group holds storage, which is retained: azure-native deletes a resource group with everything in it`,
    );
    expect(run.stderr).toContain("Destroying gamvik now could lose data or stop halfway; nothing was run.");
  });

  it("refuses a departure whose data is not exported yet or whose date has not come", async () => {
    const early = regionWithGamvikLeaving({ since: "2027-01-01" });
    try {
      const run = await offboard(early, ["gamvik", "--yes", "--resources", previewFile]);
      const file = path.join(early.tenantsDir, "gamvik.yaml");
      expect(run.code).toBe(1);
      expect(run.stderr.split("\n").slice(0, 2)).toEqual([
        `${file} offboarding.dataExportedTo: is not set; export the municipality's files (AzCopy or robocopy), record where they went, and merge that first`,
        `${file} offboarding.since: is 2027-01-01, after today (${TODAY}); offboard on or after that day`,
      ]);
    } finally {
      early.remove();
    }
  });

  it("refuses a departure the platform team has not approved, through the validation", async () => {
    const unapproved = regionWithGamvikLeaving({ since: "2026-11-01", dataExportedTo: "elsewhere" }, false);
    try {
      const run = await offboard(unapproved, ["gamvik", "--yes", "--resources", previewFile]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("offboarding.leaving: marks gamvik as leaving, but");
      expect(run.stderr).toContain("The files are not valid, so gamvik cannot be offboarded");
    } finally {
      unapproved.remove();
    }
  });

  it("is a command of the CLI, with its help", async () => {
    const help = await runCli(["offboard", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: grunnmur offboard <slug> [--yes] [--stack NAME] [--resources FILE]");
  });
});
