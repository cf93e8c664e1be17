/**
 * What the region site is made from: the validated region and catalogue, and
 * whatever previews `grunnmur preview` left. Figures that only a preview can give
 * (resources, policy status, cost) are shown only when the previews are there;
 * the pages say which are missing rather than invent them.
 */
import type { Region } from "../../tenants/region";
import type { Catalogue } from "../../tenants/schema/catalogue";
import type { StackPreview } from "../preview/preview-file";
import { estimateCosts, type CostReport } from "../../domain/cost/estimate";
import { DEFAULT_ASSUMPTIONS } from "../../domain/cost/meters";
import { workloadVms } from "../../domain/cost/workloads";

export interface SitePreviews {
  /** Where the previews were looked for, as the pages name it. */
  readonly dir: string;
  readonly platform?: StackPreview;
  /** By tenant slug. */
  readonly tenants: Readonly<Record<string, StackPreview>>;
}

export type SiteCost = { readonly ok: true; readonly report: CostReport } | { readonly ok: false; readonly reason: string };

export interface SiteInput {
  readonly region: Region;
  readonly catalogue: Catalogue;
  readonly previews: SitePreviews;
  readonly cost: SiteCost;
  /** YYYY-MM-DD, printed in every page's footer. */
  readonly generatedOn: string;
}

/** The stacks of the region that have no preview. */
export function missingPreviews(region: Region, previews: SitePreviews): string[] {
  return [...(previews.platform ? [] : ["platform"]), ...region.tenants.map((t) => t.spec.slug).filter((slug) => !previews.tenants[slug])];
}

/**
 * The cost estimate, as `grunnmur cost` makes it, when every stack has a preview of
 * the whole region; otherwise why there is none, in words for the page.
 */
export function siteCost(region: Region, previews: SitePreviews): SiteCost {
  const missing = missingPreviews(region, previews);
  if (missing.length > 0) {
    return { ok: false, reason: `no cost is estimated without a preview of every stack: ${missing.join(", ")} ${missing.length === 1 ? "has" : "have"} none in ${previews.dir}. Run "grunnmur preview" first.` };
  }
  const scoped = [previews.platform!, ...Object.values(previews.tenants)].find((p) => p.scope);
  if (scoped) {
    return { ok: false, reason: `the preview of ${scoped.stack} in ${previews.dir} covers only some tenants (made with --only or --changed-since), so it cannot price the whole platform. Run "grunnmur preview" without them.` };
  }
  const tenants = region.tenants.map((t) => previews.tenants[t.spec.slug]);
  try {
    return { ok: true, report: estimateOf(region, previews.platform!, tenants) };
  } catch (err) {
    // The estimate names what the price table lacks; the page says so instead of failing the site.
    return { ok: false, reason: `the cost cannot be estimated: ${(err as Error).message}.` };
  }
}

function estimateOf(region: Region, platform: StackPreview, tenants: readonly StackPreview[]): CostReport {
  return estimateCosts(
    region.platform,
    { platform, tenants },
    region.tenants.map((t) => ({
      slug: t.spec.slug,
      displayName: t.spec.displayName,
      population: t.spec.population,
      backupGb: t.spec.backup?.estimatedGb,
      vms: workloadVms(t.spec.systems, t.spec.backup?.tier),
      sharedServices: Object.keys(t.spec.sharedServices),
    })),
    DEFAULT_ASSUMPTIONS,
  );
}
