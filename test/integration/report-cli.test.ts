import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "../helpers/cli";
import { previewFiles, type PreviewedRegion } from "../helpers/preview-fixture";

describe("grunnmur report on a baseline and a changed preview", () => {
  let current: PreviewedRegion;
  let baseline: string;
  beforeAll(async () => {
    current = await previewFiles(undefined, undefined, new Set(["senja", "bardu"]));
    baseline = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-baseline-"));
    fs.cpSync(current.outDir, baseline, { recursive: true });
  });
  afterAll(() => {
    current.remove();
    fs.rmSync(baseline, { recursive: true, force: true });
  });

  it("reports no changes and exits 0 for identical previews", async () => {
    const run = await runCli(["report", "--baseline", baseline, "--current", current.outDir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("| Stacks changed | 0 of 3 |");
    expect(run.stdout).toContain("| Blocking | no |");
  });

  it("flags a storage account that disappears as blocking, with the right counts", async () => {
    const changed = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-changed-"));
    fs.cpSync(current.outDir, changed, { recursive: true });
    const file = path.join(changed, "senja.json");
    const senja = JSON.parse(fs.readFileSync(file, "utf8"));
    const gone = senja.resources.filter((r: { type: string }) => r.type === "azure-native:storage:StorageAccount").length;
    senja.resources = senja.resources.filter((r: { type: string }) => r.type !== "azure-native:storage:StorageAccount");
    fs.writeFileSync(file, JSON.stringify(senja));
    const out = path.join(changed, "report.md");
    const run = await runCli(["report", "--baseline", baseline, "--current", changed, "--out", out]);
    expect(gone).toBe(1);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("| Stacks changed | 1 of 3 (senja) |");
    expect(run.stdout).toContain("| Resources | 0 added, 0 changed, 0 replaced, 1 removed |");
    expect(run.stdout).toMatch(/> - senja: storage \(storage:StorageAccount\) would be deleted although it is protected/);
    expect(fs.readFileSync(out, "utf8")).toBe(`${run.stdout}`);
    fs.rmSync(changed, { recursive: true, force: true });
  });

  it("reads the previews it writes and baselines from before formatVersion existed", async () => {
    const old = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-old-baseline-"));
    try {
      for (const entry of fs.readdirSync(baseline)) {
        const { formatVersion, ...rest } = JSON.parse(fs.readFileSync(path.join(baseline, entry), "utf8"));
        expect(formatVersion).toBe(1);
        fs.writeFileSync(path.join(old, entry), `${JSON.stringify(rest, null, 2)}\n`);
      }
      const run = await runCli(["report", "--baseline", old, "--current", current.outDir]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("| Stacks changed | 0 of 3 |");
    } finally {
      fs.rmSync(old, { recursive: true, force: true });
    }
  });

  it.each([
    ["broken JSON", () => "{ not json", /senja\.json: not valid JSON \(/],
    ["another format version", (text: string) => text.replace('"formatVersion": 1', '"formatVersion": 2'), /senja\.json: formatVersion 2 is not supported by this grunnmur \(it reads 1\); preview again with this version/],
    ["the wrong shape", (text: string) => text.replace('"protect": true', '"protect": "yes"'), /senja\.json resources\[\d+\]\.options\.protect: must be true or false/],
  ])("fails on a preview file with %s, naming the file", async (_what, spoil, message) => {
    const spoilt = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-spoilt-"));
    try {
      fs.cpSync(current.outDir, spoilt, { recursive: true });
      const file = path.join(spoilt, "senja.json");
      fs.writeFileSync(file, spoil(fs.readFileSync(file, "utf8")));
      const run = await runCli(["report", "--baseline", baseline, "--current", spoilt]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).toContain(file);
      expect(run.stdout).toBe("");
    } finally {
      fs.rmSync(spoilt, { recursive: true, force: true });
    }
  });

  it("asks for a baseline when none is given", async () => {
    const run = await runCli(["report"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--baseline DIR is required");
  });
});
