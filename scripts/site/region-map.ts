/**
 * The region map as inline SVG: the hubs, every municipality's spoke with its
 * address space and zones, the on-premises sites behind each spoke's VPN, and
 * the shared services. Drawn here rather than by Mermaid, since the site may
 * load no script from anywhere; the layout is plain columns so it stays
 * readable with hundreds of spokes.
 */
import type { Region } from "../../tenants/region";
import { escapeHtml } from "./html";

export interface MapHub {
  readonly key: "hub" | "hub-dr";
  readonly label: string;
  readonly location: string;
  readonly addressSpace: string;
}

export interface MapSite {
  readonly key: string;
  readonly prefixes: readonly string[];
}

export interface MapSpoke {
  readonly slug: string;
  readonly displayName: string;
  readonly addressSpace: string;
  readonly zones: readonly string[];
  readonly sites: readonly MapSite[];
  /** The municipality's page, relative to the page the map is on. */
  readonly href: string;
}

export interface MapSharedService {
  readonly key: string;
  readonly name: string;
  readonly subnet: string;
  readonly subscribers: readonly string[];
}

export interface RegionMap {
  readonly hubs: readonly MapHub[];
  readonly spokes: readonly MapSpoke[];
  readonly sharedServices: readonly MapSharedService[];
  /** The shared services' spoke address space, when the platform has one. */
  readonly sharedServicesSpace?: string;
}

/** What the map shows of a validated region; `href` gives each municipality's page. */
export function regionMapModel(region: Region, href: (slug: string) => string): RegionMap {
  const { platform } = region;
  const hubs: MapHub[] = [{ key: "hub", label: "Hub", location: platform.regions.primary, addressSpace: platform.network.hub.addressSpace }];
  if (platform.regions.dr?.enabled && platform.network.drHub) {
    hubs.push({ key: "hub-dr", label: "DR hub", location: platform.regions.dr.location, addressSpace: platform.network.drHub.addressSpace });
  }
  const spokes = region.tenants.map((t) => ({
    slug: t.spec.slug,
    displayName: t.spec.displayName,
    addressSpace: t.addressSpace,
    zones: [...t.zones],
    sites: Object.entries(t.spec.sites).map(([key, site]) => ({ key, prefixes: [...site.prefixes] })),
    href: href(t.spec.slug),
  }));
  const sharedServices = Object.entries(platform.sharedServices ?? {}).map(([key, s]) => ({
    key,
    name: s.name,
    subnet: s.subnet,
    subscribers: region.tenants.filter((t) => key in t.spec.sharedServices).map((t) => t.spec.slug),
  }));
  return { hubs, spokes, sharedServices, sharedServicesSpace: platform.network.sharedServicesSpoke?.addressSpace };
}

const BOX_WIDTH = 230;
const BOX_HEIGHT = 46;
const ROW = 56;
const TOP = 40;
const COLUMNS = { shared: 10, hub: 300, spoke: 580, site: 880 };
const WIDTH = COLUMNS.site + BOX_WIDTH + 10;
/** About what fits in a box at 12px; the full text is in the box's tooltip. */
const LINE_CHARS = 34;

const fit = (text: string) => (text.length > LINE_CHARS ? `${text.slice(0, LINE_CHARS - 1)}…` : text);

function box(x: number, y: number, className: string, lines: readonly [string, string], tooltip: string, attrs = ""): string {
  return [
    `<g class="${className}"${attrs}>`,
    `<title>${escapeHtml(tooltip)}</title>`,
    `<rect x="${x}" y="${y}" width="${BOX_WIDTH}" height="${BOX_HEIGHT}" rx="6"/>`,
    `<text x="${x + 8}" y="${y + 18}" font-weight="bold">${escapeHtml(fit(lines[0]))}</text>`,
    `<text x="${x + 8}" y="${y + 36}">${escapeHtml(fit(lines[1]))}</text>`,
    "</g>",
  ].join("");
}

const line = (x1: number, y1: number, x2: number, y2: number, className: string) => `<line class="${className}" x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}"/>`;

