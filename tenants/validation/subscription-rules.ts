/**
 * Own subscriptions: the deploy identity creates a municipality's resources
 * (and locks and role assignments) in whatever subscription its tenant file
 * names, so a file could otherwise point them at another municipality's
 * subscription or the platform's. A tenant file's azure.subscriptionId counts
 * only when platform.yaml registers that subscription for that municipality
 * (`subscriptions.<slug>`), and no subscription is registered twice.
 */
import type { PlatformInput, TenantInput } from "./checked-files";
import type { Diagnostic, FieldPath } from "./diagnostic";
import { diagnosticAt } from "./yaml-source";
import { HUB_MAIN } from "../../domain/network/hub-placement";
import { hubTenantSubscriptions } from "../../domain/azure/tenant-subscription";

export function checkSubscriptions(platform: PlatformInput, tenants: readonly TenantInput[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const registry = platform.spec.subscriptions;
  const owners = new Map<string, string>();
  for (const [slug, id] of Object.entries(registry)) {
    const other = owners.get(id.toLowerCase());
    if (other !== undefined) {
      out.push(diagnosticAt(platform.source, ["subscriptions", slug], `${id} is registered for ${other} already; a subscription belongs to one municipality`));
    } else {
      owners.set(id.toLowerCase(), slug);
    }
  }
  const hubSubscriptions = new Map(
    hubTenantSubscriptions(platform.spec).map(({ hub, subscriptionId }) => [
      subscriptionId.toLowerCase(),
      { hub, field: hub === HUB_MAIN ? "network.hub.tenantSubscriptionId" : `network.hubs.${hub}.tenantSubscriptionId` },
    ]),
  );
  for (const { source, spec } of tenants) {
    const id = spec.azure.subscriptionId;
    if (id === undefined) continue;
    const registered = registry[spec.slug];
    if (registered !== undefined && registered.toLowerCase() === id.toLowerCase()) continue;
    const owner = owners.get(id.toLowerCase());
    const hub = hubSubscriptions.get(id.toLowerCase());
    const why =
      owner !== undefined && owner !== spec.slug
        ? `is ${owner}'s subscription (subscriptions.${owner} in ${platform.source.file})`
        : hub !== undefined && registered === undefined
          ? `is hub ${hub.hub}'s shared tenant subscription (${hub.field} in ${platform.source.file}), not a subscription of ${spec.slug}'s own`
          : registered !== undefined
          ? `is not the subscription ${platform.source.file} registers for ${spec.slug} (subscriptions.${spec.slug}: ${registered})`
          : `is not registered for ${spec.slug} in ${platform.source.file}`;
    out.push(
      diagnosticAt(
        source,
        ["azure", "subscriptionId"],
        `${id} ${why}; the regional team registers a municipality's own subscription under subscriptions.${spec.slug} once it has checked the municipality owns it; leave azure out to use the platform's`,
      ),
    );
  }
  out.push(...checkVendingRequests(platform, tenants));
  out.push(...checkHubTenantSubscriptions(platform, tenants));
  return out;
}

/**
 * A hub's shared tenant subscription (network.hub.tenantSubscriptionId,
 * network.hubs.<key>.tenantSubscriptionId; domain/azure/tenant-subscription.ts).
 * It is not registered under `subscriptions`: that registry exists because a
 * tenant file, which a municipality edits, names its own subscription, and the
 * platform team vouches for it there. A hub's subscription is named in
 * platform.yaml itself, the platform team's file, so naming it is the vouching.
 * What must not happen is that it is also someone's own: a registered
 * subscription, one a tenant file names, or another hub's, since each of them
 * would then hold two owners' role assignments and be placed twice in the
 * management groups. platform.yaml does not name the platform's own
 * subscription (the deploying identity's, from the stack's configuration), so
 * that collision cannot be checked here; docs/hubs.md says to use a new one.
 */
function checkHubTenantSubscriptions(platform: PlatformInput, tenants: readonly TenantInput[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const file = platform.source.file;
  const network = platform.spec.network;
  const named: { hub: string; path: FieldPath; id: string }[] = [];
  if (network.hub.tenantSubscriptionId) named.push({ hub: HUB_MAIN, path: ["network", "hub", "tenantSubscriptionId"], id: network.hub.tenantSubscriptionId });
  for (const key of Object.keys(network.hubs ?? {}).sort()) {
    const id = network.hubs![key].tenantSubscriptionId;
    if (id) named.push({ hub: key, path: ["network", "hubs", key, "tenantSubscriptionId"], id });
  }
  const registered = new Map(Object.entries(platform.spec.subscriptions).map(([slug, id]) => [id.toLowerCase(), slug]));
  const usedByTenant = new Map<string, TenantInput>();
  for (const t of tenants) {
    const id = t.spec.azure.subscriptionId;
    if (id !== undefined && !usedByTenant.has(id.toLowerCase())) usedByTenant.set(id.toLowerCase(), t);
  }
  const hubs = new Map<string, string>();
  const fix = "name a subscription used for nothing else, or leave tenantSubscriptionId out to keep the hub's municipalities in the platform's subscription";
  for (const { hub, path, id } of named) {
    const key = id.toLowerCase();
    const otherHub = hubs.get(key);
    const slug = registered.get(key);
    const tenant = usedByTenant.get(key);
    const why =
      otherHub !== undefined
        ? `is hub ${otherHub}'s tenant subscription already; each hub has a subscription of its own, so its role assignments count against its own limit`
        : slug !== undefined
          ? `is ${slug}'s own subscription (subscriptions.${slug} in ${file}); a hub's shared subscription cannot also be a municipality's own`
          : tenant !== undefined
            ? `is the own subscription ${tenant.source.file} names (azure.subscriptionId); a hub's shared subscription cannot also be a municipality's own`
            : undefined;
    if (otherHub === undefined) hubs.set(key, hub);
    if (why !== undefined) out.push(diagnosticAt(platform.source, path, `${id} ${why}; ${fix}`));
  }
  return out;
}

/**
 * A subscription costs money and lands in the region's management groups, so a
 * tenant file can only ask for one (azure.subscription.create); the platform team
 * approves by listing the slug in governance.subscriptionVending.vend. Both are
 * needed: a request not approved fails here, and an approval nobody asked for too.
 */
function checkVendingRequests(platform: PlatformInput, tenants: readonly TenantInput[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const vending = platform.spec.governance?.subscriptionVending;
  const approved = new Set(vending?.vend ?? []);
  const requested = new Set<string>();
  for (const { source, spec } of tenants) {
    if (spec.azure.subscription?.create !== true) continue;
    requested.add(spec.slug);
    if (approved.has(spec.slug)) continue;
    const how = vending
      ? `list ${spec.slug} under governance.subscriptionVending.vend in ${platform.source.file}`
      : `add governance.subscriptionVending (a billing scope) to ${platform.source.file} and list ${spec.slug} under its vend`;
    out.push(diagnosticAt(source, ["azure", "subscription", "create"], `asks for a subscription of its own, which the platform team has not approved; to approve, ${how}; or remove azure.subscription to share the platform's`));
  }
  (vending?.vend ?? []).forEach((slug, i) => {
    if (requested.has(slug) || !tenants.some((t) => t.spec.slug === slug)) return;
    out.push(diagnosticAt(platform.source, ["governance", "subscriptionVending", "vend", i], `approves a subscription for ${slug}, whose tenant file does not ask for one; set azure.subscription.create: true in tenants/${slug}.yaml, or remove ${slug} here`));
  });
  return out;
}
