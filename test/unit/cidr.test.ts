import { blockCount, cidr, contains, formatCidr, nthBlock, overlaps, parseCidr, parseIp, prefixForSize } from "../../domain/network/cidr";

describe("CIDR parsing", () => {
  it.each([
    ["10.96.0.0/15", "10.96.0.0/15"],
    ["0.0.0.0/0", "0.0.0.0/0"],
    ["192.168.1.128/25", "192.168.1.128/25"],
  ])("accepts %s", (text, expected) => {
    expect(formatCidr(cidr(text))).toBe(expected);
  });

  it.each([
    ["10.96.0.1/15", "has host bits set; the block starting there is 10.96.0.0/15"],
    ["10.300.0.0/16", "has an octet above 255"],
    ["10.0.0.0/33", "has a prefix length above 32"],
    ["10.0.0.0", "is not an IPv4 CIDR block"],
    ["010.0.0.0/8", "has an octet with a leading zero, which some tools read as octal; write 10.0.0.0/8"],
  ])("rejects %s", (text, reason) => {
    const parsed = parseCidr(text);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toContain(reason);
  });

  it("parses addresses and refuses octets above 255", () => {
    expect(parseIp("10.0.0.1")).toBe(0x0a000001);
    expect(parseIp("256.0.0.1")).toBeUndefined();
  });

  it("refuses an octet with a leading zero, which inet_aton would read as octal", () => {
    expect(parseIp("0177.0.0.1")).toBeUndefined();
    expect(parseIp("10.0.0.010")).toBeUndefined();
    expect(parseIp("10.0.0.0")).toBe(0x0a000000);
  });
});

describe("CIDR relations", () => {
  it("detects overlap and containment", () => {
    expect(overlaps(cidr("10.0.0.0/16"), cidr("10.0.255.0/24"))).toBe(true);
    expect(overlaps(cidr("10.0.0.0/24"), cidr("10.0.1.0/24"))).toBe(false);
    expect(contains(cidr("10.0.0.0/16"), cidr("10.0.4.0/22"))).toBe(true);
    expect(contains(cidr("10.0.4.0/22"), cidr("10.0.0.0/16"))).toBe(false);
  });

  it("numbers blocks inside a block and refuses ones outside", () => {
    const pool = cidr("10.96.0.0/15");
    expect(blockCount(pool, 23)).toBe(256);
    expect(formatCidr(nthBlock(pool, 23, 0))).toBe("10.96.0.0/23");
    expect(formatCidr(nthBlock(pool, 23, 255))).toBe("10.97.254.0/23");
    expect(() => nthBlock(pool, 23, 256)).toThrow("outside 10.96.0.0/15");
  });

  it("finds the smallest prefix for a number of addresses", () => {
    expect(prefixForSize(256)).toBe(24);
    expect(prefixForSize(257)).toBe(23);
  });
});
