import { HUB_MAIN, hubMoves, hubOf, hubsOf, placeTenants, tenantsByHub } from "../../domain/network/hub-placement";

const platform = {
  network: {
    hub: { addressSpace: "10.100.0.0/22", vpnGatewaySku: "VpnGw2AZ", firewallTier: "Standard" },
    hubs: {
      trondelag: { addressSpace: "10.100.8.0/22", counties: ["50"], vpnGatewaySku: "VpnGw4AZ" },
      nord: { addressSpace: "10.100.4.0/22", counties: ["55", "56"] },
    },
  },
};

function tenant(slug: string, kommunenummer: string, hub?: string) {
  return { slug, kommunenummer, network: hub === undefined ? {} : { hub } };
}

// A synthetic region: municipality numbers across four counties.
function region(count: number) {
  const counties = ["55", "56", "50", "18"];
  return Array.from({ length: count }, (_, i) =>
    tenant(`m${i}`, `${counties[i % counties.length]}${String((i % 97) + 1).padStart(2, "0")}`),
  );
}

describe("hub list", () => {
  it("puts the primary hub first and the others in key order, whatever the file order", () => {
    const hubs = hubsOf(platform);
    expect(hubs.map((h) => h.key)).toEqual([HUB_MAIN, "nord", "trondelag"]);
    expect(hubs[0]).toMatchObject({ primary: true, addressSpace: "10.100.0.0/22", vpnGatewaySku: "VpnGw2AZ", counties: [] });
    expect(hubs[1]).toMatchObject({ primary: false, vpnGatewaySku: "VpnGw1AZ", firewallTier: "Standard" });
    expect(hubs[2].vpnGatewaySku).toBe("VpnGw4AZ");
  });

  it("is the single primary hub when network.hubs is absent", () => {
    expect(hubsOf({ network: { hub: { addressSpace: "10.100.0.0/22" } } }).map((h) => h.key)).toEqual([HUB_MAIN]);
  });
});

describe("hub of a tenant", () => {
  it("follows the county of the kommunenummer", () => {
    expect(hubOf(platform, tenant("senja", "5530"))).toBe("nord");
    expect(hubOf(platform, tenant("alta", "5601"))).toBe("nord");
    expect(hubOf(platform, tenant("trondheim", "5001"))).toBe("trondelag");
  });

  it("puts a county no hub claims on the primary hub", () => {
    expect(hubOf(platform, tenant("bodo", "1804"))).toBe(HUB_MAIN);
  });

  it("lets a pin win over the county", () => {
    expect(hubOf(platform, tenant("senja", "5530", "trondelag"))).toBe("trondelag");
    expect(hubOf(platform, tenant("senja", "5530", HUB_MAIN))).toBe(HUB_MAIN);
  });

  it("refuses a pin naming no hub of the platform", () => {
    expect(() => hubOf(platform, tenant("senja", "5530", "elsewhere"))).toThrow(/network.hub "elsewhere".*main, nord, trondelag/);
  });
});

describe("placement is stable", () => {
  it("moves nobody when municipality N+1 is added", () => {
    for (const n of [5, 39, 120, 357]) {
      const before = placeTenants(platform, region(n));
      const after = placeTenants(platform, [...region(n), tenant("newcomer", "5012")]);
      expect(hubMoves(before, after)).toEqual([]);
      expect(after.get("newcomer")).toBe("trondelag");
      for (const [slug, hub] of before) expect(after.get(slug)).toBe(hub);
    }
  });

  it("moves nobody when a municipality is removed, wherever it is in the list", () => {
    const all = region(120);
    const before = placeTenants(platform, all);
    for (const removed of [0, 37, 119]) {
      const after = placeTenants(platform, all.filter((_, i) => i !== removed));
      expect(hubMoves(before, after)).toEqual([]);
      expect(after.size).toBe(119);
    }
  });

  it("does not depend on the order of the files", () => {
    const all = region(39);
    expect([...placeTenants(platform, [...all].reverse())].sort()).toEqual([...placeTenants(platform, all)].sort());
  });

  it("moves tenants only when a hub's counties change, and reports exactly those", () => {
    const all = region(40);
    const before = placeTenants(platform, all);
    const changed = { network: { ...platform.network, hubs: { ...platform.network.hubs, nord: { addressSpace: "10.100.4.0/22", counties: ["55"] } } } };
    const moves = hubMoves(before, placeTenants(changed, all));
    const finnmark = all.filter((t) => t.kommunenummer.startsWith("56")).map((t) => t.slug).sort();
    expect(moves.map((m) => m.slug)).toEqual(finnmark);
    expect(moves.every((m) => m.from === "nord" && m.to === HUB_MAIN)).toBe(true);
  });

  it("reports a pin as a move, and an onboarding or departure as none", () => {
    const before = new Map([["senja", "nord"], ["alta", "nord"], ["leaving", "main"]]);
    const after = new Map([["senja", "trondelag"], ["alta", "nord"], ["joining", "main"]]);
    expect(hubMoves(before, after)).toEqual([{ slug: "senja", from: "nord", to: "trondelag" }]);
  });
});

describe("tenants by hub", () => {
  it("lists every hub, an empty one too, with its tenants in the given order", () => {
    const byHub = tenantsByHub(platform, [tenant("b", "5530"), tenant("a", "5601"), tenant("c", "1804")]);
    expect([...byHub.keys()]).toEqual([HUB_MAIN, "nord", "trondelag"]);
    expect(byHub.get("nord")!.map((t) => t.slug)).toEqual(["b", "a"]);
    expect(byHub.get("trondelag")).toEqual([]);
    expect(byHub.get(HUB_MAIN)!.map((t) => t.slug)).toEqual(["c"]);
  });
});
