/**
 * The region-wide preflight rules: what Azure refuses only once the stacks are
 * added up. Every tenant stack adds a peering to the hub VNet, links to the
 * shared private DNS zones, and the platform a VPN connection per site; one
 * stack alone never runs into the limit, the region does. So these rules read
 * every stack's preview at once and count against the limits table
 * (limits.ts); they also find Azure names that must be unique across stacks.
 *
 * Pure like the per-stack rules; the findings have the same shape, with the
 * stack that holds the limited resource, or "region" when no one stack does.
 */
import { AZURE_LIMITS, effectiveLimits, vpnConnectionLimit, type AzureLimit, type EffectiveLimits } from "./limits";
import { azureNameOf, inputAt, type PreflightFinding, type PreflightResource, type PreflightStack } from "./rule";

/** A resource as the region rules read it: with its id and provider, which say the subscription. */
export interface RegionResource extends PreflightResource {
  readonly id?: string | null;
  readonly provider?: { readonly subscriptionId?: string } | null;
}

export interface RegionStack extends PreflightStack {
  readonly resources: readonly RegionResource[];
}

/** How much of one limit one thing uses: "VPN connections on vgw-x: 9 of 30". */
export interface LimitUsage {
  readonly rule: string;
  readonly limit: AzureLimit;
  /** What is counted on what, e.g. "VPN connections on vgw-grunnmur-prod-noe". */
  readonly subject: string;
  readonly used: number;
}

export interface RegionRule {
  /** "PF-31", ...: after the per-stack rules' ids, never one of the policies'. */
  readonly id: string;
  readonly name: string;
  readonly summary: string;
  readonly reference: string;
  check(stacks: readonly RegionStack[], limits: EffectiveLimits): { findings: PreflightFinding[]; usage: LimitUsage[] };
}

export interface RegionCheck {
  readonly rules: number;
  readonly findings: PreflightFinding[];
  readonly usage: LimitUsage[];
}

interface Located {
  readonly stack: string;
  readonly resource: RegionResource;
}

const CUSTOM = (r: RegionResource) => r.custom !== false;

function located(stacks: readonly RegionStack[], ...types: string[]): Located[] {
  return stacks.flatMap((s) => s.resources.filter((r) => CUSTOM(r) && types.includes(r.type)).map((resource) => ({ stack: s.stack, resource })));
}

const SUBSCRIPTION_IN_ID = /^\/subscriptions\/([^/]+)/i;

/** The subscription a resource lands in: its explicit provider's, else the one its id or scope names. */
export function subscriptionOf(resource: RegionResource): string | undefined {
  if (resource.provider?.subscriptionId) return resource.provider.subscriptionId;
  for (const candidate of [resource.id, resource.inputs.scope]) {
    const match = typeof candidate === "string" ? SUBSCRIPTION_IN_ID.exec(candidate) : null;
    if (match) return match[1].toLowerCase();
  }
  return undefined;
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const lastSegment = (id: string | undefined): string | undefined => id?.split("/").filter(Boolean).pop();

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) continue;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return groups;
}

/** "platform 31" or "alta 1, bardu 1, platform 2": where the counted resources are. */
function perStack(items: readonly Located[]): string {
  const counts = new Map<string, number>();
  for (const { stack } of items) counts.set(stack, (counts.get(stack) ?? 0) + 1);
  return [...counts].map(([stack, n]) => `${stack} ${n}`).join(", ");
}

/** One counted thing: its name, where it lives, what is counted on it, and the resource it is (when a stack has it). */
interface Counted {
  readonly key: string;
  readonly azureName: string;
  readonly owner?: Located;
  readonly items: readonly Located[];
  /** How many, when not items.length (routes inside a route table). */
  readonly count?: number;
}

function limitRule(
  meta: Omit<RegionRule, "check" | "reference">,
  limitOf: (limits: EffectiveLimits, counted: Counted) => AzureLimit | undefined,
  subjectOf: (counted: Counted) => string,
  count: (stacks: readonly RegionStack[]) => Counted[],
  referenceLimit: AzureLimit,
): RegionRule {
  return {
    ...meta,
    reference: referenceLimit.reference,
    check(stacks, limits) {
      const findings: PreflightFinding[] = [];
      const usage: LimitUsage[] = [];
      for (const counted of count(stacks)) {
        const limit = limitOf(limits, counted);
        if (!limit) continue;
        const used = counted.count ?? counted.items.length;
        const subject = subjectOf(counted);
        usage.push({ rule: meta.id, limit, subject, used });
        if (used <= limit.value) continue;
        const stack = counted.owner?.stack ?? (new Set(counted.items.map((i) => i.stack)).size === 1 ? counted.items[0].stack : "region");
        const value = `${used} (${perStack(counted.items)})`;
        const set = limit.azureValue !== undefined ? ` (limits.${limit.key} in the platform file; Azure's own is ${limit.azureValue})` : "";
        const allowed = `at most ${limit.value} ${limit.what}${set}`;
        findings.push({
          rule: meta.id,
          stack,
          resource: counted.owner?.resource.name ?? counted.azureName,
          ...(counted.owner?.resource.urn ? { urn: counted.owner.resource.urn } : {}),
          azureName: counted.azureName,
          value,
          allowed,
          reference: limit.reference,
          message: `${subject}: ${value}; ${set ? "the region allows" : "Azure allows"} ${allowed} (${limit.reference})`,
        });
      }
      return { findings, usage };
    },
  };
}

