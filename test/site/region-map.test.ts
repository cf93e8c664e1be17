import { regionMapModel, regionMapSvg, type MapSpoke, type RegionMap } from "../../scripts/site/region-map";
import { exampleRegion, hostileRegion, HOSTILE_NAME, loadedRegion } from "./site-fixture";

function spoke(slug: string, sites = 0, displayName = `${slug} kommune`): MapSpoke {
  return { slug, displayName, addressSpace: "10.96.0.0/23", zones: ["general"], sites: Array.from({ length: sites }, (_, i) => ({ key: `site-${i}`, prefixes: [`172.20.${i}.0/24`] })), href: `municipalities/${slug}.html` };
}

function mapOf(spokes: MapSpoke[], extra: Partial<RegionMap> = {}): RegionMap {
  return { hubs: [{ key: "hub", label: "Hub", location: "norwayeast", addressSpace: "10.95.0.0/22" }], spokes, sharedServices: [], ...extra };
}

const count = (svg: string, className: string) => (svg.match(new RegExp(`<g class="${className}"`, "g")) ?? []).length;
const height = (svg: string) => Number(/<svg [^>]*height="(\d+)"/.exec(svg)?.[1]);
const boxes = (svg: string) => [...svg.matchAll(/<rect x="(\d+)" y="(\d+)" width="(\d+)" height="(\d+)" rx="6"\/>/g)].map((m) => m.slice(1).map(Number));

describe("the region map's model", () => {
  const region = exampleRegion();
  const map = regionMapModel(region, (slug) => `municipalities/${slug}.html`);

  it("has the hub and, since the example region runs one, the DR hub", () => {
    expect(map.hubs.map((h) => [h.key, h.location, h.addressSpace])).toEqual([
      ["hub", "norwayeast", region.platform.network.hub.addressSpace],
      ["hub-dr", "norwaywest", region.platform.network.drHub!.addressSpace],
    ]);
  });

  it("has a spoke per municipality with its address space, zones, sites and page", () => {
    expect(map.spokes.map((s) => s.slug)).toEqual(region.tenants.map((t) => t.spec.slug));
    const senja = map.spokes.find((s) => s.slug === "senja")!;
    expect(senja).toMatchObject({ addressSpace: region.tenants.find((t) => t.spec.slug === "senja")!.addressSpace, zones: ["general", "secure"], href: "municipalities/senja.html" });
    expect(senja.sites).toEqual([{ key: "finnsnes-radhus", prefixes: ["10.10.0.0/16"] }]);
  });

  it("lists each shared service with the municipalities that subscribe to it", () => {
    const subscribers = region.tenants.filter((t) => "min-ansattside" in t.spec.sharedServices).map((t) => t.spec.slug);
    expect(subscribers.length).toBeGreaterThan(0);
    expect(map.sharedServices).toEqual([{ key: "min-ansattside", name: "Min ansattside", subnet: "10.95.8.0/26", subscribers }]);
    expect(map.sharedServicesSpace).toBe(region.platform.network.sharedServicesSpoke!.addressSpace);
  });

  it("has no DR hub when the platform runs none", () => {
    const fixture = hostileRegion();
    try {
      expect(regionMapModel(loadedRegion(fixture.tenantsDir, fixture.platformFile), (s) => s).hubs.map((h) => h.key)).toEqual(["hub"]);
    } finally {
      fixture.remove();
    }
  });
});

describe("the region map as SVG", () => {
  it("draws a box per hub, spoke, site and shared service", () => {
    const svg = regionMapSvg(mapOf([spoke("a", 2), spoke("b"), spoke("c", 1)], { sharedServices: [{ key: "portal", name: "Portal", subnet: "10.95.8.0/26", subscribers: ["a"] }] }));
    expect([count(svg, "hub"), count(svg, "spoke"), count(svg, "site"), count(svg, "shared-service")]).toEqual([1, 3, 3, 1]);
    expect(svg).toContain("10.95.8.0/26, 1 subscriber");
  });

  it("links each spoke to its municipality's page", () => {
    const svg = regionMapSvg(mapOf([spoke("a"), spoke("b")]));
    expect([...svg.matchAll(/<a href="([^"]+)">/g)].map((m) => m[1])).toEqual(["municipalities/a.html", "municipalities/b.html"]);
  });

  it("gives a municipality as many rows as it has sites, so no two boxes overlap", () => {
    const few = regionMapSvg(mapOf([spoke("a", 1), spoke("b", 1)]));
    const more = regionMapSvg(mapOf([spoke("a", 4), spoke("b", 1)]));
    expect(height(more)).toBeGreaterThan(height(few));
    const all = boxes(more);
    expect(all).toHaveLength(1 + 2 + 5);
    const overlapping = all.filter(([x, y, w, h], i) => all.some(([x2, y2, w2, h2], j) => j !== i && x < x2 + w2 && x2 < x + w && y < y2 + h2 && y2 < y + h));
    expect(overlapping).toEqual([]);
  });

  it("shows a hostile municipality name as text, cut to fit its box, with the whole name in the tooltip", () => {
    const svg = regionMapSvg(mapOf([spoke("lyngen", 0, HOSTILE_NAME)]));
    expect(svg).not.toContain("<script");
    expect(svg).toContain("<title>&lt;script&gt;window.pwned = &quot;name&quot;&lt;/script&gt; kommune (lyngen)");
    expect(svg).toMatch(/<text [^>]*font-weight="bold">&lt;script&gt;[^<]*…<\/text>/);
  });

  it("says so when the region has no municipalities yet", () => {
    const svg = regionMapSvg(mapOf([]));
    expect(count(svg, "spoke")).toBe(0);
    expect(svg).toContain("No municipalities yet.");
  });
});
