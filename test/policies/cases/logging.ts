import type { PolicyCase } from "../../helpers/policy-cases";
import { platformStack, tenantStack, withInputs, withoutResource, WORKSPACE_ID } from "../../helpers/policy-fixtures";

const account = "storage account stgrunnmursenjaprod";
const OTHER_WORKSPACE = WORKSPACE_ID.replace("log-grunnmur-prod-noe", "log-senja-own");

export const loggingCases: PolicyCase[] = [
  {
    policy: "logging-diagnostics-to-central-workspace",
    fails: "has a storage account without a diagnostic setting",
    passing: tenantStack,
    failing: () => withoutResource(tenantStack(), "files-diagnostics"),
    message: `${account}: has no diagnostic setting; add a monitor DiagnosticSetting with resourceUri set to its id, workspaceId set to the central workspace and logs [{ categoryGroup: "allLogs", enabled: true }] (CIS 6.1; NSM 3.2.1)`,
  },
  {
    policy: "logging-diagnostics-to-central-workspace",
    fails: "sends logs to a workspace of its own",
    passing: tenantStack,
    failing: () => withInputs(tenantStack(), "files-diagnostics", { workspaceId: OTHER_WORKSPACE }),
    message: `diagnostic setting diag-files-diagnostics of ${account}: workspaceId is "${OTHER_WORKSPACE}"; set it to the central workspace ${WORKSPACE_ID} (CIS 6.1; NSM 3.2.1)`,
  },
  {
    policy: "logging-diagnostics-to-central-workspace",
    fails: "sends metrics but no logs",
    passing: platformStack,
    failing: () => withInputs(platformStack(), "secrets-diagnostics", { logs: [] }),
    message: `diagnostic setting diag-secrets-diagnostics of key vault kv-grunnmur-prod-noe: logs has no enabled categoryGroup "allLogs" or "audit"; add { categoryGroup: "allLogs", enabled: true } (CIS 6.1; NSM 3.2.1)`,
  },
  {
    policy: "logging-diagnostics-to-central-workspace",
    fails: "does not say which workspace is central",
    passing: tenantStack,
    failing: () => ({ ...tenantStack(), outputs: { hubVnetId: tenantStack().outputs.hubVnetId } }),
    message: "the stack names no central workspace: export logAnalyticsWorkspaceId (tenant stacks re-export the platform's) so diagnostic settings can be checked (CIS 6.1; NSM 3.2.1)",
  },
  {
    policy: "logging-workspace-retention",
    fails: "keeps logs for 30 days",
    passing: platformStack,
    failing: () => withInputs(platformStack(), "logs", { retentionInDays: 30 }),
    message: "Log Analytics workspace log-grunnmur-prod-noe: retentionInDays is 30; set it to 90 or more (MCSB LT-6; NSM 3.2.6)",
  },
  {
    policy: "logging-workspace-delete-lock",
    fails: "leaves the log workspace without a delete lock",
    passing: platformStack,
    failing: () => withoutResource(platformStack(), "logs-lock"),
    message:
      'Log Analytics workspace log-grunnmur-prod-noe: has no delete lock; add an authorization ManagementLockByScope with scope set to its id and level "CanNotDelete" (MCSB LT-6; NSM 3.2.6)',
  },
];
