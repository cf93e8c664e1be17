/**
 * Which entries of a list of domains lie on one branch of the DNS tree with a
 * name: the same name, a name it lies under, or a name under it. Comparing every
 * entry with every other grows with the square of the region (357 municipalities'
 * registry entries against each other and against every realm); the index answers
 * each question from the name's own labels instead.
 */
import { type DomainRelation, normaliseDomain } from "./domain-names";

export interface DomainMatch<T> {
  readonly item: T;
  /** How the name asked about stands to the item's domain, as domainRelation(name, domain) says. */
  readonly relation: DomainRelation;
}

/** Proper parents of a normalised name, nearest first: a.b.c → b.c, c. */
function parentsOf(name: string): string[] {
  const labels = name.split(".");
  return labels.slice(1).map((_, i) => labels.slice(i + 1).join("."));
}

export class DomainIndex<T> {
  private readonly exact = new Map<string, Array<{ item: T; order: number }>>();
  /** Parent name → the entries strictly under it. */
  private readonly below = new Map<string, Array<{ item: T; order: number }>>();
  private count = 0;

  constructor(private readonly domainOf: (item: T) => string) {}

  add(item: T): void {
    const entry = { item, order: this.count++ };
    const name = normaliseDomain(this.domainOf(item));
    const push = (map: Map<string, Array<{ item: T; order: number }>>, key: string) => {
      const list = map.get(key);
      if (list) list.push(entry);
      else map.set(key, [entry]);
    };
    push(this.exact, name);
    for (const parent of parentsOf(name)) push(this.below, parent);
  }

  /** Every entry on `name`'s branch, in the order they were added. */
  related(name: string): Array<DomainMatch<T>> {
    const n = normaliseDomain(name);
    const found: Array<{ item: T; order: number; relation: DomainRelation }> = [];
    for (const e of this.exact.get(n) ?? []) found.push({ ...e, relation: "same" });
    for (const parent of parentsOf(n)) for (const e of this.exact.get(parent) ?? []) found.push({ ...e, relation: "under" });
    for (const e of this.below.get(n) ?? []) found.push({ ...e, relation: "above" });
    return found.sort((a, b) => a.order - b.order).map(({ item, relation }) => ({ item, relation }));
  }
}
