import { firstWindowDate, maintenanceSchedule, windowDuration } from "../../domain/compute/maintenance";

describe("a VM's patch window as a maintenance configuration", () => {
  // [today, weekday, first window date]
  const dates: Array<[string, Parameters<typeof firstWindowDate>[1], string]> = [
    ["2026-12-02", "Sunday", "2026-12-06"], // a Wednesday
    ["2026-12-06", "Sunday", "2026-12-13"], // on the day itself: a week later, so the start is in the future
    ["2026-12-30", "Saturday", "2027-01-02"], // across a year end
    ["2028-02-28", "Tuesday", "2028-02-29"], // a leap day
  ];
  it.each(dates)("from %s the first %s is %s", (today, day, first) => {
    expect(firstWindowDate(today, day)).toBe(first);
  });

  it.each([
    [2, "02:00"],
    [3, "03:00"],
    [4, "03:55"], // Update Manager's longest window
  ])("lasts %i hours as %s", (hours, duration) => {
    expect(windowDuration(hours)).toBe(duration);
  });

  it("recurs weekly in Norwegian time, in guest, with the user's schedule, Windows classifications for Windows", () => {
    expect(maintenanceSchedule({ day: "Sunday", start: "02:00", hours: 3 }, "windows", "2026-12-02")).toEqual({
      maintenanceScope: "InGuestPatch",
      visibility: "Custom",
      extensionProperties: { InGuestPatchMode: "User" },
      startDateTime: "2026-12-06 02:00",
      duration: "03:00",
      timeZone: "W. Europe Standard Time",
      recurEvery: "1Week Sunday",
      installPatches: { rebootSetting: "IfRequired", windowsParameters: { classificationsToInclude: ["Critical", "Security", "UpdateRollup", "ServicePack", "Definition", "Updates"] } },
    });
  });

  it("gives Linux only Linux parameters", () => {
    const schedule = maintenanceSchedule({ day: "Saturday", start: "23:30", hours: 2 }, "linux", "2026-12-02");
    expect(schedule.installPatches).toEqual({ rebootSetting: "IfRequired", linuxParameters: { classificationsToInclude: ["Critical", "Security", "Other"] } });
    expect(schedule.startDateTime).toBe("2026-12-05 23:30");
  });
});
