import { classifyAddress, classifyBlock, describeAgainst, isPublicUnicast, SPECIAL_RANGES } from "../../domain/network/address-classes";
import { cidr, parseIp } from "../../domain/network/cidr";

const ip = (text: string) => parseIp(text)!;

describe("classifying an IPv4 address", () => {
  it.each([
    ["10.0.0.1", "private", "10.0.0.0/8"],
    ["172.16.0.1", "private", "172.16.0.0/12"],
    ["172.31.255.254", "private", "172.16.0.0/12"],
    ["192.168.50.1", "private", "192.168.0.0/16"],
    ["100.64.0.1", "shared", "100.64.0.0/10"],
    ["100.127.255.254", "shared", "100.64.0.0/10"],
    ["0.0.0.0", "this-network", "0.0.0.0/8"],
    ["127.0.0.1", "loopback", "127.0.0.0/8"],
    ["169.254.169.254", "link-local", "169.254.0.0/16"],
    ["192.0.0.8", "protocol-assignments", "192.0.0.0/24"],
    ["192.0.2.11", "documentation", "192.0.2.0/24"],
    ["198.51.100.20", "documentation", "198.51.100.0/24"],
    ["203.0.113.40", "documentation", "203.0.113.0/24"],
    ["192.88.99.1", "6to4-relay", "192.88.99.0/24"],
    ["198.18.0.1", "benchmarking", "198.18.0.0/15"],
    ["224.0.0.251", "multicast", "224.0.0.0/4"],
    ["239.255.255.250", "multicast", "224.0.0.0/4"],
    ["240.0.0.1", "reserved", "240.0.0.0/4"],
    ["255.255.255.255", "broadcast", "255.255.255.255/32"],
    ["168.63.129.16", "azure-platform", "168.63.129.16/32"],
  ])("%s is %s (%s)", (address, kind, range) => {
    expect(classifyAddress(ip(address))).toMatchObject({ kind, range: { cidr: range } });
    expect(isPublicUnicast(ip(address))).toBe(false);
  });

  it.each(["1.1.1.1", "8.8.8.8", "193.156.10.1", "100.63.255.255", "100.128.0.0", "172.15.255.255", "172.32.0.0", "168.63.129.15", "168.63.129.17", "11.0.0.1", "223.255.255.255"])(
    "%s is public unicast",
    (address) => {
      expect(classifyAddress(ip(address))).toEqual({ kind: "public" });
      expect(isPublicUnicast(ip(address))).toBe(true);
    },
  );
});

describe("classifying a block", () => {
  it.each([
    ["10.20.0.0/16", "private"],
    ["192.168.0.0/16", "private"],
    ["100.64.0.0/10", "shared"],
    ["100.100.0.0/16", "shared"],
    ["193.156.10.0/24", "public"],
    ["172.0.0.0/8", "mixed"],
    ["10.0.0.0/7", "mixed"],
    ["100.0.0.0/8", "mixed"],
    ["0.0.0.0/0", "this-network"],
    ["169.254.0.0/16", "link-local"],
    ["169.254.169.0/24", "link-local"],
    ["168.63.129.0/24", "azure-platform"],
    ["224.0.0.0/4", "multicast"],
    ["192.0.0.0/16", "protocol-assignments"],
    ["127.0.0.0/8", "loopback"],
  ])("%s is %s", (block, kind) => {
    expect(classifyBlock(cidr(block)).kind).toBe(kind);
  });

  it("lists every special range with a source in its label", () => {
    for (const range of SPECIAL_RANGES) expect(range.label).toMatch(/\((RFC \d+|TEST-NET-\d, RFC 5737|RFC 791, RFC 6890|Microsoft Learn)\)/);
  });

  it.each([
    ["169.254.0.0/16", "169.254.0.0/16", "is the link-local range (RFC 3927), where Azure's instance metadata service answers"],
    ["169.254.169.0/24", "169.254.0.0/16", "lies in 169.254.0.0/16, the link-local range (RFC 3927), where Azure's instance metadata service answers"],
    ["168.63.0.0/16", "168.63.129.16/32", "overlaps 168.63.129.16/32, Azure's platform address for DNS, DHCP and health probes (Microsoft Learn)"],
  ])("describes %s against %s", (block, range, text) => {
    expect(describeAgainst(cidr(block), SPECIAL_RANGES.find((r) => r.cidr === range)!)).toBe(text);
  });
});
