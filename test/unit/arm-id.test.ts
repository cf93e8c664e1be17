import { parseArmId } from "../../components/shared/arm-id";

describe("ARM id parser", () => {
  it("reads subscription, resource group, namespace and nested type/name pairs", () => {
    expect(parseArmId("/subscriptions/s1/resourceGroups/rg-a/providers/Microsoft.Storage/storageAccounts/st1/fileServices/default/shares/felles")).toEqual({
      subscriptionId: "s1",
      resourceGroup: "rg-a",
      namespace: "Microsoft.Storage",
      segments: [
        { type: "storageAccounts", name: "st1" },
        { type: "fileServices", name: "default" },
        { type: "shares", name: "felles" },
      ],
      name: "felles",
    });
  });

  it("reads resource group and subscription ids", () => {
    expect(parseArmId("/subscriptions/s1/resourceGroups/rg-a")).toMatchObject({ resourceGroup: "rg-a", name: "rg-a", segments: [] });
    expect(parseArmId("/subscriptions/s1")).toMatchObject({ subscriptionId: "s1", name: "s1" });
  });

  it.each([
    ["rg-a", "is not an Azure resource id"],
    ["/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks", 'has a type "virtualNetworks" without a name'],
    ["/subscriptions/s1/resourceGroups/rg/something", "has unexpected parts"],
  ])("rejects %s", (id, message) => {
    expect(() => parseArmId(id)).toThrow(message);
  });
});
