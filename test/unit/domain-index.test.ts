import { DomainIndex } from "../../domain/network/domain-index";
import { domainRelation } from "../../domain/network/domain-names";

describe("DomainIndex", () => {
  const entries = ["senja.kommune.no", "Alta.Kommune.NO.", "skole.senja.kommune.no", "kommune.no", "tromso.no", "senja.kommune.no"];
  const index = new DomainIndex<{ id: number; domain: string }>((e) => e.domain);
  entries.forEach((domain, id) => index.add({ id, domain }));

  test.each([
    ["senja.kommune.no", [[0, "same"], [2, "above"], [3, "under"], [5, "same"]]],
    ["SENJA.kommune.no.", [[0, "same"], [2, "above"], [3, "under"], [5, "same"]]],
    ["elev.skole.senja.kommune.no", [[0, "under"], [2, "under"], [3, "under"], [5, "under"]]],
    ["no", [[0, "above"], [1, "above"], [2, "above"], [3, "above"], [4, "above"], [5, "above"]]],
    ["alta.kommune.no", [[1, "same"], [3, "under"]]],
    ["kommune.com", []],
    // A shared ending is not a shared branch: "xsenja.kommune.no" is not under "senja.kommune.no".
    ["xsenja.kommune.no", [[3, "under"]]],
  ])("%s is related, in order, to %j", (name, expected) => {
    expect(index.related(name).map((m) => [m.item.id, m.relation])).toEqual(expected);
  });

  it("agrees with comparing every entry by domainRelation", () => {
    const names = ["a.b.c", "b.c", "c", "x.b.c", "a.x.c", "B.C.", "d.a.b.c", "ab.c"];
    const all = new DomainIndex<string>((d) => d);
    names.forEach((n) => all.add(n));
    for (const name of [...names, "e.d.a.b.c", "q"]) {
      const brute = names.map((d) => ({ item: d, relation: domainRelation(name, d) })).filter((m) => m.relation !== undefined);
      expect(all.related(name)).toEqual(brute);
    }
  });
});
