import { changedStacks, type HubContext } from "../../scripts/ci/changed-stacks";
import { platformFileTouch, type PlatformFileTouch } from "../../scripts/ci/platform-file-touch";

type Json = Record<string, unknown>;

/** platform.yaml as parsed, with two hubs besides the primary. */
const file = (edit: (f: { network: { hub: Json; hubs: Record<string, Json> } } & Json) => void = () => undefined): unknown => {
  const f = {
    environment: "prod",
    subscriptions: { nordreisa: "00000000-0000-4000-8000-0000000a5544" } as Json,
    network: {
      hub: { addressSpace: "10.95.0.0/22", vpnGatewaySku: "VpnGw2AZ" },
      hubs: {
        nord: { addressSpace: "10.95.8.0/22", counties: ["56"], vpnGatewaySku: "VpnGw2AZ" },
        vest: { addressSpace: "10.95.12.0/22", counties: ["46"], vpnGatewaySku: "VpnGw2AZ", firewallTier: "Standard" },
      },
    },
  };
  edit(f);
  return f;
};

describe("what a change of platform.yaml touches", () => {
  const hubsOnly = (...stacks: string[]): PlatformFileTouch => ({ hubStacks: new Set(stacks), tenants: new Set() });
  it.each<[string, (f: any) => void, PlatformFileTouch | "all"]>([
    ["a hub's gateway SKU: that hub's stack alone", (f) => (f.network.hubs.nord.vpnGatewaySku = "VpnGw4AZ"), hubsOnly("hub-nord")],
    ["a hub's firewall tier, added: that hub's stack alone", (f) => (f.network.hubs.nord.firewallTier = "Premium"), hubsOnly("hub-nord")],
    ["two hubs' SKUs: both hubs' stacks", (f) => ((f.network.hubs.nord.vpnGatewaySku = "VpnGw4AZ"), (f.network.hubs.vest.vpnGatewaySku = "VpnGw5AZ")), hubsOnly("hub-nord", "hub-vest")],
    ["nothing but key order or comments: no stack", (f) => (f.network.hubs = { vest: f.network.hubs.vest, nord: f.network.hubs.nord }), hubsOnly()],
    ["a municipality's subscription registered: that municipality, as if its file changed", (f) => (f.subscriptions = { ...f.subscriptions, hasvik: "00000000-0000-4000-8000-000000005616" }), { hubStacks: new Set(), tenants: new Set(["hasvik"]) }],
    ["a registration removed: that municipality", (f) => (f.subscriptions = {}), { hubStacks: new Set(), tenants: new Set(["nordreisa"]) }],
    ["a registration changed only in letter case: no stack (Azure ids ignore case)", (f) => (f.subscriptions = { nordreisa: "00000000-0000-4000-8000-0000000A5544" }), hubsOnly()],
    ["a registration and a hub's SKU: both", (f) => ((f.subscriptions = { ...f.subscriptions, hasvik: "00000000-0000-4000-8000-000000005616" }), (f.network.hubs.nord.vpnGatewaySku = "VpnGw4AZ")), { hubStacks: new Set(["hub-nord"]), tenants: new Set(["hasvik"]) }],
    ["a registration together with any other change: everything", (f) => ((f.subscriptions = {}), (f.environment = "test")), "all"],
    ["subscriptions made something but a map: everything", (f) => (f.subscriptions = ["nordreisa"]), "all"],
    ["a registration that is not text: everything", (f) => (f.subscriptions = { nordreisa: 5544 }), "all"],
    ["a hub's counties: everything (its tenants move, the core routes to them)", (f) => (f.network.hubs.nord.counties = ["56", "55"]), "all"],
    ["a hub's address space: everything (the core routes through its firewall)", (f) => (f.network.hubs.nord.addressSpace = "10.95.16.0/22"), "all"],
    ["the primary hub's gateway SKU: everything (it is the platform's stack)", (f) => (f.network.hub.vpnGatewaySku = "VpnGw4AZ"), "all"],
    ["a hub added: everything", (f) => (f.network.hubs.sor = { addressSpace: "10.95.20.0/22", counties: ["42"] }), "all"],
    ["a hub's SKU together with any other change: everything", (f) => ((f.network.hubs.nord.vpnGatewaySku = "VpnGw4AZ"), (f.environment = "test")), "all"],
  ])("%s", (_what, edit, expected) => {
    expect(platformFileTouch(file(), file(edit))).toEqual(expected);
  });

  it("touches everything when either version cannot be parsed", () => {
    expect(platformFileTouch(undefined, file())).toBe("all");
    expect(platformFileTouch(file(), undefined)).toBe("all");
  });

  it("gives grunnmur changed only that hub's stack for a SKU raise, and everything for a file it cannot tell apart", () => {
    const context = (touch: PlatformFileTouch | "all"): HubContext => ({
      hubStacks: new Set(["hub-nord", "hub-vest"]),
      tenantTouch: () => ({ hubStacks: new Set(), platformReads: false }),
      platformFile: { path: "platform.yaml", touch: () => touch },
    });
    const raised = changedStacks(["platform.yaml"], new Set(["senja"]), context(platformFileTouch(file(), file((f) => (f.network.hubs.nord.vpnGatewaySku = "VpnGw4AZ")))));
    expect(raised).toEqual({ platform: false, hubs: new Set(["hub-nord"]), tenants: new Set(), removedTenants: new Set() });
    const other = changedStacks(["platform.yaml"], new Set(["senja"]), context("all"));
    expect(other).toMatchObject({ platform: true, hubs: "all", tenants: "all" });
    // Another file named platform.yaml elsewhere is shared code or settings as before.
    expect(changedStacks(["docs/platform.yaml"], new Set(["senja"]), context(hubsOnly()))).toMatchObject({ platform: true, hubs: "all" });
  });

  it("gives grunnmur changed a registered municipality's own stack and its hub's, and the platform only when that municipality's touch says so", () => {
    const touched: string[] = [];
    const context = (platformReads: boolean): HubContext => ({
      hubStacks: new Set(["hub-nord", "hub-vest"]),
      tenantTouch: (slug) => (touched.push(slug), { hubStacks: new Set(["hub-nord"]), platformReads }),
      platformFile: { path: "platform.yaml", touch: () => platformFileTouch(file(), file((f) => (f.subscriptions = { ...(f.subscriptions as Json), hasvik: "00000000-0000-4000-8000-000000005616" }))) },
    });
    expect(changedStacks(["platform.yaml", "tenants/hasvik.yaml"], new Set(["hasvik", "senja"]), context(false))).toEqual({
      platform: false,
      hubs: new Set(["hub-nord"]),
      tenants: new Set(["hasvik"]),
      removedTenants: new Set(),
    });
    // Its file and its registration: one touch, not two.
    expect(touched).toEqual(["hasvik"]);
    // With waivers the platform writes its exemptions, whose scope is that subscription.
    expect(changedStacks(["platform.yaml"], new Set(["hasvik"]), context(true)).platform).toBe(true);
  });
});
