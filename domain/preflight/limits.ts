/**
 * Azure's limits that the region as a whole runs into, in one table: each a
 * number with the page that states it. The region rules (region.ts) count the
 * resources of every stack against them. The platform file's `limits` map may
 * set one lower, to keep headroom, and higher only where Azure raises it on
 * request (`adjustable`). A quota whose default Azure sets per subscription
 * offer (vCPUs) has no value here: it is counted only where the platform file
 * states the subscription's quota.
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
  /** The value is the platform file's, for a quota the table has no default of. */
  readonly stated?: boolean;
}

/** A row of the table: as AzureLimit, but a quota Azure sets per subscription offer has no value until the platform file states one. */
export interface LimitEntry extends Omit<AzureLimit, "value"> {
  readonly value: number | undefined;
}

const limit = (key: string, what: string, value: number, adjustable: boolean, reference: string): AzureLimit => ({ key, what, value, adjustable, reference });
const statedQuota = (key: string, what: string, reference: string): LimitEntry => ({ key, what, value: undefined, adjustable: true, reference });

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
  // The page has changed over time: its include file (articles/includes/firewall-limits.md, 2023-10)
  // says 50 for policies created before July 2022 and 60 after; the current one (azure-docs
  // includes/firewall-limits.md, ms.date 2026-10-14, read in this work) says 90; the issue 100.
  // 60 is the lowest value Learn has stated for a policy made today, so a region this passes fits.
  // Each tenant keeps a group of its own (its attachment), which the VPN gateway bounds first:
  // 100 connections are at most 50 two-site municipalities per hub (docs/network-scale.md).
  ruleCollectionGroups: limit("rule-collection-groups", "rule collection groups per firewall policy", 60, false, `${SUBSCRIPTION_LIMITS}#azure-firewall-limits`),
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
  // "20,000 unique source/destinations in network rules", each rule adding its unique
  // source addresses times its unique destination addresses; an IP group counts as one.
  firewallNetworkRulePairs: limit(
    "firewall-network-rule-pairs",
    "unique source/destination pairs in the network rules of a firewall policy",
    20000,
    false,
    `${SUBSCRIPTION_LIMITS}#azure-firewall-limits`,
  ),
  // "Network interface cards 65,536" per region per subscription; the table has no
  // maximum column, which the page says means Azure does not raise it.
  networkInterfaces: limit("network-interfaces", "network interfaces per region in a subscription", 65536, false, `${SUBSCRIPTION_LIMITS}#azure-networking-limits`),
  // "Standard Public IP addresses: 10 (default), Contact support (maximum)"; the page notes
  // the default varies by offer (1000 for an Enterprise Agreement), so a platform file may
  // state the subscription's own.
  publicIpAddresses: limit("public-ip-addresses", "public IP addresses per region in a subscription", 10, true, `${SUBSCRIPTION_LIMITS}#publicip-address`),
  // "Scope | Policy or initiative assignments | 200", a scope being a management group,
  // subscription, resource group or resource (Azure Policy limits).
  policyAssignments: limit("policy-assignments", "Azure Policy assignments per scope (management group, subscription, resource group or resource)", 200, false, `${SUBSCRIPTION_LIMITS}#azure-policy-limits`),
  // The action groups section says "an unlimited number of action groups in a subscription
  // (ARM resource group limits still apply)": 800 instances of a type per resource group
  // (the subscription limits page, "Azure resource group limits"), and
  // microsoft.insights/actionGroups is not among the types exempt from it
  // (https://learn.microsoft.com/azure/azure-resource-manager/management/resources-without-resource-group-limit).
  // An older version of the page said 2,000 action groups per subscription.
  actionGroups: limit("action-groups", "action groups per resource group (the resource group limit of 800 per resource type)", 800, false, "https://learn.microsoft.com/azure/azure-monitor/service-limits#action-groups"),
  // Five diagnostic settings per resource (the page's limitations; the sentence itself was read in
  // secondary sources that cite it: docs/governance.md marks it unverified).
  diagnosticSettings: limit("diagnostic-settings", "diagnostic settings per resource", 5, false, "https://learn.microsoft.com/azure/azure-monitor/platform/create-diagnostic-settings"),
  // Total Regional vCPUs: Azure's default depends on the subscription's offer and is raised
  // on request, so there is no number to count against until the platform file states it.
  vcpus: statedQuota("vcpus", "vCPUs of virtual machines per region in a subscription (Total Regional vCPUs)", "https://learn.microsoft.com/azure/virtual-machines/quotas"),
} as const satisfies Record<string, AzureLimit | LimitEntry>;

export type LimitName = keyof typeof AZURE_LIMITS;

export const LIMITS: readonly LimitEntry[] = Object.values(AZURE_LIMITS);

/**
 * What is wrong with a `limits` entry of the platform file, or undefined. Any limit
 * may be set lower, to keep headroom; higher only where Azure raises it on request.
 */
export function limitOverrideProblem(key: string, value: number): string | undefined {
  const known = LIMITS.find((l) => l.key === key);
  if (!known) return `is not a limit grunnmur knows; the limits are ${LIMITS.map((l) => l.key).join(", ")}`;
  if (known.value !== undefined && value > known.value && !known.adjustable) {
    return `is ${value}, above Azure's ${known.value} ${known.what}, which Azure does not raise on request (${known.reference}); set it at most ${known.value}, or leave it out`;
  }
  return undefined;
}

/**
 * The limits in effect: the table's, with the platform file's values (checked by
 * limitOverrideProblem); a quota without a default is undefined unless the file states it.
 */
export type EffectiveLimits = Readonly<{ [K in LimitName]: (typeof AZURE_LIMITS)[K] extends AzureLimit ? AzureLimit : AzureLimit | undefined }>;

export function effectiveLimits(overrides: Readonly<Record<string, number>> = {}): EffectiveLimits {
  const result = {} as Record<LimitName, AzureLimit | undefined>;
  for (const [name, l] of Object.entries(AZURE_LIMITS) as Array<[LimitName, LimitEntry]>) {
    const set = overrides[l.key];
    if (l.value === undefined) result[name] = typeof set === "number" ? { ...l, value: set, stated: true } : undefined;
    else result[name] = typeof set === "number" && set !== l.value ? { ...l, value: set, azureValue: l.value } : (l as AzureLimit);
  }
  return result as EffectiveLimits;
}

/** The site-to-site connection limit of a VPN gateway SKU; undefined for a SKU the table does not know (Basic, ExpressRoute). */
export function vpnConnectionLimit(sku: string, limits: EffectiveLimits): AzureLimit | undefined {
  if (/^VpnGw[1-3](AZ)?$/i.test(sku)) return limits.vpnConnectionsVpnGw1To3;
  if (/^VpnGw[45](AZ)?$/i.test(sku)) return limits.vpnConnectionsVpnGw4To5;
  return undefined;
}
