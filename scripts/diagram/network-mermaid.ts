/**
 * The network diagram in Mermaid, which GitHub renders in a PR comment: the
 * platform (hub, firewall between the hub and the spokes, VPN gateway, DR hub,
 * RADIUS servers, shared services) and the municipalities, each with its spoke
 * and its VPN sites grouped under it. Past OVERVIEW_ABOVE municipalities the
 * region no longer reads as one picture, so the overview draws one box per
 * municipality and municipalityMermaid draws each one's details on its own.
 * What a pull request adds, changes or removes is coloured and also named in
 * the label, for readers who do not see the colours. Pure: Mermaid source in,
 * no fences, so the static site can embed the same text.
 */
import { formatNumber } from "../../domain/format/numbers";
import { NO_CHANGES, NODE, type NetworkChanges, type NodeStatus } from "./network-changes";
import type { MunicipalityNode, NetworkModel } from "./network-model";

/** Up to this many municipalities the diagram shows every spoke and site; above it, the overview. */
export const OVERVIEW_ABOVE = 12;

const STYLES: Record<NodeStatus, string> = {
  added: "fill:#c6f6d5,stroke:#2f855a,stroke-width:3px",
  changed: "fill:#fefcbf,stroke:#b7791f,stroke-width:3px",
  removed: "fill:#fed7d7,stroke:#c53030,stroke-width:2px,stroke-dasharray:5 5",
};
const MARK: Record<NodeStatus, string> = { added: " (new)", changed: " (changed)", removed: " (removed)" };

