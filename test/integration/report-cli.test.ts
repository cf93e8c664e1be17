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

  it("asks for a baseline when none is given", async () => {
    const run = await runCli(["report"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--baseline DIR is required");
  });
});
