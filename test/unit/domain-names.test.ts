import { domainRelation, isUnderDomain, normaliseDomain, selfAndParents } from "../../domain/network/domain-names";
import { domainsOf, otherMembersClaim } from "../../domain/network/domain-registry";
import { isPublicSuffix, PUBLIC_SUFFIXES } from "../../domain/network/public-suffixes";

describe("comparing domain names", () => {
  it.each([
    ["Senja.Kommune.NO.", "senja.kommune.no"],
    ["senja.kommune.no", "senja.kommune.no"],
    ["NO.", "no"],
    [" tromso.kommune.no ", "tromso.kommune.no"],
  ])("normalises %j to %j", (name, normal) => {
    expect(normaliseDomain(name)).toBe(normal);
  });

  it.each<[string, string, ReturnType<typeof domainRelation>]>([
    ["senja.kommune.no", "senja.kommune.no", "same"],
    ["SENJA.kommune.no.", "senja.kommune.no", "same"],
    ["wifi.senja.kommune.no", "senja.kommune.no", "under"],
    ["kommune.no", "senja.kommune.no", "above"],
    ["No.", "senja.kommune.no", "above"],
    ["xsenja.kommune.no", "senja.kommune.no", undefined],
    ["alta.kommune.no", "senja.kommune.no", undefined],
  ])("%s stands to %s as %s", (name, domain, relation) => {
    expect(domainRelation(name, domain)).toBe(relation);
    expect(isUnderDomain(name, domain)).toBe(relation === "same" || relation === "under");
  });

  it("lists a name and every name above it", () => {
    expect(selfAndParents("Wifi.Senja.Kommune.No.")).toEqual(["wifi.senja.kommune.no", "senja.kommune.no", "kommune.no", "no"]);
  });
});

describe("public suffixes", () => {
  it.each(["kommune.no", "herad.no", "fhs.no", "vgs.no", "priv.no", "stat.no", "dep.no", "tm.no", "gs.tm.no", "tromso.no", "alta.no", "kvanangen.no", "romsa.no", "co.uk", "ac.uk", "com.au", "github.io", "azurewebsites.net", "no", "com", "Kommune.NO."])(
    "%s is a public suffix",
    (name) => expect(isPublicSuffix(name)).toBe(true),
  );

  it.each(["senja.kommune.no", "tromso.kommune.no", "uit.no", "example.co.uk", "kommune.example", "senja.example"])("%s is not a public suffix", (name) => {
    expect(isPublicSuffix(name)).toBe(false);
  });

  it("holds only normalised names of two labels or more", () => {
    for (const suffix of PUBLIC_SUFFIXES) {
      expect(suffix).toBe(normaliseDomain(suffix));
      expect(suffix).toContain(".");
    }
  });
});

describe("the domain registry", () => {
  const registry = { tromso: ["tromso.kommune.no"], alta: ["alta.kommune.no", "skole.alta.example"], senja: ["senja.kommune.no"] };

  it.each([
    ["tromso.kommune.no", "senja", "tromso", "same"],
    ["WIFI.Alta.Kommune.No.", "senja", "alta", "under"],
    ["alta.example", "senja", "alta", "above"],
  ])("finds that %s, claimed by %s, belongs to %s (%s)", (name, claimant, owner, relation) => {
    expect(otherMembersClaim(registry, name, claimant)).toMatchObject({ registration: { owner }, relation });
  });

  it("lets a member claim its own domains and names apart from everyone's", () => {
    expect(otherMembersClaim(registry, "wifi.senja.kommune.no", "senja")).toBeUndefined();
    expect(otherMembersClaim(registry, "bardu.kommune.no", "bardu")).toBeUndefined();
  });

  it("answers an empty list for a member without domains, whatever its slug", () => {
    expect(domainsOf(registry, "bardu")).toEqual([]);
    expect(domainsOf(registry, "constructor")).toEqual([]);
  });
});
