/**
 * The entry point Pulumi runs for users (dist/stacks/index.js): the stack name
 * picks the program, the files are read from disk, and no Key Vault secret is
 * read: the programs make the secrets they need or leave them to the servers.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { previewFiles, type PreviewedRegion } from "../helpers/preview-fixture";

interface EntryRun {
  ok: boolean;
  error?: string;
  outputs?: Record<string, unknown>;
  fetched?: string[];
}

let platformPreview: PreviewedRegion;
let platformOutputsFile: string;
beforeAll(async () => {
  platformPreview = await previewFiles(undefined, undefined, new Set());
  platformOutputsFile = path.join(platformPreview.outDir, "platform-outputs.json");
  fs.writeFileSync(platformOutputsFile, JSON.stringify(platformPreview.read("platform").outputs));
});
afterAll(() => platformPreview.remove());

function runEntry(stack: string): EntryRun {
  const child = path.join(__dirname, "..", "helpers", "entry-child.js");
  // The SDK's exit hook may set a non-zero code for promises left pending by a failed program; the JSON is what counts.
  const run = spawnSync(process.execPath, [child, stack, platformOutputsFile], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  try {
    return JSON.parse(run.stdout) as EntryRun;
  } catch {
    throw new Error(`the entry point printed no result for ${stack}:\n${run.stderr}`);
  }
}

describe("the Pulumi entry point", () => {
  it("runs the tenant program for a stack named after a tenant, reading no Key Vault secret", () => {
    const run = runEntry("senja");
    expect(run.ok).toBe(true);
    expect(run.outputs?.addressSpace).toBe("10.96.60.0/23");
    expect(run.fetched).toEqual([]);
  });

  it("runs the platform program for the stack named platform, reading no Key Vault secret over the data plane", () => {
    const run = runEntry("platform");
    expect(run.ok).toBe(true);
    expect(String(run.outputs?.hubVnetId)).toMatch(/virtualNetworks\/vnet-grunnmur-hub-prod-noe$/);
    // Live mode: a data-plane read would fetch https://<vault>.vault.azure.net/secrets/... (and the
    // mocks refuse the token invoke it would need). Every secret is generated or left to the servers.
    expect(run.fetched).toEqual([]);
  });

  it("refuses a hub stack whose hub platform.yaml does not have, naming the hub stacks it has", () => {
    const run = runEntry("hub-finnmark");
    expect(run.ok).toBe(false);
    expect(run.error).toBe('platform.yaml network.hubs has no hub "finnmark"; the hub stacks of this region are none');
  });

  it("refuses a stack name that is neither platform nor a tenant", () => {
    expect(runEntry("narvik")).toEqual({
      ok: false,
      error: 'stack "narvik" has no tenant file tenants/narvik.yaml; stack names are "platform", "hub-<key>" for a hub of platform.yaml network.hubs, or a tenant slug',
    });
  });
});
