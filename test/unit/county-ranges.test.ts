import { blockForKommunenummer, type TenantPool } from "../../domain/network/address-plan";
import { cidr, formatCidr, sizeOf } from "../../domain/network/cidr";
import { countyRangeCover, insideCover, rangeToCidrs } from "../../domain/network/county-ranges";
import { hubServiceRouteTable, type HubRoutingInput } from "../../domain/network/routes";

const pool: TenantPool = { cidr: cidr("10.96.0.0/12"), blockPrefixLength: 23, counties: ["18", "55", "56", "50"] };
const blockOf = (k: string) => {
  const r = blockForKommunenummer(pool, k);
  if (!r.ok) throw new Error(r.reason);
  return formatCidr(r.block);
};

describe("county ranges of the tenant pool", () => {
  it.each([
    [0, 255],
    [512, 1535],
    [7 * 512, 107 * 512 - 1],
    [1, 1],
  ])("covers [%i, %i] exactly with aligned, disjoint CIDRs", (first, last) => {
    const pieces = rangeToCidrs(first, last);
    expect(pieces.reduce((n, c) => n + sizeOf(c), 0)).toBe(last - first + 1);
    for (const c of pieces) expect(c.base % sizeOf(c)).toBe(0);
    let next = first;
    for (const c of pieces) {
      expect(c.base).toBe(next);
      next = c.base + sizeOf(c);
    }
  });

  it("holds every municipality of its counties, allocated now or later, and none of another county", () => {
    const cover = countyRangeCover(pool, ["55"]);
    expect(cover.length).toBeLessThanOrEqual(8);
    for (let n = 1; n <= 99; n++) expect(insideCover(cover, blockOf(`55${String(n).padStart(2, "0")}`))).toBe(true);
    for (const k of ["5601", "5699", "1801", "1899", "5001"]) expect(insideCover(cover, blockOf(k))).toBe(false);
  });

  it("joins neighbouring counties and skips a county the pool does not list", () => {
    const both = countyRangeCover(pool, ["56", "55"]);
    expect(both).toEqual(countyRangeCover(pool, ["55", "56"]));
    expect(both.length).toBeLessThanOrEqual(countyRangeCover(pool, ["55"]).length + countyRangeCover(pool, ["56"]).length);
    expect(countyRangeCover(pool, ["03"])).toEqual([]);
  });
});

describe("the core's return routes to another hub", () => {
  const finnmark = { key: "finnmark", firewallPrivateIp: "10.94.0.4", countyRanges: countyRangeCover(pool, ["56"]) };
  const base: HubRoutingInput = {
    firewallPrivateIp: "10.95.0.4",
    tenantPool: "10.96.0.0/12",
    spokes: { senja: blockOf("5530") },
    sitePrefixes: [],
    services: { radius: "10.95.1.0/27" },
  };

  it("sends a hub's county ranges through its firewall and keeps a route of its own only for a spoke outside them", () => {
    const routes = hubServiceRouteTable({
      ...base,
      otherHubs: [{ ...finnmark, spokes: { alta: blockOf("5601"), pinned: blockOf("5501") } }],
    }).routes;
    const names = routes.map((r) => r.name);
    expect(names.filter((n) => n.startsWith("hub-finnmark-counties-"))).toHaveLength(finnmark.countyRanges.length);
    expect(names).not.toContain("hub-finnmark-spoke-alta");
    expect(routes.find((r) => r.name === "hub-finnmark-spoke-pinned")).toMatchObject({ addressPrefix: blockOf("5501"), nextHopIpAddress: "10.94.0.4" });
  });

  it("never writes two routes of one prefix: a range piece that is exactly a spoke's address space is left to the spoke's route", () => {
    // A county's 100 slots give pieces of four blocks or more; a spoke set to such a range in its file is the one way to meet one exactly.
    const piece = finnmark.countyRanges.find((p) => p.endsWith("/21"))!;
    expect(piece).toBeDefined();
    const routes = hubServiceRouteTable({ ...base, spokes: { ...base.spokes, odd: piece }, otherHubs: [{ ...finnmark, spokes: {} }] }).routes;
    const prefixes = routes.map((r) => r.addressPrefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    expect(routes.filter((r) => r.addressPrefix === piece).map((r) => r.nextHopIpAddress)).toEqual(["10.95.0.4"]);
  });
});
