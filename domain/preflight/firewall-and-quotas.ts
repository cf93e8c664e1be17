/**
 * Region-wide limits on what the firewall policy holds and on what a
 * subscription holds in a region: every tenant stack adds network rules to the
 * hub's policy, and the platform's RADIUS servers, gateways and any tenant VM
 * draw on the same subscription's network interfaces, public IP addresses and
 * vCPUs. Azure's quotas on those are per region per subscription, so they are
 * counted by subscription and the resource's `location`.
 */
import { AZURE_LIMITS } from "./limits";
import { VM_SIZES } from "../compute/sizes";
import { azureNameOf, inputAt, quote, type PreflightFinding } from "./rule";
import { groupBy, limitRule, located, str, subscriptionOf, type Counted, type Located, type RegionRule, type RegionStack } from "./region-rule";

const POLICY = "azure-native:network:FirewallPolicy";
const RCG = "azure-native:network:FirewallPolicyRuleCollectionGroup";
const NIC = "azure-native:network:NetworkInterface";
const PUBLIC_IP = "azure-native:network:PublicIPAddress";
const VM = "azure-native:compute:VirtualMachine";

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const record = (v: unknown): Record<string, unknown> => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const uniqueCount = (...lists: unknown[]): number => new Set(lists.flatMap(list).filter((x): x is string => typeof x === "string").map((x) => x.toLowerCase())).size;

/** `located` once per unit it counts for, so the finding's per-stack breakdown counts units, not resources. */
const times = (l: Located, n: number): Located[] => Array.from({ length: n }, () => l);

/**
 * The unique source/destination pairs of one rule collection group's network
 * rules, as the limits page defines them: per rule, its unique sources times its
 * unique destinations, an IP group counting as one address. Ports and protocols
 * are not part of the definition. A destination FQDN is counted as one
 * destination, as an IP group is; the page does not say how it counts, and the
 * firewall resolves it to addresses only at run time. DNAT and application
 * rules are not network rules and are left out.
 */
export function networkRulePairs(ruleCollections: unknown): number {
  let pairs = 0;
  for (const collection of list(ruleCollections)) {
    for (const rule of list(record(collection).rules).map(record)) {
      if (rule.ruleType !== "NetworkRule") continue;
      pairs += uniqueCount(rule.sourceAddresses, rule.sourceIpGroups) * uniqueCount(rule.destinationAddresses, rule.destinationIpGroups, rule.destinationFqdns);
    }
  }
  return pairs;
}

export const networkRulePairsPerPolicy = limitRule(
  {
    id: "PF-42",
    name: "firewall-network-rule-pairs-per-policy",
    summary: "A firewall policy's network rules have at most 20,000 unique source/destination pairs (per rule, its sources times its destinations), counted over every stack's rule collection groups.",
  },
  (limits) => limits.firewallNetworkRulePairs,
  (counted) => `unique source/destination pairs in the network rules of ${counted.azureName}`,
  (stacks) => {
    // Keyed as PF-32 keys rule collection groups: the policy's resource group and name.
    const keyOf = (rg: unknown, name: unknown) => `${str(rg)}/${str(name)}`.toLowerCase();
    const policies = new Map(located(stacks, POLICY).map((p) => [keyOf(p.resource.inputs.resourceGroupName, azureNameOf(p.resource)), p]));
    const groups = groupBy(located(stacks, RCG), (g) => keyOf(g.resource.inputs.resourceGroupName, g.resource.inputs.firewallPolicyName));
    return [...new Set([...policies.keys(), ...groups.keys()])].map((key): Counted => {
      const owner = policies.get(key);
      const rcgs = groups.get(key) ?? [];
      const items = rcgs.flatMap((g) => times(g, networkRulePairs(g.resource.inputs.ruleCollections)));
      return { key, azureName: owner ? azureNameOf(owner.resource) : (str(rcgs[0]?.resource.inputs.firewallPolicyName) ?? key), ...(owner ? { owner } : {}), items };
    });
  },
  AZURE_LIMITS.firewallNetworkRulePairs,
);

