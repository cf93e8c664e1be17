/**
 * The alert plan (domain/alerting/plan.ts): which alerts the region gets and
 * whose action group each goes to. Two municipalities with different facts, so
 * a rule routed to the wrong one, or to both, fails.
 */
import { actionGroupPlans, alertPlans, changeQueryPlans, ownSubscriptionAlertPlans, PLATFORM_OWNER, receivers, type ActivityLogAlertPlan, type RegionAlertFacts } from "../../domain/alerting/plan";
import { kqlString, tenantChangesQuery, vpnTunnelDownQuery } from "../../domain/alerting/kql";
import { NSM_LOG_RETENTION_DAYS } from "../../domain/alerting/thresholds";
import { platformSchema } from "../../tenants/schema/platform";
import { parse } from "yaml";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../tenants/paths";

const facts: RegionAlertFacts = {
  host: "tromso",
  environment: "prod",
  platformContacts: [{ name: "Driftsvakt", email: "drift@tromso.example" }],
  firewalls: ["hub-firewall"],
  radiusServers: ["radius-1", "radius-2"],
  keyVaultDeniedPerFiveMinutes: 10,
  tenants: [
    {
      slug: "alta",
      contacts: [{ name: "Per Hansen", email: "it@alta.example" }],
      sitePublicIps: { radhuset: "198.51.100.20", "alta-vgs": "198.51.100.21" },
      backedUp: true,
      resourceGroups: ["rg-grunnmur-alta-network-prod-noe", "rg-grunnmur-alta-data-prod-noe"],
    },
    {
      slug: "bardu",
      contacts: [{ name: "Kari Nordmann", email: "it@bardu.example" }],
      sitePublicIps: {},
      backedUp: false,
      resourceGroups: ["rg-grunnmur-bardu-network-prod-noe"],
    },
  ],
};

describe("alert plan", () => {
  const plans = alertPlans(facts);
  const byKey = new Map(plans.map((p) => [p.key, p]));

  it("sends a municipality's VPN and backup alerts to its own group and the platform team's, never to another municipality", () => {
    for (const key of ["vpn-tunnel-down-alta", "backup-job-failed-alta", "restore-points-missing-alta"]) {
      expect(byKey.get(key)?.routeTo).toEqual(["alta", PLATFORM_OWNER]);
    }
    // Bardu has no sites and nothing backed up: no alerts of its own, and none of Alta's reach it.
    expect(plans.filter((p) => p.routeTo.includes("bardu"))).toEqual([]);
    expect(plans.filter((p) => p.routeTo.includes("alta")).map((p) => p.key).sort()).toEqual(["backup-job-failed-alta", "restore-points-missing-alta", "vpn-tunnel-down-alta"]);
  });

  it("sends the shared services' alerts to the platform team alone", () => {
    for (const key of ["service-health", "firewall-health-hub-firewall", "radius-unavailable-radius-1", "radius-unavailable-radius-2", "key-vault-access-denied", "backup-job-failed", "restore-points-missing", "vpn-tunnel-down"]) {
      expect(byKey.get(key)?.routeTo).toEqual([PLATFORM_OWNER]);
    }
  });

  it("watches the metrics Azure publishes, with the thresholds of the plan", () => {
    expect(byKey.get("firewall-health-hub-firewall")).toMatchObject({ kind: "metric", metricNamespace: "Microsoft.Network/azureFirewalls", metricName: "FirewallHealth", operator: "LessThan", threshold: 90, target: "firewall:hub-firewall" });
    expect(byKey.get("key-vault-access-denied")).toMatchObject({ metricName: "ServiceApiResult", threshold: 10, dimensions: [{ name: "StatusCode", operator: "Include", values: ["403"] }] });
    expect(byKey.get("radius-unavailable-radius-2")).toMatchObject({ metricName: "VmAvailabilityMetric", target: "radius:radius-2" });
  });

  it("alerts on Service Health incidents in both Norwegian regions", () => {
    const health = byKey.get("service-health");
    expect(health).toMatchObject({ kind: "activity" });
    expect(health?.kind === "activity" && health.conditions).toContainEqual({ field: "properties.impactedServices[*].ImpactedRegions[*].RegionName", containsAny: ["Norway East", "Norway West"] });
  });

  it("finds only the municipality's own sites and backup items in its queries", () => {
    const vpn = byKey.get("vpn-tunnel-down-alta");
    expect(vpn?.kind === "log" && vpn.query).toContain('remoteIP_s in ("198.51.100.21", "198.51.100.20")');
    const backup = byKey.get("backup-job-failed-alta");
    expect(backup?.kind === "log" && backup.query).toContain('has_any ("rg-grunnmur-alta-network-prod-noe", "rg-grunnmur-alta-data-prod-noe")');
    // The platform's own query is region-wide.
    const all = byKey.get("vpn-tunnel-down");
    expect(all?.kind === "log" && all.query).not.toContain("remoteIP_s in");
  });

  it("gives every rule a unique name", () => {
    expect(new Set(plans.map((p) => p.ruleName)).size).toBe(plans.length);
  });
});

