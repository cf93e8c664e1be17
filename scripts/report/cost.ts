/**
 * The report's money: the region priced before and after with estimateCosts, the
 * function `grunnmur cost` prices with, from the same tenant facts, so the report's
 * cost change is the difference of two `grunnmur cost` runs and cannot drift from it
 * (an earlier, separate sum left out backup storage: NOK 481 against 614).
 */
import { estimateCosts, type CostReport, type MemberCost, type TenantFacts } from "../../domain/cost/estimate";
import type { ChargedByUse } from "../../domain/cost/charged-by-use";
import { DEFAULT_ASSUMPTIONS } from "../../domain/cost/meters";
import { WORKLOAD_SERVICE } from "../../domain/cost/workloads";
import type { PlatformFile } from "../../tenants/schema/platform";
import { PLATFORM_STACK, stackKind } from "../../stacks/contract";
import { attachmentTenant, covers } from "../preview/platform-scope";
import type { StackPreview } from "../preview/preview-file";
import type { StackDiff } from "./diff";

/**
 * The whole region after the change. A scoped preview (--only, --changed-since) holds the
 * previewed tenants and their share of the platform; the rest of the region is as the
 * baseline has it, which is what the change leaves alone. Tenants whose files are gone
 * (not in the scope's regionTenants) are left out.
 */
export function wholeRegion(baseline: ReadonlyMap<string, StackPreview>, current: ReadonlyMap<string, StackPreview>): Map<string, StackPreview> {
  const platform = current.get(PLATFORM_STACK);
  const scope = platform?.scope;
  if (!platform || !scope) return new Map(current);
  // The platform's and each hub's stack: what the scoped preview attached, and the baseline's other attachments.
  const whole = (stack: string, now: StackPreview) => {
    const untouched = (baseline.get(stack)?.resources ?? []).filter((r) => {
      const tenant = attachmentTenant(r);
      return tenant !== undefined && !covers(now.scope ?? scope, tenant);
    });
    return { ...now, scope: undefined, resources: [...now.resources, ...untouched] };
  };
  const out = new Map<string, StackPreview>([[PLATFORM_STACK, whole(PLATFORM_STACK, platform)]]);
  // A hub stack the scoped preview did not run (none of its tenants changed) is as the baseline has it.
  for (const stack of scope.hubStacks ?? []) {
    const now = current.get(stack);
    const preview = now ? whole(stack, now) : baseline.get(stack);
    if (preview) out.set(stack, preview);
  }
  for (const slug of scope.regionTenants) {
    const preview = scope.tenants.includes(slug) ? current.get(slug) : baseline.get(slug);
    if (preview) out.set(slug, preview);
  }
  return out;
}

/** The region priced as `grunnmur cost` prices it; `facts` in the order of the tenant files, only those with a preview. */
export function priceRegion(platform: PlatformFile, previews: ReadonlyMap<string, StackPreview>, facts: readonly TenantFacts[], chargedByUse: readonly ChargedByUse[]): CostReport | undefined {
  const platformPreview = previews.get(PLATFORM_STACK);
  if (!platformPreview) return undefined;
  const priced = facts.filter((f) => previews.has(f.slug));
  const hubs = [...previews.values()].filter((p) => stackKind(p.stack) === "hub");
  return estimateCosts(platform, { platform: platformPreview, hubs, tenants: priced.map((f) => previews.get(f.slug)!) }, priced, DEFAULT_ASSUMPTIONS, chargedByUse);
}

/** A stack's own monthly cost in a priced region: the sum of its cost lines. */
export function stackMonthly(report: CostReport | undefined, stack: string): number {
  return (report?.lines ?? []).filter((l) => l.stack === stack).reduce((a, l) => a + l.monthlyNok, 0);
}

/**
 * What the retained resources of a change (removed from the program, kept in Azure) cost a
 * month, priced in the baseline: they are still billed, so their cost is no saving.
 */
export function retainedMonthly(before: CostReport | undefined, diffs: readonly StackDiff[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of diffs) {
    const retained = d.changes.filter((c) => c.kind === "removed" && c.retained);
    if (retained.length === 0) continue;
    const key = (type: string, name: string) => `${type}\u0000${name}`;
    const names = new Set(retained.map((c) => key(c.type, c.name)));
    const nok = (before?.lines ?? []).filter((l) => l.stack === d.stack && names.has(key(l.type, l.resource))).reduce((a, l) => a + l.monthlyNok, 0);
    out.set(d.stack, nok);
  }
  return out;
}

export interface MunicipalityTotal {
  readonly slug: string;
  readonly displayName: string;
  /** Own resources without hosting, NOK a month. */
  readonly own: number;
  readonly platformShare: number;
  /** Its VMs and their backups (the workloads service). */
  readonly hosting: number;
  readonly total: number;
  /** Total before the change; undefined for a municipality the change adds. */
  readonly totalBefore?: number;
  /** The tenant file's budget.monthlyNok, when it has one. */
  readonly budget?: number;
}

function split(m: MemberCost): { own: number; hosting: number } {
  const hosting = m.ownMonthlyByService[WORKLOAD_SERVICE] ?? 0;
  return { own: m.ownMonthly - hosting, hosting };
}

/** Each municipality whose monthly total the change moves, or whose stack it changes; its budget from `budgets`. */
export function municipalityTotals(before: CostReport | undefined, after: CostReport | undefined, changedStacks: ReadonlySet<string>, budgets: ReadonlyMap<string, number>): MunicipalityTotal[] {
  if (!after) return [];
  const was = new Map((before?.members ?? []).map((m) => [m.slug, m]));
  return after.members
    .filter((m) => changedStacks.has(m.slug) || Math.round(m.totalMonthly) !== Math.round(was.get(m.slug)?.totalMonthly ?? Number.NaN))
    .map((m) => ({ slug: m.slug, displayName: m.displayName, ...split(m), platformShare: m.platformShareMonthly, total: m.totalMonthly, totalBefore: was.get(m.slug)?.totalMonthly, budget: budgets.get(m.slug) }));
}
