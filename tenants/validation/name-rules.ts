/**
 * Rules on the names a tenant file makes: its slug is not one the platform
 * reserves, and none of the Pulumi URNs, Azure names or Entra ID group names it
 * makes is also made by another file (or by another field of the same file).
 * The names themselves come from domain/azure/region-names.ts, which uses the
 * programs' own naming functions; a collision is reported on each file that
 * makes the name, naming the other.
 */
import { HUB_STACK_PREFIX } from "../../domain/azure/stack-names";
import { findCollisions, type NameOwner, regionNames, type RegionName, reservedSlugs } from "../../domain/azure/region-names";
import type { PlatformInput, TenantInput } from "./checked-files";
import { type Diagnostic, formatPath } from "./diagnostic";
import { diagnosticAt } from "./yaml-source";

export function checkRegionNames(platform: PlatformInput, tenants: readonly TenantInput[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const reserved = reservedSlugs(platform.spec);
  // A slug used twice, or the host's, is reported by region-rules.ts; every name made from it would only repeat that.
  // The host's own member file (host.member) is checked like every member's.
  const seen = new Set<string>(platform.spec.host.member ? [] : [platform.spec.host.slug]);
  const kept: TenantInput[] = [];
  for (const tenant of tenants) {
    const slug = tenant.spec.slug;
    const reservation = reserved.find((r) => r.slug === slug);
    if (reservation) {
      out.push(diagnosticAt(tenant.source, ["slug"], `"${slug}" is reserved: ${reservation.reason}; choose another slug`));
    } else if (slug.startsWith(HUB_STACK_PREFIX)) {
      // A tenant's stack is named after its slug; a hub's is hub-<key>, so the two never meet.
      out.push(diagnosticAt(tenant.source, ["slug"], `"${slug}" starts with "${HUB_STACK_PREFIX}", which the platform's hub stacks are named with (hub-<key>); choose a slug that does not start with "${HUB_STACK_PREFIX}"`));
    } else if (!seen.has(slug)) {
      kept.push(tenant);
    }
    seen.add(slug);
  }

  const sourceOf = (owner: NameOwner) => (owner === "platform" ? platform.source : kept[owner.tenant].source);
  const reported = new Map<string, { entry: RegionName; other: RegionName; more: number }>();
  for (const group of findCollisions(regionNames(platform.spec, kept.map((t) => t.spec)))) {
    for (const entry of group) {
      if (entry.owner === "platform") continue;
      const others = group.filter((o) => o !== entry && (o.same === undefined || o.same !== entry.same));
      const other = others.find((o) => !sameOwner(o.owner, entry.owner)) ?? others[0];
      if (!other) continue;
      const key = [ownerKey(entry.owner), formatPath(entry.path), ownerKey(other.owner), formatPath(other.path)].join("\u0000");
      const found = reported.get(key);
      if (found) found.more += 1;
      else reported.set(key, { entry, other, more: 0 });
    }
  }
  for (const { entry, other, more } of reported.values()) {
    const source = sourceOf(entry.owner);
    const from =
      other.owner === "platform"
        ? `the platform (${platform.source.file})`
        : sameOwner(other.owner, entry.owner)
          ? `${formatPath(other.path)} in this file`
          : `${formatPath(other.path)} in ${sourceOf(other.owner).file}`;
    const also = more === 0 ? "" : more === 1 ? " (and 1 more name collides)" : ` (and ${more} more names collide)`;
    out.push(diagnosticAt(source, entry.path, `gives ${entry.what} "${entry.name}", as ${from} does${also}; ${entry.hint}`, pointsAtKey(entry.path) ? "key" : "value"));
  }
  return out;
}

function ownerKey(owner: NameOwner): string {
  return owner === "platform" ? "platform" : String(owner.tenant);
}

function sameOwner(a: NameOwner, b: NameOwner): boolean {
  return ownerKey(a) === ownerKey(b);
}

/** A site or share is a map under its key: point at the key, where it is named. */
function pointsAtKey(path: RegionName["path"]): boolean {
  return (path.length === 2 && path[0] === "sites") || (path.length === 3 && path[1] === "shares");
}
