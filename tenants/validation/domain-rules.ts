/**
 * Rules for the platform file's domain registry (`domains`): which member
 * controls which DNS domain is the platform team's decision, and the registry
 * must make that decision unambiguous. Tenants' realms are checked against it
 * by eduroam's rules (domain/eduroam/validation.ts).
 */
import { wellKnownRealmOf } from "../../domain/eduroam/foreign-realms";
import { normaliseDomain } from "../../domain/network/domain-names";
import { type Registration, registrations } from "../../domain/network/domain-registry";
import { DomainIndex } from "../../domain/network/domain-index";
import { isPublicSuffix } from "../../domain/network/public-suffixes";
import type { PlatformFile } from "../schema/platform";
import type { Finding } from "./finding";

/** No public suffix, no well-known foreign realm, nothing twice, and no two members on one branch of the DNS tree. */
export function checkDomainRegistry(platform: PlatformFile): Finding[] {
  const findings: Finding[] = [];
  const host = platform.host.slug;
  const owner = (slug: string) => (slug === host ? `the host, ${slug}` : slug);
  const all = registrations(platform.domains);
  // An entry already rejected for what it is claims nothing, so later entries are not blamed for
  // it: only accepted entries join the index the later ones are compared with.
  const before = new DomainIndex<Registration>((r) => r.domain);
  all.forEach((entry) => {
    const path = ["domains", entry.owner, entry.index];
    if (isPublicSuffix(entry.domain)) {
      findings.push({
        path,
        message: `${entry.domain} is a public suffix (publicsuffix.org): names under it belong to many owners, so no municipality controls it; register the municipality's own domain under it, e.g. ${entry.owner}.${normaliseDomain(entry.domain)}`,
      });
      return;
    }
    const foreign = wellKnownRealmOf(entry.domain);
    if (foreign) {
      findings.push({
        path,
        message: `${entry.domain} ${normaliseDomain(entry.domain) === foreign.domain ? "is the well-known realm" : `lies under ${foreign.domain}, the well-known realm`} of ${foreign.holder}; register only domains the municipality controls`,
      });
      return;
    }
    const related = before.related(entry.domain);
    before.add(entry);
    const clash = related.find((other) => other.item.owner !== entry.owner);
    if (!clash) {
      if (related.some((other) => other.relation === "same")) {
        findings.push({ path, message: `${entry.domain} is listed twice for ${entry.owner}; keep one` });
      }
      return;
    }
    const { item: earlier, relation } = clash;
    const how = relation === "same" ? "is already registered to" : relation === "under" ? `lies under ${earlier.domain}, registered to` : `lies above ${earlier.domain}, registered to`;
    findings.push({
      path,
      message: `${entry.domain} ${how} ${owner(earlier.owner)} (domains.${earlier.owner}[${earlier.index}]); a domain and every name under it belong to one municipality, so remove one of the two`,
    });
  });
  return findings;
}
