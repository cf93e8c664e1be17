import { covers, internetIn, publicAddressCount, readAddress, union } from "../../policies/core/address-ranges";
import { internetExposure, portSpans } from "../../policies/network";

const span = (text: string) => {
  const address = readAddress(text);
  if (address.kind !== "ipv4") throw new Error(`${text} is not IPv4`);
  return address.span;
};

describe("what an address in a rule means", () => {
  it.each(["*", "Any", "ANY", "Internet", "internet", "0.0.0.0/0", "0.0.0.0", "::/0", "5.6.7.8/0"])("reads %s as every address", (text) => {
    expect(readAddress(text).kind).toBe("any");
  });

  it("reads a block with host bits set as the whole block, and a dash range as its span", () => {
    expect(span("10.1.2.3/16")).toEqual(span("10.1.0.0/16"));
    expect(span("10.0.0.1-10.0.0.10")).toEqual({ from: span("10.0.0.1").from, to: span("10.0.0.10").to });
  });

  it("counts only public addresses: private, shared and reserved space is not the internet", () => {
    expect(publicAddressCount([span("10.0.0.0/8"), span("192.168.0.0/16"), span("100.64.0.0/10")])).toBe(0);
    expect(publicAddressCount([span("203.0.113.0/24"), span("203.0.113.128/25")])).toBe(256);
    expect(publicAddressCount([span("0.0.0.0/1"), span("128.0.0.0/1")])).toBe(3702390784);
  });

  it("merges overlapping and adjacent spans", () => {
    expect(union([span("10.0.1.0/24"), span("10.0.0.0/24"), span("10.0.0.128/25")])).toEqual([{ from: span("10.0.0.0/23").from, to: span("10.0.0.0/23").to }]);
  });

  it("sees the internet in any spelling, in public service tags, and in prefixes that add up to it", () => {
    expect(internetIn(["10.10.0.0/16", "VirtualNetwork", "AzureLoadBalancer", "GatewayManager", "203.0.113.0/24"], 65536)).toBeUndefined();
    expect(internetIn(["AzureCloud.norwayeast"], 65536)?.addresses).toEqual(["AzureCloud.norwayeast"]);
    expect(internetIn(["Storage"], 65536)?.why).toContain("service tag");
    expect(internetIn(["2000::/3"], 65536)?.addresses).toEqual(["2000::/3"]);
    expect(internetIn(["64.0.0.0/2", "128.0.0.0/2", "10.0.0.0/8"], 65536)?.addresses).toEqual(["64.0.0.0/2", "128.0.0.0/2"]);
    expect(internetIn(["198.51.0.0/16", "198.52.0.0/16"], 65536)?.why).toBe("together 131072 public addresses, more than the 65536 allowed");
  });

  it("knows when a list of addresses covers a block, together or through a wildcard", () => {
    expect(covers([readAddress("10.96.0.0/16"), readAddress("10.97.0.0/16")], span("10.96.0.0/15"))).toBe(true);
    expect(covers([readAddress("10.96.0.0/16")], span("10.96.0.0/15"))).toBe(false);
    expect(covers([readAddress("Any")], span("10.96.0.0/15"))).toBe(true);
  });
});

describe("what an NSG rule opens", () => {
  it.each([
    [["22"], [[22, 22]]],
    [[22, "3389"], [[22, 22], [3389, 3389]]],
    [["20 - 25"], [[20, 25]]],
    [["22,3389"], [[22, 22], [3389, 3389]]],
    [["*"], [[0, 65535]]],
    [["ssh"], [[0, 65535]]],
    [[], [[0, 65535]]],
  ] as const)("reads the ports %j", (values, spans) => {
    expect(portSpans(values).map((s) => [s.from, s.to])).toEqual(spans);
  });

  const rule = (extra: Record<string, unknown>) => ({ name: "r", priority: 100, direction: "Inbound", access: "Allow", protocol: "Tcp", sourceAddressPrefix: "Internet", sourcePortRange: "*", destinationAddressPrefix: "*", destinationPortRange: "22", ...extra });

  it("ignores outbound and deny rules however they are spelled", () => {
    expect(internetExposure(rule({ direction: "OUTBOUND" }))).toEqual([]);
    expect(internetExposure(rule({ access: "deny" }))).toEqual([]);
  });

  it("reads a hand-written rule in ARM's shape, with its fields under properties", () => {
    expect(internetExposure({ name: "arm", properties: rule({}) } as never)).toEqual(['TCP port 22 (SSH, CIS 7.2) from "Internet"']);
  });

  it("treats ICMP as neither TCP nor UDP, and an unknown protocol as both", () => {
    expect(internetExposure(rule({ protocol: "Icmp" }))).toEqual([]);
    expect(internetExposure(rule({ protocol: "6" }))).toEqual(['TCP port 22 (SSH, CIS 7.2) from "Internet"', 'UDP ports 22 (CIS 7.3) from "Internet"']);
  });
});
