/**
 * Rules for tenants' on-premises sites that need the platform file: what
 * address space a site may route through its VPN, and what its VPN device's
 * public address may be. The platform team decides the exceptions in
 * platform.yaml (`network.onPremises`); a tenant file cannot widen them.
 * Overlaps between a site and the hubs, the tenant pool, the national proxies
 * and other sites are found where addresses are resolved (tenants/resolve.ts).
 */
import { type AddressRange, classifyAddress, classifyBlock, describeAgainst, PRIVATE_RANGES, SHARED_RANGE } from "../../domain/network/address-classes";
import { type Cidr, cidr, contains, containsIp, formatCidr, overlaps, parseIp } from "../../domain/network/cidr";
import { CidrIndex } from "../../domain/network/cidr-index";
import type { RegionFinding } from "../../domain/eduroam/validation";
import type { PlatformFile } from "../schema/platform";
import type { TenantFile } from "../schema/tenant";
import type { Finding } from "./finding";

const PRIVATE_LIST = PRIVATE_RANGES.map((r) => r.cidr).join(", ");

/** What a site may route, as the end of a message. */
function validSpace(platform: PlatformFile): string {
  const shared = platform.network.onPremises.allowSharedAddressSpace ? `, or shared address space ${SHARED_RANGE.cidr} (RFC 6598)` : "";
  return `a site routes the private ranges behind it (RFC 1918: ${PRIVATE_LIST})${shared}, apart from the tenant pool and the hubs`;
}

function approvedFor(platform: PlatformFile, slug: string) {
  const approvals = platform.network.onPremises.publicPrefixes;
  return Object.prototype.hasOwnProperty.call(approvals, slug) ? approvals[slug] : [];
}

/** The platform file's own exceptions: only public unicast space can be approved, each block for one tenant. */
export function checkOnPremisesSettings(platform: PlatformFile): Finding[] {
  const findings: Finding[] = [];
  const seen: Array<{ slug: string; index: number; block: Cidr }> = [];
  for (const [slug, approvals] of Object.entries(platform.network.onPremises.publicPrefixes)) {
    approvals.forEach((approval, index) => {
      const path = ["network", "onPremises", "publicPrefixes", slug, index, "prefix"];
      const block = cidr(approval.prefix);
      const kind = classifyBlock(block);
      if (kind.kind !== "public") {
        const what = "range" in kind && kind.range ? describeAgainst(block, kind.range) : "is partly private address space";
        findings.push({ path, message: `${approval.prefix} ${what}; only public unicast space needs approval here (private ranges need none, special-purpose ranges can never be approved)` });
        return;
      }
      const clash = seen.find((other) => overlaps(other.block, block));
      if (clash) {
        findings.push({
          path,
          message: `${approval.prefix} overlaps ${formatCidr(clash.block)}, approved for ${clash.slug} (network.onPremises.publicPrefixes.${clash.slug}[${clash.index}]); a public block is one municipality's, so approve it once`,
        });
        return;
      }
      seen.push({ slug, index, block });
    });
  }
  return findings;
}

/** Each site's prefixes and VPN endpoint against what the platform allows, and endpoints unique in the region. */
export function checkSites(platform: PlatformFile, platformFile: string, tenants: readonly TenantFile[]): RegionFinding[] {
  const out: RegionFinding[] = [];
  // Prefixes a site may route; only these can carry (and so swallow) a VPN endpoint.
  const routed: Array<{ slug: string; key: string; text: string; block: Cidr }> = [];
  // The same blocks, to scan `routed` for an endpoint's carrier only when one holds it.
  const routedBlocks = new CidrIndex();
  tenants.forEach((spec, index) => {
    for (const [key, site] of Object.entries(spec.sites)) {
      site.prefixes.forEach((text, i) => {
        const message = prefixProblem(platform, platformFile, spec.slug, cidr(text));
        if (message) out.push({ owner: { tenant: index }, path: ["sites", key, "prefixes", i], message: `${text} ${message}` });
        else {
          routed.push({ slug: spec.slug, key, text, block: cidr(text) });
          routedBlocks.add(cidr(text));
        }
      });
    }
  });
  const endpoints = new Map<number, { slug: string; key: string }>();
  tenants.forEach((spec, index) => {
    const owner = { tenant: index };
    for (const [key, site] of Object.entries(spec.sites)) {
      const path = ["sites", key, "publicIp"];
      const ip = parseIp(site.publicIp)!;
      const problem = endpointProblem(platform, platformFile, ip);
      if (problem) {
        out.push({ owner, path, message: `${site.publicIp} ${problem}; publicIp is the address the site's VPN device has on the internet, a public unicast address from its internet provider` });
        continue;
      }
      const first = endpoints.get(ip);
      if (first) {
        const whose = first.slug === spec.slug ? "this municipality" : first.slug;
        out.push({ owner, path, message: `${site.publicIp} is already the VPN endpoint of site ${first.key} of ${whose}; the VPN gateway tells sites apart by this address, so each site needs its own` });
        continue;
      }
      endpoints.set(ip, { slug: spec.slug, key });
      const carrier = routedBlocks.holdsIp(ip) ? routed.find((p) => containsIp(p.block, ip)) : undefined;
      if (carrier) {
        const whose = carrier.slug === spec.slug ? "this municipality" : carrier.slug;
        out.push({ owner, path, message: `${site.publicIp} lies in ${carrier.text}, routed through the VPN of site ${carrier.key} of ${whose}; a tunnel cannot carry its own endpoint, so use the device's address on the internet side` });
      }
    }
  });
  return out;
}

/** Why a site may not route `block`; undefined when it may. */
function prefixProblem(platform: PlatformFile, platformFile: string, slug: string, block: Cidr): string | undefined {
  const kind = classifyBlock(block);
  switch (kind.kind) {
    case "private":
      return undefined;
    case "shared":
      if (platform.network.onPremises.allowSharedAddressSpace) return undefined;
      return `${describeAgainst(block, kind.range!)}, which ${platformFile} does not allow (network.onPremises.allowSharedAddressSpace); ${validSpace(platform)}`;
    case "public": {
      if (approvedFor(platform, slug).some((approval) => contains(cidr(approval.prefix), block))) return undefined;
      return `is public address space that ${platformFile} does not approve for ${slug} (network.onPremises.publicPrefixes.${slug}); ${validSpace(platform)}, and public space only where the regional team approves it`;
    }
    case "mixed":
      return `spans private and public address space; list the private ranges behind the site on their own (RFC 1918: ${PRIVATE_LIST})`;
    default:
      return `${describeAgainst(block, (kind as { range: AddressRange }).range)}; ${validSpace(platform)}`;
  }
}

/** Why `ip` cannot be a site's VPN endpoint; undefined when it can. */
function endpointProblem(platform: PlatformFile, platformFile: string, ip: number): string | undefined {
  const kind = classifyAddress(ip);
  if (kind.kind === "public") return undefined;
  // The example region's VPN devices have documentation addresses; a real region never sets this.
  if (kind.kind === "documentation" && platform.network.onPremises.allowDocumentationAddresses) return undefined;
  const said = describeAgainst({ base: ip, prefix: 32 }, kind.range!);
  return kind.kind === "documentation" ? `${said}, which never appears on the internet (${platformFile} accepts it only in an example region)` : said;
}
