/**
 * What an address in an NSG or firewall rule means, whatever its spelling:
 * "Internet", "internet", "*", "Any", "0.0.0.0/0", a service tag, a CIDR with
 * host bits set, a range "a.b.c.d-e.f.g.h", or several prefixes that together
 * cover the public address space (0.0.0.0/1 + 128.0.0.0/1). Policies judge
 * rules by these meanings, so a rule cannot slip past by being spelled differently.
 */
import { parseIp } from "../../domain/network/cidr";

/** An inclusive span of IPv4 addresses, as unsigned 32-bit integers. */
export interface Span {
  readonly from: number;
  readonly to: number;
}

export type Address =
  /** Every address: "*", "any", "0.0.0.0/0", "::/0", the Internet tag. */
  | { readonly kind: "any"; readonly text: string }
  | { readonly kind: "ipv4"; readonly text: string; readonly span: Span }
  /** IPv6; `wide` when its prefix is /32 or shorter, an internet provider's whole allocation. */
  | { readonly kind: "ipv6"; readonly text: string; readonly wide: boolean }
  /** A service tag, by its lower-case name ("azurecloud", "virtualnetwork", "storage.norwayeast"). */
  | { readonly kind: "tag"; readonly text: string; readonly name: string };

const ANY_WORDS = new Set(["*", "any", "internet", "0.0.0.0", "0.0.0.0/0", "::/0", "::", "0::/0"]);

/**
 * Service tags whose addresses are not the internet: the VNet with its peerings
 * and VPN sites, and Azure's own probes and control plane. Every other tag
 * (AzureCloud, Storage, AppService, AzureFrontDoor.*, ...) stands for public
 * addresses Azure shares between its customers; AzureCloud holds every Azure
 * VM's public address, anyone's, so those count as the internet.
 */
export const INTERNAL_TAGS: ReadonlySet<string> = new Set(["virtualnetwork", "azureloadbalancer", "gatewaymanager"]);

const V4_CIDR = /^(\d{1,3}(?:\.\d{1,3}){3})(?:\/(\d{1,2}))?$/;
const V4_RANGE = /^(\d{1,3}(?:\.\d{1,3}){3})\s*-\s*(\d{1,3}(?:\.\d{1,3}){3})$/;

function spanOfPrefix(base: number, prefix: number): Span {
  const size = 2 ** (32 - prefix);
  // Host bits set ("10.1.2.3/16") still mean the whole block: that is how Azure reads them.
  const from = Math.floor(base / size) * size;
  return { from, to: from + size - 1 };
}

/** Reads one address as a rule gives it; text that is none of the forms is a service tag. */
export function readAddress(raw: unknown): Address {
  const text = typeof raw === "string" ? raw.trim() : String(raw);
  const lower = text.toLowerCase();
  if (ANY_WORDS.has(lower)) return { kind: "any", text };
  const cidrMatch = V4_CIDR.exec(text);
  if (cidrMatch) {
    const ip = parseIp(cidrMatch[1]);
    const prefix = cidrMatch[2] === undefined ? 32 : Number(cidrMatch[2]);
    if (ip !== undefined && prefix <= 32) {
      if (prefix === 0) return { kind: "any", text };
      return { kind: "ipv4", text, span: spanOfPrefix(ip, prefix) };
    }
  }
  const rangeMatch = V4_RANGE.exec(text);
  if (rangeMatch) {
    const [from, to] = [parseIp(rangeMatch[1]), parseIp(rangeMatch[2])];
    if (from !== undefined && to !== undefined && from <= to) return { kind: "ipv4", text, span: { from, to } };
  }
  if (text.includes(":")) {
    const length = Number(text.split("/")[1] ?? 128);
    return { kind: "ipv6", text, wide: Number.isFinite(length) && length <= 32 };
  }
  return { kind: "tag", text, name: lower };
}

/** Private and reserved IPv4 space: never reached from the internet. */
const NOT_PUBLIC: readonly Span[] = [
  "0.0.0.0/8",
  "10.0.0.0/8",
  "100.64.0.0/10",
  "127.0.0.0/8",
  "169.254.0.0/16",
  "172.16.0.0/12",
  "192.168.0.0/16",
  "224.0.0.0/3",
].map((text) => (readAddress(text) as { span: Span }).span);

/** The spans merged into sorted, disjoint spans. */
export function union(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.from - b.from);
  const out: Span[] = [];
  for (const span of sorted) {
    const last = out[out.length - 1];
    if (last && span.from <= last.to + 1) out[out.length - 1] = { from: last.from, to: Math.max(last.to, span.to) };
    else out.push({ ...span });
  }
  return out;
}

const sizeOf = (spans: readonly Span[]) => spans.reduce((sum, s) => sum + (s.to - s.from + 1), 0);

/** How many public IPv4 addresses the spans cover together. */
export function publicAddressCount(spans: readonly Span[]): number {
  const merged = union(spans);
  const privateOverlap = union(
    merged.flatMap((span) => NOT_PUBLIC.filter((p) => p.from <= span.to && span.from <= p.to).map((p) => ({ from: Math.max(p.from, span.from), to: Math.min(p.to, span.to) }))),
  );
  return sizeOf(merged) - sizeOf(privateOverlap);
}

export function spansOverlap(a: Span, b: Span): boolean {
  return a.from <= b.to && b.from <= a.to;
}

/** Whether the addresses together contain every address of `wanted`. */
export function covers(addresses: readonly Address[], wanted: Span): boolean {
  if (addresses.some((a) => a.kind === "any")) return true;
  const merged = union(addresses.flatMap((a) => (a.kind === "ipv4" ? [a.span] : [])));
  return merged.some((s) => s.from <= wanted.from && s.to >= wanted.to);
}

/** What in a list of addresses reaches in from the internet, in words; undefined when nothing does. */
export interface InternetReach {
  /** The addresses that make it so, as the rule spells them. */
  readonly addresses: readonly string[];
  /** Why, when the spelling alone does not say: "together N public addresses". */
  readonly why?: string;
}

/**
 * Whether these sources (or destinations) amount to the internet: an address
 * meaning "any", a service tag other than the internal ones, an IPv6 provider
 * block, or IPv4 prefixes whose public part adds up to more than
 * `maximumPublicAddresses` (a /16 by default: a partner's own block is smaller).
 */
export function internetIn(raw: readonly unknown[], maximumPublicAddresses: number): InternetReach | undefined {
  const addresses = raw.map(readAddress);
  const named = addresses.find((a) => a.kind === "any" || (a.kind === "tag" && !INTERNAL_TAGS.has(a.name)) || (a.kind === "ipv6" && a.wide));
  if (named) return { addresses: [named.text], why: named.kind === "tag" ? "a service tag of public addresses Azure shares between its customers" : undefined };
  const v4 = addresses.filter((a): a is Extract<Address, { kind: "ipv4" }> => a.kind === "ipv4");
  const count = publicAddressCount(v4.map((a) => a.span));
  if (count > maximumPublicAddresses) {
    const involved = v4.filter((a) => publicAddressCount([a.span]) > 0).map((a) => a.text);
    return { addresses: involved, why: `together ${count} public addresses, more than the ${maximumPublicAddresses} allowed` };
  }
  return undefined;
}
