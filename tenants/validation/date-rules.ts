/**
 * Dates a file states about itself, which nobody else checks: when a waiver
 * was agreed and how long it may hold, and when a restore was last tested. A
 * file cannot waive a policy for years or claim a restore test that has not
 * happened yet.
 *
 * When a waiver was written is a field (`granted`), not read from git blame: a
 * reviewer sees it in the diff, it survives rebases, squashes and file moves,
 * and the Pulumi entry and the pack judge it without a repository.
 */
import type { Waiver } from "../schema/fields";
import type { TenantFile } from "../schema/tenant";
import type { Finding } from "./finding";
import { BUDGET_MAX_MONTHS_AHEAD, monthOf, monthsBetween } from "../../domain/cost/budget-period";

/** The longest a waiver may hold: it is renewed in a reviewed change at least once a year. */
export const WAIVER_MAX_MONTHS = 12;

/** Today in the local calendar (Norway), as YYYY-MM-DD. */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** `date` plus `months` calendar months; a day the month lacks becomes its last day (2026-08-31 + 6 → 2027-02-28). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split("-").map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

export function checkWaiverDates(waivers: readonly Waiver[], today: string): Finding[] {
  const findings: Finding[] = [];
  waivers.forEach((waiver, i) => {
    if (waiver.granted > today) {
      findings.push({
        path: ["waivers", i, "granted"],
        message: `${waiver.granted} is in the future (today is ${today}); write the day the waiver was agreed, which starts its ${WAIVER_MAX_MONTHS} months`,
      });
      return;
    }
    const latest = addMonths(waiver.granted, WAIVER_MAX_MONTHS);
    if (waiver.expires < waiver.granted) {
      findings.push({ path: ["waivers", i, "expires"], message: `${waiver.expires} is before granted (${waiver.granted}); a waiver expires after the day it was agreed, at the latest ${latest}` });
    } else if (waiver.expires > latest) {
      findings.push({
        path: ["waivers", i, "expires"],
        message: `${waiver.expires} is more than ${WAIVER_MAX_MONTHS} months after granted (${waiver.granted}); a waiver holds at most ${WAIVER_MAX_MONTHS} months, so expire it on or before ${latest} and renew it in a reviewed change if it is still needed`,
      });
    }
  });
  return findings;
}

export function checkTenantDates(tenant: TenantFile, today: string): Finding[] {
  const findings = checkWaiverDates(tenant.waivers, today);
  const tested = tenant.backup?.lastRestoreTest;
  if (tested !== undefined && tested > today) {
    findings.push({
      path: ["backup", "lastRestoreTest"],
      message: `${tested} is in the future (today is ${today}); record the day the last test restore was done, or leave it out until one is`,
    });
  }
  // The budget starts in the month joined, and Azure refuses a budget starting more than twelve months ahead.
  if (tenant.joined !== undefined && monthsBetween(monthOf(today), tenant.joined) > BUDGET_MAX_MONTHS_AHEAD) {
    findings.push({
      path: ["joined"],
      message: `${tenant.joined} is more than ${BUDGET_MAX_MONTHS_AHEAD} months ahead (today is ${today}); write the month the municipality joins the platform (YYYY-MM), at most ${BUDGET_MAX_MONTHS_AHEAD} months from now, because its Azure budget starts then`,
    });
  }
  return findings;
}
