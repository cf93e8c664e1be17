import { hubNetworkPlan, hubServicePrefixes, hubSubnetLayout } from "../../domain/network/hub-layout";
import { coreRadiusReturnRoutes, hubServiceRouteTable } from "../../domain/network/routes";
import { radiusSitePrefixes } from "../../stacks/platform/hub";
import type { ResolvedTenant } from "../../tenants/region";

const base = { firewallPrivateIp: "10.95.1.4", tenantPool: "10.96.0.0/15", spokes: { senja: "10.96.60.0/23" }, sitePrefixes: ["10.10.0.0/16"], services: {} };

describe("routes of a region with several hubs", () => {
  it("sends the core's answers to another hub's spokes through that hub's firewall, and leaves its Wi-Fi sites to that hub's stack", () => {
    const table = hubServiceRouteTable({ ...base, otherHubs: [{ key: "nord", firewallPrivateIp: "10.94.1.4", spokes: { alta: "10.96.202.0/23" } }] });
    const own = table.routes.filter((r) => r.nextHopIpAddress === "10.95.1.4").map((r) => r.addressPrefix);
    const nord = table.routes.filter((r) => r.nextHopIpAddress === "10.94.1.4");
    expect(nord.map((r) => [r.name, r.addressPrefix])).toEqual([["hub-nord-spoke-alta", "10.96.202.0/23"]]);
    // The hub stack's return routes for its access points' sites: one per prefix, named by hub and prefix.
    expect(coreRadiusReturnRoutes("nord", "10.94.1.4", ["10.20.0.0/16", "10.20.0.0/16", "10.19.0.0/24"])).toEqual([
      { name: "hub-nord-site-10-19-0-0-24", addressPrefix: "10.19.0.0/24", nextHopType: "VirtualAppliance", nextHopIpAddress: "10.94.1.4" },
      { name: "hub-nord-site-10-20-0-0-16", addressPrefix: "10.20.0.0/16", nextHopType: "VirtualAppliance", nextHopIpAddress: "10.94.1.4" },
    ]);
    // The primary hub's own spokes and the pool still go through its own firewall.
    expect(own).toEqual(expect.arrayContaining(["10.96.0.0/15", "10.96.60.0/23"]));
  });

  it("has no return routes in a region of one hub", () => {
    expect(hubServiceRouteTable(base).routes.some((r) => r.name.startsWith("hub-nord"))).toBe(false);
  });

  it("routes another hub's sites to the core through that hub's own firewall", () => {
    const core = hubServicePrefixes(hubSubnetLayout("10.95.0.0/22"));
    const plan = hubNetworkPlan("10.94.0.0/22", { ...base, firewallPrivateIp: "10.94.1.4", nationalProxyAddresses: [], coreServices: core });
    const gateway = plan.find((s) => s.key === "gateway")!.routeTable!;
    for (const prefix of Object.values(core)) {
      expect(gateway.routes.find((r) => r.addressPrefix === prefix)).toMatchObject({ nextHopIpAddress: "10.94.1.4" });
    }
  });

  it("gives only the primary hub's RADIUS subnet, and only with other hubs, a table of standalone routes, so their stacks can add to it", () => {
    const standalone = (otherHubs?: { key: string; firewallPrivateIp: string; spokes: Record<string, string> }[]) =>
      hubNetworkPlan("10.95.0.0/22", { ...base, nationalProxyAddresses: [], otherHubs }).filter((s) => s.routeTable?.standaloneRoutes).map((s) => s.key);
    expect(standalone([{ key: "nord", firewallPrivateIp: "10.94.1.4", spokes: {} }])).toEqual(["radius"]);
    expect(standalone()).toEqual([]);
    const core = hubServicePrefixes(hubSubnetLayout("10.95.0.0/22"));
    expect(hubNetworkPlan("10.94.0.0/22", { ...base, nationalProxyAddresses: [], coreServices: core }).some((s) => s.routeTable?.standaloneRoutes)).toBe(false);
  });

  it("counts only the sites that hold an access point as RADIUS sites", () => {
    const tenant = {
      spec: {
        sites: { a: { prefixes: ["10.20.0.0/24", "10.21.0.0/24"] }, b: { prefixes: ["10.22.0.0/24"] } },
        wifi: { accessPoints: { wlc: { address: "10.21.0.10" } } },
      },
    } as unknown as ResolvedTenant;
    expect(radiusSitePrefixes(tenant)).toEqual(["10.21.0.0/24"]);
    expect(radiusSitePrefixes({ spec: { sites: tenant.spec.sites } } as unknown as ResolvedTenant)).toEqual([]);
  });
});
