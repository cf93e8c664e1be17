import { backupPolicyProperties } from "../../domain/backup/retention";

const extended = { dailyRetentionDays: 35, weeklyRetentionWeeks: 12, monthlyRetentionMonths: 24, yearlyRetentionYears: 10 };

describe("backup policies per tier", () => {
  it("keeps file shares for the tier's days, weeks, months and years", () => {
    const props = backupPolicyProperties(extended, "files");
    expect(props.backupManagementType).toBe("AzureStorage");
    expect(props.retentionPolicy.dailySchedule.retentionDuration).toEqual({ count: 35, durationType: "Days" });
    expect(props.retentionPolicy.weeklySchedule?.retentionDuration).toEqual({ count: 12, durationType: "Weeks" });
    expect(props.retentionPolicy.monthlySchedule?.retentionDuration).toEqual({ count: 24, durationType: "Months" });
    expect(props.retentionPolicy.yearlySchedule?.retentionDuration).toEqual({ count: 10, durationType: "Years" });
  });

  it("leaves out schedules a tier does not keep", () => {
    const props = backupPolicyProperties({ dailyRetentionDays: 30, weeklyRetentionWeeks: 0, monthlyRetentionMonths: 12, yearlyRetentionYears: 0 }, "vms");
    expect(props.backupManagementType).toBe("AzureIaasVM");
    expect(props.retentionPolicy.weeklySchedule).toBeUndefined();
    expect(props.retentionPolicy.yearlySchedule).toBeUndefined();
    expect(props.retentionPolicy.monthlySchedule?.retentionDuration.count).toBe(12);
  });

  it("runs every schedule at the same nightly time", () => {
    const props = backupPolicyProperties(extended, "vms");
    const times = [props.schedulePolicy.scheduleRunTimes, props.retentionPolicy.dailySchedule.retentionTimes, props.retentionPolicy.yearlySchedule?.retentionTimes];
    expect(new Set(times.flat())).toEqual(new Set(["2026-01-01T01:00:00Z"]));
  });
});
