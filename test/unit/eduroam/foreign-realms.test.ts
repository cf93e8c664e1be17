import { isEduroamOperatorName, wellKnownRealmOf } from "../../../domain/eduroam/foreign-realms";

describe("well-known realms outside the region", () => {
  it.each([
    ["gmail.com", "gmail.com"],
    ["GMail.COM.", "gmail.com"],
    ["wifi.outlook.com", "outlook.com"],
    ["senja.onmicrosoft.com", "onmicrosoft.com"],
    ["uit.no", "uit.no"],
    ["sikt.no", "sikt.no"],
    ["uninett.no", "uninett.no"],
    ["eduroam.org", "eduroam.org"],
    ["eduroam.no", "eduroam.no"],
    ["eduroam.se", "eduroam.se"],
    ["eduroam.co.uk", "eduroam.co.uk"],
    ["test.eduroam.no", "eduroam.no"],
  ])("%s is under the well-known realm %s", (name, domain) => {
    expect(wellKnownRealmOf(name)?.domain).toBe(domain);
  });

  it.each(["senja.kommune.no", "eduroam.senja.kommune.no", "notgmail.com", "uit.no.example"])("%s is no well-known realm", (name) => {
    expect(wellKnownRealmOf(name)).toBeUndefined();
  });

  it("takes eduroam directly under a public suffix as an operator's name, and nothing else", () => {
    expect(isEduroamOperatorName("eduroam.no")).toBe(true);
    expect(isEduroamOperatorName("eduroam.kommune.no")).toBe(true);
    expect(isEduroamOperatorName("eduroam.senja.kommune.no")).toBe(false);
    expect(isEduroamOperatorName("eduroam")).toBe(false);
  });
});
