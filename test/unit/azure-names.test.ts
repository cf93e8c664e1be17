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