const GATEWAY = "azure-native:network:VirtualNetworkGateway";
const CONNECTION = "azure-native:network:VirtualNetworkGatewayConnection";

export const vpnConnectionsPerGateway = limitRule(
  { id: "PF-31", name: "vpn-connections-per-gateway", summary: "A VPN gateway takes at most its SKU's number of site-to-site connections: 30 for VpnGw1AZ-VpnGw3AZ, 100 for VpnGw4AZ and VpnGw5AZ." },
  // A SKU the table does not know (Basic, an ExpressRoute gateway) is not counted.
  (limits, counted) => (counted.owner ? vpnConnectionLimit(str(inputAt(counted.owner.resource, "sku.name")) ?? "", limits) : undefined),
  (counted) => `VPN connections on ${counted.azureName}`,
  (stacks) => {
    const gateways = located(stacks, GATEWAY);
    const byGateway = groupBy(located(stacks, CONNECTION), (c) => lastSegment(str(inputAt(c.resource, "virtualNetworkGateway1.id")))?.toLowerCase());
    return gateways.map((g) => {
      const name = azureNameOf(g.resource);
      return { key: name, azureName: name, owner: g, items: byGateway.get(name.toLowerCase()) ?? [] };
    });
  },
  AZURE_LIMITS.vpnConnectionsVpnGw1To3,
);

const POLICY = "azure-native:network:FirewallPolicy";
const RCG = "azure-native:network:FirewallPolicyRuleCollectionGroup";

export const ruleCollectionGroupsPerPolicy = limitRule(
  { id: "PF-32", name: "rule-collection-groups-per-firewall-policy", summary: "A firewall policy has at most 100 rule collection groups, counted over every stack that adds one." },
  (limits) => limits.ruleCollectionGroups,
  (counted) => `rule collection groups in ${counted.azureName}`,
  (stacks) => {
    const policies = new Map(located(stacks, POLICY).map((p) => [`${str(p.resource.inputs.resourceGroupName)}/${azureNameOf(p.resource)}`.toLowerCase(), p]));
    const groups = groupBy(located(stacks, RCG), (g) => `${str(g.resource.inputs.resourceGroupName)}/${str(g.resource.inputs.firewallPolicyName)}`.toLowerCase());
    const keys = new Set([...policies.keys(), ...groups.keys()]);
    return [...keys].map((key) => {
      const owner = policies.get(key);
      const items = groups.get(key) ?? [];
      return { key, azureName: owner ? azureNameOf(owner.resource) : (str(items[0]?.resource.inputs.firewallPolicyName) ?? key), ...(owner ? { owner } : {}), items };
    });
  },
  AZURE_LIMITS.ruleCollectionGroups,
);

const VNET = "azure-native:network:VirtualNetwork";

/** Things keyed by subscription, resource group and a name input, with their owner where a stack declares it. */
function keyedByParent(stacks: readonly RegionStack[], ownerType: string, childType: string, childParentName: string, ownerNameInput?: string): Counted[] {
  const nameOf = (l: Located) => (ownerNameInput ? (str(l.resource.inputs[ownerNameInput]) ?? l.resource.name) : azureNameOf(l.resource));
  const keyOf = (l: Located, nameInput?: string) => {
    const name = nameInput ? str(l.resource.inputs[nameInput]) : nameOf(l);
    const rg = str(l.resource.inputs.resourceGroupName);
    return name && rg ? `${subscriptionOf(l.resource) ?? "?"}/${rg}/${name}`.toLowerCase() : undefined;
  };
  const owners = new Map<string, Located>();
  for (const o of located(stacks, ownerType)) {
    const key = keyOf(o);
    if (key) owners.set(key, o);
  }
  const children = groupBy(located(stacks, childType), (c) => keyOf(c, childParentName));
  return [...children].map(([key, items]) => {
    const owner = owners.get(key);
    return { key, azureName: owner ? nameOf(owner) : str(items[0].resource.inputs[childParentName])!, ...(owner ? { owner } : {}), items };
  });
}

