/** The repository's own example region and its eduroam plan, for generator tests. */
import { eduroamPlan, type EduroamPlan, type EduroamRegion, type EduroamTenant } from "../../../domain/eduroam/plan";
import { loadRegion } from "../../../tenants/validation/load-region";
import { DEFAULT_PLATFORM_FILE, DEFAULT_TENANTS_DIR } from "../../../tenants/paths";

export function exampleRegion(): EduroamRegion {
  const load = loadRegion({ tenantsDir: DEFAULT_TENANTS_DIR, platformFile: DEFAULT_PLATFORM_FILE });
  if (!load.region) throw new Error("the example region is not valid");
  return load.region;
}

export function examplePlan(): EduroamPlan {
  const plan = eduroamPlan(exampleRegion());
  if (!plan) throw new Error("the example region has no eduroam section");
  return plan;
}

/** The plan with one tenant changed (or added, when no tenant has that slug). */
export function withTenant(plan: EduroamPlan, tenant: EduroamTenant): EduroamPlan {
  const others = plan.tenants.filter((t) => t.slug !== tenant.slug);
  return { ...plan, tenants: [...others, tenant].sort((a, b) => (a.slug < b.slug ? -1 : 1)) };
}
