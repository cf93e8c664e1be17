/**
 * The address plan: validated files in, each tenant's address space and subnets
 * out, with every conflict between them (spokes, sites, hubs) reported where it
 * is found. Deterministic: a tenant's block depends on its own kommunenummer
 * and file and the platform's pool only (domain/network/address-plan.ts), so
 * adding or removing one tenant never moves another's addresses.
 */
import { type Cidr, cidr, contains, formatCidr, overlaps, parseIp } from "../domain/network/cidr";
import { blockForKommunenummer, layoutSubnets } from "../domain/network/address-plan";
import { CidrIndex } from "../domain/network/cidr-index";
import { findFreeBlock } from "../domain/network/free-blocks";
import { spokeSubnetRequests, zonesInUse, type SubnetKey } from "../domain/network/zones";
import type { ResolvedTenant } from "./region";
import type { PlatformInput, TenantInput } from "./validation/checked-files";
import type { Diagnostic, FieldPath } from "./validation/diagnostic";
import { diagnosticAt, type YamlSource } from "./validation/yaml-source";
import { SAME_AGE, type BlameOrder } from "./validation/file-age";

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
  /** How new the owner's file is (validation/file-age.ts): of two overlapping blocks, the newer file's is reported. */
  readonly rank: number;
  /** This claim's diagnostic, when it is the one to change because it overlaps `other`. */
  readonly blame: (other: Claimed) => Diagnostic;
}

const described = (c: Claimed) => `${c.what} (${formatCidr(c.block)}) in ${c.owner}`;

/** Of two overlapping claims, the newer file's is reported; between files of the same age, the one found later (`claim`). */
function blameNewer(claim: Claimed, clash: Claimed): Diagnostic {
  return clash.rank > claim.rank ? clash.blame(claim) : claim.blame(clash);
}

/**
 * `order` ranks the files by how new they are against the base branch, so an
 * overlap is reported on the file that is new or changed; without it, sites
 * come before spokes and allocated spokes before explicit ones.
 */
