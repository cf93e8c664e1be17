import { slugFromName, uniqueSlug } from "../../scripts/onboarding/slug";

describe("slugs from Norwegian and Sámi names", () => {
  it.each([
    ["Kvænangen kommune", "kvaenangen"],
    ["Skjervøy kommune", "skjervoy"],
    ["Kåfjord kommune", "kafjord"],
    ["Gáivuotna – Kåfjord – Kaivuono", "gaivuotna-kafjord-kaivuono"],
    ["Porsanger Porsáŋgu Porsanki", "porsanger-porsangu-porsanki"],
    ["Unjárga – Nesseby", "unjarga-nesseby"],
    ["Deatnu – Tana", "deatnu-tana"],
    ["Loabák – Lavangen", "loabak-lavangen"],
    ["Guovdageaidnu suohkan", "guovdageaidnu"],
  ])("%s becomes %s", (name, slug) => {
    expect(slugFromName(name)).toBe(slug);
  });

  it("never collides with an existing tenant: a taken slug gets the kommunenummer", () => {
    expect(uniqueSlug("Herøy kommune", "1818", new Set(["heroy"]))).toBe("heroy-1818");
    expect(uniqueSlug("Herøy kommune", "1515", new Set())).toBe("heroy");
  });

  it("refuses a name with no usable letters", () => {
    expect(() => uniqueSlug("–", "5501", new Set())).toThrow("pass --slug");
  });
});
