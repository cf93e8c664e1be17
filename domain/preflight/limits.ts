/**
 * Azure's limits that the region as a whole runs into, in one table: each a
 * number with the page that states it. The region rules (region.ts) count the
 * resources of every stack against them. The platform file's `limits` map may
 * set one lower, to keep headroom, and higher only where Azure raises it on
 * request (`adjustable`; none of these is today).
 */

const SUBSCRIPTION_LIMITS = "https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits";

export interface AzureLimit {
  /** The key the platform file's `limits` map names it by. */
  readonly key: string;
  /** What is counted, e.g. "site-to-site connections per VPN gateway (VpnGw1AZ-VpnGw3AZ)". */
  readonly what: string;
  /** Azure's default. */
  readonly value: number;
  /** Whether Azure raises it on a support request, so the platform file may set a higher value. */
  readonly adjustable: boolean;
  readonly reference: string;
  /** Azure's own value, when the platform file's `limits` set this one to another. */
  readonly azureValue?: number;
}

const limit = (key: string, what: string, value: number, adjustable: boolean, reference: string): AzureLimit => ({ key, what, value, adjustable, reference });

/** Every limit, by key. */
export const AZURE_LIMITS = {
  vpnConnectionsVpnGw1To3: limit(
    "vpn-connections-vpngw1-3",
    "site-to-site connections per VPN gateway of SKU VpnGw1(AZ)-VpnGw3(AZ)",
    30,
    false,
    "https://learn.microsoft.com/azure/vpn-gateway/about-gateway-skus#benchmark",
  ),
  vpnConnectionsVpnGw4To5: limit(
    "vpn-connections-vpngw4-5",
    "site-to-site connections per VPN gateway of SKU VpnGw4(AZ)-VpnGw5(AZ)",
    100,
    false,
    "https://learn.microsoft.com/azure/vpn-gateway/about-gateway-skus#benchmark",
  ),
  ruleCollectionGroups: limit("rule-collection-groups", "rule collection groups per firewall policy", 100, false, `${SUBSCRIPTION_LIMITS}#azure-firewall-limits`),
  peerings: limit("peerings", "virtual network peerings per virtual network", 500, false, `${SUBSCRIPTION_LIMITS}#azure-networking-limits`),
  privateDnsLinks: limit("private-dns-links", "virtual network links per private DNS zone", 1000, false, "https://learn.microsoft.com/azure/dns/private-dns-privatednszone#limits"),
  roleAssignments: limit("role-assignments", "Azure role assignments per subscription", 4000, false, `${SUBSCRIPTION_LIMITS}#azure-rbac-limits`),
  federatedCredentials: limit(
    "federated-credentials",
    "federated identity credentials per app registration",
    20,
    false,
    "https://learn.microsoft.com/entra/workload-id/workload-identity-federation-considerations",
  ),
  routes: limit("routes", "routes per route table", 400, false, `${SUBSCRIPTION_LIMITS}#azure-networking-limits`),
  resourceGroups: limit("resource-groups", "resource groups per subscription", 980, false, `${SUBSCRIPTION_LIMITS}#subscription-limits`),
} as const satisfies Record<string, AzureLimit>;

export type LimitName = keyof typeof AZURE_LIMITS;

export const LIMITS: readonly AzureLimit[] = Object.values(AZURE_LIMITS);

/**
 * What is wrong with a `limits` entry of the platform file, or undefined. Any limit
 * may be set lower, to keep headroom; higher only where Azure raises it on request.
 */
export function limitOverrideProblem(key: string, value: number): string | undefined {
  const known = LIMITS.find((l) => l.key === key);
  if (!known) return `is not a limit grunnmur knows; the limits are ${LIMITS.map((l) => l.key).join(", ")}`;
  if (value > known.value && !known.adjustable) {
    return `is ${value}, above Azure's ${known.value} ${known.what}, which Azure does not raise on request (${known.reference}); set it at most ${known.value}, or leave it out`;
  }
  return undefined;
}

/** The limits in effect: the table's, with the platform file's values (checked by limitOverrideProblem). */
export type EffectiveLimits = Readonly<Record<LimitName, AzureLimit>>;

export function effectiveLimits(overrides: Readonly<Record<string, number>> = {}): EffectiveLimits {
  const result = {} as Record<LimitName, AzureLimit>;
  for (const [name, l] of Object.entries(AZURE_LIMITS) as Array<[LimitName, AzureLimit]>) {
    const raised = overrides[l.key];
    result[name] = typeof raised === "number" && raised !== l.value ? { ...l, value: raised, azureValue: l.value } : l;
  }
  return result;
}

/** The site-to-site connection limit of a VPN gateway SKU; undefined for a SKU the table does not know (Basic, ExpressRoute). */
export function vpnConnectionLimit(sku: string, limits: EffectiveLimits): AzureLimit | undefined {
  if (/^VpnGw[1-3](AZ)?$/i.test(sku)) return limits.vpnConnectionsVpnGw1To3;
  if (/^VpnGw[45](AZ)?$/i.test(sku)) return limits.vpnConnectionsVpnGw4To5;
  return undefined;
}
