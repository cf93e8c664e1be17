/**
 * The Pulumi project and the platform's stack name. Every URN starts with them,
 * so the region's name check (domain/azure/region-names.ts) needs them as much
 * as the programs do; stacks/contract.ts re-exports them for everyone else.
 * A leaf module: no imports, so the policy pack and the validation load it for free.
 */
export const PROJECT = "grunnmur";
/** The shared platform's stack; every other stack is named after a tenant slug. */
export const PLATFORM_STACK = "platform";

/** A tenant's stack is named after its slug, which therefore never changes after deployment. */
export function tenantStackName(slug: string): string {
  return slug;
}

/** Whether a stack reference (`<slug>`, `<org>/<slug>` or `<org>/grunnmur/<slug>`) names this tenant's stack. */
export function namesTenantStack(reference: string, slug: string): boolean {
  const parts = reference.split("/");
  if (parts.length > 3 || parts[parts.length - 1] !== tenantStackName(slug)) return false;
  return parts.length < 3 || parts[1] === PROJECT;
}