const id = (s: string) => s.replace(/[^A-Za-z0-9_]/g, "_");
const text = (s: string) => s.replace(/"/g, "#quot;");
const ids = {
  municipality: (slug: string) => id(`m_${slug}`),
  spoke: (slug: string) => id(`spoke_${slug}`),
  site: (slug: string, site: string) => id(`site_${slug}_${site}`),
};

/** Collects node ids by status while lines are written, for the class lines at the end. */
class Marks {
  readonly byStatus = new Map<NodeStatus, string[]>();
  constructor(private readonly changes: NetworkChanges) {}
  /** The label, its title marked with the node's status, which is recorded for the class lines. */
  label(key: string, nodeId: string, title: string, ...details: Array<string | undefined>): string {
    const status = this.changes.status.get(key);
    if (status) this.byStatus.set(status, [...(this.byStatus.get(status) ?? []), nodeId]);
    return text([`${title}${status ? MARK[status] : ""}`, ...details.filter((d): d is string => d !== undefined && d !== "")].join("<br/>"));
  }
  lines(): string[] {
    const out: string[] = [];
    for (const status of ["added", "changed", "removed"] as const) {
      const nodes = this.byStatus.get(status);
      if (!nodes) continue;
      out.push(`  classDef ${status} ${STYLES[status]}`, `  class ${nodes.join(",")} ${status}`);
    }
    return out;
  }
}

function platformLines(model: NetworkModel, marks: Marks, compact: boolean): string[] {
  const out = ['  subgraph platform["Shared platform"]'];
  out.push(`    hub(("${marks.label(NODE.hub, "hub", `Hub, ${model.hub.location}`, model.hub.addressSpace)}"))`);
  if (model.firewall) {
    out.push(`    firewall{{"${marks.label(NODE.firewall, "firewall", `Azure Firewall${model.firewall.tier ? ` ${model.firewall.tier}` : ""}`, model.firewall.privateIp)}"}}`);
  }
  if (model.vpnGateway) out.push(`    vpn[["${marks.label(NODE.vpnGateway, "vpn", "VPN gateway")}"]]`);
  if (!compact) {
    if (model.radius.count > 0) {
      out.push(`    radius[["${marks.label(NODE.radius, "radius", `RADIUS servers × ${formatNumber(model.radius.count)} (eduroam)`, model.radius.subnet)}"]]`);
    }
    if (model.sharedServices.services.length > 0) {
      const services = model.sharedServices.services.map((s) => `${s.key}${s.subnet ? ` ${s.subnet}` : ""}`);
      out.push(`    shared["${marks.label(NODE.sharedServices, "shared", "Shared services", model.sharedServices.addressSpace, ...services)}"]`);
    }
    if (model.drHub) {
      const dr = model.drHub;
      out.push(`    drhub(("${marks.label(NODE.drHub, "drhub", `DR hub, ${dr.location}`, dr.addressSpace, dr.firewall ? "with firewall" : undefined)}"))`);
    }
  }
  out.push("  end");
  if (model.firewall) out.push("  hub --- firewall");
  if (model.vpnGateway) out.push("  hub --- vpn");
  if (!compact) {
    if (model.radius.count > 0) out.push("  hub --- radius");
    // Shared services sit in a spoke of their own: their traffic passes the firewall too.
    if (model.sharedServices.services.length > 0) out.push(`  ${model.firewall ? "firewall" : "hub"} --- shared`);
    if (model.drHub) out.push('  hub -. "DR peering" .- drhub');
  }
  return out;
}

const spokeDetails = (m: MunicipalityNode) => [m.addressSpace ?? "address space not known", m.zones.join(", ")];

/** A municipality as a group: its spoke behind the firewall, its sites on the VPN gateway. */
function municipalityLines(model: NetworkModel, m: MunicipalityNode, marks: Marks, changes: NetworkChanges): string[] {
  const removed = changes.removedSites.filter((r) => r.slug === m.slug).map((r) => r.site);
  const group = ids.municipality(m.slug);
  const out = [`  subgraph ${group}["${marks.label(NODE.municipality(m.slug), group, m.name)}"]`];
  out.push(`    ${ids.spoke(m.slug)}["${marks.label(NODE.spoke(m.slug), ids.spoke(m.slug), "spoke", ...spokeDetails(m))}"]`);
  for (const s of [...m.sites, ...removed]) out.push(`    ${ids.site(m.slug, s.name)}[/"${marks.label(NODE.site(m.slug, s.name), ids.site(m.slug, s.name), s.name, s.prefixes.join(", "))}"/]`);
  out.push("  end");
  out.push(`  ${model.firewall ? "firewall" : "hub"} --- ${ids.spoke(m.slug)}`);
  for (const s of [...m.sites, ...removed]) out.push(`  ${model.vpnGateway ? "vpn" : "hub"} -. "VPN" .- ${ids.site(m.slug, s.name)}`);
  return out;
}

/** A municipality as one box, for the overview of a large region. */
function municipalityBox(model: NetworkModel, m: MunicipalityNode, marks: Marks): string[] {
  const sites = m.sites.length === 0 ? "no VPN sites" : `${formatNumber(m.sites.length)} VPN site${m.sites.length === 1 ? "" : "s"}`;
  const box = ids.municipality(m.slug);
  return [`  ${box}["${marks.label(NODE.municipality(m.slug), box, m.name, ...spokeDetails(m), sites)}"]`, `  ${model.firewall ? "firewall" : "hub"} --- ${box}`];
}

/** Whether the region is drawn as an overview, one box per municipality. */
export const isOverview = (model: NetworkModel, overviewAbove = OVERVIEW_ABOVE) => model.municipalities.length > overviewAbove;

/** The region's diagram: every spoke and site while it is small, an overview when it is not. */
export function networkMermaid(model: NetworkModel, changes: NetworkChanges = NO_CHANGES, overviewAbove = OVERVIEW_ABOVE): string {
  const marks = new Marks(changes);
  const lines = ["graph LR", ...platformLines(model, marks, false)];
  const all = [...model.municipalities, ...changes.removedMunicipalities].sort((a, b) => a.slug.localeCompare(b.slug));
  const overview = isOverview(model, overviewAbove);
  for (const m of all) lines.push(...(overview ? municipalityBox(model, m, marks) : municipalityLines(model, m, marks, changes)));
  lines.push(...marks.lines());
  return lines.join("\n");
}

/** One municipality's details: its spoke, zones and sites, and the hub, firewall and VPN gateway they attach to. */
export function municipalityMermaid(model: NetworkModel, slug: string, changes: NetworkChanges = NO_CHANGES): string {
  const m = model.municipalities.find((x) => x.slug === slug) ?? changes.removedMunicipalities.find((x) => x.slug === slug);
  if (!m) throw new Error(`the network model has no municipality "${slug}"; it has ${model.municipalities.map((x) => x.slug).join(", ") || "none"}`);
  const marks = new Marks(changes);
  const lines = ["graph LR", ...platformLines(model, marks, true), ...municipalityLines(model, m, marks, changes), ...marks.lines()];
  return lines.join("\n");
}
