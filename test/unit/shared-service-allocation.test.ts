/**
 * A shared service's cost goes to its subscribers only, by its own key, and
 * comes out of the general platform split; every krone is accounted for.
 */
import { estimateCosts } from "../../domain/cost/estimate";
import { DEFAULT_ASSUMPTIONS } from "../../domain/cost/meters";
import { sharedServiceKey, sharedServiceOf, splitSharedServices } from "../../domain/cost/shared-service-allocation";
import { platformSchema } from "../../tenants/schema/platform";
import { basePlatform } from "../helpers/region-fixture";

const members = [
  { slug: "tromso", population: 78000, sharedServices: [] },
  { slug: "senja", population: 14600, sharedServices: ["min-ansattside"] },
  { slug: "alta", population: 21900, sharedServices: ["min-ansattside", "eksamen"] },
  { slug: "bardu", population: 4000, sharedServices: [] },
];

describe("shared service cost allocation", () => {
  it("takes a service out of the general split and gives it to its subscribers by population", () => {
    const split = splitSharedServices({ firewall: 10000, "shared-min-ansattside": 3650, network: 500 }, { "min-ansattside": { allocation: { key: "population" } } }, members);
    expect(split.generalMonthly).toBe(10500);
    expect(split.byService).toEqual({ "min-ansattside": 3650 });
    // 14600 : 21900 = 2 : 3
    expect(split.byMember).toEqual({ tromso: {}, senja: { "min-ansattside": 1460 }, alta: { "min-ansattside": 2190 }, bardu: {} });
  });

  it("splits equally, or by a mix, and adds up exactly", () => {
    const equal = splitSharedServices({ "shared-min-ansattside": 1001 }, { "min-ansattside": { allocation: { key: "equal" } } }, members);
    expect(equal.byMember.senja["min-ansattside"] + equal.byMember.alta["min-ansattside"]).toBe(1001);
    expect(Math.abs(equal.byMember.senja["min-ansattside"] - equal.byMember.alta["min-ansattside"])).toBe(1);
    const mix = splitSharedServices({ "shared-min-ansattside": 1000 }, { "min-ansattside": { allocation: { key: "equal-population", equalPercent: 50, populationPercent: 50 } } }, members);
    expect(mix.byMember).toEqual({ tromso: {}, senja: { "min-ansattside": 450 }, alta: { "min-ansattside": 550 }, bardu: {} });
  });

  it("leaves a service nobody subscribes to, and an unknown tag, in the general split", () => {
    const split = splitSharedServices({ "shared-eksamen": 700, "shared-unknown": 50, firewall: 100 }, { eksamen: { allocation: { key: "equal" } } }, members.map((m) => ({ ...m, sharedServices: [] })));
    expect(split).toEqual({ generalMonthly: 850, byService: {}, byMember: { tromso: {}, senja: {}, alta: {}, bardu: {} } });
  });

  it("maps the service keys onto the platform's allocation keys", () => {
    expect(sharedServiceKey({ key: "equal" })).toEqual({ key: "equal-population", equalPercent: 100, populationPercent: 0 });
    expect(sharedServiceKey({ key: "population" })).toEqual({ key: "equal-population", equalPercent: 0, populationPercent: 100 });
    expect(sharedServiceOf("shared-eksamen", new Set(["eksamen"]))).toBe("eksamen");
    expect(sharedServiceOf("shared", new Set(["eksamen"]))).toBeUndefined();
  });
});

describe("shared services in the region's cost estimate", () => {
  const platform = platformSchema.parse({
    ...basePlatform(),
    network: { ...(basePlatform().network as object), sharedServicesSpoke: { addressSpace: "10.95.8.0/22" } },
    sharedServices: { "min-ansattside": { name: "Min ansattside", description: "Employee portal", subnet: "10.95.8.0/26", ports: [443], allocation: { key: "equal" } } },
    prices: { ...(basePlatform().prices as object), items: { "vm-b2s": { description: "Linux VM B2s", unit: "hour", nok: 0.5 }, "public-ip-standard": { description: "Public IP", unit: "hour", nok: 0.5 } } },
  });
  // The service's resource: a public IP at the same hourly price as the RADIUS VM (a service VM is priced as a member's, with its disks and backup).
  const serviceIp = (name: string, service: string) => ({ type: "azure-native:network:PublicIPAddress", name, inputs: { tags: { "grunnmur:service": service } } });
  const vm = (name: string, service: string) => ({ type: "azure-native:compute:VirtualMachine", name, inputs: { hardwareProfile: { vmSize: "Standard_B2s" }, tags: { "grunnmur:service": service } } });
  const previews = {
    platform: { stack: "platform", resources: [vm("radius-1", "wifi"), serviceIp("portal-pip", "shared-min-ansattside")] },
    tenants: [
      { stack: "alta", resources: [] },
      { stack: "bardu", resources: [] },
    ],
  };
  const tenants = [
    { slug: "alta", displayName: "Alta kommune", population: 20000, sharedServices: ["min-ansattside"] },
    { slug: "bardu", displayName: "Bardu kommune", population: 4000 },
  ];
  const report = estimateCosts(platform, previews, tenants, DEFAULT_ASSUMPTIONS);

  it("gives the service's cost to its subscriber only, on top of its general share", () => {
    // 730 hours at NOK 0.5 each VM: the RADIUS VM is split among all three, the portal's goes to Alta.
    expect(report.sharedServicesMonthly).toEqual({ "min-ansattside": 365 });
    const alta = report.members.find((m) => m.slug === "alta")!;
    const bardu = report.members.find((m) => m.slug === "bardu")!;
    expect(alta.sharedServicesMonthly).toEqual({ "min-ansattside": 365 });
    expect(bardu.sharedServicesMonthly).toEqual({});
    expect(alta.platformShareMonthly - bardu.platformShareMonthly).toBeGreaterThanOrEqual(365);
    expect(report.members.reduce((a, m) => a + m.platformShareMonthly, 0)).toBe(report.platformMonthly);
    expect(report.platformMonthly).toBe(730);
  });
});
