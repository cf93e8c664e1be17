/**
 * A hub's shared tenant subscription (platform.yaml network.hub(s).tenantSubscriptionId):
 * where each tenant's resources go (domain/azure/tenant-subscription.ts) and what
 * validation refuses (tenants/validation/subscription-rules.ts).
 */
import { hubTenantSubscriptions, tenantSubscription, tenantSubscriptionOf, tenantSubscriptionWhileValidating } from "../../domain/azure/tenant-subscription";
import { formatPath } from "../../tenants/validation/diagnostic";
import { loadRegion } from "../../tenants/validation/load-region";
import { basePlatform, baseTenant, makeRegion, type Json } from "../helpers/region-fixture";

const NORD_SUB = "00000000-0000-4000-8000-00000000a056";
const MAIN_SUB = "00000000-0000-4000-8000-00000000a000";
const ALTA_SUB = "00000000-0000-4000-8000-000000005601";

const platformOf = (main?: string, nord?: string) => ({
  network: {
    hub: { addressSpace: "10.95.0.0/22", tenantSubscriptionId: main },
    hubs: { nord: { addressSpace: "10.95.16.0/22", counties: ["56"], tenantSubscriptionId: nord } },
  },
});
const tenant = (slug: string, kommunenummer: string, own?: string, hub?: string) => ({
  slug,
  kommunenummer,
  network: hub ? { hub } : undefined,
  azure: own ? { subscriptionId: own } : {},
});

describe("tenantSubscriptionOf: the tenant's own subscription, else its hub's, else the platform's", () => {
  it.each([
    ["a tenant with its own subscription keeps it, whatever its hub has", platformOf(MAIN_SUB, NORD_SUB), tenant("alta", "5601", ALTA_SUB), { source: "own", subscriptionId: ALTA_SUB, hub: "nord" }],
    ["a tenant of a hub with a shared subscription lands in it", platformOf(undefined, NORD_SUB), tenant("alta", "5601"), { source: "hub", subscriptionId: NORD_SUB, hub: "nord" }],
    ["the primary hub's shared subscription takes the primary hub's tenants", platformOf(MAIN_SUB, NORD_SUB), tenant("senja", "5530"), { source: "hub", subscriptionId: MAIN_SUB, hub: "main" }],
    ["a tenant of a hub without one stays in the platform's", platformOf(undefined, NORD_SUB), tenant("senja", "5530"), { source: "platform", hub: "main" }],
    ["a pin to another hub takes that hub's subscription", platformOf(MAIN_SUB, NORD_SUB), tenant("senja", "5530", undefined, "nord"), { source: "hub", subscriptionId: NORD_SUB, hub: "nord" }],
  ])("%s", (_what, platform, spec, expected) => {
    expect(tenantSubscription(platform, spec)).toEqual(expected);
    expect(tenantSubscriptionOf(platform, spec)).toBe((expected as { subscriptionId?: string }).subscriptionId);
  });

  it("lists each hub's shared subscription once, the primary first", () => {
    expect(hubTenantSubscriptions(platformOf(MAIN_SUB, NORD_SUB))).toEqual([
      { hub: "main", subscriptionId: MAIN_SUB },
      { hub: "nord", subscriptionId: NORD_SUB },
    ]);
    expect(hubTenantSubscriptions(platformOf())).toEqual([]);
  });

  it("while validating, places a tenant pinned to no hub in its own subscription or the platform's instead of throwing", () => {
    const platform = platformOf(MAIN_SUB, NORD_SUB);
    expect(() => tenantSubscription(platform, tenant("senja", "5530", undefined, "vestland"))).toThrow(/network\.hub "vestland" is not a hub/);
    expect(tenantSubscriptionWhileValidating(platform, tenant("senja", "5530", undefined, "vestland"))).toEqual({ source: "platform" });
    expect(tenantSubscriptionWhileValidating(platform, tenant("senja", "5530", ALTA_SUB, "vestland"))).toEqual({ source: "own", subscriptionId: ALTA_SUB });
    expect(tenantSubscriptionWhileValidating(platform, tenant("alta", "5601"))).toEqual({ source: "hub", subscriptionId: NORD_SUB });
  });

  it("moves nobody when a municipality is added", () => {
    const platform = platformOf(undefined, NORD_SUB);
    const before = ["5601", "5530", "5603"].map((k, i) => tenantSubscriptionOf(platform, tenant(`t${i}`, k)));
    const after = ["5601", "5530", "5603", "5605"].map((k, i) => tenantSubscriptionOf(platform, tenant(`t${i}`, k)));
    expect(after.slice(0, 3)).toEqual(before);
    expect(before).toEqual([NORD_SUB, undefined, NORD_SUB]);
  });
});

