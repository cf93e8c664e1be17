/** The hierarchy, the placement of subscriptions, vending, exemptions from waivers and Defender's plans, as pure plans. */
import { managementGroupPlan, managementGroupPrefix, subscriptionAliases, subscriptionPlacements, type TenantSubscriptionFacts } from "../../domain/governance/hierarchy";
import { exemptionExpiry, exemptionScope, plannedExemptions } from "../../domain/governance/exemptions";
import { plannedPricings } from "../../domain/governance/defender";

const tenant = (slug: string, subscriptionId?: string, departing = false): TenantSubscriptionFacts => ({ slug, displayName: `${slug} kommune`, subscriptionId, departing });
const SUB_A = "00000000-0000-4000-8000-00000000000a";
const SUB_B = "00000000-0000-4000-8000-00000000000b";

describe("the management group hierarchy", () => {
  it("puts platform, municipalities and decommissioned under the region's group", () => {
    const plan = managementGroupPlan(managementGroupPrefix("tromso"), "Tromsø");
    expect(plan.map((g) => [g.key, g.groupId, g.parent])).toEqual([
      ["region", "tromso-grunnmur", undefined],
      ["platform", "tromso-grunnmur-platform", "region"],
      ["municipalities", "tromso-grunnmur-municipalities", "region"],
      ["decommissioned", "tromso-grunnmur-decommissioned", "region"],
    ]);
    expect(managementGroupPrefix("tromso", "nord-troms")).toBe("nord-troms");
  });

  it("refuses an id Azure would refuse, naming the field", () => {
    expect(() => managementGroupPlan("bad id", "x")).toThrow(/governance\.managementGroupPrefix: "bad id" is not a valid management group id/);
  });
});

describe("placement of subscriptions", () => {
  it("places own subscriptions by slug, a departing municipality's in decommissioned, and none for shared ones", () => {
    expect(subscriptionPlacements([tenant("senja"), tenant("nordreisa", SUB_A), tenant("gamvik", SUB_B, true)])).toEqual([
      { key: "gamvik", subscriptionId: SUB_B, group: "decommissioned" },
      { key: "nordreisa", subscriptionId: SUB_A, group: "municipalities" },
    ]);
  });

  it("places a hub's shared tenant subscription once, for the hub, in municipalities, however many tenants it holds", () => {
    const HUB = "00000000-0000-4000-8000-00000000a056";
    // alta and gamvik sit in hub nord's subscription: they have none of their own, so they add no placement.
    expect(subscriptionPlacements([tenant("alta"), tenant("gamvik"), tenant("nordreisa", SUB_A)], [{ hub: "nord", subscriptionId: HUB }])).toEqual([
      { key: "nordreisa", subscriptionId: SUB_A, group: "municipalities" },
      { key: "hub-nord", subscriptionId: HUB, group: "municipalities" },
    ]);
  });

  it("refuses a hub's shared subscription that is a municipality's own", () => {
    expect(() => subscriptionPlacements([tenant("alta", SUB_A)], [{ hub: "nord", subscriptionId: SUB_A }])).toThrow(/tenantSubscriptionId of hub nord: .* is already alta's subscription/);
  });

  it("refuses one subscription for two municipalities", () => {
    expect(() => subscriptionPlacements([tenant("alta", SUB_A), tenant("bardu", SUB_A.toUpperCase())])).toThrow(/tenants\/bardu\.yaml azure\.subscriptionId: .* is already alta's subscription/);
  });
});

describe("subscription vending", () => {
  const billingScope = "/providers/Microsoft.Billing/billingAccounts/1/billingProfiles/2/invoiceSections/3";
  it("makes one alias per listed tenant, named by slug, in its group", () => {
    expect(subscriptionAliases({ billingScope, vend: ["gamvik", "alta", "gamvik"] }, [tenant("alta"), tenant("gamvik", undefined, true)], "prod").map((a) => [a.slug, a.aliasName, a.workload, a.group])).toEqual([
      ["alta", "grunnmur-alta-prod", "Production", "municipalities"],
      ["gamvik", "grunnmur-gamvik-prod", "Production", "decommissioned"],
    ]);
    expect(subscriptionAliases(undefined, [tenant("alta")], "prod")).toEqual([]);
  });

  it("refuses a slug that is no tenant, listing the valid ones", () => {
    expect(() => subscriptionAliases({ billingScope, vend: ["tana"] }, [tenant("alta")], "test")).toThrow('governance.subscriptionVending.vend: "tana" is not a tenant of the region; list slugs of files in tenants/ (alta)');
  });
});

describe("exemptions from waivers", () => {
  const waiver = (policy: string) => ({ policy, resource: "files", reason: "vendor needs it until spring", expires: "2027-03-31" });
  const groups = ["rg-a-network", "rg-a-data"];

  it("exempt the municipality's own groups from the twin's assignment until the end of the waiver's last day", () => {
    const out = plannedExemptions([{ slug: "a", file: "tenants/a.yaml", waivers: [waiver("storage-https-only")], subscriptionId: SUB_A, resourceGroupNames: groups, inMunicipalitiesGroup: true }]);
    expect(out.map((e) => [e.assignmentKey, exemptionScope(e, "platform-sub"), e.expiresOn, e.resourceType])).toEqual([
      ["st-01", `/subscriptions/${SUB_A}/resourceGroups/rg-a-network`, "2027-03-31T23:59:59Z", "Microsoft.Storage/storageAccounts"],
      ["st-01", `/subscriptions/${SUB_A}/resourceGroups/rg-a-data`, "2027-03-31T23:59:59Z", "Microsoft.Storage/storageAccounts"],
    ]);
    expect(out.every((e) => e.name.length <= 64)).toBe(true);
    expect(exemptionExpiry("2026-12-31")).toBe("2026-12-31T23:59:59Z");
  });

  it("make none for rules without a twin, nor for a rule assigned where the municipality is not", () => {
    const shared = { slug: "b", file: "tenants/b.yaml", resourceGroupNames: groups, inMunicipalitiesGroup: false };
    expect(plannedExemptions([{ ...shared, waivers: [waiver("storage-blob-soft-delete"), waiver("vm-nic-no-public-ip")] }])).toEqual([]);
    const inShared = plannedExemptions([{ ...shared, waivers: [waiver("keyvault-purge-protection")] }]);
    expect(inShared.map((e) => exemptionScope(e, "platform-sub"))).toEqual(["/subscriptions/platform-sub/resourceGroups/rg-a-network", "/subscriptions/platform-sub/resourceGroups/rg-a-data"]);
  });
});

describe("Defender for Cloud plans", () => {
  it("gives every subscription each chosen plan once, with Azure's pricing names and sub-plans", () => {
    expect(plannedPricings(["platform", "nordreisa"], ["servers", "resourceManager", "servers"], "P2").map((p) => [p.logicalKey, p.pricingName, p.subPlan, p.priceItem])).toEqual([
      ["platform-servers", "VirtualMachines", "P2", "defender-servers-p2"],
      ["platform-resourceManager", "Arm", "PerSubscription", "defender-resource-manager"],
      ["nordreisa-servers", "VirtualMachines", "P2", "defender-servers-p2"],
      ["nordreisa-resourceManager", "Arm", "PerSubscription", "defender-resource-manager"],
    ]);
  });
});