describe("action groups", () => {
  it("makes one for the platform team and one per municipality, from their own contacts", () => {
    const groups = actionGroupPlans(facts);
    expect(groups.map((g) => [g.owner, g.actionGroupName, g.receivers.map((r) => r.email)])).toEqual([
      ["platform", "ag-grunnmur-platform-prod", ["drift@tromso.example"]],
      ["alta", "ag-grunnmur-tenant-alta-prod", ["it@alta.example"]],
      ["bardu", "ag-grunnmur-tenant-bardu-prod", ["it@bardu.example"]],
    ]);
    for (const g of groups) expect(g.groupShortName.length).toBeLessThanOrEqual(12);
  });

  it("never gives a municipality the platform team's group name, whatever its slug", () => {
    const groups = actionGroupPlans({ ...facts, tenants: [{ ...facts.tenants[1], slug: "tromso-platform" }, { ...facts.tenants[1], slug: "platform-prod" }] });
    expect(new Set(groups.map((g) => g.actionGroupName)).size).toBe(3);
  });

  it("keeps a short name within Azure's 12 characters for a long slug", () => {
    const groups = actionGroupPlans({ ...facts, tenants: [{ ...facts.tenants[1], slug: "nordre-land-kommune" }] });
    expect(groups[1].groupShortName).toBe("nordre-land");
  });

  it("lists an address once and tells apart two contacts of the same name", () => {
    expect(receivers([{ name: "IT", email: "a@x.no" }, { name: "IT", email: "A@x.no" }, { name: "IT", email: "b@x.no" }])).toEqual([
      { name: "IT", email: "a@x.no" },
      { name: "IT (2)", email: "b@x.no" },
    ]);
  });
});

describe("queries", () => {
  it("refuses a value that could change what a query selects", () => {
    expect(() => kqlString('x") or true or ("')).toThrow(/cannot put/);
    expect(() => vpnTunnelDownQuery(["1.2.3.4\"|"])).toThrow();
  });

  it("shows a municipality the changes in its resource groups, and with its own subscription everything there", () => {
    const [alta] = changeQueryPlans(facts.tenants);
    expect(alta).toMatchObject({ owner: "alta", savedSearchId: "grunnmur-changes-alta" });
    expect(alta.query).toContain('tolower(ResourceGroup) in ("rg-grunnmur-alta-network-prod-noe", "rg-grunnmur-alta-data-prod-noe")');
    expect(alta.query).not.toContain("bardu");
    expect(tenantChangesQuery(["rg-a"], "00000000-0000-4000-8000-000000005544")).toContain('SubscriptionId =~ "00000000-0000-4000-8000-000000005544" or');
  });
});

describe("the alerting section of platform.yaml", () => {
  const example = parse(fs.readFileSync(path.join(REPO_ROOT, "platform.yaml"), "utf8"));

  it("keeps the audit logs at least the NSM period, and says so when asked for less", () => {
    const parsed = platformSchema.parse(example);
    expect(parsed.alerting?.auditLogRetentionDays).toBeGreaterThanOrEqual(NSM_LOG_RETENTION_DAYS);
    const short = platformSchema.safeParse({ ...example, alerting: { ...example.alerting, auditLogRetentionDays: 90 } });
    expect(short.success).toBe(false);
    expect(short.error?.issues[0]).toMatchObject({ path: ["alerting", "auditLogRetentionDays"] });
    expect(short.error?.issues[0].message).toMatch(/at least 180 days/);
  });

  it("defaults the retention to the NSM period and is optional", () => {
    const { alerting, ...without } = example;
    expect(platformSchema.parse(without).alerting).toBeUndefined();
    expect(platformSchema.parse({ ...example, alerting: { platformContacts: alerting.platformContacts } }).alerting?.auditLogRetentionDays).toBe(NSM_LOG_RETENTION_DAYS);
  });
});

describe("a municipality's own subscription's alerts", () => {
  const platformAlert = alertPlans(facts).find((p) => p.key === "service-health")!;

  it("watches Service Health with the platform's conditions, under a name of its own", () => {
    const [own] = ownSubscriptionAlertPlans("nordreisa", "prod");
    expect([own.kind, platformAlert.kind]).toEqual(["activity", "activity"]);
    expect(own.conditions).toEqual((platformAlert as ActivityLogAlertPlan).conditions);
    expect([own.key, own.ruleName]).toEqual(["service-health-nordreisa", "alert-grunnmur-service-health-nordreisa-prod"]);
    expect(own.ruleName).not.toBe(platformAlert.ruleName);
  });

  it("sends it to the municipality's group alone, and the platform's to the platform team alone", () => {
    expect(ownSubscriptionAlertPlans("nordreisa", "prod").map((p) => p.routeTo)).toEqual([["nordreisa"]]);
    expect(ownSubscriptionAlertPlans("alta", "prod").map((p) => p.routeTo)).toEqual([["alta"]]);
    expect(platformAlert.routeTo).toEqual([PLATFORM_OWNER]);
    expect(platformAlert.description).toBe("Azure Service Health incidents in Norway East and Norway West.");
  });
});
