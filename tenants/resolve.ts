/**
 * The address plan: validated files in, each tenant's address space and subnets
 * out, with every conflict between them (spokes, sites, hubs) reported where it
 * is found. Deterministic: a tenant's block depends on its own kommunenummer
 * and file and the platform's pool only (domain/network/address-plan.ts), so
 * adding or removing one tenant never moves another's addresses.
 */
import { type Cidr, cidr, contains, formatCidr, overlaps, parseIp } from "../domain/network/cidr";
import { blockForKommunenummer, layoutSubnets } from "../domain/network/address-plan";
import { spokeSubnetRequests, zonesInUse, type SubnetKey } from "../domain/network/zones";
import type { ResolvedTenant } from "./region";
import type { PlatformInput, TenantInput } from "./validation/checked-files";
import type { Diagnostic, FieldPath } from "./validation/diagnostic";
import { diagnosticAt } from "./validation/yaml-source";

export interface AddressPlan {
  /** Tenants whose addresses could be resolved, in the order given. */
  readonly tenants: readonly ResolvedTenant[];
  readonly diagnostics: readonly Diagnostic[];
}

/** A block somebody already uses: the hubs, each site's on-premises prefixes, each spoke. */
interface Claimed {
  readonly owner: string;
  readonly what: string;
  readonly block: Cidr;
}

export function resolveAddressPlan(platform: PlatformInput, tenants: readonly TenantInput[]): AddressPlan {
  const out: Diagnostic[] = [];
  const tenantsOut: ResolvedTenant[] = [];
  const pool = {
    cidr: cidr(platform.spec.network.tenantPool.cidr),
    blockPrefixLength: platform.spec.network.tenantPool.blockPrefixLength,
    counties: platform.spec.network.tenantPool.counties,
  };

  const claimed: Claimed[] = [{ owner: platform.source.file, what: "the hub", block: cidr(platform.spec.network.hub.addressSpace) }];
  if (platform.spec.network.drHub) {
    claimed.push({ owner: platform.source.file, what: "the DR hub", block: cidr(platform.spec.network.drHub.addressSpace) });
  }
  // A site stays apart from the hubs, the whole tenant pool (not only the spokes allocated so far:
  // a site in a free block would break the spoke that joins later), the national eduroam proxies
  // and every site before it. On-premises prefixes first, so a spoke that overlaps one is the one reported.
  const apartFromSites: Claimed[] = [...claimed, { owner: platform.source.file, what: "the tenant pool for all spokes, allocated or not", block: pool.cidr }];
  for (const [key, proxy] of Object.entries(platform.spec.eduroam?.nationalProxies ?? {})) {
    apartFromSites.push({ owner: platform.source.file, what: `national eduroam proxy ${key}`, block: { base: parseIp(proxy.address)!, prefix: 32 } });
  }
  for (const { source, spec } of tenants) {
    for (const [key, site] of Object.entries(spec.sites)) {
      site.prefixes.forEach((text, i) => {
        const block = cidr(text);
        const clash = apartFromSites.find((c) => overlaps(c.block, block));
        if (clash) {
          out.push(diagnosticAt(source, ["sites", key, "prefixes", i], `${text} overlaps ${clash.what} (${formatCidr(clash.block)}) in ${clash.owner}; the hub cannot route both, so renumber or NAT this site`));
          // Reported here, so it claims nothing: a spoke it overlaps is not to blame.
          return;
        }
        const claim = { owner: source.file, what: `site ${key} of ${spec.slug}`, block };
        apartFromSites.push(claim);
        claimed.push(claim);
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

    const zones = zonesInUse(spec.services);
    const layout = layoutSubnets(space, spokeSubnetRequests(spec.network.zones));
    if (!layout.ok) {
      out.push(diagnosticAt(source, ["network", "zones"], `${layout.reason}; set network.addressSpace to a larger block or make the zones smaller`, "key"));
      continue;
    }
    const subnets: Partial<Record<SubnetKey, string>> = {};
    for (const zone of [...zones, "endpoints" as const]) subnets[zone] = formatCidr(layout.subnets[zone]);
    tenantsOut.push({ file: source.file, spec, addressSpace: formatCidr(space), addressSource, zones, subnets });
  }
  return { tenants: tenantsOut, diagnostics: out };
}
