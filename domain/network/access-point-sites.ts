/**
 * Which of a municipality's sites its eduroam access points and controllers are
 * behind. Pure. Those sites' RADIUS traffic reaches the core's servers, so the
 * core needs a return route to each of them when the municipality is on another
 * hub (routes.ts coreRadiusReturnRoutes), and the preflight counts those routes.
 */
import { cidr, overlaps, type Cidr } from "./cidr";

/** An access point's `address` is one address or, for a controller pool, a block. */
function blockOf(address: string): Cidr {
  return cidr(address.includes("/") ? address : `${address}/32`);
}

/**
 * The site prefixes that hold at least one access point, in the sites' order.
 * Overlap rather than containment: validation already refuses an access point
 * outside its sites (domain/eduroam/validation.ts), and a return route too many
 * costs nothing where one too few drops every answer to that site.
 */
export function accessPointSitePrefixes(sitePrefixes: readonly string[], accessPoints: readonly string[]): string[] {
  if (accessPoints.length === 0) return [];
  const blocks = accessPoints.map(blockOf);
  return sitePrefixes.filter((prefix) => {
    const site = cidr(prefix);
    return blocks.some((block) => overlaps(site, block));
  });
}
