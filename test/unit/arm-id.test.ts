import { isWithin, lastName, parseArmId, requireArmId } from "../../domain/azure/arm-id";

describe("ARM id parser", () => {
  it("reads subscription, resource group, provider and the nested type path", () => {
    expect(parseArmId("/subscriptions/s1/resourceGroups/rg-a/providers/Microsoft.Storage/storageAccounts/st1/fileServices/default/shares/felles")).toMatchObject({
      level: "resource",
      subscriptionId: "s1",
      resourceGroup: "rg-a",
      provider: "Microsoft.Storage",
      resourceType: "storageAccounts/fileServices/shares",
      names: ["st1", "default", "felles"],
    });
    expect(lastName("/subscriptions/s1/resourceGroups/rg-a/providers/Microsoft.Network/virtualNetworks/vnet-hub")).toBe("vnet-hub");
  });

  it("reads resource group and subscription scopes", () => {
    expect(parseArmId("/subscriptions/s1/resourceGroups/rg-a")).toMatchObject({ level: "resourceGroup", resourceGroup: "rg-a" });
    expect(parseArmId("/subscriptions/s1")).toMatchObject({ level: "subscription", subscriptionId: "s1" });
    expect(isWithin("/subscriptions/s1/resourceGroups/rg-a/providers/X.Y/z/n", "/subscriptions/s1/resourceGroups/RG-A")).toBe(true);
    expect(isWithin("/subscriptions/s1/resourceGroups/rg-ab", "/subscriptions/s1/resourceGroups/rg-a")).toBe(false);
  });

  it.each(["rg-a", "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks", "/subscriptions//resourceGroups/rg"])("rejects %s", (id) => {
    expect(parseArmId(id)).toBeUndefined();
    expect(() => requireArmId(id)).toThrow(`"${id}" is not an Azure resource id`);
  });
});
