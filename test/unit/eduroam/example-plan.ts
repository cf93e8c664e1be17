/** The eduroam plan of the repository's own example region, for generator tests. */
import { eduroamPlan, type EduroamPlan, type EduroamTenant } from "../../../domain/eduroam/plan";
import { loadRegion } from "../../../tenants/validation/load-region";
import { DEFAULT_PLATFORM_FILE, DEFAULT_TENANTS_DIR } from "../../../tenants/paths";

export function examplePlan(): EduroamPlan {
  const load = loadRegion({ tenantsDir: DEFAULT_TENANTS_DIR, platformFile: DEFAULT_PLATFORM_FILE });
  const plan = load.region && eduroamPlan(load.region);
  if (!plan) throw new Error("the example region is not valid or has no eduroam section");
  return plan;
}

/** The plan with one tenant changed (or added, when no tenant has that slug). */
export function withTenant(plan: EduroamPlan, tenant: EduroamTenant): EduroamPlan {
  const others = plan.tenants.filter((t) => t.slug !== tenant.slug);
  return { ...plan, tenants: [...others, tenant].sort((a, b) => (a.slug < b.slug ? -1 : 1)) };
}
