/**
 * Rules across files: identifiers unique in the region, address spaces inside
 * the pool and apart from each other, the hub and on-premises networks, and
 * references to platform settings that exist.
 */
import { type Cidr, cidr, formatCidr, overlaps, contains, parseIp } from "../../domain/network/cidr";
import { blockForKommunenummer, layoutSubnets, type SubnetRequest } from "../../domain/network/address-plan";
import type { PlatformFile } from "../schema/platform";
import type { TenantFile } from "../schema/tenant";
import { ENDPOINTS_PREFIX, ZONE_NAMES, ZONE_RULES, type ZoneName } from "../../domain/network/zones";
import type { ResolvedTenant, SubnetKey } from "../region";
import type { Diagnostic, FieldPath } from "./diagnostic";
import { diagnosticAt, type YamlSource } from "./yaml-source";
import { checkSecretRef, type Finding } from "./tenant-rules";

export interface TenantInput {
  readonly source: YamlSource;
  readonly spec: TenantFile;
}

export interface PlatformInput {
  readonly source: YamlSource;
  readonly spec: PlatformFile;
}

interface Claimed {
  readonly owner: string;
  readonly what: string;
  readonly block: Cidr;
}

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
  out.push(...checkEduroamPlatform(platform));
  return out;
}

function checkEduroamPlatform({ spec, source }: PlatformInput): Diagnostic[] {
  if (!spec.eduroam) return [];
  const findings: Finding[] = [
    ...checkSecretRef(spec.eduroam.serverCertificate, ["eduroam", "serverCertificate"]),
    ...checkSecretRef(spec.eduroam.cuiKey, ["eduroam", "cuiKey"]),
  ];
  const proxies = Object.entries(spec.eduroam.nationalProxies);
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
  return findings.map((f) => diagnosticAt(source, f.path, f.message, f.at));
}

