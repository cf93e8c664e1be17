/**
 * DNS names as eduroam and RFC 1035 know them: the realm of a user name is one,
 * and it must be a domain the municipality controls. DNS compares names without
 * regard to case (RFC 4343) and "senja.kommune.no." is the same name as
 * "senja.kommune.no", so every comparison here normalises both first: an
 * attacker gains nothing by writing "Tromso.Kommune.NO.".
 */

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Lower-case labels of letters, digits and inner hyphens, single dots, two labels or more, 253 characters at most. */
export function isDomainName(value: string): boolean {
  const labels = value.split(".");
  return value.length <= 253 && labels.length >= 2 && labels.every((label) => LABEL.test(label)) && /[a-z]/.test(labels[labels.length - 1]);
}

/** The name as DNS compares it: lower case, without the trailing dot of a fully qualified name. */
export function normaliseDomain(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, "");
}

/** Whether `name` is `domain` itself or a name under it, ignoring case and a trailing dot. */
export function isUnderDomain(name: string, domain: string): boolean {
  const n = normaliseDomain(name);
  const d = normaliseDomain(domain);
  return n === d || n.endsWith(`.${d}`);
}

/** How `name` stands to `domain`: the same name, a name under it, a name above it, or apart. */
export type DomainRelation = "same" | "under" | "above";

export function domainRelation(name: string, domain: string): DomainRelation | undefined {
  if (normaliseDomain(name) === normaliseDomain(domain)) return "same";
  if (isUnderDomain(name, domain)) return "under";
  if (isUnderDomain(domain, name)) return "above";
  return undefined;
}

/** `name` and every name above it, nearest first: a.b.c → a.b.c, b.c, c. */
export function selfAndParents(name: string): string[] {
  const labels = normaliseDomain(name).split(".");
  return labels.map((_, i) => labels.slice(i).join("."));
}