export function resolveAddressPlan(platform: PlatformInput, tenants: readonly TenantInput[], order: BlameOrder = SAME_AGE): AddressPlan {
  const out: Diagnostic[] = [];
  const tenantsOut: ResolvedTenant[] = [];
  const pool = {
    cidr: cidr(platform.spec.network.tenantPool.cidr),
    blockPrefixLength: platform.spec.network.tenantPool.blockPrefixLength,
    counties: platform.spec.network.tenantPool.counties,
  };

  const rankOf = (source: YamlSource) => order.rank(source.file);
  const hub = (key: "hub" | "drHub" | "sharedServicesSpoke", what: string, text: string): Claimed => ({
    owner: platform.source.file,
    what,
    block: cidr(text),
    rank: rankOf(platform.source),
    blame: (other) => diagnosticAt(platform.source, ["network", key, "addressSpace"], `${text} overlaps ${described(other)}; choose a hub range that no municipality uses`),
  });
  const claimed: Claimed[] = [hub("hub", "the hub", platform.spec.network.hub.addressSpace)];
  if (platform.spec.network.drHub) claimed.push(hub("drHub", "the DR hub", platform.spec.network.drHub.addressSpace));
  // The shared-services spoke is peered with the hub: no site or spoke may overlap it either.
  if (platform.spec.network.sharedServicesSpoke) claimed.push(hub("sharedServicesSpoke", "the shared-services spoke", platform.spec.network.sharedServicesSpoke.addressSpace));
  const hubCount = claimed.length;
  // Every claim's block, so the scans below run only when something overlaps (the first found is still the one reported).
  const claimedBlocks = new CidrIndex(claimed.map((c) => c.block));
  // A site also stays apart from the whole tenant pool (not only the spokes allocated so far: a
  // site in a free block would break the spoke that joins later) and the national eduroam
  // proxies. These are the platform's own decisions, so a site that overlaps one is the one reported.
  const platformFixed: Array<Pick<Claimed, "owner" | "what" | "block">> = [{ owner: platform.source.file, what: "the tenant pool for all spokes, allocated or not", block: pool.cidr }];
  for (const [key, proxy] of Object.entries(platform.spec.eduroam?.nationalProxies ?? {})) {
    platformFixed.push({ owner: platform.source.file, what: `national eduroam proxy ${key}`, block: { base: parseIp(proxy.address)!, prefix: 32 } });
  }
  const suggest = freeBlockHint(platform, tenants, pool);
  // On-premises prefixes first, so a spoke that overlaps one is the one reported.
  for (const { source, spec } of tenants) {
    for (const [key, site] of Object.entries(spec.sites)) {
      site.prefixes.forEach((text, i) => {
        const block = cidr(text);
        const claim: Claimed = {
          owner: source.file,
          what: `site ${key} of ${spec.slug}`,
          block,
          rank: rankOf(source),
          blame: (other) => diagnosticAt(source, ["sites", key, "prefixes", i], `${text} overlaps ${described(other)}; the hub cannot route both, so renumber or NAT this site`),
        };
        const hubClash = claimed.slice(0, hubCount).find((c) => overlaps(c.block, block));
        const fixed = hubClash ? undefined : platformFixed.find((c) => overlaps(c.block, block));
        if (fixed) {
          out.push(diagnosticAt(source, ["sites", key, "prefixes", i], `${text} overlaps ${fixed.what} (${formatCidr(fixed.block)}) in ${fixed.owner}; the hub cannot route both, so renumber or NAT this site`));
          return;
        }
        const clash = hubClash ?? (claimedBlocks.overlapsAny(block) ? claimed.find((c) => overlaps(c.block, block)) : undefined);
        if (clash) {
          // A prefix reported here claims nothing, so a spoke it overlaps is not blamed for it as well.
          if (clash.rank > claim.rank) out.push(clash.blame(claim));
          else {
            out.push(claim.blame(clash));
            return;
          }
        }
        claimed.push(claim);
        claimedBlocks.add(block);
      });
    }
  }

  // Allocated blocks first: they cannot collide with each other, so when an explicit
  // address space overlaps one, the explicit one is the file to fix.
  const allocatedFirst = [...tenants].sort(
    (a, b) => rankOf(a.source) - rankOf(b.source) || Number(a.spec.network.addressSpace !== undefined) - Number(b.spec.network.addressSpace !== undefined),
  );
  for (const { source, spec } of allocatedFirst) {
    let space: Cidr | undefined;
    let addressSource: "file" | "allocated" = "file";
    if (spec.network.addressSpace !== undefined) {
      space = cidr(spec.network.addressSpace);
      if (!contains(pool.cidr, space)) {
        out.push(diagnosticAt(source, ["network", "addressSpace"], `${spec.network.addressSpace} is outside the tenant pool ${formatCidr(pool.cidr)}; pick a block inside it${suggest(space, "like")}, or leave addressSpace out to have one allocated`));
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
    const spoke = space;
    const field: FieldPath = addressSource === "file" ? ["network", "addressSpace"] : ["kommunenummer"];
    const claim: Claimed = {
      owner: source.file,
      what: `the spoke of ${spec.slug}`,
      block: spoke,
      rank: rankOf(source),
      blame: (other) =>
        diagnosticAt(source, field, `the address space ${formatCidr(spoke)}${addressSource === "allocated" ? " allocated from this kommunenummer" : ""} overlaps ${described(other)}; set network.addressSpace to a free block in the pool${suggest(spoke, "e.g.")}`),
    };
    const overlapping = claimedBlocks.overlapsAny(space) ? claimed.filter((c) => overlaps(c.block, space!)) : [];
    const clash = overlapping.find((c) => c.owner !== source.file);
    if (clash) out.push(blameNewer(claim, clash));
    const ownSites = overlapping.filter((c) => c.owner === source.file);
    for (const site of ownSites) {
      out.push(diagnosticAt(source, ["network"], `the spoke ${formatCidr(space)} overlaps this municipality's own ${site.what} (${formatCidr(site.block)}); the spoke must not reuse on-premises addresses`, "key"));
    }
    claimed.push(claim);
    claimedBlocks.add(spoke);

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

/**
 * The hint that ends an overlap message: a block of the pool that no hub, site
 * or spoke of any file uses (domain/network/free-blocks.ts), at least as large
 * as the pool's block size. Each hint also counts as used, so two files told to
 * move in one run are not sent to the same block.
 */
function freeBlockHint(platform: PlatformInput, tenants: readonly TenantInput[], pool: { cidr: Cidr; blockPrefixLength: number; counties: readonly string[] }) {
  const taken: Cidr[] = [cidr(platform.spec.network.hub.addressSpace)];
  if (platform.spec.network.drHub) taken.push(cidr(platform.spec.network.drHub.addressSpace));
  for (const { spec } of tenants) {
    for (const site of Object.values(spec.sites)) taken.push(...site.prefixes.map((p) => cidr(p)));
    if (spec.network.addressSpace !== undefined) taken.push(cidr(spec.network.addressSpace));
    else {
      const allocated = blockForKommunenummer(pool, spec.kommunenummer);
      if (allocated.ok) taken.push(allocated.block);
    }
  }
  return (space: Cidr, lead: "e.g." | "like"): string => {
    const prefix = Math.min(space.prefix, pool.blockPrefixLength);
    const free = findFreeBlock(pool, prefix, taken);
    if (!free) return ` (the pool ${formatCidr(pool.cidr)} has no free /${prefix} left; the host enlarges network.tenantPool.cidr in ${platform.source.file})`;
    taken.push(free);
    return `, ${lead} ${formatCidr(free)}`;
  };
}
