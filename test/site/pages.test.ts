/** The pages of the region site as text: what they say with and without previews, and that no tenant string escapes into markup. */
import { buildSite, type SiteFile } from "../../scripts/site/build-site";
import { againstCostLine } from "../../scripts/site/cost-line";
import { CONTENT_SECURITY_POLICY } from "../../scripts/site/layout";
import { formatUnitPrice } from "../../scripts/site/unit-price";
import { resourceCounts } from "../../scripts/site/resources";
import { escapeHtml } from "../../scripts/site/html";
import { formatNumber } from "../../domain/format/numbers";
import { exampleCatalogue, exampleRegion, hostileRegion, HOSTILE_NAME, HOSTILE_SITE, inputWith, inputWithoutPreviews, loadedRegion, madeUpPreviews } from "./site-fixture";

const page = (files: SiteFile[], path: string) => {
  const file = files.find((f) => f.path === path);
  if (!file) throw new Error(`no ${path} among ${files.map((f) => f.path).join(", ")}`);
  return file.text;
};
/** Every URL a page would make the browser load or go to: attributes and CSS. */
const references = (text: string) => [...text.matchAll(/\b(?:href|src|srcset|action|xlink:href|poster|data)\s*=\s*"([^"]*)"/g)].map((m) => m[1]).concat([...text.matchAll(/url\(([^)]*)\)|@import\s+([^;]+)/g)].map((m) => m[1] ?? m[2]));

