/**
 * eduroam's validation rules: what a tenant's wifi section and the platform's
 * eduroam settings must satisfy before a RADIUS configuration is generated.
 * Pure: rules return findings (field path and message) for the loader to
 * place in the file; the rules across files name which file each belongs to.
 */
import type { PlatformFile } from "../../tenants/schema/platform";
import type { TenantFile } from "../../tenants/schema/tenant";
import type { Finding } from "../../tenants/validation/finding";
import { checkSecretRef } from "../../tenants/validation/secret-rules";
import { type Cidr, cidr, contains, overlaps, parseIp } from "../network/cidr";
import { domainRelation, isDomainName, isUnderDomain, normaliseDomain } from "../network/domain-names";
import { type DomainRegistry, domainsOf, otherMembersClaim, type Registration } from "../network/domain-registry";
import { isPublicSuffix } from "../network/public-suffixes";
import { wellKnownRealmOf } from "./foreign-realms";

/** A finding in one of several files: the platform file, or the tenant file at this index of the list given. */
export type RegionFinding = Finding & { readonly owner: "platform" | { readonly tenant: number } };

/** An access point's address as a block: a single address is a /32. */
function accessPointBlock(address: string): Cidr {
  const ip = parseIp(address);
  return ip !== undefined ? { base: ip, prefix: 32 } : cidr(address);
}

