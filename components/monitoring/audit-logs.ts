/**
 * The activity log and the Entra ID sign-in and audit logs in the central
 * workspace, kept as long as platform.yaml's alerting.auditLogRetentionDays,
 * and a saved "what changed" query per municipality there.
 *
 * - The activity log goes through a subscription diagnostic setting
 *   (azure-native monitor:SubscriptionDiagnosticSetting, the subscription of
 *   its provider), every category.
 * - Entra ID's logs through the directory's diagnostic setting
 *   (azure-native aadiam:DiagnosticSetting, in 3.28.0 with the categories
 *   SignInLogs and AuditLogs). Sign-in logs need an Entra ID P1 or P2 licence
 *   and the deploying identity Security Administrator in the directory
 *   (https://learn.microsoft.com/entra/identity/monitoring-health/howto-integrate-activity-logs-with-azure-monitor-logs);
 *   unverified here, since nothing runs against Azure.
 * - The tables' retention through operationalinsights:Table; the workspace's
 *   own retention (logging.retentionDays) stays the default for the rest.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aadiam from "@pulumi/azure-native/aadiam";
import * as monitor from "@pulumi/azure-native/monitor";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import type { CollectionOutputs } from "../shared/common-args";
import { ACTIVITY_LOG_CATEGORIES, AUDIT_TABLES, ENTRA_LOG_CATEGORIES, type SavedSearchPlan } from "../../domain/alerting/plan";

export const AUDIT_SETTING_NAME = "audit-to-central-workspace";

export interface AuditLogsArgs {
  readonly workspaceResourceId: pulumi.Input<string>;
  /** Needed for the tables and saved queries (the platform's call); a tenant's call sends its activity log only. */
  readonly workspaceName?: pulumi.Input<string>;
  readonly workspaceResourceGroupName?: pulumi.Input<string>;
  readonly retentionDays: number;
  /**
   * The subscription's activity log into the workspace; default true. False for a
   * hub stack, which saves its tenants' queries only: the activity log of the
   * platform's subscription is the platform stack's.
   */
  readonly activityLog?: boolean;
  readonly changeQueries: readonly SavedSearchPlan[];
  /** The directory's logs: only the platform sends them, once per directory. */
  readonly entraLogs: boolean;
  /** Where a municipality's saved query lives in the state: its TenantAttachment. */
  readonly parentFor?: (owner: string) => pulumi.Resource | undefined;
}

export class AuditLogs extends pulumi.ComponentResource implements CollectionOutputs {
  /** By key: "activity-log", "entra", "table-<name>", "changes-<owner>". */
  public readonly resourceIds: Record<string, pulumi.Output<string>> = {};
  public readonly names: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: AuditLogsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("grunnmur:monitoring:AuditLogs", name, {}, opts);
    const keep = (key: string, r: pulumi.CustomResource & { name: pulumi.Output<string> }) => {
      this.resourceIds[key] = r.id;
      this.names[key] = r.name;
    };
    if (args.activityLog !== false) keep("activity-log", new monitor.SubscriptionDiagnosticSetting(
      `${name}-activity-log`,
      {
        name: AUDIT_SETTING_NAME,
        workspaceId: args.workspaceResourceId,
        logs: ACTIVITY_LOG_CATEGORIES.map((category) => ({ category, enabled: true })),
      },
      { parent: this },
    ));
    const workspace = () => {
      if (!args.workspaceName || !args.workspaceResourceGroupName) throw new Error("AuditLogs: the workspace's name and resource group are needed for its tables and saved queries");
      return { workspaceName: args.workspaceName, resourceGroupName: args.workspaceResourceGroupName };
    };
    if (args.entraLogs) {
      keep("entra", new aadiam.DiagnosticSetting(
        `${name}-entra`,
        {
          name: AUDIT_SETTING_NAME,
          workspaceId: args.workspaceResourceId,
          logs: ENTRA_LOG_CATEGORIES.map((category) => ({ category, enabled: true })),
        },
        { parent: this },
      ));
      for (const table of AUDIT_TABLES) {
        keep(`table-${table}`, new operationalinsights.Table(
          `${name}-${table}`,
          {
            ...workspace(),
            tableName: table,
            retentionInDays: args.retentionDays,
            totalRetentionInDays: args.retentionDays,
          },
          // Deleting a built-in table's resource only resets its retention; keep what was set.
          { parent: this, retainOnDelete: true },
        ));
      }
    }
    for (const q of args.changeQueries) {
      keep(`changes-${q.owner}`, new operationalinsights.SavedSearch(
        `changes-${q.owner}`,
        {
          ...workspace(),
          savedSearchId: q.savedSearchId,
          displayName: q.displayName,
          category: q.category,
          query: q.query,
          tags: [{ name: "grunnmur:tenant", value: q.owner }],
        },
        { parent: args.parentFor?.(q.owner) ?? this },
      ));
    }
    this.registerOutputs({ resourceIds: this.resourceIds, names: this.names });
  }
}
