/** A municipality's new access point in the report: the RADIUS servers' change as the generated client file's diff. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "../helpers/cli";
import { previewFiles, type PreviewedRegion } from "../helpers/preview-fixture";
import { copyExampleRegion, type FixtureRegion } from "../helpers/region-fixture";

describe("grunnmur report on a changed RADIUS configuration", () => {
  let base: FixtureRegion;
  let changed: FixtureRegion;
  let baseline: PreviewedRegion;
  let current: string;
  beforeAll(async () => {
    base = copyExampleRegion();
    changed = copyExampleRegion();
    const file = path.join(changed.tenantsDir, "senja.yaml");
    const text = fs.readFileSync(file, "utf8");
    const edited = text.replace("    finnsnes-wlc:\n      address: 10.10.1.10\n", "    finnsnes-wlc:\n      address: 10.10.1.10\n    silsand-wlc:\n      address: 10.10.1.11\n");
    expect(edited).not.toBe(text);
    fs.writeFileSync(file, edited);
    baseline = await previewFiles(base.tenantsDir, base.platformFile);
    current = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-radius-"));
    const preview = await runCli(["preview", "--only", "senja", "--tenants", changed.tenantsDir, "--platform", changed.platformFile, "--out", current, "--jobs", "2"]);
    expect(preview.code).toBe(0);
  });
  afterAll(() => {
    baseline?.remove();
    if (current) fs.rmSync(current, { recursive: true, force: true });
    base?.remove();
    changed?.remove();
  });

  it("shows the new client in clients.d/senja.conf once for the pair, and no base64", async () => {
    const run = await runCli(["report", "--baseline", baseline.outDir, "--current", current, "--tenants", changed.tenantsDir, "--platform", changed.platformFile, "--baseline-tenants", base.tenantsDir, "--baseline-platform", base.platformFile]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("| changed | radius-1 | compute:VirtualMachine | `userData`: the RADIUS configuration, see its diff below |");
    expect(run.stdout).toContain("RADIUS configuration of radius-1: 1 generated file changed (clients.d/senja.conf)");
    expect(run.stdout).toContain("RADIUS configuration of radius-2: the same change as radius-1.");
    expect(run.stdout).toMatch(/```diff\n--- a\/clients\.d\/senja\.conf\n\+\+\+ b\/clients\.d\/senja\.conf\n@@ [^\n]+ @@\n(?:[ +-][^\n]*\n)*\+client senja_silsand-wlc \{\n\+\tipv4addr = 10\.10\.1\.11\n/);
    // Only the secret's reference reaches the report, never a secret.
    expect(run.stdout).toContain("+\tsecret = '@@keyvault:generated-radius-senja-silsand-wlc@@'");
    const radius = JSON.parse(fs.readFileSync(path.join(current, "platform.json"), "utf8")).resources.find((r: { name: string }) => r.name === "radius-1");
    expect(run.stdout).not.toContain(String(radius.inputs.userData).slice(0, 40));
  });
});
