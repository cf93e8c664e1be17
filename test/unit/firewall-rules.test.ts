import { isolationRuleCollectionGroup, tenantRuleCollectionGroup, type TenantFirewallInput } from "../../domain/network/firewall-rules";

const shared = { dnsResolver: "10.95.1.196", sharedServices: "10.95.0.0/24", radius: "10.95.1.160/27" };
const senja: TenantFirewallInput = {
  slug: "senja",
  kommunenummer: "5530",
  addressSpace: "10.96.60.0/23",
  zones: { general: "10.96.60.0/24", secure: "10.96.61.0/26" },
  allowedEgress: {},
  sitePrefixes: ["10.10.0.0/16"],
};

const rulesOf = (group: ReturnType<typeof tenantRuleCollectionGroup>) => group.ruleCollections.flatMap((c) => c.rules.map((r) => ({ ...r, action: c.action.type })));

describe("firewall rules", () => {
  it("denies all traffic between tenant spokes, ahead of every tenant group", () => {
    const isolation = isolationRuleCollectionGroup("10.96.0.0/15");
    const [collection] = isolation.ruleCollections;
    expect(collection.action.type).toBe("Deny");
    expect(collection.rules[0]).toMatchObject({ sourceAddresses: ["10.96.0.0/15"], destinationAddresses: ["10.96.0.0/15"], destinationPorts: ["*"] });
    expect(isolation.priority).toBeLessThan(tenantRuleCollectionGroup(senja, shared).priority);
  });

  it("gives each tenant a priority derived from its kommunenummer", () => {
    expect(tenantRuleCollectionGroup(senja, shared).priority).toBe(15530);
    expect(tenantRuleCollectionGroup({ ...senja, slug: "alta", kommunenummer: "5601" }, shared).priority).toBe(15601);
  });

  it("lets the general zone browse the web but gives the secure zone no internet at all", () => {
    const rules = rulesOf(tenantRuleCollectionGroup(senja, shared));
    const web = rules.filter((r) => r.ruleType === "ApplicationRule");
    expect(web.map((r) => r.sourceAddresses)).toEqual([["10.96.60.0/24"]]);
    expect(rules.filter((r) => r.sourceAddresses.includes("10.96.61.0/26")).map((r) => r.name)).toEqual(["dns", "spoke-to-own-sites"]);
  });

  it("limits the exam zone to its allow-list", () => {
    const alta = tenantRuleCollectionGroup({ ...senja, slug: "alta", zones: { general: "10.96.202.0/24", exam: "10.96.203.64/26" }, allowedEgress: { exam: ["eksamen.udir.no"] } }, shared);
    const exam = rulesOf(alta).filter((r) => r.sourceAddresses.includes("10.96.203.64/26"));
    expect(exam.map((r) => r.name)).toEqual(["dns", "exam-allow-list"]);
    expect(exam[1]).toMatchObject({ targetFqdns: ["eksamen.udir.no"], protocols: [{ protocolType: "Https", port: 443 }] });
  });

  it("reaches only the tenant's own sites, never another tenant's address space", () => {
    const rules = rulesOf(tenantRuleCollectionGroup(senja, shared));
    const destinations = rules.flatMap((r) => ("destinationAddresses" in r ? r.destinationAddresses : []));
    expect(destinations.sort()).toEqual(["10.10.0.0/16", "10.96.60.0/24", "10.96.61.0/26", "10.95.1.196"].sort());
  });

  it("lets a tenant's access points reach RADIUS, and RADIUS its directory at the sites, through the firewall", () => {
    const rules = rulesOf(tenantRuleCollectionGroup({ ...senja, wifi: { accessPoints: ["10.10.1.10"], directoryAtSites: true } }, shared));
    expect(rules.find((r) => r.name === "wifi-radius")).toMatchObject({ sourceAddresses: ["10.10.1.10"], destinationAddresses: ["10.95.1.160/27"], destinationPorts: ["1812", "1813"], ipProtocols: ["UDP"] });
    expect(rules.find((r) => r.name === "wifi-directory")).toMatchObject({ sourceAddresses: ["10.95.1.160/27"], destinationAddresses: ["10.10.0.0/16"], destinationPorts: ["636"] });
    const filesBackend = rulesOf(tenantRuleCollectionGroup({ ...senja, wifi: { accessPoints: ["10.10.1.10"], directoryAtSites: false } }, shared));
    expect(filesBackend.map((r) => r.name)).not.toContain("wifi-directory");
  });

  it("has no site rules for a tenant without sites", () => {
    expect(rulesOf(tenantRuleCollectionGroup({ ...senja, sitePrefixes: [] }, shared)).map((r) => r.name)).toEqual(["dns", "general-internet"]);
  });
});
