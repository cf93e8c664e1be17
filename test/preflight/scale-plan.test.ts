import { HUB_MAIN, hubsOf, placeTenants, type PlatformHubsInput } from "../../domain/network/hub-placement";
import { effectiveLimits } from "../../domain/preflight/limits";
import {
  dnsLinksPerZone,
  peeringsPerHub,
  roleAssignmentsPerSubscription,
  routesPerHubTable,
  ruleGroupsPerPolicy,
  scaleFindings,
  scaleUsage,
  tenantRoleAssignments,
  tightest,
  vpnTunnelsPerHub,
  type ScaleRegion,
} from "../../domain/preflight/scale-plan";
import { syntheticKommunenummer } from "../../scripts/bench/municipalities";

const limits = effectiveLimits();
const SHARED = "00000000-0000-4000-8000-000000000001";

/** A region of `count` municipalities with `sites` sites each, placed by hubOf over `platform`'s hubs. */
function region(platform: PlatformHubsInput, count: number, sites: number, extra: Partial<ScaleRegion> = {}): ScaleRegion {
  const tenants = syntheticKommunenummer(count).map((kommunenummer) => ({ slug: `k${kommunenummer}`, kommunenummer }));
  const placement = placeTenants(platform, tenants);
  return {
    hubs: hubsOf(platform).map((h) => ({ key: h.key, vpnGatewaySku: h.vpnGatewaySku, serviceRoutes: 2 })),
    // Every third has Wi-Fi, as in the synthetic regions: one site prefix holding its access points reaches the core.
    tenants: tenants.map((t, i) => ({ ...t, hub: placement.get(t.slug)!, sites, coreSitePrefixes: i % 3 === 0 ? 1 : 0 })),
    privateDnsZones: 8,
    platformSubscription: SHARED,
    platformRoleAssignments: 200,
    fixedRuleGroupsPerPolicy: 2,
    sharedServicesSpoke: true,
    ...extra,
  };
}

const oneHub: PlatformHubsInput = { network: { hub: { addressSpace: "10.95.0.0/16", vpnGatewaySku: "VpnGw2AZ" } } };
const hub = (counties: string[]) => ({ addressSpace: "10.0.0.0/16", counties, vpnGatewaySku: "VpnGw4AZ" });

/** 120 municipalities, two sites each: four hubs of VpnGw4AZ. */
const fourHubs: PlatformHubsInput = {
  network: { hub: { addressSpace: "10.95.0.0/16", vpnGatewaySku: "VpnGw4AZ" }, hubs: { nord: hub(["18", "50", "55", "56"]), vest: hub(["11", "15", "46"]), ost: hub(["31", "32", "33", "34"]) } },
};

/** All 357 municipalities, two sites each: no hub above 50 municipalities. */
const national: PlatformHubsInput = {
  network: {
    hub: { addressSpace: "10.95.0.0/16", vpnGatewaySku: "VpnGw4AZ" },
    hubs: {
      innlandet: hub(["34"]), vestland: hub(["46"]), nordland: hub(["18"]), trondelag: hub(["50"]), nord: hub(["55", "56"]),
      vest: hub(["11", "15"]), sor: hub(["40", "42"]), viken: hub(["32", "33"]),
    },
  },
};

