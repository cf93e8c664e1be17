/**
 * A VM's patch window as Azure Update Manager takes it: a maintenance
 * configuration of scope InGuestPatch recurring weekly in Norwegian time. Pure.
 *
 * Azure facts (Microsoft.Maintenance/maintenanceConfigurations,
 * https://learn.microsoft.com/azure/templates/microsoft.maintenance/maintenanceconfigurations,
 * and the azure-native SDK's MaintenanceConfigurationArgs):
 * - startDateTime is "YYYY-MM-DD hh:mm" in the time zone given, "the current
 *   date or a future date"; duration is "HH:mm"; recurEvery for weekly
 *   schedules is "[n]Week(s) [weekdays]", e.g. "Week Saturday,Sunday".
 * - timeZone is a Windows time zone id ("List of timezones can be obtained by
 *   executing [System.TimeZoneInfo]::GetSystemTimeZones()", e.g. "W. Europe
 *   Standard Time"), not an IANA name: Norway (Europe/Oslo) is "W. Europe
 *   Standard Time", which follows Norwegian summer time.
 * - installPatches: rebootSetting Always | IfRequired | Never; Windows
 *   classifications Critical, Security, UpdateRollup, FeaturePack, ServicePack,
 *   Definition, Tools, Updates; Linux Critical, Security, Other.
 * - Scheduled patching needs extensionProperties.InGuestPatchMode "User"
 *   (Update Manager's scheduled patching; not re-verified here) and, on the VM,
 *   patchMode AutomaticByPlatform with bypassPlatformSafetyChecksOnUserSchedule
 *   (https://learn.microsoft.com/azure/update-manager/prerequsite-for-schedule-patching).
 * - Update Manager's window lasts at most 3 hours 55 minutes (from Learn's
 *   scheduled patching page, not re-verified here): a file's 4 hours become 03:55.
 */
import type { OsFamily } from "./images";

export const NORWAY_WINDOWS_TIME_ZONE = "W. Europe Standard Time";
export const MAX_WINDOW_MINUTES = 3 * 60 + 55;

export const WINDOWS_PATCH_CLASSIFICATIONS = ["Critical", "Security", "UpdateRollup", "ServicePack", "Definition", "Updates"] as const;
export const LINUX_PATCH_CLASSIFICATIONS = ["Critical", "Security", "Other"] as const;

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface PatchWindow {
  readonly day: Weekday;
  /** HH:MM, Norwegian time. */
  readonly start: string;
  readonly hours: number;
}

/** The fields of azure-native's MaintenanceConfigurationArgs that say when and what. */
export interface MaintenanceSchedule {
  readonly maintenanceScope: "InGuestPatch";
  readonly visibility: "Custom";
  readonly extensionProperties: { readonly InGuestPatchMode: "User" };
  readonly startDateTime: string;
  readonly duration: string;
  readonly timeZone: string;
  readonly recurEvery: string;
  readonly installPatches: {
    readonly rebootSetting: "IfRequired";
    readonly windowsParameters?: { readonly classificationsToInclude: readonly string[] };
    readonly linuxParameters?: { readonly classificationsToInclude: readonly string[] };
  };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The first date after `today` (YYYY-MM-DD) that falls on `day`: a start in the future, as Azure asks. */
export function firstWindowDate(today: string, day: Weekday): string {
  const [y, m, d] = today.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  const ahead = ((WEEKDAYS.indexOf(day) - date.getUTCDay() + 7) % 7) || 7;
  date.setUTCDate(date.getUTCDate() + ahead);
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** "HH:mm" for whole hours, capped at Update Manager's longest window. */
export function windowDuration(hours: number): string {
  const minutes = Math.min(hours * 60, MAX_WINDOW_MINUTES);
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/**
 * `today` only sets the first window's date; the component ignores later
 * changes to startDateTime, so a preview next week shows no change.
 */
export function maintenanceSchedule(window: PatchWindow, os: OsFamily, today: string): MaintenanceSchedule {
  return {
    maintenanceScope: "InGuestPatch",
    visibility: "Custom",
    extensionProperties: { InGuestPatchMode: "User" },
    startDateTime: `${firstWindowDate(today, window.day)} ${window.start}`,
    duration: windowDuration(window.hours),
    timeZone: NORWAY_WINDOWS_TIME_ZONE,
    recurEvery: `1Week ${window.day}`,
    installPatches:
      os === "windows"
        ? { rebootSetting: "IfRequired", windowsParameters: { classificationsToInclude: [...WINDOWS_PATCH_CLASSIFICATIONS] } }
        : { rebootSetting: "IfRequired", linuxParameters: { classificationsToInclude: [...LINUX_PATCH_CLASSIFICATIONS] } },
  };
}
