import { blockForKommunenummer, layoutSubnets, poolPrefixNeeded } from "../../domain/network/address-plan";
import { cidr, contains, formatCidr, overlaps } from "../../domain/network/cidr";
import { hubSubnetLayout } from "../../domain/network/hub-layout";

const pool = { cidr: cidr("10.96.0.0/15"), blockPrefixLength: 23, counties: ["55", "56"] };

describe("spoke blocks from the kommunenummer", () => {
  it("indexes by county position and the last two digits", () => {
    const senja = blockForKommunenummer(pool, "5530");
    const alta = blockForKommunenummer(pool, "5601");
    expect(senja.ok && formatCidr(senja.block)).toBe("10.96.60.0/23");
    expect(alta.ok && alta.index).toBe(101);
    expect(alta.ok && formatCidr(alta.block)).toBe("10.96.202.0/23");
  });

  it("gives every municipality number of the served counties its own block inside the pool", () => {
    const blocks = [];
    for (const county of pool.counties) {
      for (let n = 1; n <= 99; n += 1) {
        const result = blockForKommunenummer(pool, `${county}${String(n).padStart(2, "0")}`);
        if (!result.ok) throw new Error(result.reason);
        expect(contains(pool.cidr, result.block)).toBe(true);
        blocks.push(result.block);
      }
    }
    for (let i = 0; i < blocks.length; i += 1) {
      for (let j = i + 1; j < blocks.length; j += 1) expect(overlaps(blocks[i], blocks[j])).toBe(false);
    }
  });

  it("explains a county the pool does not serve", () => {
    const result = blockForKommunenummer(pool, "1804");
    expect(result).toEqual({
      ok: false,
      reason: "county 18 is not in the platform's network.tenantPool.counties (55, 56); add it there or set network.addressSpace in this file",
    });
  });

  it("explains a pool too small for the index", () => {
    const small = { ...pool, cidr: cidr("10.96.0.0/20") };
    const result = blockForKommunenummer(small, "5530");
    expect(!result.ok && result.reason).toContain("holds 8 blocks of /23 but this municipality needs block 30");
  });

  it("sizes a pool for all 15 counties", () => {
    expect(poolPrefixNeeded(15, 23)).toBe(12);
    expect(poolPrefixNeeded(2, 23)).toBe(15);
  });
});

describe("subnet layout", () => {
  it("keeps earlier subnets in place when a later one is added", () => {
    const space = cidr("10.96.60.0/23");
    const without = layoutSubnets(space, [{ key: "general", prefix: 24 }, { key: "secure", prefix: 26 }]);
    const withExam = layoutSubnets(space, [{ key: "general", prefix: 24 }, { key: "secure", prefix: 26 }, { key: "exam", prefix: 26 }]);
    expect(without.ok && withExam.ok).toBe(true);
    if (without.ok && withExam.ok) {
      expect(formatCidr(withExam.subnets.general)).toBe(formatCidr(without.subnets.general));
      expect(formatCidr(withExam.subnets.secure)).toBe(formatCidr(without.subnets.secure));
      expect(formatCidr(withExam.subnets.exam)).toBe("10.96.61.64/26");
    }
  });

  it("aligns each subnet to its own size", () => {
    const layout = layoutSubnets(cidr("10.0.0.0/23"), [{ key: "a", prefix: 27 }, { key: "b", prefix: 24 }]);
    expect(layout.ok && formatCidr(layout.subnets.b)).toBe("10.0.1.0/24");
  });

  it("reports how many addresses the zones need when they do not fit", () => {
    const layout = layoutSubnets(cidr("10.0.0.0/24"), [{ key: "a", prefix: 24 }, { key: "b", prefix: 26 }]);
    expect(layout).toEqual({ ok: false, addressesNeeded: 320, reason: "the zones need at least 320 addresses but 10.0.0.0/24 holds 256" });
  });

  it("places the hub's Azure-managed subnets with their required names", () => {
    const hub = hubSubnetLayout("10.95.0.0/22");
    const byKey = Object.fromEntries(hub.map((s) => [s.key, s]));
    expect(byKey.firewall.name).toBe("AzureFirewallSubnet");
    expect(byKey.firewall.addressPrefix).toBe("10.95.1.0/26");
    expect(byKey.gateway.name).toBe("GatewaySubnet");
    expect(hub.filter((s) => s.ordinary).map((s) => s.key)).toEqual(["shared", "radius", "dns-inbound"]);
    expect(() => hubSubnetLayout("10.95.0.0/24")).toThrow("use a /23 or larger");
  });
});
