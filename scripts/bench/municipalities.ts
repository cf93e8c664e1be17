/**
 * Kommunenummer for synthetic regions of any size, spread over the counties
 * roughly as Norway's 357 municipalities are (municipalities per county since
 * 2024, approximate: unverified against SSB's list), interleaved so that the
 * first N of them touch every county, as a real region of N would.
 */
const PER_COUNTY: ReadonlyArray<readonly [string, number]> = [
  ["03", 1], ["11", 23], ["15", 26], ["18", 41], ["31", 12], ["32", 21], ["33", 18], ["34", 46],
  ["39", 6], ["40", 17], ["42", 26], ["46", 43], ["50", 38], ["55", 21], ["56", 18],
];

export function syntheticKommunenummer(count: number): string[] {
  const max = Math.max(...PER_COUNTY.map(([, n]) => n));
  const all: string[] = [];
  for (let i = 1; i <= max; i += 1) for (const [county, n] of PER_COUNTY) if (i <= n) all.push(`${county}${String(i).padStart(2, "0")}`);
  if (count > all.length) throw new Error(`a synthetic region has at most ${all.length} municipalities`);
  return all.slice(0, count);
}

const hub = (counties: string[], vpnGatewaySku = "VpnGw4AZ") => ({ addressSpace: "10.0.0.0/16", counties, vpnGatewaySku });

/**
 * A hub layout for a region of `count` municipalities of two sites each, as the
 * platform team might write it in platform.yaml: one hub up to 50 municipalities
 * (100 tunnels on VpnGw4AZ), then hubs by county with none above 50.
 */
export function suggestedHubs(count: number): { network: { hub: { addressSpace: string; vpnGatewaySku: string }; hubs?: Record<string, ReturnType<typeof hub>> } } {
  const main = { addressSpace: "10.95.0.0/16", vpnGatewaySku: count <= 15 ? "VpnGw2AZ" : "VpnGw4AZ" };
  if (count <= 50) return { network: { hub: main } };
  if (count <= 150) return { network: { hub: main, hubs: { nord: hub(["18", "50", "55", "56"]), vest: hub(["11", "15", "46"]), ost: hub(["31", "32", "33", "34"]) } } };
  return {
    network: {
      hub: main,
      hubs: { innlandet: hub(["34"]), vestland: hub(["46"]), nordland: hub(["18"]), trondelag: hub(["50"]), nord: hub(["55", "56"]), vest: hub(["11", "15"]), sor: hub(["40", "42"]), viken: hub(["32", "33"]) },
    },
  };
}