/** Resolves address spaces and subnets, and reports every conflict across files. */
export function checkRegion(platform: PlatformInput, tenants: readonly TenantInput[]): { diagnostics: Diagnostic[]; resolved: ResolvedTenant[] } {
  const out: Diagnostic[] = [];
  const resolved: ResolvedTenant[] = [];
  const pool = {
    cidr: cidr(platform.spec.network.tenantPool.cidr),
    blockPrefixLength: platform.spec.network.tenantPool.blockPrefixLength,
    counties: platform.spec.network.tenantPool.counties,
  };

  out.push(...checkUnique(platform, tenants));

  const claimed: Claimed[] = [{ owner: platform.source.file, what: "the hub", block: cidr(platform.spec.network.hub.addressSpace) }];
  if (platform.spec.network.drHub) {
    claimed.push({ owner: platform.source.file, what: "the DR hub", block: cidr(platform.spec.network.drHub.addressSpace) });
  }
  // On-premises prefixes first, so a spoke that overlaps one is the one reported.
  for (const { source, spec } of tenants) {
    for (const [key, site] of Object.entries(spec.sites)) {
      site.prefixes.forEach((text, i) => {
        const block = cidr(text);
        const clash = claimed.find((c) => overlaps(c.block, block));
        if (clash) {
          out.push(diagnosticAt(source, ["sites", key, "prefixes", i], `${text} overlaps ${clash.what} (${formatCidr(clash.block)}) in ${clash.owner}; the hub cannot route both, so renumber or NAT this site`));
        }
        claimed.push({ owner: source.file, what: `site ${key} of ${spec.slug}`, block });
      });
    }
  }

  // Allocated blocks first: they cannot collide with each other, so when an explicit
  // address space overlaps one, the explicit one is the file to fix.
  const allocatedFirst = [...tenants].sort(
    (a, b) => Number(a.spec.network.addressSpace !== undefined) - Number(b.spec.network.addressSpace !== undefined),
  );
  for (const { source, spec } of allocatedFirst) {
    let space: Cidr | undefined;
    let addressSource: "file" | "allocated" = "file";
    if (spec.network.addressSpace !== undefined) {
      space = cidr(spec.network.addressSpace);
      if (!contains(pool.cidr, space)) {
        out.push(diagnosticAt(source, ["network", "addressSpace"], `${spec.network.addressSpace} is outside the tenant pool ${formatCidr(pool.cidr)}; pick a block inside it, or leave addressSpace out to have one allocated`));
      }
    } else {
      const result = blockForKommunenummer(pool, spec.kommunenummer);
      if (!result.ok) {
        out.push(diagnosticAt(source, ["kommunenummer"], `no address space can be allocated: ${result.reason}`));
        continue;
      }
      space = result.block;
      addressSource = "allocated";
    }
    const clash = claimed.find((c) => c.owner !== source.file && overlaps(c.block, space!));
    if (clash) {
      const field: FieldPath = addressSource === "file" ? ["network", "addressSpace"] : ["kommunenummer"];
      out.push(diagnosticAt(source, field, `the address space ${formatCidr(space)}${addressSource === "allocated" ? " allocated from this kommunenummer" : ""} overlaps ${clash.what} (${formatCidr(clash.block)}) in ${clash.owner}; set network.addressSpace to a free block in the pool`));
    }
    const ownSites = claimed.filter((c) => c.owner === source.file && overlaps(c.block, space!));
    for (const site of ownSites) {
      out.push(diagnosticAt(source, ["network"], `the spoke ${formatCidr(space)} overlaps this municipality's own ${site.what} (${formatCidr(site.block)}); the spoke must not reuse on-premises addresses`, "key"));
    }
    claimed.push({ owner: source.file, what: `the spoke of ${spec.slug}`, block: space });

    const zones = ZONE_NAMES.filter((z) => !ZONE_RULES[z].service || spec.services.includes(ZONE_RULES[z].service as never));
    const requests: SubnetRequest[] = ZONE_NAMES.map((z) => ({ key: z, prefix: spec.network.zones[z]?.size ?? ZONE_RULES[z].defaultPrefix }));
    requests.push({ key: "endpoints", prefix: ENDPOINTS_PREFIX });
    const layout = layoutSubnets(space, requests);
    if (!layout.ok) {
      out.push(diagnosticAt(source, ["network", "zones"], `${layout.reason}; set network.addressSpace to a larger block or make the zones smaller`, "key"));
      continue;
    }
    const subnets: Partial<Record<SubnetKey, string>> = {};
    for (const zone of [...zones, "endpoints" as const]) subnets[zone] = formatCidr(layout.subnets[zone]);
    resolved.push({ file: source.file, spec, addressSpace: formatCidr(space), addressSource, zones: zones as ZoneName[], subnets });
  }

  out.push(...checkReferences(platform, tenants));
  out.push(...checkAccessPoints(platform, tenants));
  out.push(...checkWifi(platform, tenants));
  return { diagnostics: out, resolved };
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
  // A file whose slug matches its name is the original; report the copy, not it.
  const ordered = [...tenants].sort((a, b) => Number(!namedAfterSlug(a)) - Number(!namedAfterSlug(b)));
  for (const field of fields) {
    const seen = new Map<string, string>();
    if (field.label !== "eduroam realm") {
      const hostValue = field.label === "slug" ? host.slug : field.label === "kommunenummer" ? host.kommunenummer : host.organisasjonsnummer;
      seen.set(hostValue, `${platform.source.file} (the host)`);
    }
    for (const { source, spec } of ordered) {
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

function namedAfterSlug(tenant: TenantInput): boolean {
  return tenant.source.file.replace(/\\/g, "/").split("/").pop() === `${tenant.spec.slug}.yaml`;
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
    const members = [platform.spec.host.slug, ...tenants.map((t) => t.spec.slug)];
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

/**
 * RADIUS tells clients apart by source address only: two access points (of two
 * municipalities, or of one) or an access point and a national proxy at
 * overlapping addresses would share or shadow each other's secret.
 */
function checkAccessPoints(platform: PlatformInput, tenants: readonly TenantInput[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen: Array<{ owner?: string; key: string; block: Cidr }> = Object.entries(platform.spec.eduroam?.nationalProxies ?? {}).map(([key, proxy]) => ({
    key,
    block: { base: parseIp(proxy.address)!, prefix: 32 },
  }));
  for (const { source, spec } of tenants) {
    for (const [key, ap] of Object.entries(spec.wifi?.accessPoints ?? {})) {
      const ip = parseIp(ap.address);
      const block = ip !== undefined ? { base: ip, prefix: 32 } : cidr(ap.address);
      const clash = seen.find((s) => overlaps(s.block, block));
      if (clash) {
        const other =
          clash.owner === undefined
            ? `national proxy ${clash.key} in ${platform.source.file}`
            : `access point ${clash.key} of ${clash.owner === spec.slug ? "this municipality" : clash.owner}`;
        out.push(diagnosticAt(source, ["wifi", "accessPoints", key, "address"], `${ap.address} overlaps ${other}; RADIUS tells clients apart by address, so each needs its own`));
      }
      seen.push({ owner: spec.slug, key, block });
    }
  }
  return out;
}

/** Wi-Fi needs the platform's eduroam settings; a files backend only on a test platform. */
function checkWifi(platform: PlatformInput, tenants: readonly TenantInput[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { source, spec } of tenants) {
    if (!spec.wifi) continue;
    if (!platform.spec.eduroam) {
      out.push(diagnosticAt(source, ["wifi"], `is set but ${platform.source.file} has no eduroam section; the host adds eduroam.nationalProxies (from Sikt) before any municipality gets Wi-Fi`, "key"));
    }
    if (spec.wifi.userBackend.kind === "files" && platform.spec.environment !== "test") {
      out.push(
        diagnosticAt(
          source,
          ["wifi", "userBackend", "kind"],
          `"files" keeps users and passwords on the RADIUS servers and is for labs and tests only; use kind: ldap (Entra Domain Services or AD), or set environment: test in ${platform.source.file} for a lab`,
        ),
      );
    }
  }
  return out;
}
