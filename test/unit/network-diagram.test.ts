import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { writeSyntheticRegion } from "../../scripts/bench/synthetic-region";
import { changedMunicipalities, networkChanges } from "../../scripts/diagram/network-changes";
import { municipalityMermaid, networkMermaid, OVERVIEW_ABOVE } from "../../scripts/diagram/network-mermaid";
import { networkModelFromPreviews, networkModelFromRegion } from "../../scripts/diagram/network-model";
import { MAX_DETAIL_DIAGRAMS, networkDiagram } from "../../scripts/report/mermaid";
import { DEFAULT_PLATFORM_FILE, DEFAULT_TENANTS_DIR } from "../../tenants/paths";
import { loadRegion } from "../../tenants/validation/load-region";
import { networkPreviews, type MunicipalityDescription } from "../helpers/network-previews";

const senja: MunicipalityDescription = { slug: "senja", addressSpace: "10.96.60.0/23", zones: ["general", "secure"], sites: { "finnsnes-radhus": ["10.10.0.0/16"] } };
const alta: MunicipalityDescription = { slug: "alta", addressSpace: "10.96.202.0/23", zones: ["general", "exam"], sites: { radhuset: ["10.20.0.0/16"], "alta-vgs": ["10.21.0.0/20"] } };
const bardu: MunicipalityDescription = { slug: "bardu", addressSpace: "10.96.40.0/23" };

const model = (municipalities: MunicipalityDescription[], more: Partial<Parameters<typeof networkPreviews>[0]> = {}) => {
  const p = networkPreviews({ municipalities, sharedServices: { "min-ansattside": "10.95.8.0/26" }, ...more });
  return networkModelFromPreviews(p.platform, p.tenants);
};

/** The lines of a subgraph, from its opening to its end. */
function group(mermaid: string, id: string): string[] {
  const lines = mermaid.split("\n");
  const start = lines.findIndex((l) => l.trim().startsWith(`subgraph ${id}[`));
  if (start < 0) return [];
  return lines.slice(start, lines.findIndex((l, i) => i > start && l.trim() === "end") + 1);
}

describe("the network diagram of a small region", () => {
  const mermaid = networkMermaid(model([senja, alta, bardu]));

  it("groups each municipality's spoke and VPN sites under it", () => {
    const altaGroup = group(mermaid, "m_alta").join("\n");
    expect(altaGroup).toContain('spoke_alta["spoke<br/>10.96.202.0/23<br/>general, exam"]');
    expect(altaGroup).toContain('site_alta_radhuset[/"radhuset<br/>10.20.0.0/16"/]');
    expect(altaGroup).toContain('site_alta_alta_vgs[/"alta-vgs<br/>10.21.0.0/20"/]');
    expect(altaGroup).not.toContain("senja");
    expect(group(mermaid, "m_bardu").filter((l) => l.includes("site_"))).toEqual([]);
    expect(mermaid).toContain('vpn -. "VPN" .- site_senja_finnsnes_radhus');
  });

  it("puts the firewall between the hub and the spokes", () => {
    expect(mermaid).toContain('firewall{{"Azure Firewall Standard<br/>10.95.1.4"}}');
    expect(mermaid).toContain("hub --- firewall");
    for (const slug of ["senja", "alta", "bardu"]) expect(mermaid).toContain(`firewall --- spoke_${slug}`);
    expect(mermaid).not.toMatch(/hub --- spoke_/);
  });

  it("shows the DR hub, the RADIUS servers and the shared services", () => {
    expect(mermaid).toContain('drhub(("DR hub, norwaywest<br/>10.95.4.0/22"))');
    expect(mermaid).toContain('hub -. "DR peering" .- drhub');
    expect(mermaid).toContain('radius[["RADIUS servers × 2 (eduroam)<br/>10.95.1.160/27"]]');
    expect(mermaid).toContain('shared["Shared services<br/>10.95.8.0/22<br/>min-ansattside 10.95.8.0/26"]');
    expect(mermaid).toContain("firewall --- shared");
  });

  it("leaves out what the platform does not have", () => {
    const bare = networkMermaid(model([bardu], { dr: false, radius: 0, sharedServices: undefined }));
    expect(bare).not.toContain("drhub");
    expect(bare).not.toContain("radius");
    expect(bare).not.toContain("shared[");
  });

  it("marks nothing without a baseline", () => {
    expect(mermaid).not.toMatch(/classDef|\(new\)|\(changed\)/);
  });
});

