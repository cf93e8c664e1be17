/**
 * The region site in a real headless Chromium: every page loads from disk with no
 * console error and no request outside the site, the map and charts render, and
 * the links between pages work when clicked.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { runCli } from "../helpers/cli";
import { previewFiles, type PreviewedRegion } from "../helpers/preview-fixture";
import { Chromium, describeWithChromium, pngSize, type Page } from "./chromium";
import { exampleRegion, HOSTILE_NAME, hostileRegion } from "./site-fixture";

const htmlFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".html")).sort();

describeWithChromium("the region site in Chromium", () => {
  let previews: PreviewedRegion;
  let siteDir: string;
  let browser: Chromium;
  let page: Page;
  const region = exampleRegion();
  const url = (file: string) => pathToFileURL(path.join(siteDir, file)).href;

  beforeAll(async () => {
    previews = await previewFiles();
    siteDir = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-site-"));
    const run = await runCli(["site", "--out", siteDir, "--previews", previews.outDir]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    browser = await Chromium.launch();
    page = await browser.newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    previews?.remove();
    if (siteDir) fs.rmSync(siteDir, { recursive: true, force: true });
  });

  it("loads every page without a console error, and requests nothing but the page itself", async () => {
    const files = htmlFiles(siteDir);
    expect(files).toEqual(["catalogue.html", "index.html", ...region.tenants.map((t) => `municipalities/${t.spec.slug}.html`)].sort());
    for (const file of files) {
      const before = { errors: page.errors.length, requests: page.requests.length };
      await page.goto(url(file));
      expect({ file, errors: page.errors.slice(before.errors) }).toEqual({ file, errors: [] });
      expect({ file, requests: page.requests.slice(before.requests) }).toEqual({ file, requests: [url(file)] });
    }
  });

  it("draws the region map: both hubs, a spoke per municipality, its sites and the shared services", async () => {
    await page.goto(url("index.html"));
    const counts = await page.evaluate<Record<string, number>>(
      `Object.fromEntries(["hub", "spoke", "site", "shared-service"].map((c) => [c, document.querySelectorAll("svg.region-map g." + c).length]))`,
    );
    const sites = region.tenants.reduce((a, t) => a + Object.keys(t.spec.sites).length, 0);
    expect(counts).toEqual({ hub: 2, spoke: region.tenants.length, site: sites, "shared-service": Object.keys(region.platform.sharedServices ?? {}).length });
    // Every box is laid out with a size, and none lies on another.
    const boxes = await page.evaluate<Array<{ x: number; y: number; width: number; height: number }>>(
      `[...document.querySelectorAll("svg.region-map g > rect")].map((r) => { const b = r.getBoundingClientRect(); return { x: b.x, y: b.y + scrollY, width: b.width, height: b.height }; })`,
    );
    expect(boxes.length).toBe(counts.hub + counts.spoke + counts.site + counts["shared-service"]);
    for (const b of boxes) expect(b.width * b.height).toBeGreaterThan(0);
    const overlaps = boxes.filter((a, i) => boxes.some((b, j) => j > i && a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height));
    expect(overlaps).toEqual([]);
  });

  it("renders the map and the cost chart as pictures of their own size, with far more in them than the page without them", async () => {
    await page.goto(url("index.html"));
    for (const selector of ["svg.region-map", "figure.cost-chart svg"]) {
      const rect = await page.evaluate<{ x: number; y: number; width: number; height: number }>(
        `(() => { const b = document.querySelector(${JSON.stringify(selector)}).getBoundingClientRect(); return { x: Math.round(b.x), y: Math.round(b.y + scrollY), width: Math.round(b.width), height: Math.round(b.height) }; })()`,
      );
      expect(rect.width).toBeGreaterThan(300);
      expect(rect.height).toBeGreaterThan(100);
      const drawn = await page.screenshot(rect);
      expect(pngSize(drawn)).toEqual({ width: rect.width, height: rect.height });
      await page.evaluate(`document.querySelector(${JSON.stringify(selector)}).style.visibility = "hidden"`);
      const hidden = await page.screenshot(rect);
      await page.evaluate(`document.querySelector(${JSON.stringify(selector)}).style.visibility = ""`);
      // An empty picture compresses to next to nothing; a drawn one does not.
      expect(drawn.length).toBeGreaterThan(hidden.length * 5);
    }
    expect(await page.evaluate<number>(`document.querySelectorAll("figure.cost-chart svg rect").length`)).toBeGreaterThan(region.tenants.length);
  });

  it("shows each municipality's cost per inhabitant against the NOK 15 line", async () => {
    await page.goto(url("municipalities/senja.html"));
    const bar = await page.evaluate<{ cost: number; line: number; label: string }>(
      `(() => { const svg = document.querySelector("svg.cost-line"); return { cost: svg.querySelector("rect.cost").getBBox().width, line: svg.querySelector("line.line").getBBox().x, label: svg.getAttribute("aria-label") }; })()`,
    );
    expect(bar.label).toMatch(/^NOK \d+ per inhabitant a year, (under|over) the NOK 15 line$/);
    expect(bar.line).toBeGreaterThan(0);
    expect(bar.cost < bar.line).toBe(bar.label.includes("under"));
  });

  it("links only to pages of the site, and every one of them exists", async () => {
    for (const file of htmlFiles(siteDir)) {
      await page.goto(url(file));
      const hrefs = await page.evaluate<string[]>(`[...document.querySelectorAll("a")].map((a) => new URL(a.getAttribute("href"), document.baseURI).href)`);
      expect(hrefs.length).toBeGreaterThan(0);
      for (const href of hrefs) {
        expect({ file, href, local: href.startsWith(pathToFileURL(siteDir).href + "/") }).toEqual({ file, href, local: true });
        expect({ file, href, exists: fs.existsSync(new URL(href.replace(/#.*$/, "")).pathname) }).toEqual({ file, href, exists: true });
      }
    }
  });

  it("opens a municipality from the table and from the map, and goes back to the region and on to the catalogue", async () => {
    await page.goto(url("index.html"));
    await page.clickAndWait("table.municipalities a.municipality");
    const first = region.tenants[0].spec;
    expect(await page.evaluate<string>("location.href")).toBe(url(`municipalities/${first.slug}.html`));
    expect(await page.evaluate<string>(`document.querySelector("h1").textContent`)).toBe(first.displayName);

    await page.clickAndWait(`main a[href="../index.html"]`);
    expect(await page.evaluate<string>("location.href")).toBe(url("index.html"));
    const last = region.tenants[region.tenants.length - 1].spec;
    await page.clickAndWait(`svg.region-map g.spoke[data-slug="${last.slug}"] rect`);
    expect(await page.evaluate<string>("location.href")).toBe(url(`municipalities/${last.slug}.html`));

    await page.clickAndWait(`header a[href="../catalogue.html"]`);
    expect(await page.evaluate<string>("location.href")).toBe(url("catalogue.html"));
    expect(await page.evaluate<number>(`document.querySelectorAll("section.service").length`)).toBeGreaterThan(0);
  });
});

describeWithChromium("the Chromium driver", () => {
  it("hears a console error, an exception and a file that does not load, so a quiet site means something", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-driver-"));
    const browser = await Chromium.launch();
    try {
      fs.writeFileSync(path.join(dir, "broken.html"), `<!DOCTYPE html><title>broken</title><img src="missing.png"><script>console.error("boom"); null.x;</script>`);
      const page = await browser.newPage();
      await page.goto(pathToFileURL(path.join(dir, "broken.html")).href);
      expect(page.errors).toEqual(
        expect.arrayContaining([expect.stringContaining("console.error: boom"), expect.stringContaining("exception: TypeError"), expect.stringContaining("missing.png")]),
      );
      expect(page.requests).toContain(pathToFileURL(path.join(dir, "missing.png")).href);
    } finally {
      await browser.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describeWithChromium("a hostile tenant file's site in Chromium", () => {
  it("shows the markup in its strings as text, runs none of it and loads nothing", async () => {
    const fixture = hostileRegion();
    const siteDir = path.join(fixture.dir, "site");
    const browser = await Chromium.launch();
    try {
      const run = await runCli(["site", "--tenants", fixture.tenantsDir, "--platform", fixture.platformFile, "--out", siteDir, "--previews", path.join(fixture.dir, "no-previews")]);
      expect(run.code).toBe(0);
      const page = await browser.newPage();
      for (const file of ["index.html", "municipalities/lyngen.html"]) {
        await page.goto(pathToFileURL(path.join(siteDir, file)).href);
        expect(await page.evaluate<unknown>("window.pwned")).toBeUndefined();
        expect(await page.evaluate<number>(`document.querySelectorAll("script, img, iframe, object, embed").length`)).toBe(0);
        expect(await page.evaluate<string>("document.body.innerText")).toContain(HOSTILE_NAME);
      }
      expect(await page.evaluate<string>("document.body.innerText")).toContain("Not available: no preview of lyngen");
      expect(page.errors).toEqual([]);
      expect(page.requests.every((r) => r.startsWith(pathToFileURL(siteDir).href))).toBe(true);
    } finally {
      await browser.close();
      fixture.remove();
    }
  }, 60_000);
});
