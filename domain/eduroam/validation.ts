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
import { type Cidr, cidr, overlaps, parseIp } from "../network/cidr";
import { emailDomain, isDomainName, isUnderDomain } from "../network/domain-names";

/** A finding in one of several files: the platform file, or the tenant file at this index of the list given. */
export type RegionFinding = Finding & { readonly owner: "platform" | { readonly tenant: number } };

/**
 * The municipality's own domains: `domains` when set, otherwise the domains of
 * its contacts' e-mail addresses (contacts are its own staff; external admins are not counted).
 */
export function ownDomains(tenant: TenantFile): { domains: string[]; from: string } {
  if (tenant.domains) return { domains: [...new Set(tenant.domains)], from: "domains" };
  return { domains: [...new Set(tenant.contacts.map((c) => emailDomain(c.email)))], from: "the contacts' e-mail addresses" };
}

/** Characters the RADIUS configuration cannot hold in a quoted LDAP setting, or would expand. */
const UNSAFE_IN_RADIUS = /['"\\%{}$\x00-\x1f\x7f]/;

/** The tenant file's wifi section on its own: realm, secrets, directory settings. */
export function checkWifiSection(tenant: TenantFile): Finding[] {
  const wifi = tenant.wifi;
  if (!wifi) return [];
  const findings: Finding[] = [];
  const own = ownDomains(tenant);
  if (!own.domains.some((domain) => isUnderDomain(wifi.realm, domain))) {
    findings.push({
      path: ["wifi", "realm"],
      message: `"${wifi.realm}" is not under the municipality's own domains (${own.domains.join(", ")}, from ${own.from}); eduroam realms must be a domain the municipality controls, e.g. "${own.domains[0]}", or list the domain under domains`,
    });
  }
  for (const [key, ap] of Object.entries(wifi.accessPoints)) {
    findings.push(...checkSecretRef(ap.secret, ["wifi", "accessPoints", key, "secret"]));
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
    ...checkSecretRef(eduroam.cuiKey, ["eduroam", "cuiKey"]),
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
      const ip = parseIp(ap.address);
      const block = ip !== undefined ? { base: ip, prefix: 32 } : cidr(ap.address);
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
