/**
 * Backup policy properties per tier and workload, from the platform file's
 * retention figures. Pure, so the retention a municipality is promised can be
 * tested without Azure.
 */
export interface BackupTier {
  readonly dailyRetentionDays: number;
  readonly weeklyRetentionWeeks: number;
  readonly monthlyRetentionMonths: number;
  readonly yearlyRetentionYears: number;
}

export type BackupWorkload = "files" | "vms";

/** Backups run at 01:00 UTC, outside the municipalities' working hours. */
const RUN_TIME = "2026-01-01T01:00:00Z";
const TIME_ZONE = "UTC";

function retention(tier: BackupTier) {
  const firstSunday = { daysOfTheWeek: ["Sunday" as const], weeksOfTheMonth: ["First" as const] };
  return {
    retentionPolicyType: "LongTermRetentionPolicy" as const,
    dailySchedule: { retentionTimes: [RUN_TIME], retentionDuration: { count: tier.dailyRetentionDays, durationType: "Days" } },
    weeklySchedule:
      tier.weeklyRetentionWeeks > 0
        ? { daysOfTheWeek: ["Sunday" as const], retentionTimes: [RUN_TIME], retentionDuration: { count: tier.weeklyRetentionWeeks, durationType: "Weeks" } }
        : undefined,
    monthlySchedule:
      tier.monthlyRetentionMonths > 0
        ? {
            retentionScheduleFormatType: "Weekly",
            retentionScheduleWeekly: firstSunday,
            retentionTimes: [RUN_TIME],
            retentionDuration: { count: tier.monthlyRetentionMonths, durationType: "Months" },
          }
        : undefined,
    yearlySchedule:
      tier.yearlyRetentionYears > 0
        ? {
            retentionScheduleFormatType: "Weekly",
            monthsOfYear: ["January" as const],
            retentionScheduleWeekly: firstSunday,
            retentionTimes: [RUN_TIME],
            retentionDuration: { count: tier.yearlyRetentionYears, durationType: "Years" },
          }
        : undefined,
  };
}

export function backupPolicyProperties(tier: BackupTier, workload: BackupWorkload) {
  const schedulePolicy = { schedulePolicyType: "SimpleSchedulePolicy" as const, scheduleRunFrequency: "Daily", scheduleRunTimes: [RUN_TIME] };
  if (workload === "files") {
    return { backupManagementType: "AzureStorage" as const, workLoadType: "AzureFileShare", schedulePolicy, retentionPolicy: retention(tier), timeZone: TIME_ZONE };
  }
  return {
    backupManagementType: "AzureIaasVM" as const,
    // Instant restore snapshots kept two days; longer retention lives in the vault.
    instantRpRetentionRangeInDays: 2,
    schedulePolicy,
    retentionPolicy: retention(tier),
    timeZone: TIME_ZONE,
  };
}