/** The map as one <svg> element, sized to its content. */
export function regionMapSvg(map: RegionMap): string {
  const body: string[] = [];
  // Each spoke takes as many rows as it has sites, so its sites sit beside it.
  const spokeTops: number[] = [];
  let y = TOP;
  for (const spoke of map.spokes) {
    spokeTops.push(y);
    y += Math.max(1, spoke.sites.length) * ROW;
  }
  const spokesBottom = y;
  const sharedBottom = TOP + map.sharedServices.length * ROW;
  const hubsHeight = map.hubs.length * ROW;
  const contentBottom = Math.max(spokesBottom, sharedBottom, TOP + hubsHeight);
  const hubTop = Math.max(TOP, Math.round((Math.min(spokesBottom, contentBottom) + TOP - hubsHeight) / 2));
  const hubMid = hubTop + BOX_HEIGHT / 2;

  body.push(
    `<text class="heading" x="${COLUMNS.shared}" y="24">Shared services${map.sharedServicesSpace ? ` (${escapeHtml(map.sharedServicesSpace)})` : ""}</text>`,
    `<text class="heading" x="${COLUMNS.hub}" y="24">Hubs</text>`,
    `<text class="heading" x="${COLUMNS.spoke}" y="24">Municipalities (spokes)</text>`,
    `<text class="heading" x="${COLUMNS.site}" y="24">On-premises sites (VPN)</text>`,
  );

  map.hubs.forEach((hub, i) => {
    const top = hubTop + i * ROW;
    if (i > 0) body.push(line(COLUMNS.hub + BOX_WIDTH / 2, top - ROW + BOX_HEIGHT, COLUMNS.hub + BOX_WIDTH / 2, top, "peering dr"));
    body.push(box(COLUMNS.hub, top, "hub", [`${hub.label}: ${hub.location}`, hub.addressSpace], `${hub.label} in ${hub.location}, ${hub.addressSpace}`, ` data-key="${hub.key}"`));
  });

  map.sharedServices.forEach((service, i) => {
    const top = TOP + i * ROW;
    const subscribers = service.subscribers.length === 1 ? "1 subscriber" : `${service.subscribers.length} subscribers`;
    body.push(line(COLUMNS.shared + BOX_WIDTH, top + BOX_HEIGHT / 2, COLUMNS.hub, hubMid, "peering"));
    body.push(
      box(COLUMNS.shared, top, "shared-service", [service.name, `${service.subnet}, ${subscribers}`], `${service.name} (${service.key}), ${service.subnet}; subscribers: ${service.subscribers.join(", ") || "none"}`, ` data-key="${escapeHtml(service.key)}"`),
    );
  });

  map.spokes.forEach((spoke, i) => {
    const top = spokeTops[i];
    body.push(line(COLUMNS.hub + BOX_WIDTH, hubMid, COLUMNS.spoke, top + BOX_HEIGHT / 2, "peering"));
    const zones = spoke.zones.length > 0 ? spoke.zones.join(", ") : "no zones";
    body.push(
      `<a href="${escapeHtml(spoke.href)}">`,
      box(COLUMNS.spoke, top, "spoke", [spoke.displayName, `${spoke.addressSpace}: ${zones}`], `${spoke.displayName} (${spoke.slug}), ${spoke.addressSpace}, zones ${zones}`, ` data-slug="${escapeHtml(spoke.slug)}"`),
      "</a>",
    );
    spoke.sites.forEach((site, j) => {
      const siteTop = top + j * ROW;
      body.push(line(COLUMNS.spoke + BOX_WIDTH, top + BOX_HEIGHT / 2, COLUMNS.site, siteTop + BOX_HEIGHT / 2, "vpn"));
      body.push(box(COLUMNS.site, siteTop, "site", [site.key, site.prefixes.join(", ")], `${spoke.slug}: site ${site.key}, ${site.prefixes.join(", ")}`, ` data-slug="${escapeHtml(spoke.slug)}"`));
    });
  });
  if (map.spokes.length === 0) body.push(`<text x="${COLUMNS.spoke}" y="${TOP + 20}">No municipalities yet.</text>`);

  const legendTop = contentBottom + 10;
  body.push(
    `<g class="legend">`,
    line(COLUMNS.shared, legendTop + 10, COLUMNS.shared + 40, legendTop + 10, "peering"),
    `<text x="${COLUMNS.shared + 48}" y="${legendTop + 14}">VNet peering (all traffic through the hub firewall)</text>`,
    line(COLUMNS.spoke, legendTop + 10, COLUMNS.spoke + 40, legendTop + 10, "vpn"),
    `<text x="${COLUMNS.spoke + 48}" y="${legendTop + 14}">site-to-site VPN, through the hub's gateway</text>`,
    `</g>`,
  );
  const height = legendTop + 30;
  return [
    `<svg class="region-map" role="img" aria-label="Region map: hubs, municipalities' spokes, their sites and the shared services" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">`,
    "<style>",
    ".hub rect { fill: #1a365d; } .hub text { fill: #fff; }",
    ".spoke rect { fill: #ebf4ff; stroke: #2b6cb0; } .spoke:hover rect { fill: #bee3f8; }",
    ".site rect { fill: #f0fff4; stroke: #2f855a; }",
    ".shared-service rect { fill: #fffaf0; stroke: #c05621; }",
    ".peering { stroke: #4a5568; stroke-width: 1.2; } .vpn { stroke: #2f855a; stroke-width: 1.2; stroke-dasharray: 5 4; }",
    ".heading { font-weight: bold; font-size: 13px; }",
    "</style>",
    ...body,
    "</svg>",
  ].join("\n");
}