export const peeringsPerVirtualNetwork = limitRule(
  { id: "PF-33", name: "peerings-per-virtual-network", summary: "A virtual network has at most 500 peerings: the hub's own plus every tenant stack's peering from the hub." },
  (limits) => limits.peerings,
  (counted) => `peerings on ${counted.azureName}`,
  (stacks) => keyedByParent(stacks, VNET, "azure-native:network:VirtualNetworkPeering", "virtualNetworkName"),
  AZURE_LIMITS.peerings,
);

export const linksPerPrivateDnsZone = limitRule(
  { id: "PF-34", name: "links-per-private-dns-zone", summary: "A private DNS zone has at most 1000 virtual network links, counted over every stack that links a VNet to it." },
  (limits) => limits.privateDnsLinks,
  (counted) => `virtual network links to ${counted.azureName}`,
  (stacks) => keyedByParent(stacks, "azure-native:privatedns:PrivateZone", "azure-native:privatedns:VirtualNetworkLink", "privateZoneName", "privateZoneName"),
  AZURE_LIMITS.privateDnsLinks,
);

function perSubscription(stacks: readonly RegionStack[], ...types: string[]): Counted[] {
  return [...groupBy(located(stacks, ...types), (l) => subscriptionOf(l.resource))].map(([sub, items]) => ({ key: sub, azureName: sub, items }));
}

export const roleAssignmentsPerSubscription = limitRule(
  { id: "PF-35", name: "role-assignments-per-subscription", summary: "A subscription holds at most 4000 Azure role assignments, counted over every stack deploying to it." },
  (limits) => limits.roleAssignments,
  (counted) => `role assignments in subscription ${counted.azureName}`,
  (stacks) => perSubscription(stacks, "azure-native:authorization:RoleAssignment"),
  AZURE_LIMITS.roleAssignments,
);

const ROUTE_TABLE = "azure-native:network:RouteTable";

export const routesPerRouteTable = limitRule(
  { id: "PF-36", name: "routes-per-route-table", summary: "A route table has at most 400 routes, inline and as separate route resources together." },
  (limits) => limits.routes,
  (counted) => `routes in ${counted.azureName}`,
  (stacks) => {
    const separate = new Map(keyedByParent(stacks, ROUTE_TABLE, "azure-native:network:Route", "routeTableName").map((c) => [c.key, c]));
    const tables = located(stacks, ROUTE_TABLE).map((t): Counted => {
      const key = `${subscriptionOf(t.resource) ?? "?"}/${str(t.resource.inputs.resourceGroupName)}/${azureNameOf(t.resource)}`.toLowerCase();
      const inline = Array.isArray(t.resource.inputs.routes) ? t.resource.inputs.routes.length : 0;
      const extra = separate.get(key)?.items ?? [];
      separate.delete(key);
      return { key, azureName: azureNameOf(t.resource), owner: t, items: [...Array.from({ length: inline }, () => t), ...extra] };
    });
    return [...tables, ...separate.values()];
  },
  AZURE_LIMITS.routes,
);

export const resourceGroupsPerSubscription = limitRule(
  { id: "PF-37", name: "resource-groups-per-subscription", summary: "A subscription holds at most 980 resource groups, counted over every stack deploying to it." },
  (limits) => limits.resourceGroups,
  (counted) => `resource groups in subscription ${counted.azureName}`,
  (stacks) => perSubscription(stacks, "azure-native:resources:ResourceGroup"),
  AZURE_LIMITS.resourceGroups,
);

/** A rule that finds Azure names two resources share where Azure takes each only once. */
function uniqueRule(meta: Omit<RegionRule, "check">, type: string, subject: string, scopeOf: (l: Located) => string | undefined, scopeText: string, nameOf: (l: Located) => string = (l) => azureNameOf(l.resource)): RegionRule {
  return {
    ...meta,
    check(stacks) {
      const findings: PreflightFinding[] = [];
      const groups = groupBy(located(stacks, type), (l) => {
        const scope = scopeOf(l);
        return scope === undefined ? undefined : `${scope}\u0000${nameOf(l).toLowerCase()}`;
      });
      for (const items of groups.values()) {
        if (items.length < 2) continue;
        const named = items.map((i) => `${i.stack} ${i.resource.name}`);
        const where = named.length > 4 ? `${named.slice(0, 3).join(", ")} and ${named.length - 3} more` : named.join(", ");
        const [first, ...rest] = items;
        for (const dup of rest) {
          const value = `${items.length} resources: ${where}`;
          const allowed = `one ${subject} of that name ${scopeText}`;
          findings.push({
            rule: meta.id,
            stack: dup.stack,
            resource: dup.resource.name,
            ...(dup.resource.urn ? { urn: dup.resource.urn } : {}),
            azureName: nameOf(dup),
            value,
            allowed,
            reference: meta.reference,
            message: `${subject} ${nameOf(dup)} is declared by ${value}, not only by ${first.stack} ${first.resource.name}; Azure allows ${allowed} (${meta.reference})`,
          });
        }
      }
      return { findings, usage: [] };
    },
  };
}

