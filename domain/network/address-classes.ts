/**
 * What kind of IPv4 space an address or block is: private, shared (carrier-
 * grade NAT), public unicast, or one of the special-purpose ranges that are
 * never a municipality's network or a VPN device's internet address.
 *
 * Sources: the IANA IPv4 Special-Purpose Address Registry
 * (https://www.iana.org/assignments/iana-ipv4-special-registry/, RFC 6890) and
 * the RFCs named per range; IANA's multicast registry (RFC 5771); and
 * Microsoft Learn, "What is IP address 168.63.129.16?", for the Azure platform
 * address every virtual network uses for DNS, DHCP and health probes.
 * Only ranges that are not globally reachable unicast are listed: anycast
 * ranges such as AS112 are ordinary public space for this purpose.
 */
import { type Cidr, cidr, contains, overlaps } from "./cidr";

export type AddressKind =
  | "private"
  | "shared"
  | "public"
  | "this-network"
  | "loopback"
  | "link-local"
  | "protocol-assignments"
  | "documentation"
  | "6to4-relay"
  | "benchmarking"
  | "multicast"
  | "reserved"
  | "broadcast"
  | "azure-platform";

export interface AddressRange {
  readonly cidr: string;
  readonly block: Cidr;
  readonly kind: Exclude<AddressKind, "public">;
  /** How a message names it, with its source, e.g. "the link-local range (RFC 3927)". */
  readonly label: string;
}

const range = (text: string, kind: AddressRange["kind"], label: string): AddressRange => ({ cidr: text, block: cidr(text), kind, label });

/** RFC 1918: the address space a municipality's own networks use. */
export const PRIVATE_RANGES: readonly AddressRange[] = [
  range("10.0.0.0/8", "private", "private address space (RFC 1918)"),
  range("172.16.0.0/12", "private", "private address space (RFC 1918)"),
  range("192.168.0.0/16", "private", "private address space (RFC 1918)"),
];

/** RFC 6598: shared address space between a provider's carrier-grade NAT and its customers. */
export const SHARED_RANGE: AddressRange = range("100.64.0.0/10", "shared", "shared address space for carrier-grade NAT (RFC 6598)");

/** Ranges that are never an on-premises network behind a VPN, nor a VPN device's internet address. */
export const SPECIAL_RANGES: readonly AddressRange[] = [
  range("0.0.0.0/8", "this-network", 'the "this network" range (RFC 791, RFC 6890)'),
  range("127.0.0.0/8", "loopback", "the loopback range (RFC 1122)"),
  range("169.254.0.0/16", "link-local", "the link-local range (RFC 3927), where Azure's instance metadata service answers"),
  range("192.0.0.0/24", "protocol-assignments", "the IETF protocol assignments range (RFC 6890)"),
  range("192.0.2.0/24", "documentation", "a documentation range (TEST-NET-1, RFC 5737)"),
  range("192.88.99.0/24", "6to4-relay", "the former 6to4 relay anycast range (RFC 7526)"),
  range("198.18.0.0/15", "benchmarking", "the benchmarking range (RFC 2544)"),
  range("198.51.100.0/24", "documentation", "a documentation range (TEST-NET-2, RFC 5737)"),
  range("203.0.113.0/24", "documentation", "a documentation range (TEST-NET-3, RFC 5737)"),
  range("224.0.0.0/4", "multicast", "the multicast range (RFC 5771)"),
  range("255.255.255.255/32", "broadcast", "the limited broadcast address (RFC 919)"),
  range("240.0.0.0/4", "reserved", "the range reserved for future use (RFC 1112)"),
  range("168.63.129.16/32", "azure-platform", "Azure's platform address for DNS, DHCP and health probes (Microsoft Learn)"),
];

export interface AddressClass {
  readonly kind: AddressKind;
  /** The range that decided it; absent for public space. */
  readonly range?: AddressRange;
}

/** The class of one address (as a 32-bit number). Broadcast wins over the reserved range it lies in. */
export function classifyAddress(ip: number): AddressClass {
  return classifyBlock({ base: ip, prefix: 32 }) as AddressClass;
}

/**
 * The class of a block. "mixed" when it is neither wholly private nor wholly
 * shared nor free of them, e.g. 172.0.0.0/8, which holds 172.16.0.0/12 and public space.
 */
export function classifyBlock(block: Cidr): AddressClass | { readonly kind: "mixed" } {
  // The range that holds the block names it best (240.0.0.0/4 is reserved, though it holds the broadcast address).
  const special = SPECIAL_RANGES.find((r) => contains(r.block, block)) ?? SPECIAL_RANGES.find((r) => overlaps(r.block, block));
  if (special) return { kind: special.kind, range: special };
  const privateRange = PRIVATE_RANGES.find((r) => contains(r.block, block));
  if (privateRange) return { kind: "private", range: privateRange };
  if (contains(SHARED_RANGE.block, block)) return { kind: "shared", range: SHARED_RANGE };
  if ([...PRIVATE_RANGES, SHARED_RANGE].some((r) => overlaps(r.block, block))) return { kind: "mixed" };
  return { kind: "public" };
}

/** Whether an address is public unicast: reachable on the internet, so a VPN device can have it. */
export function isPublicUnicast(ip: number): boolean {
  return classifyAddress(ip).kind === "public";
}

/** How `block` stands to a range, for messages: "is <label>", "lies in <cidr>, <label>" or "overlaps <cidr>, <label>". */
export function describeAgainst(block: Cidr, r: AddressRange): string {
  if (block.base === r.block.base && block.prefix === r.block.prefix) return `is ${r.label}`;
  return `${contains(r.block, block) ? "lies in" : "overlaps"} ${r.cidr}, ${r.label}`;
}
