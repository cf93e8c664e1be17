import { placementHub, placementsWrittenBy } from "../../domain/governance/placement-stack";
import { hubPlacementKey, type SubscriptionPlacement } from "../../domain/governance/hierarchy";
import { HUB_MAIN } from "../../domain/network/hub-placement";

const own = (key: string): SubscriptionPlacement => ({ key, subscriptionId: `00000000-0000-4000-8000-00000000${key.length}000`, group: "municipalities" });
const hubOfTenant = new Map([
  ["nordreisa", HUB_MAIN],
  ["hasvik", "finnmark"],
  ["alta", "finnmark"],
  ["senja", "nord"],
]);

describe("which stack places a subscription", () => {
  it.each<[string, SubscriptionPlacement, string]>([
    ["a primary hub municipality's own subscription: the platform", own("nordreisa"), HUB_MAIN],
    ["another hub's municipality's own subscription: its hub's stack", own("hasvik"), "finnmark"],
    ["a hub's shared subscription: the platform, placed once for the hub", { key: hubPlacementKey("finnmark"), subscriptionId: "00000000-0000-4000-8000-000000000056", group: "municipalities" }, HUB_MAIN],
    ["a departing municipality's, moved to decommissioned: still its hub's stack", { ...own("alta"), group: "decommissioned" }, "finnmark"],
    ["a slug no tenant has: the platform, which plans the whole region", own("ghost"), HUB_MAIN],
  ])("%s", (_case, placement, hub) => {
    expect(placementHub(placement, hubOfTenant)).toBe(hub);
  });

  it("splits the region's placements so each is written by exactly one stack", () => {
    const all = ["nordreisa", "hasvik", "alta", "senja"].map(own);
    const stacks = [HUB_MAIN, "finnmark", "nord"].map((hub) => placementsWrittenBy(hub, all, hubOfTenant).map((p) => p.key));
    expect(stacks).toEqual([["nordreisa"], ["hasvik", "alta"], ["senja"]]);
    expect(stacks.flat().sort()).toEqual(all.map((p) => p.key).sort());
  });
});
