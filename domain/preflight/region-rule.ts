/**
 * What the region-wide preflight rules are made of: the resource and rule
 * types, where a resource lands (its subscription), and the two kinds of rule
 * (a count against a limit, a name Azure takes once). The rules themselves are
 * in across-stacks.ts and the files it lists; the summary in region-summary.ts.
 */
import type { AzureLimit, EffectiveLimits, LimitEntry } from "./limits";
import { azureNameOf, type PreflightFinding, type PreflightResource, type PreflightStack } from "./rule";

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
  /**
   * Where it counts, for the summary's grouping: "hub vnet-x" for what lives in a
   * hub's resource group, "subscription <id> (...)" for a per-subscription limit;
   * absent for the rest of the region (spokes, shared DNS zones, identities).
   */
  readonly scope?: string;
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

export interface Located {
  readonly stack: string;
  readonly resource: RegionResource;
}

const CUSTOM = (r: RegionResource) => r.custom !== false;

export function located(stacks: readonly RegionStack[], ...types: string[]): Located[] {
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

export const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
export const lastSegment = (id: string | undefined): string | undefined => id?.split("/").filter(Boolean).pop();

export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) continue;
    // In place: a copy per item is quadratic, and a subscription may hold tens of thousands of NICs.
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** "platform 31" or "alta 1, bardu 1, platform 2": where the counted resources are. */
function perStack(items: readonly Located[]): string {
  const counts = new Map<string, number>();
  for (const { stack } of items) counts.set(stack, (counts.get(stack) ?? 0) + 1);
  const listed = [...counts].map(([stack, n]) => `${stack} ${n}`);
  // A region of hundreds of stacks would make the line unreadable: the first few, then how many more.
  return listed.length <= 12 ? listed.join(", ") : `${listed.slice(0, 10).join(", ")} and ${listed.length - 10} more stacks`;
}

/** One counted thing: its name, where it lives, what is counted on it, and the resource it is (when a stack has it). */
export interface Counted {
  readonly key: string;
  readonly azureName: string;
  readonly owner?: Located;
  readonly items: readonly Located[];
  /** How many, when not items.length (routes inside a route table). */
  readonly count?: number;
  /** The subscription the limit is per, for a per-subscription limit: the summary groups by it. */
  readonly subscription?: string;
}

/** A hub: a virtual network with the subnets only a hub has (a firewall's or a VPN gateway's). */
const HUB_SUBNETS = new Set(["azurefirewallsubnet", "gatewaysubnet"]);

const groupKey = (l: Located): string | undefined => {
  const rg = str(l.resource.inputs.resourceGroupName);
  return rg ? `${subscriptionOf(l.resource) ?? "?"}/${rg}`.toLowerCase() : undefined;
};

/** The region's hubs, by the subscription and resource group that hold them: "hub <VNet name>". */
export function hubsOf(stacks: readonly RegionStack[]): Map<string, string> {
  const hubs = new Map<string, string>();
  for (const vnet of located(stacks, "azure-native:network:VirtualNetwork")) {
    const subnets = Array.isArray(vnet.resource.inputs.subnets) ? vnet.resource.inputs.subnets : [];
    const isHub = subnets.some((s) => typeof s === "object" && s !== null && HUB_SUBNETS.has(String((s as { name?: unknown }).name).toLowerCase()));
    const key = groupKey(vnet);
    if (isHub && key && !hubs.has(key)) hubs.set(key, `hub ${azureNameOf(vnet.resource)}`);
  }
  return hubs;
}

export function limitRule(
  meta: Omit<RegionRule, "check" | "reference">,
  limitOf: (limits: EffectiveLimits, counted: Counted) => AzureLimit | undefined,
  subjectOf: (counted: Counted) => string,
  count: (stacks: readonly RegionStack[]) => Counted[],
  referenceLimit: LimitEntry,
): RegionRule {
  return {
    ...meta,
    reference: referenceLimit.reference,
    check(stacks, limits) {
      const findings: PreflightFinding[] = [];
      const usage: LimitUsage[] = [];
      const hubs = hubsOf(stacks);
      const subscriptions = subscriptionScopes(stacks);
      for (const counted of count(stacks)) {
        const limit = limitOf(limits, counted);
        if (!limit) continue;
        const used = counted.count ?? counted.items.length;
        const subject = subjectOf(counted);
        const ownerGroup = counted.owner ? groupKey(counted.owner) : undefined;
        const scope = counted.subscription ? (subscriptions.get(counted.subscription) ?? `subscription ${counted.subscription}`) : ownerGroup ? hubs.get(ownerGroup) : undefined;
        usage.push({ rule: meta.id, limit, subject, used, ...(scope ? { scope } : {}) });
        if (used <= limit.value) continue;
        const stack = counted.owner?.stack ?? (new Set(counted.items.map((i) => i.stack)).size === 1 ? counted.items[0].stack : "region");
        const value = `${used} (${perStack(counted.items)})`;
        const set =
          limit.azureValue !== undefined
            ? ` (limits.${limit.key} in the platform file; Azure's own is ${limit.azureValue})`
            : limit.stated
              ? ` (limits.${limit.key} in the platform file, the subscription's quota)`
              : "";
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
          message: `${subject}: ${value}; ${limit.azureValue !== undefined ? "the region allows" : "Azure allows"} ${allowed} (${limit.reference})`,
        });
      }
      return { findings, usage };
    },
  };
}

/** Things keyed by subscription, resource group and a name input, with their owner where a stack declares it. */
export function keyedByParent(stacks: readonly RegionStack[], ownerType: string, childType: string, childParentName: string, ownerNameInput?: string): Counted[] {
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

/** Each subscription's heading in the summary: "subscription <id> (platform, alta and 7 more)", from the stacks deploying there. */
export function subscriptionScopes(stacks: readonly RegionStack[]): Map<string, string> {
  const deploying = new Map<string, Set<string>>();
  for (const s of stacks) {
    for (const r of s.resources) {
      const sub = r.custom !== false ? subscriptionOf(r) : undefined;
      if (sub) deploying.set(sub, (deploying.get(sub) ?? new Set()).add(s.stack));
    }
  }
  return new Map(
    [...deploying].map(([sub, names]) => {
      // The platform first: it is the one stack that deploys into the host's subscription in every region.
      const list = [...names].sort((a, b) => Number(b === "platform") - Number(a === "platform"));
      return [sub, `subscription ${sub} (${list.length <= 3 ? list.join(", ") : `${list.slice(0, 2).join(", ")} and ${list.length - 2} more`})`];
    }),
  );
}

export function perSubscription(stacks: readonly RegionStack[], ...types: string[]): Counted[] {
  return [...groupBy(located(stacks, ...types), (l) => subscriptionOf(l.resource))].map(([sub, items]) => ({ key: sub, azureName: sub, items, subscription: sub }));
}

/** A rule that finds Azure names two resources share where Azure takes each only once. */
export function uniqueRule(meta: Omit<RegionRule, "check">, type: string, subject: string, scopeOf: (l: Located) => string | undefined, scopeText: string, nameOf: (l: Located) => string = (l) => azureNameOf(l.resource)): RegionRule {
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

