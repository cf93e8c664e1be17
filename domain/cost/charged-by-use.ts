/**
 * Catalogue services charged only to the members that use them (catalogue.yaml
 * `chargedTo: users`): the platform stack's cost lines tagged with one of the
 * service's `platformCost` tags come out of the general platform split and go
 * to the service's users, by the platform's allocation key among them. The
 * VPN gateway is the case in point: a member without VPN sites does not use it.
 * While nobody uses a service its cost stays in the general split: somebody
 * pays for what runs. Whole kroner, exactly (allocate.ts).
 */
import { allocate, type AllocationKey, type Member } from "./allocate";

/** A catalogue service whose platform cost only its users pay. */
export interface ChargedByUse {
  readonly key: string;
  /** The grunnmur:service tags of the platform's cost lines it runs on. */
  readonly platformCost: readonly string[];
}

/** What decides whether a member uses a catalogue service: its tenant file. */
export interface MemberUse {
  readonly services?: readonly string[];
  readonly siteCount?: number;
  readonly sharedServices?: readonly string[];
}

/** The catalogue keys a member uses: what it subscribes to, its network, and vpn-site once it has a site. */
export function servicesUsed(use: MemberUse): string[] {
  const used = new Set(["network", ...(use.services ?? [])]);
  if ((use.siteCount ?? 0) > 0) used.add("vpn-site");
  if ((use.sharedServices ?? []).length > 0) used.add("shared-services");
  return [...used].sort();
}

/** The services of a catalogue that are charged by use. */
export function chargedByUseOf(catalogue: { readonly services: Readonly<Record<string, { readonly chargedTo: "all" | "users"; readonly platformCost: readonly string[] }>> }): ChargedByUse[] {
  return Object.entries(catalogue.services)
    .filter(([, s]) => s.chargedTo === "users")
    .map(([key, s]) => ({ key, platformCost: s.platformCost }));
}

export interface UserMember extends Member {
  /** Catalogue keys the member uses (servicesUsed). */
  readonly uses: readonly string[];
}

export interface UseSplit {
  /** Of the platform's cost, what went to the users of each service, by catalogue key. */
  readonly byService: Record<string, number>;
  /** Each member's share of each service it uses, by slug, then key. */
  readonly byMember: Record<string, Record<string, number>>;
}

/** Splits the cost of each service charged by use among its users; `platformByService` is whole kroner a month by service tag. */
export function chargeByUse(platformByService: Readonly<Record<string, number>>, services: readonly ChargedByUse[], members: readonly UserMember[], key: AllocationKey): UseSplit {
  const byService: Record<string, number> = {};
  const byMember: Record<string, Record<string, number>> = Object.fromEntries(members.map((m) => [m.slug, {}]));
  for (const service of [...services].sort((a, b) => a.key.localeCompare(b.key))) {
    const cost = service.platformCost.reduce((a, tag) => a + (platformByService[tag] ?? 0), 0);
    const users = members.filter((m) => m.uses.includes(service.key));
    if (users.length === 0 || cost === 0) continue;
    byService[service.key] = cost;
    for (const [slug, share] of Object.entries(allocate(cost, users, key))) byMember[slug][service.key] = share;
  }
  return { byService, byMember };
}