/** What each resource counts for in its subscription and region. */
interface Unit {
  readonly at: Located;
  readonly n: number;
}

const NO_LOCATION = "(no location)";
const locationOf = (l: Located) => str(l.resource.inputs.location)?.toLowerCase() ?? NO_LOCATION;

/** Counts by subscription and region; a resource whose subscription is not known is not counted, as in PF-35. */
function perSubscriptionAndRegion(units: readonly Unit[]): Counted[] {
  const groups = groupBy(units, (u) => {
    const sub = subscriptionOf(u.at.resource);
    return sub ? `${sub}\u0000${locationOf(u.at)}` : undefined;
  });
  return [...groups].map(([key, of]) => ({ key, azureName: key.split("\u0000")[0], subscription: key.split("\u0000")[0], items: of.flatMap((u) => times(u.at, u.n)) }));
}

const inRegion = (what: string) => (counted: Counted) => `${what} in subscription ${counted.azureName} in ${counted.key.split("\u0000")[1]}`;

/** The NICs a VM declares inline (networkProfile.networkInterfaceConfigurations), which Azure creates as NICs of their own. */
const inlineNics = (vm: Located) => list(inputAt(vm.resource, "networkProfile.networkInterfaceConfigurations"));

export const networkInterfacesPerRegion = limitRule(
  {
    id: "PF-43",
    name: "network-interfaces-per-subscription-region",
    summary: "A subscription holds at most 65,536 network interfaces per region: every stack's, and those a VM declares inline.",
  },
  (limits) => limits.networkInterfaces,
  inRegion("network interfaces"),
  (stacks) =>
    perSubscriptionAndRegion([
      ...located(stacks, NIC).map((at) => ({ at, n: 1 })),
      ...located(stacks, VM).map((at) => ({ at, n: inlineNics(at).length })),
    ]),
  AZURE_LIMITS.networkInterfaces,
);

export const publicIpAddressesPerRegion = limitRule(
  {
    id: "PF-44",
    name: "public-ip-addresses-per-subscription-region",
    summary:
      "A subscription holds at most 10 Standard public IP addresses per region by default (raised on request; the platform file may state the subscription's own): every stack's, and those a VM's inline NICs declare.",
  },
  (limits) => limits.publicIpAddresses,
  inRegion("public IP addresses"),
  // Every address is counted, whatever its SKU: the page's total over Basic and
  // Standard has the same default, so one count against it errs on the safe side.
  (stacks) =>
    perSubscriptionAndRegion([
      ...located(stacks, PUBLIC_IP).map((at) => ({ at, n: 1 })),
      ...located(stacks, VM).map((at) => ({
        at,
        n: inlineNics(at).flatMap((nic) => list(record(nic).ipConfigurations)).filter((ip) => record(ip).publicIPAddressConfiguration !== undefined).length,
      })),
    ]),
  AZURE_LIMITS.publicIpAddresses,
);

const B_SERIES = "https://learn.microsoft.com/azure/virtual-machines/sizes-b-series-burstable";
const BSV2_SERIES = "https://learn.microsoft.com/azure/virtual-machines/bsv2-series";

/**
 * vCPUs per VM size, for the sizes the region uses or is likely to pick for
 * small servers (the RADIUS servers are Standard_B2s). Not derived from the
 * name: constrained-core sizes (Standard_E4-2s_v5) have a number that is not
 * their vCPUs. Also every size members' workloads may use (domain/compute/sizes.ts);
 * where both name a size, this table's entry stands.
 */
