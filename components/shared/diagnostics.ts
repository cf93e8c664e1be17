/**
 * Diagnostic settings to the central workspace. Resource types differ in what
 * they can send: most support the "allLogs" category group, some only metrics.
 */
import * as pulumi from "@pulumi/pulumi";
import * as monitor from "@pulumi/azure-native/monitor";
import type { DiagnosticsArgs } from "./common-args";

export type DiagnosticsProfile = "logs-and-metrics" | "logs" | "metrics";

export function addDiagnostics(
  name: string,
  resourceUri: pulumi.Input<string>,
  diagnostics: DiagnosticsArgs | undefined,
  profile: DiagnosticsProfile,
  parent: pulumi.Resource,
  /** Keep the setting in Azure when it leaves the stack: needed below a lock, which refuses its deletion (policy DL-03). */
  options: { readonly retainOnDelete?: boolean } = {},
) {
  if (!diagnostics) return undefined;
  const logs = profile === "metrics" ? [] : [{ categoryGroup: "allLogs", enabled: true }];
  const metrics = profile === "logs" ? [] : [{ category: "AllMetrics", enabled: true }];
  return new monitor.DiagnosticSetting(
    `${name}-diag`,
    {
      name: "to-central-workspace",
      resourceUri,
      workspaceId: diagnostics.workspaceResourceId,
      logAnalyticsDestinationType: "Dedicated",
      logs,
      metrics,
    },
    options.retainOnDelete ? { parent, retainOnDelete: true } : { parent },
  );
}
