/**
 * Logging rules (LG-01, LG-03): Østre Toten 2021 was fined partly for poor
 * logging. Every resource that can log sends its logs to the one central
 * workspace, which keeps them long enough and cannot be deleted.
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import type { PolicyResource, ReportViolation } from "@pulumi/policy";
import { isWithin } from "../domain/azure/arm-id";
import { resourcePolicy, stackPolicy, type GrunnmurPolicy } from "./core/define";
import { describeResource, expectSetting } from "./core/messages";
import {
  centralWorkspace,
  dependsThrough,
  idOf,
  ofType,
  refersTo,
  refValue,
  WORKSPACE_TYPE,
  type CentralWorkspace,
} from "./core/stack-facts";
import { OUTPUT } from "../stacks/contract";
import { knownList, knownString, sameText, show, UNKNOWN } from "./core/values";

type WorkspaceProps = pulumi.Unwrap<operationalinsights.WorkspaceArgs>;

export const DIAGNOSTIC_SETTING = "azure-native:monitor:DiagnosticSetting";

/**
 * Types whose resource logs matter for an investigation. VNets and NSGs are
 * left out on purpose: traffic is recorded by VNet flow logs (NW-04), and their
 * own diagnostic categories hold little more.
 */
export const DIAGNOSTIC_TYPES: readonly string[] = [
  "azure-native:keyvault:Vault",
  "azure-native:storage:StorageAccount",
  "azure-native:recoveryservices:Vault",
  "azure-native:dataprotection:BackupVault",
  "azure-native:network:AzureFirewall",
  "azure-native:network:VirtualNetworkGateway",
  "azure-native:network:BastionHost",
  "azure-native:network:PublicIPAddress",
  "azure-native:network:ApplicationGateway",
];

const LOG_GROUPS = ["allLogs", "audit"];

function sendsToWorkspace(setting: PolicyResource, workspace: CentralWorkspace): boolean {
  const value = refValue(() => setting.props.workspaceId);
  if (typeof value === "string") return sameText(value, workspace.id);
  return value === UNKNOWN && workspace.resource !== undefined && dependsThrough(setting, "workspaceId", workspace.resource);
}

function logsEverything(setting: PolicyResource): boolean {
  return knownList<Record<string, unknown>>(() => setting.props.logs).some((log) => LOG_GROUPS.includes(String(log.categoryGroup)) && log.enabled === true);
}

export const diagnosticsToCentralWorkspace = () =>
  stackPolicy<{ resourceTypes: readonly string[] }>(
    {
      id: "LG-01",
      name: "logging-diagnostics-to-central-workspace",
      source: "CIS 6.1; NSM 3.2.1",
      title: "Every resource that supports diagnostics sends allLogs (or audit) to the central Log Analytics workspace.",
      enforcementLevel: "mandatory",
      config: { resourceTypes: { default: DIAGNOSTIC_TYPES, description: "Resource types that must have a diagnostic setting." } },
    },
    "any",
    ({ resources }, report, config) => {
      const source = "CIS 6.1; NSM 3.2.1";
      const targets = resources.filter((r) => config.resourceTypes.includes(r.type));
      if (targets.length === 0) return;
      const workspace = centralWorkspace(resources);
      if (!workspace) {
        report(`the stack names no central workspace: export ${OUTPUT.centralWorkspaceId} (tenant stacks re-export the platform's) so diagnostic settings can be checked (${source})`);
      }
      const settings = ofType(resources, DIAGNOSTIC_SETTING);
      for (const target of targets) {
        const label = describeResource(target.type, target.props, target.name);
        // A storage account logs through its services (…/fileServices/default), so ids below it count.
        const mine = settings.filter((s) => refersTo(s, "resourceUri", () => s.props.resourceUri, target, true));
        if (mine.length === 0) {
          report(
            `${label}: has no diagnostic setting; add a monitor DiagnosticSetting with resourceUri set to its id, workspaceId set to the central workspace and logs [{ categoryGroup: "allLogs", enabled: true }] (${source})`,
            target.urn,
          );
          continue;
        }
        if (mine.some((s) => (!workspace || sendsToWorkspace(s, workspace)) && logsEverything(s))) continue;
        for (const setting of mine) {
          const where = `${describeResource(setting.type, setting.props, setting.name)} of ${label}`;
          if (workspace && !sendsToWorkspace(setting, workspace)) {
            report(`${where}: workspaceId is ${show(refValue(() => setting.props.workspaceId))}; set it to the central workspace ${workspace.id ?? "(the platform's)"} (${source})`, setting.urn);
          }
          if (!logsEverything(setting)) {
            report(`${where}: logs has no enabled categoryGroup "allLogs" or "audit"; add { categoryGroup: "allLogs", enabled: true } (${source})`, setting.urn);
          }
        }
      }
    },
  );