describe("scale plan: each limit, passing and failing", () => {
  it.each([
    ["VpnGw2AZ, 15 tenants of 2 sites", oneHub, 15, 2, 30, false],
    ["VpnGw2AZ, 16 tenants of 2 sites", oneHub, 16, 2, 32, true],
  ])("site-to-site connections per hub: %s", (_, platform, count, sites, used, over) => {
    const [u] = vpnTunnelsPerHub(region(platform, count, sites), limits);
    expect(u).toMatchObject({ used, limit: { value: 30 } });
    expect(scaleFindings([u]).length > 0).toBe(over);
  });

  it("says how to fix a hub whose gateway has too many connections, naming the platform file's fields", () => {
    const [f] = scaleFindings(vpnTunnelsPerHub(region(oneHub, 39, 1), limits));
    expect(f.message).toMatch(/hub main's VPN gateway \(VpnGw2AZ\): 39; Azure allows at most 30/);
    expect(f.message).toMatch(/network\.hub\.vpnGatewaySku/);
  });

  it("counts one rule collection group per tenant of the hub, as the program writes them, plus the fixed ones", () => {
    expect(ruleGroupsPerPolicy(region(oneHub, 15, 1), limits)[0].used).toBe(2 + 15);
    expect(ruleGroupsPerPolicy(region(oneHub, 5, 1), limits)[0].used).toBe(2 + 5);
    expect(scaleFindings(ruleGroupsPerPolicy(region(oneHub, 58, 1), limits))).toHaveLength(0);
    // 59 municipalities on one hub are one group too many for a policy of 60.
    expect(scaleFindings(ruleGroupsPerPolicy(region(oneHub, 59, 1), limits))).toHaveLength(1);
    const byHubKey = new Map(ruleGroupsPerPolicy(region(fourHubs, 120, 2), limits).map((u) => [u.subject, u.used]));
    const nord = region(fourHubs, 120, 2).tenants.filter((t) => t.hub === "nord").length;
    expect(byHubKey.get("rule collection groups in hub nord's firewall policy")).toBe(2 + nord);
  });

  it("links each private DNS zone once per hub, whatever the number of spokes", () => {
    expect(dnsLinksPerZone(region(oneHub, 357, 1), limits)[0].used).toBe(1);
    expect(dnsLinksPerZone(region(national, 357, 2), limits)[0].used).toBe(9);
  });

  it("counts a hub's peerings: its spokes, the shared-services spoke and the other hubs", () => {
    const byKey = new Map(peeringsPerHub(region(fourHubs, 120, 2), limits).map((u) => [u.subject, u.used]));
    const placed = region(fourHubs, 120, 2).tenants.filter((t) => t.hub === "nord").length;
    expect(byKey.get("peerings on hub nord's virtual network")).toBe(placed + 1 + 3);
    expect(scaleFindings(peeringsPerHub(region(oneHub, 357, 1), effectiveLimits({ peerings: 300 })))).toHaveLength(1);
  });

  it("counts the busier hub route table, with a route per public site prefix", () => {
    const plain = region(oneHub, 100, 1);
    expect(routesPerHubTable(plain, limits)[0].used).toBe(100 + 1 + 3);
    const publicSites = { ...plain, tenants: plain.tenants.map((t) => ({ ...t, publicSitePrefixes: 3 })) };
    expect(routesPerHubTable(publicSites, limits)[0].used).toBe(100 + 1 + 3 + 300);
    expect(scaleFindings(routesPerHubTable(publicSites, limits))).toHaveLength(1);
  });

  it("counts the core's return routes to every other hub's spokes and Wi-Fi sites, or one per hub when hub pools are summarised", () => {
    const r = region(fourHubs, 120, 2);
    const own = r.tenants.filter((t) => t.hub === HUB_MAIN);
    const others = r.tenants.filter((t) => t.hub !== HUB_MAIN);
    const wifiElsewhere = others.reduce((n, t) => n + (t.coreSitePrefixes ?? 0), 0);
    const main = (x: ScaleRegion) => routesPerHubTable(x, limits).find((u) => u.subject.includes("hub main's"))!.used;
    expect(main(r)).toBe(own.length + 1 + 3 + others.length + wifiElsewhere);
    expect(main({ ...r, hubPoolsSummarised: true })).toBe(own.length + 1 + 3 + 3 + wifiElsewhere);
    // Another hub's tables hold only its own spokes.
    const nord = r.tenants.filter((t) => t.hub === "nord").length;
    expect(routesPerHubTable(r, limits).find((u) => u.subject.includes("hub nord's"))!.used).toBe(nord + 1 + 3);
  });

  it("counts role assignments in the platform's subscription and in a tenant's own", () => {
    expect(tenantRoleAssignments(false)).toBe(8);
    expect(tenantRoleAssignments(true)).toBe(10);
    const r = region(oneHub, 10, 1);
    const own = { ...r, tenants: r.tenants.map((t, i) => (i === 0 ? { ...t, subscription: "sub-own" } : t)) };
    const bySub = new Map(roleAssignmentsPerSubscription(own, limits).map((u) => [u.subject, u.used]));
    expect(bySub.get(`role assignments in the platform's subscription ${SHARED}`)).toBe(200 + 9 * 8);
    expect(bySub.get("role assignments in subscription sub-own")).toBe(10);
    expect(scaleFindings(roleAssignmentsPerSubscription(region(oneHub, 357, 1, { platformRoleAssignments: 1200 }), limits))).toHaveLength(1);
  });

  it("refuses a tenant placed in a hub the platform does not have", () => {
    const r = region(oneHub, 2, 1);
    expect(() => scaleUsage({ ...r, tenants: [{ ...r.tenants[0], hub: "nord" }] }, limits)).toThrow(/hub "nord", which is not a hub of the platform \(main\)/);
  });
});

describe("scale plan: regions of real size", () => {
  it("fits 120 municipalities with two sites each in four hubs, within every limit", () => {
    const usage = scaleUsage(region(fourHubs, 120, 2), limits);
    expect(scaleFindings(usage)).toEqual([]);
    expect(new Set(usage.map((u) => u.check)).size).toBe(6);
  });

  it("does not fit all 357 in nine hubs drawing spokes from one tenant pool: the core's route table passes 400", () => {
    const findings = scaleFindings(scaleUsage(region(national, 357, 2), limits));
    expect(findings.map((f) => [f.check, f.subject])).toEqual([["routes-per-route-table", "routes in hub main's busiest route table"]]);
    expect(findings[0].message).toMatch(/address block of its own/);
  });

  it("fits all 357 municipalities with two sites each in nine hubs, each hub's spokes from a block of its own, within every limit", () => {
    const usage = scaleUsage(region(national, 357, 2, { hubPoolsSummarised: true }), limits);
    expect(scaleFindings(usage)).toEqual([]);
    const t = tightest(usage)!;
    expect(t.check).toBe("vpn-connections-per-hub");
    expect(t.used).toBeLessThanOrEqual(100);
  });

  it("does not fit 39 municipalities with two sites in one VpnGw1-3 hub: the issue's starting point", () => {
    const findings = scaleFindings(scaleUsage(region(oneHub, 39, 2), limits));
    expect(findings.map((f) => f.check)).toEqual(["vpn-connections-per-hub"]);
  });

  it("moves no one's hub when municipality N+1 joins or one leaves", () => {
    const before = region(fourHubs, 120, 2).tenants;
    const after = region(fourHubs, 121, 2).tenants;
    for (const t of before) expect({ slug: t.slug, hub: after.find((a) => a.slug === t.slug)!.hub }).toEqual({ slug: t.slug, hub: t.hub });
    expect(new Set(before.map((t) => t.hub))).toEqual(new Set([HUB_MAIN, "nord", "vest", "ost"]));
  });
});
