/**
 * Rules across files: identifiers unique in the region and references to
 * platform settings that exist. Address spaces are checked where they are
 * computed, in the address plan (tenants/resolve.ts).
 */
import { cidr, formatCidr, overlaps } from "../../domain/network/cidr";
import type { TenantFile } from "../schema/tenant";
import type { PlatformInput, TenantInput } from "./checked-files";
import type { Diagnostic, FieldPath } from "./diagnostic";
import { diagnosticAt } from "./yaml-source";
import { checkAccessPointAddresses, checkEduroamSettings, checkRealms, checkWifiAgainstPlatform } from "../../domain/eduroam/validation";
import { checkDomainRegistry } from "./domain-rules";
import { establishedFirst, SAME_AGE, type BlameOrder } from "./file-age";
import { checkSecretOwnership } from "./secret-rules";
import { checkOnPremisesSettings, checkSites } from "./site-rules";

export function checkPlatform(platform: PlatformInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { spec, source } = platform;
  const pool = cidr(spec.network.tenantPool.cidr);
  const hubs: Array<[FieldPath, string]> = [[["network", "hub", "addressSpace"], spec.network.hub.addressSpace]];
  if (spec.network.drHub) hubs.push([["network", "drHub", "addressSpace"], spec.network.drHub.addressSpace]);
  for (const [path, text] of hubs) {
    if (overlaps(cidr(text), pool)) {
      out.push(diagnosticAt(source, path, `${text} overlaps the tenant pool ${formatCidr(pool)}; choose a hub range outside the pool`));
    }
  }
  if (hubs.length === 2 && overlaps(cidr(hubs[0][1]), cidr(hubs[1][1]))) {
    out.push(diagnosticAt(source, hubs[1][0], `${hubs[1][1]} overlaps the primary hub ${hubs[0][1]}; the two hubs are peered and need separate ranges`));
  }
  if (spec.network.tenantPool.blockPrefixLength < pool.prefix) {
    out.push(diagnosticAt(source, ["network", "tenantPool", "blockPrefixLength"], `/${spec.network.tenantPool.blockPrefixLength} is larger than the pool ${formatCidr(pool)} itself`));
  }
  const counties = spec.network.tenantPool.counties;
  counties.forEach((county, i) => {
    if (counties.indexOf(county) !== i) {
      out.push(diagnosticAt(source, ["network", "tenantPool", "counties", i], `county ${county} is listed twice; list each county once`));
    }
  });
  if (spec.costAllocation.key === "equal-population") {
    const total = spec.costAllocation.equalPercent + spec.costAllocation.populationPercent;
    if (Math.abs(total - 100) > 1e-9) {
      out.push(diagnosticAt(source, ["costAllocation"], `equalPercent + populationPercent is ${total}; they must add up to 100 (e.g. 40 and 60)`));
    }
  }
  if (spec.eduroam && !spec.radius) {
    out.push(diagnosticAt(source, ["eduroam"], "is set but there is no radius section; add radius: { adminPublicKey: ... } so the RADIUS servers can be built", "key"));
  }
  for (const [path, text] of hubs) {
    if (cidr(text).prefix > 23) {
      out.push(diagnosticAt(source, path, `${text} is too small for the hub subnets (firewall, gateway, Bastion, RADIUS, DNS); use a /23 or larger`));
    }
  }
  if (Object.keys(spec.backup.tiers).length === 0) {
    out.push(diagnosticAt(source, ["backup", "tiers"], "has no tiers; define at least one, e.g. standard"));
  }
  out.push(...checkEduroamSettings(spec).map((f) => diagnosticAt(source, f.path, f.message, f.at)));
  out.push(...[...checkDomainRegistry(spec), ...checkOnPremisesSettings(spec)].map((f) => diagnosticAt(source, f.path, f.message, f.at)));
  return out;
}

/**
 * Rules across files: identifiers unique in the region, references to platform settings, secret ownership,
 * eduroam's shared address space, realms and sites against the platform's decisions.
 * A rule that finds two files in conflict reports the later one in `tenants`, and `order` puts the newest last (file-age.ts).
 */
export function checkRegion(platform: PlatformInput, unordered: readonly TenantInput[], order: BlameOrder = SAME_AGE): Diagnostic[] {
  const tenants = establishedFirst(unordered, order);
  const out: Diagnostic[] = [...checkUnique(platform, tenants), ...checkReferences(platform, tenants), ...checkSecretOwnership(platform, tenants)];
  const specs = tenants.map((t) => t.spec);
  for (const f of [
    ...checkAccessPointAddresses(platform.spec, platform.source.file, specs),
    ...checkWifiAgainstPlatform(platform.spec, platform.source.file, specs),
    ...checkRealms(platform.spec, platform.source.file, specs),
    ...checkSites(platform.spec, platform.source.file, specs),
  ]) {
    const source = f.owner === "platform" ? platform.source : tenants[f.owner.tenant].source;
    out.push(diagnosticAt(source, f.path, f.message, f.at));
  }
  return out;
}

