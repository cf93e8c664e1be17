/**
 * What alerting costs (domain/cost/meters.ts): each alert rule and audit log
 * setting against the price items platform.yaml lists for them.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { DEFAULT_ASSUMPTIONS, INCLUDED_RETENTION_DAYS, logAlertPriceItem, metersFor } from "../../domain/cost/meters";
import { platformSchema } from "../../tenants/schema/platform";
import { REPO_ROOT } from "../../tenants/paths";

const ctx = { assumptions: DEFAULT_ASSUMPTIONS, tenantCount: 4 };

describe("alerting's cost lines", () => {
  it("prices a log alert by how often it runs", () => {
    expect(["PT1M", "PT5M", "PT10M", "PT15M", "PT1H", "PT6H"].map(logAlertPriceItem)).toEqual([
      "alert-log-1-minute",
      "alert-log-5-minutes",
      "alert-log-5-minutes",
      "alert-log-15-minutes",
      "alert-log-15-minutes",
      "alert-log-15-minutes",
    ]);
    expect(metersFor({ type: "azure-native:monitor:ScheduledQueryRule", inputs: { evaluationFrequency: "PT5M" } }, ctx)).toEqual([{ item: "alert-log-5-minutes", quantity: 1 }]);
  });

  it("prices a metric alert as one time series and an activity log alert as nothing", () => {
    expect(metersFor({ type: "azure-native:monitor:MetricAlert", inputs: {} }, ctx)).toEqual([{ item: "alert-metric-time-series", quantity: 1 }]);
    expect(metersFor({ type: "azure-native:monitor:ActivityLogAlert", inputs: {} }, ctx)).toEqual([]);
    expect(metersFor({ type: "azure-native:monitor:ActionGroup", inputs: {} }, ctx)).toEqual([]);
  });

  it("prices the Entra ID logs as ingestion and the activity log at its own (free) item", () => {
    expect(metersFor({ type: "azure-native:aadiam:DiagnosticSetting", inputs: {} }, ctx)).toEqual([{ item: "log-ingestion", quantity: DEFAULT_ASSUMPTIONS.entraLogGb }]);
    expect(metersFor({ type: "azure-native:monitor:SubscriptionDiagnosticSetting", inputs: {} }, ctx)).toEqual([{ item: "log-ingestion-activity", quantity: DEFAULT_ASSUMPTIONS.activityLogGb }]);
  });

  it("charges retention only past the days a table keeps free", () => {
    const table = (tableName: string, retentionInDays: number) => metersFor({ type: "azure-native:operationalinsights:Table", inputs: { tableName, retentionInDays } }, ctx);
    expect(table("AzureActivity", INCLUDED_RETENTION_DAYS.AzureActivity)).toEqual([]);
    const [activity] = table("AzureActivity", 365);
    expect(activity.item).toBe("log-retention");
    expect(activity.quantity).toBeCloseTo((DEFAULT_ASSUMPTIONS.activityLogGb * (365 - 90)) / 30.4, 6);
    const [signIns] = table("SigninLogs", 365);
    const [audit] = table("AuditLogs", 365);
    // The two Entra ID tables share the Entra ID volume.
    expect(signIns.quantity + audit.quantity).toBeCloseTo((DEFAULT_ASSUMPTIONS.entraLogGb * (365 - 31)) / 30.4, 6);
  });

  it("finds every item it uses in the example's price table, with a date and a source", () => {
    const platform = platformSchema.parse(parse(fs.readFileSync(path.join(REPO_ROOT, "platform.yaml"), "utf8")));
    for (const item of ["alert-metric-time-series", "alert-log-1-minute", "alert-log-5-minutes", "alert-log-15-minutes", "log-ingestion-activity", "log-retention", "log-ingestion"]) {
      expect(platform.prices.items[item]).toBeDefined();
    }
    expect(platform.prices.items["alert-metric-time-series"].description).toMatch(/unverified/);
  });
});
