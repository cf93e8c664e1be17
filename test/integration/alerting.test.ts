/**
 * Alerting in the example region's previews (platform.yaml alerting): each
 * municipality's alerts reach its own action group, its budget's 80 % and
 * 100 % notifications too, the activity and Entra ID logs go to the central
 * workspace for at least the NSM period, and a platform file without the
 * section previews exactly as before.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DEFAULT_PLATFORM_FILE, DEFAULT_TENANTS_DIR, REPO_ROOT } from "../../tenants/paths";
import { checkStackFile } from "../../scripts/check/check-file";
import { regionEnvironment } from "../../policies/core/environment";
import { loadRegion } from "../../tenants/validation/load-region";
import { localToday } from "../../tenants/validation/date-rules";
import { parse, stringify } from "yaml";
import type { StackPreview } from "../../scripts/preview/preview-file";
import { copyExampleRegion, type FixtureRegion } from "../helpers/region-fixture";
import { ofType, only, previewFiles, type PreviewedRegion, type Resource } from "../helpers/preview-fixture";
import { NSM_LOG_RETENTION_DAYS } from "../../domain/alerting/thresholds";

type Json = Record<string, any>;

describe("alerting in the example region", () => {
  let region: PreviewedRegion;
  let platform: StackPreview;
  beforeAll(async () => {
    region = await previewFiles(undefined, undefined, new Set(["alta", "senja", "nordreisa"]));
    platform = region.read("platform");
  });
  afterAll(() => region.remove());

  const groupId = (owner: string) => {
    const group = only(platform.resources.filter((r) => r.type === "azure-native:monitor:ActionGroup" && r.name === `ag-${owner}`), `action group of ${owner}`);
    return group.id;
  };
  const actionGroupsOf = (r: Resource): string[] => {
    const actions = r.inputs.actions as Json;
    return Array.isArray(actions) ? actions.map((a) => a.actionGroupId) : (actions.actionGroups as Json[]).map((a) => (typeof a === "string" ? a : a.actionGroupId));
  };
  const rule = (name: string) => only(platform.resources.filter((r) => r.name === name), name);

  it("gives each municipality an action group with the contacts of its own file", () => {
    const alta = only(platform.resources.filter((r) => r.name === "ag-alta"), "alta's group");
    expect((alta.inputs.emailReceivers as Json[]).map((r) => r.emailAddress)).toEqual(["digitalisering@alta.kommune.no"]);
    const senja = only(platform.resources.filter((r) => r.name === "ag-senja"), "senja's group");
    expect((senja.inputs.emailReceivers as Json[]).map((r) => r.emailAddress)).toContain("it@senja.kommune.no");
    expect((senja.inputs.emailReceivers as Json[]).map((r) => r.emailAddress)).not.toContain("digitalisering@alta.kommune.no");
    // In the municipality's share of the hub, so a preview in parts splits it with the rest.
    expect(alta.parent).toMatch(/grunnmur:network:TenantAttachment::alta$/);
  });

  it("routes Alta's and Senja's VPN alerts to their own action groups and the platform team's", () => {
    expect(actionGroupsOf(rule("vpn-tunnel-down-alta"))).toEqual([groupId("alta"), groupId("platform")]);
    expect(actionGroupsOf(rule("vpn-tunnel-down-senja"))).toEqual([groupId("senja"), groupId("platform")]);
    for (const r of platform.resources.filter((r) => /-(alta)$/.test(r.name) && r.type.startsWith("azure-native:monitor:") && r.type !== "azure-native:monitor:ActionGroup")) {
      expect(actionGroupsOf(r)).not.toContain(groupId("senja"));
    }
  });

  it("routes the shared services' alerts to the platform team only", () => {
    const shared = ["service-health", "key-vault-access-denied", "backup-job-failed", "restore-points-missing", "vpn-tunnel-down", "firewall-health-hub-firewall"];
    for (const name of shared) expect(actionGroupsOf(rule(name))).toEqual([groupId("platform")]);
    const metric = ofType(platform, "azure-native:monitor:MetricAlert").find((r) => r.name === "firewall-health-hub-firewall")!;
    const firewall = only(ofType(platform, "azure-native:network:AzureFirewall"), "firewall");
    expect(metric.inputs.scopes).toEqual([firewall.id]);
    const radius = ofType(platform, "azure-native:monitor:MetricAlert").filter((r) => r.name.startsWith("radius-unavailable-"));
    expect(radius.length).toBeGreaterThanOrEqual(2);
  });

  it("sends each budget's 80 % and 100 % notifications to the municipality's action group", () => {
    for (const slug of ["alta", "nordreisa"]) {
      const budget = only(ofType(region.read(slug), "azure-native:consumption:Budget"), `${slug}'s budget`);
      const notifications = budget.inputs.notifications as Record<string, Json>;
      expect(Object.values(notifications).map((n) => n.threshold).sort((a, b) => a - b)).toEqual([80, 100]);
      for (const n of Object.values(notifications)) expect(n.contactGroups).toEqual([groupId(slug)]);
    }
  });

  it("sends the activity log and Entra ID's sign-in and audit logs to the central workspace", () => {
    const workspace = only(ofType(platform, "azure-native:operationalinsights:Workspace"), "workspace");
    const activity = only(ofType(platform, "azure-native:monitor:SubscriptionDiagnosticSetting"), "activity log setting");
    expect(activity.inputs.workspaceId).toBe(workspace.id);
    expect((activity.inputs.logs as Json[]).map((l) => l.category)).toEqual(expect.arrayContaining(["Administrative", "Security", "Policy"]));
    const entra = only(ofType(platform, "azure-native:aadiam:DiagnosticSetting"), "Entra ID setting");
    expect(entra.inputs.workspaceId).toBe(workspace.id);
    expect((entra.inputs.logs as Json[]).map((l) => [l.category, l.enabled])).toEqual([["SignInLogs", true], ["AuditLogs", true]]);
    // Nordreisa's own subscription sends its activity log there too.
    const own = only(ofType(region.read("nordreisa"), "azure-native:monitor:SubscriptionDiagnosticSetting"), "nordreisa's activity log setting");
    expect(own.inputs.workspaceId).toBe(workspace.id);
    expect(own.provider?.subscriptionId).toBe("00000000-0000-4000-8000-000000005544");
  });

  it("alerts on Service Health in Nordreisa's own subscription, to Nordreisa's action group only", () => {
    const nordreisa = region.read("nordreisa");
    const alert = only(ofType(nordreisa, "azure-native:monitor:ActivityLogAlert"), "nordreisa's Service Health alert");
    expect(alert.provider?.subscriptionId).toBe("00000000-0000-4000-8000-000000005544");
    expect(alert.inputs.scopes).toEqual(["/subscriptions/00000000-0000-4000-8000-000000005544"]);
    expect(actionGroupsOf(alert)).toEqual([groupId("nordreisa")]);
    const conditions = (alert.inputs.condition as Json).allOf as Json[];
    expect(conditions).toEqual(expect.arrayContaining([{ field: "category", equals: "ServiceHealth" }, { field: "properties.incidentType", equals: "Incident" }]));
    expect(conditions.find((c) => c.containsAny)?.containsAny).toEqual(["Norway East", "Norway West"]);
    expect(alert.inputs.resourceGroupName).toBe("rg-grunnmur-nordreisa-network-prod-noe");
    // Alta and Senja live in the platform's subscription, whose alert the platform stack has.
    for (const slug of ["alta", "senja"]) expect(ofType(region.read(slug), "azure-native:monitor:ActivityLogAlert")).toEqual([]);
  });

  it("keeps those logs at least the NSM period", () => {
    const tables = ofType(platform, "azure-native:operationalinsights:Table");
    expect(tables.map((t) => t.inputs.tableName).sort()).toEqual(["AuditLogs", "AzureActivity", "SigninLogs"]);
    for (const t of tables) expect(t.inputs.retentionInDays).toBeGreaterThanOrEqual(NSM_LOG_RETENTION_DAYS);
    expect(tables[0].inputs.retentionInDays).toBe(parse(fs.readFileSync(path.join(REPO_ROOT, "platform.yaml"), "utf8")).alerting.auditLogRetentionDays);
  });

  it("saves one change query per municipality in the central workspace, each over its own resource groups", () => {
    const searches = ofType(platform, "azure-native:operationalinsights:SavedSearch");
    const alta = only(searches.filter((s) => s.inputs.savedSearchId === "grunnmur-changes-alta"), "alta's query");
    expect(alta.inputs.query).toContain("rg-grunnmur-alta-data-prod-noe");
    expect(alta.inputs.query).not.toContain("senja");
    // Only the platform writes into the workspace: no tenant stack has a saved search or an action group.
    for (const slug of ["alta", "senja", "nordreisa"]) {
      expect(ofType(region.read(slug), "azure-native:operationalinsights:SavedSearch")).toEqual([]);
      expect(ofType(region.read(slug), "azure-native:monitor:ActionGroup")).toEqual([]);
    }
  });

  it("passes the policy pack", async () => {
    const env = regionEnvironment(loadRegion({ tenantsDir: DEFAULT_TENANTS_DIR, platformFile: DEFAULT_PLATFORM_FILE }).region!, localToday());
    for (const stack of ["platform", "alta", "senja", "nordreisa"]) {
      const check = await checkStackFile(path.join(region.outDir, `${stack}.json`), env);
      expect(check.ok).toBe(true);
      const mandatory = check.ok ? check.report.violations.filter((v) => v.enforcement === "mandatory") : [];
      expect(mandatory.map((v) => `${stack} ${v.rule} ${v.resource}`)).toEqual([]);
    }
  });
});

describe("a platform file without alerting (and without governance)", () => {
  let fixture: FixtureRegion;
  let region: PreviewedRegion;
  beforeAll(async () => {
    fixture = copyExampleRegion();
    const file = parse(fs.readFileSync(fixture.platformFile, "utf8"));
    delete file.alerting;
    delete file.governance;
    fs.writeFileSync(fixture.platformFile, stringify(file));
    region = await previewFiles(fixture.tenantsDir, fixture.platformFile, new Set(["alta", "nordreisa"]));
  });

  it("gives a municipality's own subscription no Service Health alert, and without governance no Defender export", () => {
    const nordreisa = region.read("nordreisa");
    expect(ofType(nordreisa, "azure-native:monitor:ActivityLogAlert")).toEqual([]);
    expect(ofType(nordreisa, "azure-native:security:Automation")).toEqual([]);
    expect(ofType(nordreisa, "azure-native:monitor:SubscriptionDiagnosticSetting")).toEqual([]);
  });
  afterAll(() => {
    region.remove();
    fixture.remove();
  });

  it("creates no alerting resources and leaves the budget's notifications as they were", () => {
    const platform = region.read("platform");
    for (const type of ["ActionGroup", "MetricAlert", "ScheduledQueryRule", "ActivityLogAlert", "SubscriptionDiagnosticSetting"]) {
      expect(ofType(platform, `azure-native:monitor:${type}`)).toEqual([]);
    }
    expect(ofType(platform, "azure-native:aadiam:DiagnosticSetting")).toEqual([]);
    expect(platform.outputs.alertActionGroupsScope).toBeUndefined();
    const budget = only(ofType(region.read("alta"), "azure-native:consumption:Budget"), "budget");
    for (const n of Object.values(budget.inputs.notifications as Record<string, Json>)) expect(n).not.toHaveProperty("contactGroups");
  });
});
