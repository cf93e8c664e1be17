/**
 * Whether the `platform` stack reads a tenant file, beyond the attachments of
 * the tenants on the primary hub (domain/azure/stack-names.ts). A tenant on
 * another hub has its peering, firewall rule groups, VPN sites and alerts in
 * `hub-<key>`, so editing its file leaves the platform alone, unless the file
 * holds one of the parts below, which the shared core reads for every tenant
 * whatever its hub. `grunnmur changed` previews and deploys the platform when
 * either version of a changed file (before and after) has one of them.
 *
 * Structural and lenient on purpose: the baseline version of a file comes from
 * git and may not pass today's schema, so this reads plain parsed YAML.
 */

/** The parts of a tenant file this looks at, as parsed YAML (unvalidated). */
export interface PlatformReadsInput {
  readonly wifi?: unknown;
  readonly azure?: { readonly subscriptionId?: unknown; readonly subscription?: { readonly create?: unknown } | null } | null;
  readonly waivers?: unknown;
  readonly offboarding?: unknown;
  readonly network?: { readonly hub?: unknown; readonly addressSpace?: unknown } | null;
}

export interface PlatformRead {
  /** The field of the tenant file, as a path. */
  readonly field: string;
  /** Why the platform stack reads it. */
  readonly reason: string;
  readonly present: (spec: PlatformReadsInput) => boolean;
}

const set = (value: unknown): boolean => value !== undefined && value !== null;

/** Every part of a tenant file that the platform stack reads, whichever hub the tenant is on. */
export const PLATFORM_READS: readonly PlatformRead[] = [
  // Not wifi: another hub's municipality's RADIUS clients, realm and backend are in its hub's bundle
  // (domain/eduroam/delivery.ts hubRadiusDelivery) and the core's return routes to its access points' sites
  // are its hub stack's (domain/network/routes.ts coreRadiusReturnRoutes), both written by `hub-<key>`.
  // Not azure.subscriptionId: a municipality's own subscription on another hub is placed and gets Defender from
  // that hub's stack (domain/governance/placement-stack.ts), and a tenant in its hub's shared subscription has
  // no azure section at all. Not offboarding either: an approved departure only moves that own subscription to
  // the decommissioned group, which the hub's stack writes too. Nor waivers: their exemptions are the hub stack's
  // (stacks/hub/governance.ts, components/governance/waiver-exemptions.ts).
  {
    field: "azure.subscription.create",
    // stacks/platform/governance.ts: subscriptionAliases. Anything but false counts: the baseline may hold a value today's schema refuses.
    reason: "the platform vends the requested subscription (Microsoft.Subscription/aliases) and places it",
    present: (spec) => set(spec.azure?.subscription?.create) && spec.azure?.subscription?.create !== false,
  },
  {
    field: "network.hub",
    // domain/network/routes.ts OtherHubRoutes: the primary hub's route tables send the answers to another hub's
    // tenants back through that hub's firewall, one route per county range, plus one per spoke outside them.
    reason: "a pinned tenant may lie outside its hub's county ranges, so the core gets a route for it",
    present: (spec) => set(spec.network?.hub),
  },
  {
    field: "network.addressSpace",
    // domain/network/routes.ts OtherHubRoutes.countyRanges: the same holds for an address space set in the file.
    reason: "a spoke with its own address space may lie outside its hub's county ranges, so the core gets a route for it",
    present: (spec) => set(spec.network?.addressSpace),
  },
];

/** The parts of the file the platform reads; empty when only the tenant's hub stack and its own read it. */
export function platformReadsOf(spec: PlatformReadsInput): PlatformRead[] {
  return PLATFORM_READS.filter((read) => read.present(spec));
}

/** Whether the platform stack reads something of this tenant file whatever the tenant's hub. */
export function platformReadsTenant(spec: PlatformReadsInput): boolean {
  return platformReadsOf(spec).length > 0;
}
