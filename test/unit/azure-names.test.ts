import { azureName, foldToAscii, NAME_RULES, type NameKind } from "../../domain/azure/names";

describe("Azure names", () => {
  it("folds Norwegian and Sámi letters to ASCII", () => {
    expect(foldToAscii("Kvænangen")).toBe("kvaenangen");
    expect(foldToAscii("Skjervøy")).toBe("skjervoy");
    expect(foldToAscii("Kåfjord")).toBe("kafjord");
    expect(foldToAscii("Porsáŋgu")).toBe("porsangu");
    expect(foldToAscii("Guovdageaidnu Čáhcesuolu")).toBe("guovdageaidnu cahcesuolu");
  });

  it("joins stable parts with the type's prefix", () => {
    expect(azureName("resourceGroup", ["grunnmur", "senja", "network"])).toBe("rg-grunnmur-senja-network");
    expect(azureName("storageAccount", ["senja", "data"])).toBe("stsenjadata");
  });

  const longName = "Porsanger Porsáŋgu Porsanki";
  it.each(Object.keys(NAME_RULES) as NameKind[])("keeps %s names within Azure's limits for long municipality names", (kind) => {
    const name = azureName(kind, ["grunnmur", longName, "network", "prod", "noe", "tenant-data-with-a-long-suffix"]);
    const rule = NAME_RULES[kind];
    expect(name.length).toBeLessThanOrEqual(rule.maxLength);
    expect(name).toMatch(kind === "storageAccount" ? /^[a-z0-9]{3,24}$/ : /^[a-z0-9][a-z0-9-]*[a-z0-9]$/);
  });

  it("keeps truncated names apart with a hash of the full name", () => {
    const a = azureName("storageAccount", ["porsanger-porsangu-porsanki", "share-a"]);
    const b = azureName("storageAccount", ["porsanger-porsangu-porsanki", "share-b"]);
    expect(a).not.toBe(b);
    expect(a.length).toBe(24);
  });
});

describe("Azure names, cleaned in one pass", () => {
  /** The per-character cleaning the one-pass version replaced, kept as the reference. */
  function referenceClean(kind: NameKind, part: string): string {
    const rule = NAME_RULES[kind];
    const folded = part
      .toLowerCase()
      .replace(/[æøåäöáčđŋšŧžïâ]/g, (ch) => ({ æ: "ae", ø: "o", å: "a", ä: "a", ö: "o", á: "a", č: "c", đ: "d", ŋ: "n", š: "s", ŧ: "t", ž: "z", ï: "i", â: "a" })[ch] ?? ch)
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "");
    return [...folded].map((ch) => (rule.allowed.test(ch) ? ch : rule.separator === "-" ? "-" : "")).join("");
  }
  const reference = (kind: NameKind, parts: string[]) => {
    const rule = NAME_RULES[kind];
    return [rule.prefix, ...parts].filter((p) => p.length > 0).map((p) => referenceClean(kind, p)).join(rule.separator).replace(/-+/g, "-").replace(/^-|-$/g, "");
  };

  it.each<[string, string]>([
    ["plain ASCII", "Senja Kommune_2"],
    ["Norwegian and Sámi letters", "Guovdageaidnu Čáhcesuolu Kåfjord Porsáŋgu"],
    ["combining marks", "e\u0301o\u0308"],
    ["a compatibility letter that decomposes to a capital", "\u210cammerfest"],
    ["a character outside the Basic Multilingual Plane", "k\u{1F600}mune"],
    ["a lone surrogate", "a\ud800b"],
    ["punctuation and spaces", "Nord-Fron / Sør-Fron (2020)"],
  ])("gives the same name as a test per character for %s", (_label, part) => {
    for (const kind of Object.keys(NAME_RULES) as NameKind[]) {
      // Short enough that no hash is added: the cleaning alone is compared.
      expect([kind, azureName(kind, [part.slice(0, 18)])]).toEqual([kind, reference(kind, [part.slice(0, 18)])]);
    }
  });

  it("folds ASCII text to lower case only", () => {
    expect(foldToAscii("Rg-GRUNNMUR_x 1")).toBe("rg-grunnmur_x 1");
  });
});
