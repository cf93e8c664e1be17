/**
 * The Pulumi project and the platform's stack name. Every URN starts with them,
 * so the region's name check (domain/azure/region-names.ts) needs them as much
 * as the programs do; stacks/contract.ts re-exports them for everyone else.
 * A leaf module: no imports, so the policy pack and the validation load it for free.
 */
export const PROJECT = "grunnmur";
/** The shared platform's stack; every other stack is named after a tenant slug. */
export const PLATFORM_STACK = "platform";
