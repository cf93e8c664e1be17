/**
 * The region's domain registry: which member (the host or a tenant, by slug)
 * controls which DNS domains. The platform team keeps it in platform.yaml
 * (`domains`) after checking each claim, e.g. in Norid's registry; a tenant
 * file cannot add to it. A domain belongs to one member together with every
 * name under it, so two members' entries never lie on one branch of the tree.
 */
import type { DomainRelation } from "./domain-names";
import { DomainIndex } from "./domain-index";

/** Member slug → the domains registered to it, as written in the platform file. */
export type DomainRegistry = Readonly<Record<string, readonly string[]>>;

export interface Registration {
  readonly owner: string;
  /** Position in the owner's list, for pointing at the entry. */
  readonly index: number;
  readonly domain: string;
}

export function registrations(registry: DomainRegistry): Registration[] {
  return Object.entries(registry).flatMap(([owner, domains]) => domains.map((domain, index) => ({ owner, index, domain })));
}

/** The domains registered to `owner`; empty when none are. */
export function domainsOf(registry: DomainRegistry, owner: string): readonly string[] {
  return Object.prototype.hasOwnProperty.call(registry, owner) ? registry[owner] : [];
}

/**
 * The first registration of a member other than `except` that `name` is,
 * lies under, or lies above; what a member may not claim. `consider` leaves
 * out registrations the caller does not trust.
 */
export function otherMembersClaim(
  registry: DomainRegistry,
  name: string,
  except: string,
  consider: (registration: Registration) => boolean = () => true,
): { registration: Registration; relation: DomainRelation } | undefined {
  for (const { item, relation } of indexOf(registry).related(name)) {
    if (item.owner === except || !consider(item)) continue;
    return { registration: item, relation };
  }
  return undefined;
}

/** One index per registry object: each tenant's realm is checked against the same registry. */
const indexes = new WeakMap<DomainRegistry, DomainIndex<Registration>>();

function indexOf(registry: DomainRegistry): DomainIndex<Registration> {
  let index = indexes.get(registry);
  if (!index) {
    index = new DomainIndex<Registration>((r) => r.domain);
    for (const registration of registrations(registry)) index.add(registration);
    indexes.set(registry, index);
  }
  return index;
}
