import { decodeConfigBundle, encodeConfigBundle, USER_DATA_LIMIT_BYTES } from "../../components/compute/radius-bundle";
import { radiusSecurityRules } from "../../components/network/hub-security-rules";

describe("RADIUS configuration bundle", () => {
  it("round-trips the files and is byte-identical for the same input in any order", () => {
    const a = encodeConfigBundle({ "b.conf": "two", "a.conf": "one" });
    const b = encodeConfigBundle({ "a.conf": "one", "b.conf": "two" });
    expect(a).toBe(b);
    expect(decodeConfigBundle(a)).toEqual({ "a.conf": "one", "b.conf": "two" });
  });

  it("refuses a bundle above Azure's userData limit, saying what to do", () => {
    // Random text hardly compresses, so this is far above the limit after gzip.
    const random = require("node:crypto").randomBytes(60_000).toString("base64");
    expect(() => encodeConfigBundle({ "big.conf": random })).toThrow(`above Azure's ${USER_DATA_LIMIT_BYTES}-byte userData limit; split the realms`);
  });
});

describe("RADIUS subnet rules", () => {
  it("admit RADIUS from the national proxies and private ranges, SSH only from Bastion, nothing else from the internet", () => {
    const rules = radiusSecurityRules(["192.0.2.11"], "10.95.1.64/26");
    const inboundAllows = rules.filter((r) => r.direction === "Inbound" && r.access === "Allow");
    expect(inboundAllows.map((r) => [r.name, r.sourceAddressPrefix ?? r.sourceAddressPrefixes])).toEqual([
      ["allow-radius-from-sites-and-spokes", "VirtualNetwork"],
      ["allow-radius-from-national-proxies", ["192.0.2.11"]],
      ["allow-ssh-from-bastion", "10.95.1.64/26"],
    ]);
    expect(rules.find((r) => r.access === "Deny")).toMatchObject({ sourceAddressPrefix: "Internet", priority: 4000 });
  });
});