export const workspaceRetention = () =>
  resourcePolicy<WorkspaceProps, { minimumRetentionDays: number }>(
    {
      id: "LG-03.1",
      name: "logging-workspace-retention",
      source: "MCSB LT-6; NSM 3.2.6",
      title: "Logs are kept long enough to investigate an incident found late (eduroam needs six months of authentication logs).",
      enforcementLevel: "mandatory",
      config: { minimumRetentionDays: { default: 90, minimum: 30, description: "Fewest days the workspace keeps logs; 180 where eduroam authentication logs are kept." } },
    },
    [WORKSPACE_TYPE],
    (r, report, config) =>
      expectSetting(report, {
        resource: r.label,
        property: "retentionInDays",
        current: r.props.retentionInDays,
        ok: (v) => typeof v === "number" && v >= config.minimumRetentionDays,
        safe: `${config.minimumRetentionDays} or more`,
        source: "MCSB LT-6; NSM 3.2.6",
        unsetMeans: "Azure keeps 30 days",
      }),
  );

const LOCK_BY_SCOPE = "azure-native:authorization:ManagementLockByScope";
const LOCK_AT_RESOURCE = "azure-native:authorization:ManagementLockAtResourceLevel";
const LOCK_AT_GROUP = "azure-native:authorization:ManagementLockAtResourceGroupLevel";
const LOCK_LEVELS = ["CanNotDelete", "ReadOnly"];

/** Whether `lock` covers `target`: a lock on it, or on its resource group. */
export function lockCovers(lock: PolicyResource, target: PolicyResource): boolean {
  const targetId = idOf(target);
  const targetRg = knownString(() => target.props.resourceGroupName);
  const targetName = knownString(() => target.props.workspaceName) ?? knownString(() => target.props.name);
  switch (lock.type) {
    case LOCK_BY_SCOPE: {
      const scope = refValue(() => lock.props.scope);
      if (typeof scope === "string" && targetId) return isWithin(targetId, scope);
      return dependsThrough(lock, "scope", target);
    }
    case LOCK_AT_RESOURCE: {
      const name = knownString(() => lock.props.resourceName);
      if (name && targetName) return sameText(name, targetName) && sameText(knownString(() => lock.props.resourceGroupName), targetRg);
      return dependsThrough(lock, "resourceName", target);
    }
    case LOCK_AT_GROUP:
      return sameText(knownString(() => lock.props.resourceGroupName), targetRg);
    default:
      return false;
  }
}

export const workspaceDeleteLock = () =>
  stackPolicy(
    {
      id: "LG-03.2",
      name: "logging-workspace-delete-lock",
      source: "MCSB LT-6; NSM 3.2.6",
      title: "The log workspace carries a delete lock, so an intruder cannot erase the evidence.",
      enforcementLevel: "mandatory",
    },
    "any",
    ({ resources }, report: ReportViolation) => {
      const locks = ofType(resources, LOCK_BY_SCOPE, LOCK_AT_RESOURCE, LOCK_AT_GROUP).filter((l) => LOCK_LEVELS.includes(String(knownString(() => l.props.level))));
      for (const workspace of ofType(resources, WORKSPACE_TYPE)) {
        if (!locks.some((lock) => lockCovers(lock, workspace))) {
          report(
            `${describeResource(workspace.type, workspace.props, workspace.name)}: has no delete lock; add an authorization ManagementLockByScope with scope set to its id and level "CanNotDelete" (MCSB LT-6; NSM 3.2.6)`,
            workspace.urn,
          );
        }
      }
    },
  );

export function loggingPolicies(): GrunnmurPolicy[] {
  return [diagnosticsToCentralWorkspace(), workspaceRetention(), workspaceDeleteLock()];
}
