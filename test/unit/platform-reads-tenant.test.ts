import { PLATFORM_READS, platformReadsOf, platformReadsTenant, type PlatformReadsInput } from "../../domain/azure/platform-reads-tenant";

describe("what the platform stack reads of a tenant file on another hub", () => {
  it.each<[string, PlatformReadsInput, string[]]>([
    ["nothing of a file with only its own network, sites and services", { network: {} }, []],
    // Its hub's RADIUS bundle and the return routes to its sites are its hub stack's.
    ["nothing of the wifi section", { wifi: { realm: "alta.kommune.no" } }, []],
    // Its hub's stack places it and turns Defender on (domain/governance/placement-stack.ts).
    ["nothing of a subscription of its own", { azure: { subscriptionId: "0b1f6471-1bf0-4dda-aec3-cb9272f09590" } }, []],
    // Its hub's shared tenant subscription is platform.yaml's (network.hubs.<key>.tenantSubscriptionId), placed once for the hub.
    ["nothing of a file in its hub's shared subscription (no azure section)", { network: {}, waivers: [] }, []],
    ["a subscription request", { azure: { subscription: { create: true } } }, ["azure.subscription.create"]],
    ["no subscription request when create is false", { azure: { subscription: { create: false } } }, []],
    ["a request the schema would refuse, to be safe", { azure: { subscription: { create: "yes" } } }, ["azure.subscription.create"]],
    // Its hub's stack makes their exemptions.
    ["nothing of waivers", { waivers: [{ policy: "storage-no-public-access" }] }, []],
    ["nothing for an empty list of waivers", { waivers: [] }, []],
    ["nothing of an offboarding section (its own subscription's move is its hub's stack's)", { offboarding: { leaving: true } }, []],
    ["a hub pin (a route in the core)", { network: { hub: "nord" } }, ["network.hub"]],
    ["an address space of its own (a route in the core)", { network: { addressSpace: "10.97.0.0/23" } }, ["network.addressSpace"]],
    ["every part at once", { wifi: {}, azure: { subscriptionId: "x", subscription: { create: true } }, waivers: [{}], offboarding: {}, network: { hub: "nord", addressSpace: "10.97.0.0/23" } }, PLATFORM_READS.map((r) => r.field)],
    ["nothing of null sections", { wifi: null, azure: null, network: null, offboarding: null }, []],
  ])("%s", (_name, spec, fields) => {
    expect(platformReadsOf(spec).map((r) => r.field)).toEqual(fields);
    expect(platformReadsTenant(spec)).toBe(fields.length > 0);
  });

  it("says why for every part", () => {
    for (const read of PLATFORM_READS) expect({ field: read.field, reason: read.reason.length > 20 }).toEqual({ field: read.field, reason: true });
  });
});
