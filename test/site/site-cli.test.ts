/** `grunnmur site` as a user runs it: where it writes, what it reads, and what it refuses. */
import * as fs from "node:fs";
import * as path from "node:path";
import { runCli } from "../helpers/cli";
import { previewFileText } from "../../scripts/preview/preview-file";
import { hostileRegion, loadedRegion, madeUpPreviews } from "./site-fixture";

describe("grunnmur site", () => {
  const fixture = hostileRegion();
  const region = loadedRegion(fixture.tenantsDir, fixture.platformFile);
  const files = ["--tenants", fixture.tenantsDir, "--platform", fixture.platformFile];
  const out = path.join(fixture.dir, "site");
  const previewDir = path.join(fixture.dir, "preview");
  afterAll(() => fixture.remove());

  it("writes the pages without previews, and says which are missing", async () => {
    const run = await runCli(["site", ...files, "--out", out, "--previews", previewDir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("for platform, lyngen: the pages show no resources, policy status or cost for them.");
    expect(run.stdout).toContain("(3 pages)");
    for (const page of ["index.html", "catalogue.html", "municipalities/lyngen.html", ".nojekyll"]) expect(fs.existsSync(path.join(out, page))).toBe(true);
  });

  it("reads the previews it finds, and removes the page of a municipality that is gone", async () => {
    fs.mkdirSync(previewDir, { recursive: true });
    const previews = madeUpPreviews(region, "lyngen");
    for (const preview of [previews.platform!, ...Object.values(previews.tenants)]) fs.writeFileSync(path.join(previewDir, `${preview.stack}.json`), previewFileText(preview));
    fs.writeFileSync(path.join(out, "municipalities", "left.html"), "a municipality that has left");
    const run = await runCli(["site", ...files, "--out", out, "--previews", previewDir]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).not.toContain("No preview");
    expect(fs.readFileSync(path.join(out, "municipalities", "lyngen.html"), "utf8")).toContain("Passes; 1 advisory finding.");
    expect(fs.existsSync(path.join(out, "municipalities", "left.html"))).toBe(false);
  });

  it("refuses a preview file it cannot read, naming it, and writes nothing", async () => {
    fs.writeFileSync(path.join(previewDir, "lyngen.json"), "{ not json");
    const elsewhere = path.join(fixture.dir, "site-2");
    const run = await runCli(["site", ...files, "--out", elsewhere, "--previews", previewDir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("lyngen.json");
    expect(run.stderr).toContain('run "grunnmur preview" again. No site was written.');
    expect(fs.existsSync(elsewhere)).toBe(false);
  });

  it("refuses invalid tenant files, with their diagnostics", async () => {
    const broken = hostileRegion();
    try {
      broken.writeTenant("lyngen", "slug: lyngen\n");
      const run = await runCli(["site", "--tenants", broken.tenantsDir, "--platform", broken.platformFile, "--out", path.join(broken.dir, "site")]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/lyngen\.yaml/);
      expect(run.stderr).toContain("no site was written.");
    } finally {
      broken.remove();
    }
  });

  it("lists the command and its options in the help", async () => {
    expect((await runCli(["--help"])).stdout).toMatch(/^\s+site\s+write the region page/m);
    const help = await runCli(["site", "--help"]);
    expect(help.code).toBe(0);
    for (const option of ["--out DIR", "--previews DIR", "--catalogue FILE", "--tenants DIR"]) expect(help.stdout).toContain(option);
  });
});