function checkUnique(platform: PlatformInput, tenants: readonly TenantInput[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const fields: Array<{ path: FieldPath; label: string; get: (t: TenantFile) => string | undefined }> = [
    { path: ["slug"], label: "slug", get: (t) => t.slug },
    { path: ["kommunenummer"], label: "kommunenummer", get: (t) => t.kommunenummer },
    { path: ["organisasjonsnummer"], label: "organisasjonsnummer", get: (t) => t.organisasjonsnummer },
    { path: ["wifi", "realm"], label: "eduroam realm", get: (t) => t.wifi?.realm },
  ];
  const host = platform.spec.host;
  // The host's own member file (host.member): it must be the host, in every identifier.
  const hostFile = host.member ? tenants.find((t) => t.spec.slug === host.slug) : undefined;
  if (hostFile) {
    const mismatch: Array<[FieldPath, string, string | number, string | number]> = [
      [["kommunenummer"], "kommunenummer", hostFile.spec.kommunenummer, host.kommunenummer],
      [["organisasjonsnummer"], "organisasjonsnummer", hostFile.spec.organisasjonsnummer, host.organisasjonsnummer],
      [["population"], "population", hostFile.spec.population, host.population],
    ];
    for (const [path, label, value, expected] of mismatch) {
      if (value !== expected) {
        out.push(diagnosticAt(hostFile.source, path, `is ${value}, but this is the host's own file (slug ${host.slug}) and ${platform.source.file} has host.${label} ${expected}; the two must agree`));
      }
    }
  }
  // Established files first, and of equally old files the one named after its slug: report the copy, not the original.
  const ordered = tenants;
  for (const field of fields) {
    const seen = new Map<string, string>();
    if (field.label !== "eduroam realm") {
      const hostValue = field.label === "slug" ? host.slug : field.label === "kommunenummer" ? host.kommunenummer : host.organisasjonsnummer;
      const why = host.member ? "" : `; the host's own member file is allowed once ${platform.source.file} sets host.member: true`;
      seen.set(hostValue, hostFile ? `${hostFile.source.file} (the host's own file)` : `${platform.source.file} (the host)${field.label === "slug" ? why : ""}`);
    }
    for (const { source, spec } of ordered) {
      // The host's file carries the host's identifiers by design (checked above).
      if (hostFile && source === hostFile.source && field.label !== "eduroam realm") continue;
      const value = field.get(spec);
      if (value === undefined) continue;
      const first = seen.get(value);
      if (first) {
        out.push(diagnosticAt(source, field.path, `${field.label} ${value} is already used by ${first}; each municipality has its own, so this file may be a copy of another`));
      } else {
        seen.set(value, source.file);
      }
    }
  }
  return out;
}

function checkReferences(platform: PlatformInput, tenants: readonly TenantInput[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const tiers = Object.keys(platform.spec.backup.tiers);
  for (const { source, spec } of tenants) {
    if (spec.backup && !tiers.includes(spec.backup.tier)) {
      out.push(diagnosticAt(source, ["backup", "tier"], `"${spec.backup.tier}" is not a backup tier of the platform; valid tiers are ${tiers.join(", ")}`));
    }
  }
  const allocation = platform.spec.costAllocation;
  if (allocation.key === "fixed-percentages") {
    const members = [...new Set([platform.spec.host.slug, ...tenants.map((t) => t.spec.slug)])];
    const missing = members.filter((slug) => !(slug in allocation.percentages));
    if (missing.length > 0) {
      out.push(diagnosticAt(platform.source, ["costAllocation", "percentages"], `has no percentage for ${missing.join(", ")}; every member needs one`));
    }
    for (const slug of Object.keys(allocation.percentages)) {
      if (!members.includes(slug)) {
        out.push(diagnosticAt(platform.source, ["costAllocation", "percentages", slug], `"${slug}" is not the host or a tenant; remove it or add its tenant file`, "key"));
      }
    }
    const sum = Object.values(allocation.percentages).reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 100) > 1e-9) {
      out.push(diagnosticAt(platform.source, ["costAllocation", "percentages"], `add up to ${sum}; they must add up to 100`));
    }
  }
  return out;
}