const NAME_RULES = "https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules";

export const storageAccountNameUnique = uniqueRule(
  { id: "PF-38", name: "storage-account-name-unique", summary: "A storage account's name is unique across Azure, so no two stacks may use the same one.", reference: `${NAME_RULES}#microsoftstorage` },
  "azure-native:storage:StorageAccount",
  "storage account",
  () => "global",
  "in all of Azure",
);

export const keyVaultNameUnique = uniqueRule(
  { id: "PF-39", name: "key-vault-name-unique", summary: "A key vault's name is unique across Azure, so no two stacks may use the same one.", reference: `${NAME_RULES}#microsoftkeyvault` },
  "azure-native:keyvault:Vault",
  "key vault",
  () => "global",
  "in all of Azure",
);

export const resourceGroupNameUnique = uniqueRule(
  { id: "PF-40", name: "resource-group-name-unique", summary: "A resource group's name is unique in its subscription, so no two stacks deploying there may declare the same one.", reference: `${NAME_RULES}#microsoftresources` },
  "azure-native:resources:ResourceGroup",
  "resource group",
  (l) => subscriptionOf(l.resource),
  "in a subscription",
);

export const oneNetworkWatcherPerRegion = uniqueRule(
  {
    id: "PF-41",
    name: "network-watcher-one-per-region",
    summary: "A subscription has one Network Watcher per region, so no two stacks deploying there may each declare one for the same region.",
    reference: "https://learn.microsoft.com/azure/network-watcher/network-watcher-overview",
  },
  "azure-native:network:NetworkWatcher",
  "Network Watcher",
  (l) => subscriptionOf(l.resource),
  "per region in a subscription",
  (l) => str(l.resource.inputs.location) ?? "(no location)",
);

export const ACROSS_STACK_RULES: readonly RegionRule[] = [
  vpnConnectionsPerGateway,
  ruleCollectionGroupsPerPolicy,
  peeringsPerVirtualNetwork,
  linksPerPrivateDnsZone,
  roleAssignmentsPerSubscription,
  routesPerRouteTable,
  resourceGroupsPerSubscription,
  storageAccountNameUnique,
  keyVaultNameUnique,
  resourceGroupNameUnique,
  oneNetworkWatcherPerRegion,
];

/**
 * Every region rule over every stack at once. A rule that throws becomes a
 * finding of its own, as with the per-stack rules, so the check still fails.
 */
export function runRegionPreflight(stacks: readonly RegionStack[], limits: EffectiveLimits = effectiveLimits(), rules: readonly RegionRule[] = ACROSS_STACK_RULES): RegionCheck {
  const findings: PreflightFinding[] = [];
  const usage: LimitUsage[] = [];
  for (const rule of rules) {
    try {
      const result = rule.check(stacks, limits);
      findings.push(...result.findings);
      usage.push(...result.usage);
    } catch (err) {
      const message = `the region preflight rule itself failed (${err instanceof Error ? err.message : String(err)}); this is a bug in domain/preflight/, report it to the regional IT team`;
      findings.push({ rule: rule.id, stack: "region", resource: "region", azureName: "", value: "", allowed: "", reference: rule.reference, message });
    }
  }
  return { rules: rules.length, findings, usage };
}

/** The share of its limit a usage takes, for picking the tightest. */
const share = (u: LimitUsage) => u.used / u.limit.value;

/**
 * The region's summary as the preview prints it: one line (rules, findings, the
 * tightest limit), then the busiest thing of each limit as "N of M", so the
 * team sees how close the hub and the subscriptions are before Azure says no.
 */
export function summariseRegionCheck(check: RegionCheck): string[] {
  const tightest = [...check.usage].sort((a, b) => share(b) - share(a) || a.subject.localeCompare(b.subject))[0];
  const findings = `${check.findings.length} finding${check.findings.length === 1 ? "" : "s"}`;
  const lines = [
    `Region preflight: ${check.rules} rules over all stacks, ${findings}` +
      (tightest ? `; tightest limit: ${tightest.subject}, ${tightest.used} of ${tightest.limit.value} (${Math.round(share(tightest) * 100)}%)` : ""),
  ];
  const rules = [...new Set(check.usage.map((u) => u.rule))];
  for (const rule of rules) {
    const of = check.usage.filter((u) => u.rule === rule).sort((a, b) => share(b) - share(a) || a.subject.localeCompare(b.subject));
    const more = of.length > 1 ? ` (busiest of ${of.length})` : "";
    lines.push(`  ${of[0].subject}: ${of[0].used} of ${of[0].limit.value}${more}`);
  }
  return lines;
}
