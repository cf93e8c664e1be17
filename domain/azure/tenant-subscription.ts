/**
 * Which subscription a municipality's resources land in. Three homes:
 *
 * - its own (tenant file `azure.subscriptionId`, registered in platform.yaml
 *   `subscriptions`): the municipality's alone;
 * - its hub's shared tenant subscription (platform.yaml
 *   `network.hub.tenantSubscriptionId` or `network.hubs.<key>.tenantSubscriptionId`):
 *   every tenant of that hub without one of its own;
 * - else the platform's subscription (undefined here: its id is known only once
 *   the deploying identity signs in).
 *
 * Pure, and like hubOf (domain/network/hub-placement.ts) it reads only the
 * tenant's own file and the platform's: adding or removing a municipality
 * moves nobody to another subscription.
 *
 * Why per hub: Azure allows 4,000 role assignments per subscription
 * (https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#azure-rbac-limits);
 * a hub serves a few counties, so its tenants' assignments fit in one
 * subscription where 357 municipalities' would not (docs/hubs.md).
 */
import { HUB_MAIN, hubOf, type HubKey, type TenantHubInput } from "../network/hub-placement";

/** The part of platform.yaml this reads (structural, like PlatformHubsInput). */
export interface PlatformTenantSubscriptionsInput {
  readonly network: {
    readonly hub: { readonly addressSpace: string; readonly tenantSubscriptionId?: string };
    readonly hubs?: Readonly<Record<string, { readonly addressSpace: string; readonly counties?: readonly string[]; readonly tenantSubscriptionId?: string }>>;
  };
}

/** The part of a tenant file this reads. */
export interface TenantSubscriptionInput extends TenantHubInput {
  readonly azure?: { readonly subscriptionId?: string };
}

/** Where a tenant's subscription comes from. */
export type TenantSubscriptionSource = "own" | "hub" | "platform";

export interface TenantSubscription {
  readonly source: TenantSubscriptionSource;
  /** The subscription's id; undefined for the platform's. */
  readonly subscriptionId?: string;
  /** The tenant's hub (hubOf). */
  readonly hub: HubKey;
}

/** A hub's shared tenant subscription, if platform.yaml names one. */
export function hubTenantSubscriptionOf(platform: PlatformTenantSubscriptionsInput, hub: HubKey): string | undefined {
  return hub === HUB_MAIN ? platform.network.hub.tenantSubscriptionId : platform.network.hubs?.[hub]?.tenantSubscriptionId;
}

/** Every hub with a shared tenant subscription, the primary first, then by key. */
export function hubTenantSubscriptions(platform: PlatformTenantSubscriptionsInput): { readonly hub: HubKey; readonly subscriptionId: string }[] {
  const out: { hub: HubKey; subscriptionId: string }[] = [];
  const main = platform.network.hub.tenantSubscriptionId;
  if (main) out.push({ hub: HUB_MAIN, subscriptionId: main });
  const keys = Object.keys(platform.network.hubs ?? {}).filter((k) => k !== HUB_MAIN).sort();
  for (const hub of keys) {
    const id = platform.network.hubs![hub].tenantSubscriptionId;
    if (id) out.push({ hub, subscriptionId: id });
  }
  return out;
}

/** The tenant's subscription and where it comes from: its own, else its hub's, else the platform's. */
export function tenantSubscription(platform: PlatformTenantSubscriptionsInput, spec: TenantSubscriptionInput): TenantSubscription {
  const hub = hubOf(platform, spec);
  const own = spec.azure?.subscriptionId;
  if (own) return { source: "own", subscriptionId: own, hub };
  const shared = hubTenantSubscriptionOf(platform, hub);
  if (shared) return { source: "hub", subscriptionId: shared, hub };
  return { source: "platform", hub };
}

/** The subscription a tenant's resources go to: its own, else its hub's shared one, else undefined (the platform's). */
export function tenantSubscriptionOf(platform: PlatformTenantSubscriptionsInput, spec: TenantSubscriptionInput): string | undefined {
  return tenantSubscription(platform, spec).subscriptionId;
}

/**
 * For code that also runs in validation, before every file is known to be
 * valid (the name registry, the alert plan): a pin naming no hub (reported by
 * tenants/validation/hub-rules.ts) places the tenant nowhere, so it counts as
 * in its own subscription or the platform's, instead of throwing as hubOf
 * does. For valid files the same as tenantSubscription, less the hub.
 */
export function tenantSubscriptionWhileValidating(platform: PlatformTenantSubscriptionsInput, spec: TenantSubscriptionInput): Omit<TenantSubscription, "hub"> {
  const pin = spec.network?.hub;
  const placed = pin === undefined || pin === HUB_MAIN || Object.prototype.hasOwnProperty.call(platform.network.hubs ?? {}, pin);
  if (placed) {
    const { source, subscriptionId } = tenantSubscription(platform, spec);
    return { source, subscriptionId };
  }
  const own = spec.azure?.subscriptionId;
  return own ? { source: "own", subscriptionId: own } : { source: "platform" };
}
