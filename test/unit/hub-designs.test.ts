import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { classicHubsCost, compareHubDesigns, virtualWanCost, type HourlyPrices } from "../../domain/cost/hub-designs";
import { HOURS_PER_MONTH } from "../../domain/cost/workloads";

/** Round prices so the expected figures can be worked out by hand. */
const prices: HourlyPrices = {
  "firewall-standard": 10,
  "firewall-standard-hub": 10,
  "vpn-gateway-vpngw2az": 5,
  "vpn-gateway-vpngw4az": 20,
  "vpn-gateway-vpngw5az": 40,
  "vpn-s2s-tunnel": 0.1,
  "dns-resolver-endpoint": 3,
  "public-ip-standard": 0.1,
  "vwan-hub": 2,
  "vwan-s2s-scale-unit": 4,
  "vwan-s2s-connection": 0.5,
};
const month = (hourly: number) => Math.round(hourly * HOURS_PER_MONTH);

describe("hub design costs", () => {
  it("prices 5 municipalities of two sites as one classic hub of the cheapest gateway", () => {
    const cost = classicHubsCost({ municipalities: 5, sitesPerMunicipality: 2, mbpsPerSite: 20 }, prices);
    expect(cost.sizing).toBe("1 hub of VpnGw2AZ");
    // 10 sites: all within the gateway's included tunnels.
    expect(cost.monthlyNok).toBe(month(10) + month(5) + 0 + month(3) + month(0.3));
  });

  it("adds classic hubs when the sites pass a gateway's tunnels, and picks the cheaper SKU", () => {
    const cost = classicHubsCost({ municipalities: 39, sitesPerMunicipality: 2, mbpsPerSite: 20 }, prices);
    // 78 sites: one VpnGw4AZ hub (10 + 20 + 68 x 0.1 + 3 + 0.3 = 40.1 an hour) beats three VpnGw2AZ hubs (30 + 15 + 48 x 0.1 + 9 + 0.9 = 59.7).
    expect(cost.sizing).toBe("1 hub of VpnGw4AZ");
    expect(cost.lines.find((l) => l.item === "vpn-s2s-tunnel")!.quantity).toBe(78 - 10);
    const dear = classicHubsCost({ municipalities: 39, sitesPerMunicipality: 2, mbpsPerSite: 20 }, { ...prices, "vpn-gateway-vpngw4az": 200, "vpn-gateway-vpngw5az": 400 });
    expect(dear.sizing).toBe("3 hubs of VpnGw2AZ");
  });

  it("needs eight classic hubs for 357 municipalities of two sites, and one Virtual WAN hub", () => {
    const [classic, vwan] = compareHubDesigns({ municipalities: 357, sitesPerMunicipality: 2, mbpsPerSite: 20 }, prices);
    expect(classic.hubs).toBe(8);
    expect(vwan.hubs).toBe(1);
    // 714 sites x 20 Mbps = 14,280 Mbps: 29 scale units of 500 Mbps.
    expect(vwan.lines.find((l) => l.item === "vwan-s2s-scale-unit")!.quantity).toBe(29);
    expect(vwan.lines.find((l) => l.item === "vwan-s2s-connection")!.quantity).toBe(714);
  });

  it("splits Virtual WAN hubs when one passes its S2S connections", () => {
    const vwan = virtualWanCost({ municipalities: 600, sitesPerMunicipality: 2, mbpsPerSite: 1 }, prices);
    expect(vwan.hubs).toBe(2);
  });

  it("names the price item the platform file lacks", () => {
    const { "vwan-hub": _, ...without } = prices;
    expect(() => virtualWanCost({ municipalities: 5, sitesPerMunicipality: 2, mbpsPerSite: 20 }, without)).toThrow(/no price item "vwan-hub" under prices\.items/);
  });

  it("finds every item it needs in the platform file's price table", () => {
    const platform = parse(fs.readFileSync(path.join(__dirname, "../../../platform.yaml"), "utf8")) as { prices: { items: Record<string, { nok: number }> } };
    const hourly = Object.fromEntries(Object.entries(platform.prices.items).map(([k, v]) => [k, v.nok]));
    for (const n of [5, 39, 357]) {
      for (const cost of compareHubDesigns({ municipalities: n, sitesPerMunicipality: 2, mbpsPerSite: 20 }, hourly)) expect(cost.monthlyNok).toBeGreaterThan(0);
    }
  });
});
