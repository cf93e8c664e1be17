/**
 * IPv4 CIDR arithmetic. Pure functions, no Pulumi: the allocator, the subnet
 * layout and the validators all build on these, so they are tested on their own.
 */

export interface Cidr {
  /** Network address as an unsigned 32-bit integer. */
  readonly base: number;
  readonly prefix: number;
}

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;
const IP_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** An octet written with a leading zero ("010"): inet_aton and some firewalls read it as octal, so "0177.0.0.1" is loopback to them. */
const LEADING_ZERO = /(^|\.)0\d/;

/** Parses a dotted IPv4 address; undefined when it is not one, or is ambiguous (an octet with a leading zero). */
export function parseIp(text: string): number | undefined {
  const m = IP_PATTERN.exec(text.trim());
  if (!m || LEADING_ZERO.test(text.trim())) return undefined;
  const octets = m.slice(1, 5).map(Number);
  if (octets.some((o) => o > 255)) return undefined;
  return ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
}

export function formatIp(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join(".");
}

export type CidrParse = { ok: true; cidr: Cidr } | { ok: false; reason: string };

/**
 * Parses "a.b.c.d/n". Host bits must be zero: "10.1.2.3/16" is almost always a
 * typo, and silently rounding it down would hide which block was meant.
 */
export function parseCidr(text: string): CidrParse {
  const m = CIDR_PATTERN.exec(text.trim());
  if (!m) return { ok: false, reason: `"${text}" is not an IPv4 CIDR block like 10.96.0.0/23` };
  const ip = parseIp(m.slice(1, 5).join("."));
  const prefix = Number(m[5]);
  if (LEADING_ZERO.test(text.trim())) {
    return { ok: false, reason: `"${text}" has an octet with a leading zero, which some tools read as octal; write ${m.slice(1, 5).map(Number).join(".")}/${prefix}` };
  }
  if (ip === undefined) return { ok: false, reason: `"${text}" has an octet above 255` };
  if (prefix > 32) return { ok: false, reason: `"${text}" has a prefix length above 32` };
  const base = (ip & maskOf(prefix)) >>> 0;
  if (base !== ip) {
    return {
      ok: false,
      reason: `"${text}" has host bits set; the block starting there is ${formatCidr({ base, prefix })}`,
    };
  }
  return { ok: true, cidr: { base, prefix } };
}

/** Parses a CIDR the caller has already validated; throws on bad input. */
export function cidr(text: string): Cidr {
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.cidr;
}

export function formatCidr(c: Cidr): string {
  return `${formatIp(c.base)}/${c.prefix}`;
}

function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

export function sizeOf(c: Cidr): number {
  return 2 ** (32 - c.prefix);
}

export function lastAddress(c: Cidr): number {
  return c.base + sizeOf(c) - 1;
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.base <= lastAddress(b) && b.base <= lastAddress(a);
}

/** True when `inner` lies entirely inside `outer`. */
export function contains(outer: Cidr, inner: Cidr): boolean {
  return inner.base >= outer.base && lastAddress(inner) <= lastAddress(outer);
}

export function containsIp(outer: Cidr, ip: number): boolean {
  return ip >= outer.base && ip <= lastAddress(outer);
}

/** The number of blocks of `prefix` that fit in `outer`. */
export function blockCount(outer: Cidr, prefix: number): number {
  return prefix < outer.prefix ? 0 : 2 ** (prefix - outer.prefix);
}

/** The `index`-th block of length `prefix` inside `outer`. */
export function nthBlock(outer: Cidr, prefix: number, index: number): Cidr {
  if (prefix < outer.prefix) {
    throw new Error(`a /${prefix} does not fit in ${formatCidr(outer)}`);
  }
  if (!Number.isInteger(index) || index < 0 || index >= blockCount(outer, prefix)) {
    throw new Error(`block ${index} of /${prefix} is outside ${formatCidr(outer)}`);
  }
  return { base: outer.base + index * 2 ** (32 - prefix), prefix };
}

/** Smallest prefix length whose block holds `addresses` addresses. */
export function prefixForSize(addresses: number): number {
  let prefix = 32;
  while (prefix > 0 && 2 ** (32 - prefix) < addresses) prefix -= 1;
  return prefix;
}
