/**
 * Network zones: the one place that says which zones a tenant spoke can have,
 * what each may reach, how large it is, and where it sits in the spoke. The
 * schema, validation, the address plan, the NSGs and the firewall rules all
 * read it from here.
 *
 * `endpoints` is not a zone a tenant chooses: private endpoints (storage, key
 * vault) always get a small subnet of their own so the zones' NSGs stay simple.
 */
import type { SubnetRequest } from "./address-plan";
import { denyInternetInbound, denyInternetOutbound, type SecurityRule } from "./security-rules";

/** In layout order: a zone's place in the spoke never moves, subscribed or not. */
export const ZONE_NAMES = ["general", "secure", "exam"] as const;
export type ZoneName = (typeof ZONE_NAMES)[number];

/** Subnets of a spoke: its zones plus the private-endpoint subnet. */
export type SubnetKey = ZoneName | "endpoints";

/**
 * What a zone may reach on the internet, through the hub firewall:
 * "web": HTTP(S) to anywhere, inspected; "allow-list": HTTPS to the hosts in the
 * tenant file's allow-list only; "none": nothing (DNS and private endpoints only).
 */
export type InternetAccess = "web" | "allow-list" | "none";

export interface ZoneRule {
  /** Prefix length used when the file does not set one. */
  readonly defaultPrefix: number;
  /** Largest prefix length (smallest subnet) that is still useful. */
  readonly minimumPrefix: number;
  /** Why the minimum exists, shown in error messages. */
  readonly label: string;
  /** The service a tenant subscribes to to get this zone; general is always there. */
  readonly service?: string;
  readonly internet: InternetAccess;
  /** Whether the zone and the municipality's own premises reach each other over its VPN. */
  readonly ownSites: boolean;
  /** Defence in depth beside the firewall: the NSG itself denies internet egress. */
  readonly denyInternetEgress?: string;
}

export const ZONE_RULES: Readonly<Record<ZoneName, ZoneRule>> = {
  general: { defaultPrefix: 24, minimumPrefix: 27, label: "a general zone", internet: "web", ownSites: true },
  secure: {
    defaultPrefix: 26,
    minimumPrefix: 28,
    label: "a secure zone (sikker sone)",
    service: "secure-zone",
    internet: "none",
    ownSites: true,
    denyInternetEgress: "Sikker sone: no internet egress; only private endpoints and shared services (NSM 2.2.3).",
  },
  // The exam zone stays apart from the municipality's own network: exam machines reach their allow-list only.
  exam: { defaultPrefix: 26, minimumPrefix: 27, label: "an exam zone", service: "exam-zone", internet: "allow-list", ownSites: false },
};

export const ENDPOINTS_PREFIX = 27;

/** The zones a tenant with these services has, in layout order. */
export function zonesInUse(services: readonly string[]): ZoneName[] {
  return ZONE_NAMES.filter((zone) => !ZONE_RULES[zone].service || services.includes(ZONE_RULES[zone].service!));
}

/**
 * The subnets to lay out in a spoke, in their fixed order: every zone (one not
 * subscribed keeps its place at its size), then the private endpoints. So
 * subscribing to a zone later fills a reserved gap and moves nothing.
 */
export function spokeSubnetRequests(sizes: Readonly<Partial<Record<ZoneName, { readonly size?: number }>>>): SubnetRequest[] {
  return [...ZONE_NAMES.map((zone) => ({ key: zone, prefix: sizes[zone]?.size ?? ZONE_RULES[zone].defaultPrefix })), { key: "endpoints", prefix: ENDPOINTS_PREFIX }];
}

/** The NSG rules of a spoke subnet. All egress is routed to the hub firewall as well. */
export function zoneSecurityRules(subnet: SubnetKey): SecurityRule[] {
  const rules: SecurityRule[] = [denyInternetInbound("Nothing reaches a municipality's zone directly from the internet.")];
  const egress = subnet === "endpoints" ? "Private endpoints never talk to the internet." : ZONE_RULES[subnet].denyInternetEgress;
  if (egress) rules.push(denyInternetOutbound(egress));
  return rules;
}