describe("the region site without previews", () => {
  const region = exampleRegion();
  const files = buildSite(inputWithoutPreviews(region));

  it("has the region page, the catalogue and a page per municipality", () => {
    expect(files.map((f) => f.path).filter((p) => p.endsWith(".html")).sort()).toEqual(["catalogue.html", "index.html", ...region.tenants.map((t) => `municipalities/${t.spec.slug}.html`)].sort());
    expect(files.map((f) => f.path)).toContain(".nojekyll");
  });

  it("says which previews are missing instead of showing resources, policy status or cost", () => {
    const index = page(files, "index.html");
    expect(index).toContain(`No preview in out/preview for platform, ${region.tenants.map((t) => t.spec.slug).join(", ")}`);
    expect(index).toContain("Not available: no cost is estimated without a preview of every stack");
    expect(index).not.toMatch(/NOK [\d ]+ per inhabitant a year/);
    expect((index.match(/not estimated/g) ?? []).length).toBe(region.tenants.length);
    const senja = page(files, "municipalities/senja.html");
    expect(senja).toContain("Not available: no preview of senja in out/preview");
    expect(senja).toContain(`<p class="warn policy-status">No preview.</p>`);
    expect(page(files, "catalogue.html")).toContain("No estimate per service:");
  });

  it("still shows what the files say: addresses, sites, services and backup", () => {
    const senja = region.tenants.find((t) => t.spec.slug === "senja")!;
    const text = page(files, "municipalities/senja.html");
    expect(text).toContain(`Address space <strong>${senja.addressSpace}</strong>`);
    for (const cidr of Object.values(senja.subnets)) expect(text).toContain(`<td>${cidr}</td>`);
    expect(text).toContain("<td>finnsnes-radhus</td><td>Town hall, Finnsnes</td><td>198.51.100.10</td><td>10.10.0.0/16</td>");
    expect(text).toContain("Secure zone (sikker sone)");
    expect(text).toContain(`<strong>extended</strong>: ${escapeHtml(region.platform.backup.tiers.extended.description)}`);
    expect(text).toContain(`${formatNumber(senja.spec.population)} inhabitants`);
  });

  it("shows the last restore test as not recorded when no tenant file records one", () => {
    expect(region.tenants.every((t) => t.spec.backup?.lastRestoreTest === undefined)).toBe(true);
    expect(page(files, "municipalities/senja.html")).toContain("<td>last restore test</td><td>not recorded (backup.lastRestoreTest in the tenant file)</td>");
  });

  it("lists every service of the catalogue with its unit prices", () => {
    const text = page(files, "catalogue.html");
    const catalogue = exampleCatalogue();
    for (const [key, service] of Object.entries(catalogue.services)) {
      expect(text).toContain(`<section class="service" id="${key}">`);
      for (const item of service.priceItems) {
        const price = region.platform.prices.items[item];
        expect(text).toContain(`<td><code>${item}</code></td><td>${escapeHtml(price.description)}</td><td class="num">${formatUnitPrice(price.nok)}</td><td>per ${price.unit}</td>`);
      }
    }
  });

  it.each(["index.html", "catalogue.html", "municipalities/senja.html"])("%s refers to nothing outside the site and lets the browser load nothing", (path) => {
    const text = page(files, path);
    expect(text).toContain(`<meta http-equiv="Content-Security-Policy" content="${escapeHtml(CONTENT_SECURITY_POLICY)}">`);
    expect(CONTENT_SECURITY_POLICY).toMatch(/^default-src 'none';/);
    for (const ref of references(text)) expect({ ref, relative: !/^[a-z][a-z0-9+.-]*:|^\/\//i.test(ref) }).toEqual({ ref, relative: true });
    // The SVG namespace is a name, never fetched; no other URL is in the pages at all.
    expect(text.replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, "")).not.toMatch(/https?:\/\//);
  });
});

describe("the region site with previews", () => {
  const region = exampleRegion();
  const input = inputWith(region, madeUpPreviews(region, "senja"));
  const files = buildSite(input);

  it("shows each municipality's cost per inhabitant against the NOK 15 line, from the estimate", () => {
    if (!input.cost.ok) throw new Error(input.cost.reason);
    const index = page(files, "index.html");
    expect(index).toContain(againstCostLine(input.cost.report.region.perInhabitantYearly).text);
    for (const t of region.tenants) {
      const member = input.cost.report.members.find((m) => m.slug === t.spec.slug)!;
      expect(page(files, `municipalities/${t.spec.slug}.html`)).toContain(againstCostLine(member.perInhabitantYearly).text);
      expect(page(files, `municipalities/${t.spec.slug}.html`)).toContain(`<svg class="cost-line"`);
    }
    expect(index).toContain(`<figure class="cost-chart"><svg`);
  });

  it("shows the policy status and each finding, escaped", () => {
    const senja = page(files, "municipalities/senja.html");
    expect(senja).toContain(`<p class="warn policy-status">Passes; 1 advisory finding.</p>`);
    expect(senja).toContain("<td>BK-07</td><td>backup-restore-tested</td><td>tenants/senja.yaml: backup.lastRestoreTest is not set &lt;made up&gt;</td>");
    expect(page(files, "municipalities/alta.html")).toContain(`<p class="ok policy-status">Passes.</p>`);
  });

  it("counts the resources each preview creates", () => {
    const alta = page(files, "municipalities/alta.html");
    const counts = resourceCounts(input.previews.tenants.alta);
    expect(alta).toContain(`The preview creates ${counts.reduce((a, c) => a + c.count, 0)} resources`);
    for (const c of counts) expect(alta).toContain(`<td>${c.type}</td><td class="num">${c.count}</td>`);
  });

  it("estimates no cost from a preview of only some tenants, and says why", () => {
    const previews = madeUpPreviews(region);
    const scoped = { ...previews, platform: { ...previews.platform!, scope: { tenants: ["senja"], regionTenants: region.tenants.map((t) => t.spec.slug) } } };
    const text = page(buildSite(inputWith(region, scoped)), "index.html");
    expect(text).toContain("Not available: the preview of platform in out/preview covers only some tenants (made with --only or --changed-since)");
  });
});

describe("a hostile tenant file on the region site", () => {
  const fixture = hostileRegion();
  const region = loadedRegion(fixture.tenantsDir, fixture.platformFile);
  fixture.remove();
  const files = buildSite(inputWithoutPreviews(region));

  it.each(["index.html", "municipalities/lyngen.html"])("%s shows the markup in its name and site as text", (path) => {
    const text = page(files, path);
    expect(text).not.toMatch(/<script|<img/i);
    expect(text).toContain(escapeHtml(HOSTILE_NAME));
    if (path !== "index.html") expect(text).toContain(escapeHtml(HOSTILE_SITE));
  });

  it("refers to nothing outside the site, although the file names a URL", () => {
    for (const file of files) for (const ref of references(file.text)) expect({ ref, relative: !/^[a-z][a-z0-9+.-]*:|^\/\//i.test(ref) }).toEqual({ ref, relative: true });
  });

  it("shows the last restore test the file records", () => {
    expect(page(files, "municipalities/lyngen.html")).toContain("<td>last restore test</td><td>2026-01-15</td>");
    expect(page(files, "index.html")).toContain("<td>standard</td><td>2026-01-15</td>");
  });
});

describe("a price table that lacks what the previews need", () => {
  it("shows no cost and names the missing price item, instead of failing the site", () => {
    const fixture = hostileRegion();
    const region = loadedRegion(fixture.tenantsDir, fixture.platformFile);
    fixture.remove();
    const previews = madeUpPreviews(region);
    const vm = { ...previews.tenants.lyngen.resources[0], type: "azure-native:compute:VirtualMachine", name: "vm", inputs: { hardwareProfile: { vmSize: "Standard_D4s_v5" } } };
    const input = inputWith(region, { ...previews, tenants: { lyngen: { ...previews.tenants.lyngen, resources: [vm] } } });
    expect(input.cost.ok).toBe(false);
    const text = page(buildSite(input), "index.html");
    expect(text).toMatch(/Not available: the cost cannot be estimated: .*vm-d4s-v5/);
  });
});