describe("what a pull request adds or changes", () => {
  const before = model([senja, alta]);
  const after = model([{ ...senja, sites: { "finnsnes-radhus": ["10.10.0.0/16", "10.11.0.0/16"] } }, alta, bardu], { radius: 3 });
  const changes = networkChanges(before, after);
  const mermaid = networkMermaid(after, changes);
  const classes = (status: string) => (mermaid.match(new RegExp(`^  class (\\S+) ${status}$`, "m"))?.[1] ?? "").split(",");

  it("highlights a new municipality, its spoke and its name", () => {
    expect(classes("added")).toEqual(expect.arrayContaining(["m_bardu", "spoke_bardu"]));
    expect(mermaid).toContain('subgraph m_bardu["bardu (new)"]');
  });

  it("highlights a changed site and its municipality, and a changed platform part", () => {
    expect(classes("changed")).toEqual(expect.arrayContaining(["m_senja", "site_senja_finnsnes_radhus", "radius"]));
    expect(mermaid).toContain('site_senja_finnsnes_radhus[/"finnsnes-radhus (changed)<br/>10.10.0.0/16, 10.11.0.0/16"/]');
    expect(mermaid).toContain("RADIUS servers × 3 (eduroam) (changed)");
    expect(mermaid).toMatch(/^  classDef added fill:#c6f6d5/m);
  });

  it("leaves what did not change unmarked", () => {
    for (const node of ["m_alta", "spoke_alta", "site_alta_radhuset", "hub", "firewall", "spoke_senja"]) {
      expect([...classes("added"), ...classes("changed")]).not.toContain(node);
    }
    expect(changedMunicipalities(changes)).toEqual(["bardu", "senja"]);
  });

  it("still shows a removed municipality, marked removed", () => {
    const gone = networkChanges(before, model([senja]));
    const text = networkMermaid(model([senja]), gone);
    expect(text).toContain('subgraph m_alta["alta (removed)"]');
    expect(text).toMatch(/^  class m_alta,spoke_alta,site_alta_alta_vgs,site_alta_radhuset removed$/m);
  });
});

describe("the network diagram of a region of 39 municipalities", () => {
  let dir: string;
  let region: ReturnType<typeof networkModelFromRegion>;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-diagram-39-"));
    const { tenantsDir, platformFile } = writeSyntheticRegion(dir, 39, DEFAULT_PLATFORM_FILE);
    const load = loadRegion({ tenantsDir, platformFile });
    if (!load.region) throw new Error(`synthetic region invalid: ${load.diagnostics.slice(0, 3).map((d) => d.message).join("; ")}`);
    region = networkModelFromRegion(load.region);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("draws one box per municipality and none of their sites", () => {
    const overview = networkMermaid(region);
    expect(region.municipalities).toHaveLength(39);
    // Every synthetic municipality has a VPN site: drawn in full, the region would hold 39 more nodes and edges.
    expect(region.municipalities.every((m) => m.sites.length > 0)).toBe(true);
    const boxes = overview.split("\n").filter((l) => /^ {2}m_\w+\["/.test(l));
    expect(boxes).toHaveLength(39);
    expect(overview).not.toMatch(/subgraph m_|site_/);
    // The platform's parts, one box and one edge per municipality: nothing grows faster than the region.
    expect(overview.split("\n").length).toBeLessThanOrEqual(2 * 39 + 20);
    expect(overview).toContain(`${region.municipalities[0].name}<br/>${region.municipalities[0].addressSpace}`);
  });

  it("draws each municipality's details in a diagram of its own", () => {
    const m = region.municipalities[7];
    const detail = municipalityMermaid(region, m.slug);
    expect(group(detail, `m_${m.slug}`).filter((l) => l.includes("site_"))).toHaveLength(m.sites.length);
    expect(detail).not.toContain(region.municipalities.find((x) => x.slug !== m.slug)!.slug);
    expect(detail).toContain("hub --- firewall");
  });

  it("names a municipality the model does not have", () => {
    expect(() => municipalityMermaid(region, "nowhere")).toThrow('the network model has no municipality "nowhere"');
  });
});

describe("the network diagram in the PR comment", () => {
  const many = Array.from({ length: OVERVIEW_ABOVE + 8 }, (_, i): MunicipalityDescription => ({ slug: `k${5601 + i}`, addressSpace: `10.97.${2 * i}.0/23`, sites: { radhus: [`172.20.${i}.0/24`] } }));
  const previews = (ms: MunicipalityDescription[]) => networkPreviews({ municipalities: ms });

  it("draws the region as one diagram while it is small, as the example region is", () => {
    const p = previews([senja, alta]);
    const text = networkDiagram(p.platform, p.tenants);
    expect(text.match(/```mermaid/g)).toHaveLength(1);
    expect(text).toContain("subgraph m_senja");
  });

  it("adds the details of only the municipalities a pull request touches in a large region", () => {
    const before = previews(many);
    const after = previews([...many.slice(0, 2).map((m) => ({ ...m, zones: ["general", "secure"] })), ...many.slice(2)]);
    const text = networkDiagram(after.platform, after.tenants, before);
    expect(text.match(/```mermaid/g)).toHaveLength(3);
    expect(text).toContain("**k5601**");
    expect(text).toContain("**k5602**");
    expect(text).toContain("What this pull request adds is green");
  });

  it("names, without drawing, the touched municipalities past the limit", () => {
    const before = previews(many);
    const after = previews(many.map((m) => ({ ...m, zones: ["general", "exam"] })));
    const text = networkDiagram(after.platform, after.tenants, before);
    expect(text.match(/```mermaid/g)).toHaveLength(1 + MAX_DETAIL_DIAGRAMS);
    expect(text).toContain(`Also changed, not drawn here: ${many.slice(MAX_DETAIL_DIAGRAMS).map((m) => m.slug).join(", ")}.`);
  });
});

describe("the model of the example region's files", () => {
  it("has every tenant with its display name, and the platform's parts from platform.yaml", () => {
    const load = loadRegion({ tenantsDir: DEFAULT_TENANTS_DIR, platformFile: DEFAULT_PLATFORM_FILE });
    const m = networkModelFromRegion(load.region!);
    expect(m.municipalities.find((x) => x.slug === "senja")).toMatchObject({ name: "Senja kommune", sites: [{ name: "finnsnes-radhus", prefixes: ["10.10.0.0/16"] }] });
    expect(m.drHub).toEqual({ location: "norwaywest", addressSpace: "10.95.4.0/22", firewall: false });
    expect(m.radius.count).toBe(2);
    expect(m.sharedServices.services).toEqual([{ key: "min-ansattside", subnet: "10.95.8.0/26" }]);
  });
});
