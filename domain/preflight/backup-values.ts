/**
 * The ranges Azure Backup accepts in a Recovery Services backup policy
 * (ProtectionPolicy), per workload: how long it keeps daily, weekly, monthly and
 * yearly recovery points, and how long an Azure VM's instant-restore snapshots stay.
 */
import { azureNameOf, inputAt, ofTypes, preflightRule, type PreflightResource, type PreflightRule, type Problem } from "./rule";

const POLICY = "azure-native:recoveryservices:ProtectionPolicy";

// "Azure Virtual Machine backup policy supports a minimum retention range of 7 days up to 9999 days."
const VM_FAQ_URL = "https://learn.microsoft.com/azure/backup/backup-azure-vm-backup-faq";
// Instant-restore snapshots: "configurable ... 1 to 5 days for Standard policy and 1 to 30 days for Enhanced policy".
const INSTANT_RESTORE_URL = "https://learn.microsoft.com/azure/backup/backup-instant-restore-capability";
// Retention limits (snapshots): daily 200 days, weekly 200 weeks, monthly 120 months, yearly 10 years.
const FILE_SHARE_MATRIX_URL = "https://learn.microsoft.com/azure/backup/azure-file-share-support-matrix";

interface Range {
  readonly path: string;
  readonly min: number;
  readonly max: number;
  readonly unit: string;
}

function outOfRange(policy: PreflightResource, range: Range, reference?: string): Problem | undefined {
  const value = inputAt(policy, range.path);
  if (typeof value !== "number" || (Number.isInteger(value) && value >= range.min && value <= range.max)) return undefined;
  return { resource: policy, subject: "backup policy", azureName: azureNameOf(policy), property: range.path, value: String(value), allowed: `${range.min}-${range.max} ${range.unit}`, ...(reference ? { reference } : {}) };
}

const policiesFor = (stack: Parameters<PreflightRule["check"]>[0], managementType: string) => ofTypes(stack, POLICY).filter((p) => inputAt(p, "properties.backupManagementType") === managementType);

export const vmBackupPolicyValues = preflightRule(
  {
    id: "PF-48",
    name: "backup-policy-vm-values",
    summary: "An Azure VM backup policy keeps daily recovery points 7 to 9999 days, and a Standard (daily) policy keeps instant-restore snapshots 1 to 5 days.",
    reference: VM_FAQ_URL,
    furtherReferences: [INSTANT_RESTORE_URL],
  },
  function* (stack): Iterable<Problem> {
    for (const policy of policiesFor(stack, "AzureIaasVM")) {
      const daily = outOfRange(policy, { path: "properties.retentionPolicy.dailySchedule.retentionDuration.count", min: 7, max: 9999, unit: "days for an Azure VM" });
      if (daily) yield daily;
      // The Enhanced policy (SimpleSchedulePolicyV2) allows 1-30 days; only the Standard one is held to 1-5.
      if (inputAt(policy, "properties.schedulePolicy.schedulePolicyType") !== "SimpleSchedulePolicy") continue;
      const instant = outOfRange(policy, { path: "properties.instantRpRetentionRangeInDays", min: 1, max: 5, unit: "days for a Standard (daily) policy" }, INSTANT_RESTORE_URL);
      if (instant) yield instant;
    }
  },
);

const FILE_SHARE_RANGES: readonly Range[] = [
  { path: "properties.retentionPolicy.dailySchedule.retentionDuration.count", min: 1, max: 200, unit: "days" },
  { path: "properties.retentionPolicy.weeklySchedule.retentionDuration.count", min: 1, max: 200, unit: "weeks" },
  { path: "properties.retentionPolicy.monthlySchedule.retentionDuration.count", min: 1, max: 120, unit: "months" },
  { path: "properties.retentionPolicy.yearlySchedule.retentionDuration.count", min: 1, max: 10, unit: "years" },
];

export const fileShareBackupPolicyValues = preflightRule(
  {
    id: "PF-49",
    name: "backup-policy-file-share-values",
    summary: "An Azure Files (snapshot) backup policy keeps daily recovery points at most 200 days, weekly 200 weeks, monthly 120 months and yearly 10 years.",
    reference: FILE_SHARE_MATRIX_URL,
  },
  function* (stack): Iterable<Problem> {
    // A vaulted Azure Files policy (vaultRetentionPolicy) has other limits; only snapshot policies are judged.
    for (const policy of policiesFor(stack, "AzureStorage").filter((p) => inputAt(p, "properties.vaultRetentionPolicy") === undefined)) {
      for (const range of FILE_SHARE_RANGES) {
        const problem = outOfRange(policy, { ...range, unit: `${range.unit} for an Azure file share` });
        if (problem) yield problem;
      }
    }
  },
);

export const BACKUP_PREFLIGHT_RULES: readonly PreflightRule[] = [vmBackupPolicyValues, fileShareBackupPolicyValues];
