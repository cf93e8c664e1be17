/**
 * Own subscriptions: the deploy identity creates a municipality's resources
 * (and locks and role assignments) in whatever subscription its tenant file
 * names, so a file could otherwise point them at another municipality's
 * subscription or the platform's. A tenant file's azure.subscriptionId counts
 * only when platform.yaml registers that subscription for that municipality
 * (`subscriptions.<slug>`), and no subscription is registered twice.
 */
import type { PlatformInput, TenantInput } from "./checked-files";
import type { Diagnostic } from "./diagnostic";
import { diagnosticAt } from "./yaml-source";

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
  for (const { source, spec } of tenants) {
    const id = spec.azure.subscriptionId;
    if (id === undefined) continue;
    const registered = registry[spec.slug];
    if (registered !== undefined && registered.toLowerCase() === id.toLowerCase()) continue;
    const owner = owners.get(id.toLowerCase());
    const why =
      owner !== undefined && owner !== spec.slug
        ? `is ${owner}'s subscription (subscriptions.${owner} in ${platform.source.file})`
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
