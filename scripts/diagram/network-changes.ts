/**
 * What a pull request adds, changes or removes in the network diagram: the
 * model of its previews against the model of the baseline's. Each part of the
 * diagram has a stable key (NODE), so the renderer can mark exactly those.
 */
import type { MunicipalityNode, NetworkModel, SiteNode } from "./network-model";

export type NodeStatus = "added" | "changed" | "removed";

/** The keys of the diagram's parts. */
export const NODE = {
  hub: "hub",
  firewall: "firewall",
  vpnGateway: "vpn-gateway",
  drHub: "dr-hub",
  radius: "radius",
  sharedServices: "shared-services",
  municipality: (slug: string) => `municipality:${slug}`,
  spoke: (slug: string) => `spoke:${slug}`,
  site: (slug: string, site: string) => `site:${slug}:${site}`,
} as const;

export interface NetworkChanges {
  /** Status by node key; a node not listed is unchanged. */
  readonly status: ReadonlyMap<string, NodeStatus>;
  /** What is gone, so the diagram can still show it as removed. */
  readonly removedMunicipalities: readonly MunicipalityNode[];
  readonly removedSites: ReadonlyArray<{ readonly slug: string; readonly site: SiteNode }>;
}

export const NO_CHANGES: NetworkChanges = { status: new Map(), removedMunicipalities: [], removedSites: [] };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function part(status: Map<string, NodeStatus>, key: string, before: unknown, after: unknown): void {
  if (before === undefined && after === undefined) return;
  if (before === undefined) status.set(key, "added");
  else if (after === undefined) status.set(key, "removed");
  else if (!same(before, after)) status.set(key, "changed");
}

/** The changes from `before` to `after`; with no baseline nothing is marked. */
export function networkChanges(before: NetworkModel | undefined, after: NetworkModel): NetworkChanges {
  if (!before) return NO_CHANGES;
  const status = new Map<string, NodeStatus>();
  part(status, NODE.hub, before.hub, after.hub);
  part(status, NODE.firewall, before.firewall, after.firewall);
  part(status, NODE.vpnGateway, before.vpnGateway || undefined, after.vpnGateway || undefined);
  part(status, NODE.drHub, before.drHub, after.drHub);
  part(status, NODE.radius, before.radius.count > 0 ? before.radius : undefined, after.radius.count > 0 ? after.radius : undefined);
  part(status, NODE.sharedServices, before.sharedServices.services.length > 0 ? before.sharedServices : undefined, after.sharedServices.services.length > 0 ? after.sharedServices : undefined);
  const removedSites: Array<{ slug: string; site: SiteNode }> = [];
  const earlier = new Map(before.municipalities.map((m) => [m.slug, m]));
  for (const m of after.municipalities) {
    const was = earlier.get(m.slug);
    if (!was) {
      status.set(NODE.municipality(m.slug), "added");
      status.set(NODE.spoke(m.slug), "added");
      for (const s of m.sites) status.set(NODE.site(m.slug, s.name), "added");
      continue;
    }
    const sitesBefore = new Map(was.sites.map((s) => [s.name, s]));
    for (const s of m.sites) part(status, NODE.site(m.slug, s.name), sitesBefore.get(s.name), s);
    for (const s of was.sites.filter((x) => !m.sites.some((y) => y.name === x.name))) {
      status.set(NODE.site(m.slug, s.name), "removed");
      removedSites.push({ slug: m.slug, site: s });
    }
    // A municipality whose spoke or any of its sites changed is itself changed: the overview shows it so.
    const sitesChanged = [...m.sites, ...was.sites].some((s) => status.has(NODE.site(m.slug, s.name)));
    const spokeChanged = !same([was.addressSpace, was.zones], [m.addressSpace, m.zones]);
    if (spokeChanged) status.set(NODE.spoke(m.slug), "changed");
    if (spokeChanged || sitesChanged) status.set(NODE.municipality(m.slug), "changed");
  }
  const now = new Set(after.municipalities.map((m) => m.slug));
  const removedMunicipalities = before.municipalities.filter((m) => !now.has(m.slug));
  for (const m of removedMunicipalities) {
    for (const key of [NODE.municipality(m.slug), NODE.spoke(m.slug), ...m.sites.map((s) => NODE.site(m.slug, s.name))]) status.set(key, "removed");
  }
  return { status, removedMunicipalities, removedSites };
}

/** The slugs of the municipalities the changes touch, in order. */
export function changedMunicipalities(changes: NetworkChanges): string[] {
  return [...changes.status.keys()]
    .filter((k) => k.startsWith("municipality:"))
    .map((k) => k.slice("municipality:".length))
    .sort();
}
