/**
 * The platform's extra hubs (network.hubs) and the tenant files' hub pins
 * (network.hub). A pin is untrusted input from one municipality: it can only
 * choose among the hubs platform.yaml defines. It moves no addresses (the
 * address plan ignores hubs) and reaches no other municipality (every hub's
 * firewall policy inherits the isolation group); what it does move, the spoke's
 * peering, tunnels and rules, the report shows as a blocking change for the
 * platform team to approve.
 */
import { cidr, overlaps } from "../../domain/network/cidr";
import { HUB_MAIN, hubsOf } from "../../domain/network/hub-placement";
import { COUNTIES } from "./identifiers";
import type { PlatformInput, TenantInput } from "./checked-files";
import type { Diagnostic } from "./diagnostic";
import { diagnosticAt } from "./yaml-source";

export function checkHubs(platform: PlatformInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { spec, source } = platform;
  const extra = Object.entries(spec.network.hubs ?? {});
  if (extra.length === 0) return out;
  const others: Array<[string, string]> = [
    ["the primary hub (network.hub)", spec.network.hub.addressSpace],
    ["the tenant pool (network.tenantPool.cidr)", spec.network.tenantPool.cidr],
  ];
  if (spec.network.drHub) others.push(["the DR hub (network.drHub)", spec.network.drHub.addressSpace]);
  if (spec.network.sharedServicesSpoke) others.push(["the shared-services spoke (network.sharedServicesSpoke)", spec.network.sharedServicesSpoke.addressSpace]);
  const claimed = new Map<string, string>();
  // Key order, as hubsOf places them: the later key is the one reported.
  for (const [key, hub] of extra.sort(([a], [b]) => (a < b ? -1 : 1))) {
    const range = cidr(hub.addressSpace);
    const where = ["network", "hubs", key, "addressSpace"];
    if (range.prefix > 23) {
      out.push(diagnosticAt(source, where, `${hub.addressSpace} is too small for the hub subnets (firewall, gateway, Bastion, RADIUS, DNS); use a /23 or larger`));
    }
    for (const [name, text] of others) {
      if (overlaps(range, cidr(text))) {
        out.push(diagnosticAt(source, where, `${hub.addressSpace} overlaps ${name} ${text}; every hub needs a range of its own outside the tenant pool`));
      }
    }
    others.push([`hub ${key} (network.hubs.${key})`, hub.addressSpace]);
    hub.counties.forEach((county, i) => {
      const owner = claimed.get(county);
      if (owner !== undefined) {
        out.push(
          diagnosticAt(source, ["network", "hubs", key, "counties", i], `county ${county} (${COUNTIES[county] ?? "unknown"}) is served by hub ${owner} already; a county belongs to one hub, so remove it from one of them`),
        );
      } else {
        claimed.set(county, key);
      }
    });
  }
  return out;
}

export function checkHubPins(platform: PlatformInput, tenants: readonly TenantInput[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const keys = hubsOf(platform.spec).map((h) => h.key);
  for (const { source, spec } of tenants) {
    const pin = spec.network.hub;
    if (pin === undefined || keys.includes(pin)) continue;
    const valid = keys.length === 1 ? `the only hub is ${HUB_MAIN}, so leave network.hub out` : `valid hubs: ${keys.join(", ")}; or leave network.hub out to use the hub serving county ${spec.kommunenummer.slice(0, 2)}`;
    out.push(diagnosticAt(source, ["network", "hub"], `"${pin}" is not a hub in ${platform.source.file}; ${valid}`));
  }
  return out;
}

/** Sites must stay apart from the extra hubs too (site-rules.ts checks the primary and DR hub). */
export function checkSitesAgainstHubs(platform: PlatformInput, tenants: readonly TenantInput[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const extra = Object.entries(platform.spec.network.hubs ?? {});
  if (extra.length === 0) return out;
  const hubs = extra.map(([key, hub]) => ({ key, hub, block: cidr(hub.addressSpace) }));
  for (const { source, spec } of tenants) {
    for (const [siteKey, site] of Object.entries(spec.sites)) {
      site.prefixes.forEach((prefix, i) => {
        const block = cidr(prefix);
        for (const { key, hub, block: hubBlock } of hubs) {
          if (overlaps(block, hubBlock)) {
            out.push(diagnosticAt(source, ["sites", siteKey, "prefixes", i], `${prefix} overlaps hub ${key} (${hub.addressSpace} in ${platform.source.file}); a site's prefixes must lie apart from every hub`));
          }
        }
      });
    }
  }
  return out;
}
