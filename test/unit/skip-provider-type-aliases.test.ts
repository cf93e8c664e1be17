import { isProviderTypeAlias } from "../../scripts/preview/skip-provider-type-aliases";

describe("recognising azure-native's own type aliases", () => {
  it("matches an alias that is only another azure-native type token", () => {
    expect(isProviderTypeAlias({ type: "azure-native:network/v20230201:VirtualNetwork" })).toBe(true);
  });

  it("keeps every alias we write ourselves, and other providers' aliases", () => {
    expect(isProviderTypeAlias({ parent: {} })).toBe(false);
    expect(isProviderTypeAlias({ name: "old-name", type: "azure-native:network:VirtualNetwork" })).toBe(false);
    expect(isProviderTypeAlias({ type: "azuread:index/group:Group" })).toBe(false);
    expect(isProviderTypeAlias("urn:pulumi:platform::grunnmur::azure-native:network:VirtualNetwork::hub")).toBe(false);
  });
});