/** Characters the RADIUS configuration cannot hold in a quoted LDAP setting, or would expand. */
const UNSAFE_IN_RADIUS = /['"\\%{}$\x00-\x1f\x7f]/;

/**
 * The tenant file's wifi section on its own: secrets, directory settings, and
 * access points behind the municipality's own sites (they reach the RADIUS
 * servers over its VPN, and RADIUS trusts a client by its source address).
 * The realm needs the platform's domain registry: see `checkRealms`.
 */
export function checkWifiSection(tenant: TenantFile): Finding[] {
  const wifi = tenant.wifi;
  if (!wifi) return [];
  const findings: Finding[] = [];
  const sitePrefixes = Object.values(tenant.sites).flatMap((site) => site.prefixes);
  for (const [key, ap] of Object.entries(wifi.accessPoints)) {
    const block = accessPointBlock(ap.address);
    if (!sitePrefixes.some((prefix) => contains(cidr(prefix), block))) {
      findings.push({
        path: ["wifi", "accessPoints", key, "address"],
        message:
          sitePrefixes.length === 0
            ? `${ap.address} is not behind any site of this municipality, which has none; access points reach the RADIUS servers over a site's VPN, so add the site it is behind (sites.<key>.prefixes)`
            : `${ap.address} is not inside this municipality's site prefixes (${sitePrefixes.join(", ")}); access points reach the RADIUS servers over a site's VPN, so use an address behind one of its sites, or add the site it is behind`,
      });
    }
  }
  const backend = wifi.userBackend;
  if (backend.kind === "ldap") {
    findings.push(...checkSecretRef(backend.bindPassword, ["wifi", "userBackend", "bindPassword"]));
    if (!isDomainName(backend.server) && parseIp(backend.server) === undefined) {
      findings.push({ path: ["wifi", "userBackend", "server"], message: `"${backend.server}" is not a host name or IPv4 address; write the LDAPS host alone, like "ldaps.senja.kommune.no" (no ldaps:// and no port)` });
    }
    for (const field of ["baseDn", "bindDn"] as const) {
      const bad = UNSAFE_IN_RADIUS.exec(backend[field]);
      if (bad) {
        findings.push({ path: ["wifi", "userBackend", field], message: `contains ${JSON.stringify(bad[0])}, which the RADIUS configuration cannot hold safely; use a DN without quotes, backslashes, %, $ or braces` });
      }
    }
  }
  return findings;
}

/** The platform file's eduroam section: its secrets and the national proxies. */
export function checkEduroamSettings(platform: PlatformFile): Finding[] {
  const eduroam = platform.eduroam;
  if (!eduroam) return [];
  const findings: Finding[] = [
    ...checkSecretRef(eduroam.serverCertificate, ["eduroam", "serverCertificate"]),
  ];
  const proxies = Object.entries(eduroam.nationalProxies);
  if (proxies.length === 0) {
    findings.push({ path: ["eduroam", "nationalProxies"], message: "lists no national proxy; add the servers Sikt assigned, e.g. proxy-1: { address: ..., secret: { keyVaultSecret: ... } }" });
  }
  proxies.forEach(([key, proxy], i) => {
    findings.push(...checkSecretRef(proxy.secret, ["eduroam", "nationalProxies", key, "secret"]));
    const first = proxies.findIndex(([, other]) => other.address === proxy.address);
    if (first < i) {
      findings.push({ path: ["eduroam", "nationalProxies", key, "address"], message: `${proxy.address} is already national proxy ${proxies[first][0]}; list each server once` });
    }
  });
  return findings;
}

/**
 * RADIUS tells clients apart by source address only: two access points (of two
 * municipalities, or of one) or an access point and a national proxy at
 * overlapping addresses would share or shadow each other's secret.
 */
export function checkAccessPointAddresses(platform: PlatformFile, platformFile: string, tenants: readonly TenantFile[]): RegionFinding[] {
  const out: RegionFinding[] = [];
  const seen: Array<{ owner?: string; key: string; block: Cidr }> = Object.entries(platform.eduroam?.nationalProxies ?? {}).map(([key, proxy]) => ({
    key,
    block: { base: parseIp(proxy.address)!, prefix: 32 },
  }));
  tenants.forEach((spec, index) => {
    for (const [key, ap] of Object.entries(spec.wifi?.accessPoints ?? {})) {
      const block = accessPointBlock(ap.address);
      const clash = seen.find((s) => overlaps(s.block, block));
      if (clash) {
        const other =
          clash.owner === undefined
            ? `national proxy ${clash.key} in ${platformFile}`
            : `access point ${clash.key} of ${clash.owner === spec.slug ? "this municipality" : clash.owner}`;
        out.push({ owner: { tenant: index }, path: ["wifi", "accessPoints", key, "address"], message: `${ap.address} overlaps ${other}; RADIUS tells clients apart by address, so each needs its own` });
      }
      seen.push({ owner: spec.slug, key, block });
    }
  });
  return out;
}

/** Wi-Fi needs the platform's eduroam settings; a files backend only on a test platform. */
export function checkWifiAgainstPlatform(platform: PlatformFile, platformFile: string, tenants: readonly TenantFile[]): RegionFinding[] {
  const out: RegionFinding[] = [];
  tenants.forEach((spec, index) => {
    if (!spec.wifi) return;
    const owner = { tenant: index };
    if (!platform.eduroam) {
      out.push({ owner, path: ["wifi"], at: "key", message: `is set but ${platformFile} has no eduroam section; the host adds eduroam.nationalProxies (from Sikt) before any municipality gets Wi-Fi` });
    }
    if (spec.wifi.userBackend.kind === "files" && platform.environment !== "test") {
      out.push({
        owner,
        path: ["wifi", "userBackend", "kind"],
        message: `"files" keeps users and passwords on the RADIUS servers and is for labs and tests only; use kind: ldap (Entra Domain Services or AD), or set environment: test in ${platformFile} for a lab`,
      });
    }
  });
  return out;
}

/**
 * A realm is proven, not declared: it must lie under a domain the platform
 * team registered to this municipality (platform.yaml `domains`). Whatever
 * the registry says, it is never a public suffix, a well-known realm of
 * someone outside the region, or the host's or another member's domain (or a
 * name above or under one): the RADIUS servers answer locally for every realm
 * in the plan, so such a realm would capture other people's logins.
 */
export function checkRealms(platform: PlatformFile, platformFile: string, tenants: readonly TenantFile[]): RegionFinding[] {
  const out: RegionFinding[] = [];
  tenants.forEach((spec, index) => {
    if (!spec.wifi) return;
    const realm = spec.wifi.realm;
    const { own, trusted } = trustedEntries(platform.domains, spec.slug);
    const valid = own.length > 0 ? `use a realm under this municipality's registered domains: ${own.join(", ")}` : registerHint(spec.slug, platformFile);
    const problem = realmProblem(platform, trusted, platformFile, spec.slug, realm);
    if (problem) {
      out.push({ owner: { tenant: index }, path: ["wifi", "realm"], message: `"${realm}" ${problem}; ${valid}` });
    } else if (own.length === 0) {
      out.push({ owner: { tenant: index }, path: ["wifi", "realm"], message: `"${realm}" is not proven: no domains are registered to ${spec.slug}; ${valid}` });
    } else if (!own.some((domain) => isUnderDomain(realm, domain))) {
      out.push({
        owner: { tenant: index },
        path: ["wifi", "realm"],
        message: `"${realm}" is not under this municipality's registered domains (${own.join(", ")} in ${platformFile}, domains.${spec.slug}); ${valid}, or ask the regional team to register the domain once it has checked that the municipality controls it`,
      });
    }
  });
  return out;
}

function registerHint(slug: string, platformFile: string): string {
  return `the regional team registers this municipality's domains in ${platformFile} (domains.${slug}: [<domain>]) once it has checked that the municipality controls them`;
}

/**
 * The entries of the registry to hold `slug`'s realm against: not the ones the
 * platform rules reject anyway (public suffixes, foreign realms), nor other
 * members' entries that clash with `slug`'s own. Those are the platform file's
 * mistakes, reported there (tenants/validation/domain-rules.ts) and never
 * blamed on the tenant; the region stays invalid until they are fixed.
 */
function trustedEntries(registry: DomainRegistry, slug: string): { own: string[]; trusted: (r: Registration) => boolean } {
  const usable = (domain: string) => !isPublicSuffix(domain) && !wellKnownRealmOf(domain);
  const own = domainsOf(registry, slug).filter(usable);
  return { own, trusted: (r) => usable(r.domain) && !own.some((mine) => domainRelation(r.domain, mine)) };
}

/** Why no municipality of this region may have `realm` as its own, whatever the registry says; undefined when nothing forbids it. */
function realmProblem(platform: PlatformFile, trusted: (r: Registration) => boolean, platformFile: string, slug: string, realm: string): string | undefined {
  if (isPublicSuffix(realm)) return "is a public suffix (publicsuffix.org): names under it belong to many owners, so it is no municipality's realm";
  const foreign = wellKnownRealmOf(realm);
  if (foreign) {
    const what = normaliseDomain(realm) === foreign.domain ? "is the well-known realm" : `lies under ${foreign.domain}, the well-known realm`;
    return `${what} of ${foreign.holder}, whose users must reach their home through the national proxies`;
  }
  const claim = otherMembersClaim(platform.domains, realm, slug, trusted);
  if (!claim) return undefined;
  const { registration, relation } = claim;
  const who = registration.owner === platform.host.slug ? `the host, ${registration.owner},` : registration.owner;
  const where = `in ${platformFile} (domains.${registration.owner}[${registration.index}])`;
  const what = relation === "same" ? `is a domain of ${who} ${where}` : `lies ${relation} ${registration.domain}, a domain of ${who} ${where}`;
  return `${what}; a realm on another municipality's branch of the DNS tree would take its users' logins`;
}
