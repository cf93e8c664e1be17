/**
 * A shared service's cost goes to its subscribers only, by its own key, and
 * comes out of the general platform split; every krone is accounted for.
 */
import { sharedServiceKey, sharedServiceOf, splitSharedServices } from "../../domain/cost/shared-service-allocation";

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
