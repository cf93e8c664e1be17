/**
 * The Pulumi project and the platform's stack name. Every URN starts with them,
 * so the region's name check (domain/azure/region-names.ts) needs them as much
 * as the programs do; stacks/contract.ts re-exports them for everyone else.
 * A leaf module: no imports, so the policy pack and the validation load it for free.
 */
export const PROJECT = "grunnmur";
/** The shared platform's stack: the core and the primary hub, whose subnets hold the core. */
export const PLATFORM_STACK = "platform";

/**
 * Every hub but the primary has a stack of its own, `hub-<key>` (docs/hubs.md):
 * its network, firewall, gateway, resolver and its tenants' share of them. No
 * tenant slug may start with it (tenants/validation), so the names never meet.
 */
export const HUB_STACK_PREFIX = "hub-";

/** The primary hub's key (domain/network/hub-placement.ts HUB_MAIN), repeated here to keep this a leaf. */
const PRIMARY_HUB = "main";

/** The stack that holds a hub and its tenants' attachments: the platform's for the primary, `hub-<key>` for another. */
export function hubStackName(hubKey: string): string {
  return hubKey === PRIMARY_HUB ? PLATFORM_STACK : `${HUB_STACK_PREFIX}${hubKey}`;
}

/** The hub key of a hub stack's name; undefined for the platform's and tenants' stacks. */
export function hubKeyOfStack(stack: string): string | undefined {
  return stack.startsWith(HUB_STACK_PREFIX) ? stack.slice(HUB_STACK_PREFIX.length) : undefined;
}

/** A stack's kind: the platform's side (the platform and hub stacks) or a tenant's. */
export function stackKind(stack: string): "platform" | "hub" | "tenant" {
  if (stack === PLATFORM_STACK) return "platform";
  return hubKeyOfStack(stack) !== undefined ? "hub" : "tenant";
}

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