export const VCPUS_PER_SIZE: Readonly<Record<string, { vcpus: number; reference: string }>> = Object.fromEntries(
  [
    ...VM_SIZES.map((s) => [s.name, { vcpus: s.vcpus, reference: s.reference }] as const),
    ...(
      [
        ["Standard_B1s", 1],
        ["Standard_B1ms", 1],
        ["Standard_B2s", 2],
        ["Standard_B2ms", 2],
        ["Standard_B4ms", 4],
        ["Standard_B8ms", 8],
        ["Standard_B12ms", 12],
        ["Standard_B16ms", 16],
        ["Standard_B20ms", 20],
      ] as const
    ).map(([size, vcpus]) => [size, { vcpus, reference: B_SERIES }]),
    ...(
      [
        ["Standard_B2ls_v2", 2],
        ["Standard_B2s_v2", 2],
        ["Standard_B4ls_v2", 4],
        ["Standard_B4s_v2", 4],
        ["Standard_B8ls_v2", 8],
        ["Standard_B8s_v2", 8],
      ] as const
    ).map(([size, vcpus]) => [size, { vcpus, reference: BSV2_SERIES }]),
  ],
);

// Azure takes a size name in any case.
const VCPUS_BY_LOWER_NAME = new Map(Object.entries(VCPUS_PER_SIZE).map(([size, { vcpus }]) => [size.toLowerCase(), vcpus]));
const vmSizeOf = (vm: Located) => str(inputAt(vm.resource, "hardwareProfile.vmSize"));
const vcpusOf = (vm: Located) => VCPUS_BY_LOWER_NAME.get(vmSizeOf(vm)?.toLowerCase() ?? "");

const vcpuCount = limitRule(
  {
    id: "PF-45",
    name: "vcpus-per-subscription-region",
    summary:
      "Where the platform file states a subscription's vCPU quota (limits.vcpus), the VMs of every stack deploying there have at most that many vCPUs per region; a VM size grunnmur does not know the vCPUs of is a finding then.",
  },
  (limits) => limits.vcpus,
  inRegion("vCPUs of virtual machines"),
  (stacks) => perSubscriptionAndRegion(located(stacks, VM).map((at) => ({ at, n: vcpusOf(at) ?? 0 }))),
  AZURE_LIMITS.vcpus,
);

/**
 * Azure's default regional vCPU quota depends on the subscription's offer, so
 * grunnmur counts only against one the platform file states; without it the
 * rule finds nothing. An unknown size is a finding rather than a guess: a guess
 * too low would pass a region Azure refuses.
 */
export const vcpusPerRegion: RegionRule = {
  ...vcpuCount,
  check(stacks: readonly RegionStack[], limits) {
    const counted = vcpuCount.check(stacks, limits);
    const quota = limits.vcpus;
    if (!quota) return counted;
    const unknown = located(stacks, VM).filter((vm) => subscriptionOf(vm.resource) !== undefined && vcpusOf(vm) === undefined);
    const known = Object.keys(VCPUS_PER_SIZE).map((k) => k.replace(/^Standard_/, "")).join(", ");
    const findings: PreflightFinding[] = unknown.map((vm) => {
      const size = vmSizeOf(vm);
      const where = `subscription ${subscriptionOf(vm.resource)} in ${locationOf(vm)}`;
      return {
        rule: vcpuCount.id,
        stack: vm.stack,
        resource: vm.resource.name,
        ...(vm.resource.urn ? { urn: vm.resource.urn } : {}),
        azureName: azureNameOf(vm.resource),
        value: size ?? "(no size)",
        allowed: `a size whose vCPUs grunnmur knows (Standard_${known})`,
        reference: vcpuCount.reference,
        message: `VirtualMachine ${azureNameOf(vm.resource)}: hardwareProfile.vmSize is ${size ? quote(size) : "not set"}, a size whose vCPUs grunnmur's table does not know, so the vCPUs in ${where} cannot be counted against limits.vcpus (${quota.value}) in the platform file; use a size the table knows (Standard_${known}) or add this one to VCPUS_PER_SIZE in domain/preflight/firewall-and-quotas.ts with its vCPUs from Microsoft Learn (${vcpuCount.reference})`,
      };
    });
    return { findings: [...counted.findings, ...findings], usage: counted.usage };
  },
};

export const FIREWALL_AND_QUOTA_RULES: readonly RegionRule[] = [networkRulePairsPerPolicy, networkInterfacesPerRegion, publicIpAddressesPerRegion, vcpusPerRegion];
