/** `grunnmur preview` on the example region: compact by default, the details behind --verbose. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli, type CliRun } from "../helpers/cli";

const STACKS = ["platform", "alta", "bardu", "gamvik", "kafjord", "kvaenangen", "nordreisa", "senja", "skjervoy", "storfjord"];

describe("grunnmur preview's output", () => {
  let outDir: string;
  let first: CliRun;
  let again: CliRun;
  beforeAll(async () => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-compact-cli-"));
    first = await runCli(["preview", "--out", outDir, "--jobs", "2"]);
    again = await runCli(["preview", "--out", outDir, "--jobs", "2", "--verbose"]);
  });
  afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

  it("prints one line per stack and each shared finding once, with its stacks", () => {
    expect(first.code).toBe(0);
    for (const stack of STACKS) expect(first.stdout.match(new RegExp(`^${stack}\\s+ok\\s+\\d+\\s+all \\(first preview here\\)\\s+(none|\\d+ advisory)$`, "gm"))).toHaveLength(1);
    expect(first.stdout).not.toContain("resources by type");
    expect(first.stdout).not.toMatch(/^Policy check senja:/m);
    // The example tenants all lack a restore test: one finding, listed once, not nine tables.
    expect(first.stdout.match(/BK-07 backup-restore-tested/g)).toHaveLength(1);
    expect(first.stdout).toMatch(/advisory BK-07 backup-restore-tested, <stack> \(9 stacks: alta, bardu, gamvik, kafjord, kvaenangen, nordreisa, senja, skjervoy, storfjord\)/);
    expect(first.stdout).toMatch(/Policy check: 10 stacks, 0 mandatory, 9 advisory, 0 waived/);
    // Ten stacks is a short run: no progress lines.
    expect(first.stdout).not.toMatch(/stacks previewed \(/);
  });

  it("prints the per-type block and each stack's own policy table with --verbose", () => {
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("resources by type");
    expect(again.stdout).toMatch(/^Policy check senja: 0 mandatory, 1 advisory, 0 waived$/m);
    expect(again.stdout).toMatch(/^ {2}\[ ?\d+\/10\] senja: \d+ resources/m);
  });

  it("is several times smaller than the verbose output", () => {
    expect(Buffer.byteLength(first.stdout) * 3).toBeLessThan(Buffer.byteLength(again.stdout));
  });
});
