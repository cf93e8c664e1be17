import { userDataFromBundle, USER_DATA_LIMIT_BYTES } from "../../domain/eduroam/user-data";
import { renderRadiusBootstrap } from "../../domain/eduroam/bootstrap";
import { radiusSecurityRules } from "../../domain/eduroam/radius-security-rules";

describe("RADIUS configuration delivery", () => {
  it("refuses a bundle above Azure's userData limit, saying what to do", () => {
    expect(userDataFromBundle(Buffer.from("small"))).toBe(Buffer.from("small").toString("base64"));
    expect(() => userDataFromBundle(Buffer.alloc(50_000))).toThrow(`above Azure's ${USER_DATA_LIMIT_BYTES}-byte userData limit; split the realms`);
  });

  it("keeps tenant data out of the static bootstrap, so joining never replaces the servers", () => {
    const bootstrap = renderRadiusBootstrap(180);
    expect(bootstrap.startsWith("#cloud-config")).toBe(true);
    expect(bootstrap).toContain("metadata/instance/compute/userData");
    expect(bootstrap).not.toMatch(/senja|\brealm\b/);
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
