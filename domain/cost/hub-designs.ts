/**
 * What the region's hubs cost a month under the two designs docs/network-scale.md
 * compares, at any number of municipalities: several classic hub VNets (each a
 * full hub: firewall, VPN gateway, DNS resolver inbound endpoint) and Virtual
 * WAN with secured virtual hubs. Pure: the prices are the platform file's
 * `prices.items` (NOK per hour), the sizing rules are the limits each design
 * runs into. Only what differs between the designs is priced: the spokes, the
 * tenants' workloads and what is charged by use (firewall and hub data
 * processing, peering traffic) are the same or close under both and are left out.
 */
import { HOURS_PER_MONTH } from "./workloads";

export interface HubDesignInput {
  readonly municipalities: number;
  /** Site-to-site connections per municipality (its sites). */
  readonly sitesPerMunicipality: number;
  /** Average VPN throughput per site, for sizing Virtual WAN's scale units (an assumption, not a measurement). */
  readonly mbpsPerSite: number;
}

export interface HubDesignLine {
  readonly item: string;
  readonly quantity: number;
  readonly monthlyNok: number;
}

export interface HubDesignCost {
  readonly design: "classic-hubs" | "virtual-wan";
  readonly hubs: number;
  /** How each hub is sized, for the table: "3 hubs of VpnGw4AZ". */
  readonly sizing: string;
  readonly lines: readonly HubDesignLine[];
  readonly monthlyNok: number;
}

/** NOK per hour by price item key, as platform.yaml `prices.items` holds them. */
export type HourlyPrices = Readonly<Record<string, number>>;

/** Classic gateway SKUs and their S2S tunnel limits (domain/preflight/limits.ts; about-gateway-skus). */
export const CLASSIC_GATEWAYS: ReadonlyArray<{ readonly sku: string; readonly tunnels: number; readonly mbps: number }> = [
  { sku: "VpnGw2AZ", tunnels: 30, mbps: 1250 },
  { sku: "VpnGw4AZ", tunnels: 100, mbps: 5000 },
  { sku: "VpnGw5AZ", tunnels: 100, mbps: 10000 },
];

/**
 * Peerings a classic hub can give spokes: 500 per VNet, less the other hubs and
 * the shared-services spoke; kept at 450 to leave room for growth between reviews.
 */
export const SPOKES_PER_CLASSIC_HUB = 450;

/** Tunnels a VPN gateway includes before each further one is charged (VPN Gateway pricing page; unverified). */
export const INCLUDED_TUNNELS = 10;

/**
 * Virtual WAN: S2S connections per hub (1,000), VNet connections per hub (500,
 * less the hubs), 500 Mbps per S2S scale unit and at most 20 Gbps of S2S per hub
 * (Virtual WAN FAQ and limits; unverified this session: see docs/network-scale.md).
 */
export const VWAN = { connectionsPerHub: 1000, vnetsPerHub: 450, mbpsPerScaleUnit: 500, maxScaleUnitsPerHub: 40 } as const;

function priced(prices: HourlyPrices, item: string, quantity: number): HubDesignLine {
  const hourly = prices[item];
  if (hourly === undefined) throw new Error(`platform.yaml has no price item "${item}" under prices.items; add it (NOK per hour) with its source to compare hub designs`);
  return { item, quantity, monthlyNok: Math.round(hourly * HOURS_PER_MONTH * quantity) };
}

const total = (lines: readonly HubDesignLine[]) => lines.reduce((n, l) => n + l.monthlyNok, 0);
const positive = (n: number) => (Number.isFinite(n) && n > 0 ? n : 0);

/**
 * Classic hubs: for each gateway SKU, as many full hubs as the tunnels and the
 * peerings need (at least one); the cheapest SKU wins. Every hub has a firewall,
 * a gateway, the tunnels beyond those included, a resolver inbound endpoint and
 * three public IPs (firewall, and the zone-redundant gateway's two, active-active).
 */
export function classicHubsCost(input: HubDesignInput, prices: HourlyPrices): HubDesignCost {
  const sites = positive(input.municipalities) * positive(input.sitesPerMunicipality);
  const options = CLASSIC_GATEWAYS.map((gw) => {
    const hubs = Math.max(1, Math.ceil(sites / gw.tunnels), Math.ceil(positive(input.municipalities) / SPOKES_PER_CLASSIC_HUB));
    const extraTunnels = Math.max(0, sites - hubs * INCLUDED_TUNNELS);
    const lines = [
      priced(prices, "firewall-standard", hubs),
      priced(prices, `vpn-gateway-${gw.sku.toLowerCase()}`, hubs),
      priced(prices, "vpn-s2s-tunnel", extraTunnels),
      priced(prices, "dns-resolver-endpoint", hubs),
      priced(prices, "public-ip-standard", hubs * 3),
    ];
    return { design: "classic-hubs" as const, hubs, sizing: `${hubs} hub${hubs === 1 ? "" : "s"} of ${gw.sku}`, lines, monthlyNok: total(lines) };
  });
  return options.sort((a, b) => a.monthlyNok - b.monthlyNok || a.hubs - b.hubs)[0];
}

/**
 * Virtual WAN with secured hubs: as many hubs as the connections, the VNets and
 * the S2S throughput need; each a hub, a firewall (AZFW_Hub) and S2S scale units
 * for its share of the throughput (at least one); a connection unit per site;
 * and, since a virtual hub cannot hold a DNS private resolver, a resolver in a
 * spoke VNet per hub with its inbound endpoint.
 */
export function virtualWanCost(input: HubDesignInput, prices: HourlyPrices): HubDesignCost {
  const sites = positive(input.municipalities) * positive(input.sitesPerMunicipality);
  const units = Math.max(1, Math.ceil((sites * positive(input.mbpsPerSite)) / VWAN.mbpsPerScaleUnit));
  const hubs = Math.max(1, Math.ceil(sites / VWAN.connectionsPerHub), Math.ceil(positive(input.municipalities) / VWAN.vnetsPerHub), Math.ceil(units / VWAN.maxScaleUnitsPerHub));
  const unitsPerHub = Math.max(1, Math.ceil(units / hubs));
  const lines = [
    priced(prices, "vwan-hub", hubs),
    priced(prices, "firewall-standard-hub", hubs),
    priced(prices, "vwan-s2s-scale-unit", hubs * unitsPerHub),
    priced(prices, "vwan-s2s-connection", sites),
    priced(prices, "dns-resolver-endpoint", hubs),
  ];
  return { design: "virtual-wan", hubs, sizing: `${hubs} secured hub${hubs === 1 ? "" : "s"}, ${unitsPerHub} S2S scale unit${unitsPerHub === 1 ? "" : "s"} each`, lines, monthlyNok: total(lines) };
}

export function compareHubDesigns(input: HubDesignInput, prices: HourlyPrices): [HubDesignCost, HubDesignCost] {
  return [classicHubsCost(input, prices), virtualWanCost(input, prices)];
}
