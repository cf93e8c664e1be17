import { ISOLATION_GROUP_PRIORITY, tenantRuleCollectionGroup, type TenantFirewallInput } from "../../domain/network/firewall-rules";
import { bucketPriority, bucketRuleGroups, collectionPriority, ruleGroupBucket, type TenantRules } from "../../domain/network/rule-group-buckets";
import { AZURE_LIMITS } from "../../domain/preflight/limits";
import { syntheticKommunenummer } from "../../scripts/bench/municipalities";

const shared = { dnsResolver: "10.95.1.196", sharedServices: "10.95.0.0/24", radius: "10.95.1.160/27" };
const tenant = (slug: string, kommunenummer: string): TenantRules => {
  const input: TenantFirewallInput = { slug, kommunenummer, addressSpace: "10.96.60.0/23", zones: { general: "10.96.60.0/24" }, allowedEgress: { general: ["example.no"] }, sitePrefixes: ["10.10.0.0/16"] };
  return { kommunenummer, group: tenantRuleCollectionGroup(input, shared) };
};

/** Where each tenant's collections are: collection name -> "group/priority". */
const placementOf = (groups: ReturnType<typeof bucketRuleGroups>) => new Map(groups.flatMap((g) => g.ruleCollections.map((c) => [c.name, `${g.key}/${c.priority}`] as const)));

describe("rule collection group buckets", () => {
  it.each([
    ["5501", "county-55", 10055],
    ["5530", "county-55", 10055],
    ["5601", "county-56", 10056],
    ["0301", "county-03", 10003],
  ])("puts %s in bucket %s at group priority %d", (knr, bucket, priority) => {
    expect(ruleGroupBucket(knr)).toBe(bucket);
    expect(bucketPriority(knr)).toBe(priority);
    expect(priority).toBeGreaterThan(ISOLATION_GROUP_PRIORITY);
  });

  it("refuses a kommunenummer that is not four digits, saying what would be valid", () => {
    expect(() => ruleGroupBucket("551")).toThrow(/four digits.*5501/);
    expect(() => collectionPriority("5501", 10)).toThrow(/at most 10/);
  });

  it("gives a tenant's collections priorities from its own number, unique within the county", () => {
    expect(collectionPriority("5530", 0)).toBe(1300);
    expect(collectionPriority("5530", 1)).toBe(1301);
    const county = Array.from({ length: 99 }, (_, i) => `55${String(i + 1).padStart(2, "0")}`);
    const priorities = county.flatMap((k) => [0, 1].map((i) => collectionPriority(k, i)));
    expect(new Set(priorities).size).toBe(priorities.length);
    expect(Math.min(...priorities)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...priorities)).toBeLessThanOrEqual(65000);
  });

  it("keeps every tenant's group and priorities when a municipality joins or leaves", () => {
    const base = [tenant("senja", "5530"), tenant("alta", "5601"), tenant("tromso", "5501")];
    const before = placementOf(bucketRuleGroups(base));
    const joined = placementOf(bucketRuleGroups([tenant("bardu", "5520"), ...base, tenant("hammerfest", "5603")]));
    const left = placementOf(bucketRuleGroups(base.filter((t) => t.group.key !== "alta")));
    for (const [name, where] of before) {
      expect({ name, where: joined.get(name) }).toEqual({ name, where });
      if (!name.startsWith("alta-")) expect({ name, where: left.get(name) }).toEqual({ name, where });
    }
    expect(joined.get("bardu-network")).toBe("county-55/1200");
  });

  it("does not depend on the order of the tenant files", () => {
    const base = [tenant("senja", "5530"), tenant("alta", "5601"), tenant("tromso", "5501")];
    expect(bucketRuleGroups([...base].reverse())).toEqual(bucketRuleGroups(base));
  });

  it("keeps a tenant's collections, network before web, and every rule", () => {
    const senja = tenant("senja", "5530");
    const [group] = bucketRuleGroups([senja]);
    expect(group.ruleCollections.map((c) => c.name)).toEqual(["senja-network", "senja-web"]);
    expect(group.ruleCollections.map((c) => c.rules)).toEqual(senja.group.ruleCollections.map((c) => c.rules));
  });

  it("refuses two tenants with one kommunenummer", () => {
    expect(() => bucketRuleGroups([tenant("a", "5530"), tenant("b", "5530")])).toThrow(/a and b both have kommunenummer 5530/);
  });

  it("keeps 357 municipalities well under the rule collection group limit of one policy", () => {
    const all = syntheticKommunenummer(357).map((k, i) => tenant(`t${i}`, k));
    const groups = bucketRuleGroups(all);
    // The isolation group and the shared services' group come on top of these.
    expect(groups.length + 2).toBeLessThanOrEqual(20);
    expect(groups.length + 2).toBeLessThan(AZURE_LIMITS.ruleCollectionGroups.value);
    expect(groups.flatMap((g) => g.ruleCollections)).toHaveLength(all.flatMap((t) => t.group.ruleCollections).length);
  });
});