function problems(hubs: { main?: string; nord?: string }, registry: Record<string, string> = {}, altaOwn?: string): string[] {
  const base = basePlatform() as { network: Json & { hub: Json } };
  const platform: Json = {
    ...base,
    network: {
      ...base.network,
      hub: { ...base.network.hub, ...(hubs.main !== undefined ? { tenantSubscriptionId: hubs.main } : {}) },
      hubs: { nord: { addressSpace: "10.95.16.0/22", counties: ["56"], ...(hubs.nord !== undefined ? { tenantSubscriptionId: hubs.nord } : {}) } },
    },
    subscriptions: registry,
  };
  const alta: Json = { ...baseTenant("alta", "5601", 2), ...(altaOwn ? { azure: { subscriptionId: altaOwn } } : {}) };
  const region = makeRegion({ senja: baseTenant("senja", "5530", 1), alta }, platform);
  try {
    const load = loadRegion({ tenantsDir: region.tenantsDir, platformFile: region.platformFile });
    return load.diagnostics.map((d) => `${d.file.endsWith("platform.yaml") ? "platform.yaml" : d.file.replace(/.*\//, "")} ${formatPath(d.path)}: ${d.message}`);
  } finally {
    region.remove();
  }
}

const FIX = "name a subscription used for nothing else, or leave tenantSubscriptionId out to keep the hub's municipalities in the platform's subscription";

describe("validation of a hub's tenantSubscriptionId", () => {
  it.each([
    ["a shared subscription on another hub", { nord: NORD_SUB }, {}, undefined],
    ["a shared subscription on the primary hub", { main: MAIN_SUB }, {}, undefined],
    ["one on each hub", { main: MAIN_SUB, nord: NORD_SUB }, {}, undefined],
    ["a hub's beside a municipality's own, registered", { nord: NORD_SUB }, { alta: ALTA_SUB }, ALTA_SUB],
  ])("accepts %s, without registering it under subscriptions", (_what, hubs, registry, own) => {
    expect(problems(hubs, registry, own)).toEqual([]);
  });

  it.each([
    [
      "not a GUID",
      { nord: "nord-subscription" },
      {},
      undefined,
      [`platform.yaml network.hubs.nord.tenantSubscriptionId: must be a subscription id (a GUID like 0b1f6471-1bf0-4dda-aec3-cb9272f09590)`],
    ],
    [
      "the same subscription on two hubs",
      { main: NORD_SUB, nord: NORD_SUB.toUpperCase() },
      {},
      undefined,
      [`platform.yaml network.hubs.nord.tenantSubscriptionId: ${NORD_SUB.toUpperCase()} is hub main's tenant subscription already; each hub has a subscription of its own, so its role assignments count against its own limit; ${FIX}`],
    ],
    [
      "a municipality's registered own subscription",
      { nord: ALTA_SUB },
      { alta: ALTA_SUB },
      ALTA_SUB,
      [`platform.yaml network.hubs.nord.tenantSubscriptionId: ${ALTA_SUB} is alta's own subscription (subscriptions.alta in platform.yaml); a hub's shared subscription cannot also be a municipality's own; ${FIX}`],
    ],
    [
      "a subscription a tenant file names as its own, unregistered",
      { main: ALTA_SUB },
      {},
      ALTA_SUB,
      [
        `platform.yaml network.hub.tenantSubscriptionId: ${ALTA_SUB} is the own subscription tenants/alta.yaml names (azure.subscriptionId); a hub's shared subscription cannot also be a municipality's own; ${FIX}`,
        expect.stringMatching(/^alta\.yaml azure\.subscriptionId: .* is hub main's shared tenant subscription \(network\.hub\.tenantSubscriptionId in platform\.yaml\), not a subscription of alta's own/),
      ],
    ],
  ])("refuses %s, naming the file, the field and what is valid", (_what, hubs, registry, own, expected) => {
    // Paths inside the fixture's temporary folder, shown relative to it.
    const relative = (p: string) => p.replace(/\/tmp\/[^ ;]*?\/(platform\.yaml|tenants\/)/g, "$1");
    expect(problems(hubs, registry, own).map(relative)).toEqual(expected);
  });
});
