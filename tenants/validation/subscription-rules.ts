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
  return out;
}
