import { hubNetworkPlan, hubServicePrefixes, hubSubnetLayout } from "../../domain/network/hub-layout";
import { hubServiceRouteTable } from "../../domain/network/routes";
import { radiusSitePrefixes } from "../../stacks/platform/hub";
import type { ResolvedTenant } from "../../tenants/region";

const base = { firewallPrivateIp: "10.95.1.4", tenantPool: "10.96.0.0/15", spokes: { senja: "10.96.60.0/23" }, sitePrefixes: ["10.10.0.0/16"], services: {} };

describe("routes of a region with several hubs", () => {
  it("sends the core's answers to another hub's spokes and Wi-Fi sites through that hub's firewall", () => {
    const table = hubServiceRouteTable({ ...base, otherHubs: [{ key: "nord", firewallPrivateIp: "10.94.1.4", spokes: { alta: "10.96.202.0/23" }, sitePrefixes: ["10.20.0.0/16", "10.20.0.0/16"] }] });
    const own = table.routes.filter((r) => r.nextHopIpAddress === "10.95.1.4").map((r) => r.addressPrefix);
    const nord = table.routes.filter((r) => r.nextHopIpAddress === "10.94.1.4");
    expect(nord.map((r) => [r.name, r.addressPrefix])).toEqual([
      ["hub-nord-spoke-alta", "10.96.202.0/23"],
      ["hub-nord-site-10-20-0-0-16", "10.20.0.0/16"],
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
