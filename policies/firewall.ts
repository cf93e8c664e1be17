/**
 * Firewall rules (NW-03.2, NW-03.3): the hub firewall is where one
 * municipality is kept out of another's network (Hedmark IKT 2020: one
 * provider's network hit seven municipalities). The platform stack holds every
 * tenant's rule collection group, so these policies see them all at once.
 *
 * What the platform stack knows about a tenant's ranges: its group `rcg-<slug>`
 * and the addresses its rules name. Spoke address spaces and sites are the
 * tenants' own files, so the rule is relational: no address in one tenant's
 * group may overlap an address another tenant's group uses as a source. The
 * shared services (the hub VNets' address spaces) are everyone's.
 */
import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy, type GrunnmurPolicy } from "./core/define";
import { describeResource } from "./core/messages";
import { dependsThrough, idOf, ofType, refersTo, STACK_TYPE, stackOutput } from "./core/stack-facts";

/** A hub stack's output: the platform's hub VNet and shared-services spoke, whose services every tenant may name. */
const CORE_ADDRESS_SPACES = "coreAddressSpaces";
import { knownList, knownString, peek, sameText, show } from "./core/values";
import { covers, internetIn, readAddress, spansOverlap, type Address, type Span } from "./core/address-ranges";
import { OUTPUT } from "../stacks/contract";

export const FIREWALL_POLICY = "azure-native:network:FirewallPolicy";
export const RULE_COLLECTION_GROUP = "azure-native:network:FirewallPolicyRuleCollectionGroup";
const VNET = "azure-native:network:VirtualNetwork";

/** The platform's own group that denies traffic between spokes (domain/network/firewall-rules.ts). */
export const ISOLATION_GROUP = "rcg-isolation";
const TENANT_GROUP = /^rcg-([a-z0-9-]+)$/i;
const SOURCE = "NSM 2.2.3; MCSB NS-1";

type Json = Record<string, unknown>;

interface RuleView {
  readonly group: PolicyResource;
  readonly groupName: string;
  readonly collection: string;
  readonly action: string | undefined;
  readonly name: string;
  readonly type: string;
  readonly sources: readonly unknown[];
  /** Addresses (network rules) and FQDNs (targetFqdns, destinationFqdns). */
  readonly destinations: readonly unknown[];
  readonly destinationFqdns: readonly unknown[];
  readonly ipGroups: boolean;
  readonly protocols: readonly unknown[];
  readonly ports: readonly unknown[];
}

const groupNameOf = (group: PolicyResource) => knownString(() => group.props.ruleCollectionGroupName) ?? knownString(() => group.props.name) ?? group.name;

function rulesOf(group: PolicyResource): RuleView[] {
  const groupName = groupNameOf(group);
  return knownList<Json>(() => group.props.ruleCollections).flatMap((collection) =>
    knownList<Json>(() => collection.rules).map((rule) => ({
      group,
      groupName,
      collection: String(collection.name ?? "(unnamed)"),
      action: typeof (collection.action as Json | undefined)?.type === "string" ? ((collection.action as Json).type as string).toLowerCase() : undefined,
      name: String(rule.name ?? "(unnamed)"),
      type: String(rule.ruleType ?? ""),
      sources: knownList(() => rule.sourceAddresses),
      // A DNAT rule's translated address is where its traffic really goes.
      destinations: [...knownList(() => rule.destinationAddresses), ...(typeof rule.translatedAddress === "string" ? [rule.translatedAddress] : [])],
      destinationFqdns: [...knownList(() => rule.targetFqdns), ...knownList(() => rule.destinationFqdns)],
      ipGroups: knownList(() => rule.sourceIpGroups).length + knownList(() => rule.destinationIpGroups).length > 0,
      protocols: knownList(() => rule.ipProtocols),
      ports: knownList(() => rule.destinationPorts),
    })),
  );
}

/** The groups of one firewall policy: by its name, or (unknown during preview) by dependency. */
function groupsOf(resources: readonly PolicyResource[], policy: PolicyResource): PolicyResource[] {
  const policyName = knownString(() => policy.props.firewallPolicyName) ?? knownString(() => policy.props.name);
  return ofType(resources, RULE_COLLECTION_GROUP).filter((group) => {
    const name = knownString(() => group.props.firewallPolicyName);
    return name !== undefined && policyName !== undefined ? sameText(name, policyName) : dependsThrough(group, "firewallPolicyName", policy);
  });
}

const ALL_PORTS = new Set(["*", "0-65535", "1-65535"]);
const everyProtocol = (protocols: readonly unknown[]) => {
  const lower = protocols.map((p) => String(p).toLowerCase());
  return lower.includes("any") || ["tcp", "udp", "icmp"].every((p) => lower.includes(p));
};

export const isolationGroupFirst = () =>
  stackPolicy(
    {
      id: "NW-03.2",
      name: "network-firewall-isolation-group",
      source: SOURCE,
      title: "Every firewall policy has the group rcg-isolation, or inherits it from its parent policy (basePolicy), with the lowest priority number of its groups and no allow, denying all traffic within the tenant pool.",
      enforcementLevel: "mandatory",
    },
    ["platform", "hub"],
    ({ resources, kind }, report) => {
      const policies = ofType(resources, FIREWALL_POLICY);
      if (policies.length === 0) {
        report(`the platform has no firewall policy, so nothing keeps one municipality out of another's spoke; add the hub firewall with its policy and the group ${ISOLATION_GROUP} (${SOURCE})`);
        return;
      }
      const poolText = stackOutput(resources, OUTPUT.tenantPool);
      const pool = poolText ? readAddress(poolText) : undefined;
      if (!pool || pool.kind !== "ipv4") {
        report(`the stack has no output ${OUTPUT.tenantPool} with the tenant pool's CIDR, so the isolation group cannot be checked; export network.tenantPool.cidr (${SOURCE})`);
        return;
      }
      const isolationOf = (policy: PolicyResource) => groupsOf(resources, policy).find((g) => sameText(groupNameOf(g), ISOLATION_GROUP));
      // A region of several hubs: each hub's policy inherits the group from one parent policy
      // (basePolicy). Inherited collections are processed before the policy's own whatever their
      // priority (learn.microsoft.com/azure/firewall/rule-processing, "Inherited rules"), so the
      // parent's group, checked below as a policy of its own, guards the child too.
      const parentOf = (policy: PolicyResource) =>
        peek(() => policy.props.basePolicy) === undefined
          ? undefined
          : policies.find((other) => other !== policy && refersTo(policy, "basePolicy", () => (policy.props.basePolicy as Json | undefined)?.id, other));
      // The parent policy is the platform stack's. A hub stack's policy inherits it by the id the
      // platform exports (parentFirewallPolicyId, re-exported by the hub stack); the platform's own
      // check below holds that id to a policy of its stack with the group.
      const exportedParent = stackOutput(resources, "parentFirewallPolicyId");
      // Ids are known offline and for existing resources; a first real preview cannot tie them yet.
      if (kind === "platform" && exportedParent !== undefined && policies.every((p) => idOf(p) !== undefined)) {
        const parent = policies.find((p) => sameText(idOf(p)!, exportedParent));
        if (!parent || !isolationOf(parent)) {
          report(`the output parentFirewallPolicyId (${exportedParent}) names no firewall policy of this stack with the group ${ISOLATION_GROUP}, so the hub stacks' policies would inherit no isolation; export the parent policy's id (${SOURCE})`);
        }
      }
      for (const policy of policies) {
        const label = describeResource(policy.type, policy.props, policy.name);
        const groups = groupsOf(resources, policy);
        const isolation = isolationOf(policy);
        if (!isolation) {
          const parent = parentOf(policy);
          if (parent && isolationOf(parent)) continue;
          const baseId = peek(() => (policy.props.basePolicy as Json | undefined)?.id);
          if (kind === "hub" && typeof baseId === "string" && exportedParent !== undefined && sameText(baseId, exportedParent)) continue;
          const inherits = parent
            ? `, and its parent ${describeResource(parent.type, parent.props, parent.name)} (basePolicy) has none either`
            : peek(() => policy.props.basePolicy) !== undefined
              ? kind === "hub"
                ? ", and its basePolicy is not the platform's parent policy (the platform stack's output parentFirewallPolicyId)"
                : ", and its basePolicy is no firewall policy of this stack"
              : "";
          const fix = inherits ? "add it (domain/network/firewall-rules.ts), or inherit it from the platform's parent policy," : "add it (domain/network/firewall-rules.ts)";
          report(`${label}: has no rule collection group ${ISOLATION_GROUP}${inherits}; ${fix} so traffic between municipalities' spokes is denied before any tenant's rules (${SOURCE})`, policy.urn);
          continue;
        }
        const where = `rule collection group ${ISOLATION_GROUP} of ${label}`;
        const priority = peek(() => isolation.props.priority);
        if (typeof priority !== "number") {
          report(`${where}: priority is ${show(priority)}; set it to a number below every other group's (${SOURCE})`, isolation.urn);
        } else {
          for (const other of groups.filter((g) => g !== isolation)) {
            const theirs = peek(() => other.props.priority);
            if (typeof theirs !== "number" || theirs <= priority) {
              report(
                `${where}: priority is ${priority}, but ${groupNameOf(other)} has ${show(theirs)}; give ${ISOLATION_GROUP} the lowest priority number of the policy's groups, so its deny is evaluated first (${SOURCE})`,
                isolation.urn,
              );
            }
          }
        }
        const rules = rulesOf(isolation);
        for (const allow of rules.filter((r) => r.action !== "deny")) {
          report(`${where}: collection ${allow.collection} ${allow.action === "allow" ? "allows" : "does not deny"} traffic (rule ${allow.name}); ${ISOLATION_GROUP} holds only denies (${SOURCE})`, isolation.urn);
        }
        const poolSpan = pool.span;
        const deniesPool = rules.some(
          (r) =>
            r.action === "deny" &&
            /^networkrule$/i.test(r.type) &&
            everyProtocol(r.protocols) &&
            r.ports.some((p) => ALL_PORTS.has(String(p).replace(/\s+/g, ""))) &&
            covers(r.sources.map(readAddress), poolSpan) &&
            covers(r.destinations.map(readAddress), poolSpan),
        );
        if (!deniesPool) {
          report(
            `${where}: no deny rule covers the tenant pool ${poolText} as both source and destination for every protocol and port; add one (ipProtocols ["Any"], destinationPorts ["*"]) so no municipality reaches another's spoke (${SOURCE})`,
            isolation.urn,
          );
        }
      }
    },
  );

interface TenantAddress {
  readonly rule: RuleView;
  readonly address: Address;
  readonly role: "source" | "destination";
}

export const firewallRulesStayInTenant = () =>
  stackPolicy<{ maximumPublicAddresses: number }>(
    {
      id: "NW-03.3",
      name: "network-firewall-rules-stay-in-tenant",
      source: SOURCE,
      title: "No firewall rule allows any source to any destination, and a tenant's group (rcg-<slug>) names only its own ranges and the shared services, never another tenant's.",
      enforcementLevel: "mandatory",
      config: {
        maximumPublicAddresses: { default: 65536, minimum: 1, description: "Most public IPv4 addresses a rule's side may cover before it counts as any address." },
      },
    },
    // A hub stack holds its tenants' groups as the platform's holds the primary hub's. Tenants on
    // different hubs are in different stacks: validation keeps their addresses apart region-wide,
    // and the inherited isolation group denies the pool to itself before any tenant's rules.
    ["platform", "hub"],
    ({ resources }, report, config) => {
      const groups = ofType(resources, RULE_COLLECTION_GROUP);
      const all = groups.flatMap(rulesOf);
      const describe = (r: RuleView) => `rule collection group ${r.groupName}: rule ${r.name} (collection ${r.collection})`;

      // Any-to-any, in every group: a rule that lets everything through makes the policy meaningless.
      for (const rule of all.filter((r) => r.action !== "deny")) {
        const from = internetIn(rule.sources, config.maximumPublicAddresses);
        const to = internetIn(rule.destinations, config.maximumPublicAddresses) ?? (rule.destinationFqdns.some((f) => String(f).trim() === "*") ? { addresses: ["*"] } : undefined);
        if (from && to) {
          report(
            `${describe(rule)} allows ${show(from.addresses.length === 1 ? from.addresses[0] : from.addresses)} to ${show(to.addresses.length === 1 ? to.addresses[0] : to.addresses)}: any source to any destination; name the zones, sites or services it is for (${SOURCE})`,
            rule.group.urn,
          );
        }
      }

      // The hub VNets' address spaces hold the shared services (DNS resolver, RADIUS, Key Vault): everyone's.
      // A hub stack's core lives in the platform's stack: it names those ranges in its output coreAddressSpaces.
      const spans = (prefixes: unknown[]) => prefixes.map((p) => readAddress(String(p))).flatMap((a) => (a.kind === "ipv4" ? [a.span] : []));
      const shared: Span[] = [
        ...ofType(resources, VNET).flatMap((vnet) => spans(knownList(() => vnet.props.addressSpace?.addressPrefixes))),
        ...ofType(resources, STACK_TYPE).flatMap((stack) => spans(knownList(() => stack.props[CORE_ADDRESS_SPACES]))),
      ];
      const isShared = (a: Address) => a.kind === "ipv4" && shared.some((s) => s.from <= a.span.from && s.to >= a.span.to);

      const byTenant = new Map<string, TenantAddress[]>();
      for (const rule of all) {
        const match = TENANT_GROUP.exec(rule.groupName);
        if (!match || sameText(rule.groupName, ISOLATION_GROUP)) continue;
        const tenant = match[1].toLowerCase();
        if (rule.ipGroups) {
          report(`${describe(rule)} uses IP groups, whose addresses this check cannot see; list the tenant's own addresses in the rule instead (${SOURCE})`, rule.group.urn);
        }
        const addresses: TenantAddress[] = [
          ...rule.sources.map((a) => ({ rule, address: readAddress(a), role: "source" as const })),
          ...rule.destinations.map((a) => ({ rule, address: readAddress(a), role: "destination" as const })),
        ].filter((t) => !isShared(t.address));
        for (const t of addresses) {
          if (internetIn([t.address.text], config.maximumPublicAddresses)) {
            report(
              `${describe(t.rule)} uses ${show(t.address.text)} as a ${t.role}, which names every tenant's addresses; a tenant's rules name only its own zones and sites and the shared services (${SOURCE})`,
              t.rule.group.urn,
            );
          } else if (t.address.kind !== "ipv4") {
            report(
              `${describe(t.rule)} uses ${show(t.address.text)} as a ${t.role}, which is no IPv4 range this check can bound to the tenant; name the tenant's own zones and sites and the shared services by address (${SOURCE})`,
              t.rule.group.urn,
            );
          }
        }
        byTenant.set(tenant, [...(byTenant.get(tenant) ?? []), ...addresses]);
      }

      const seen = new Set<string>();
      for (const [tenant, addresses] of byTenant) {
        for (const [other, theirs] of byTenant) {
          if (other === tenant) continue;
          for (const mine of addresses.filter((t) => t.address.kind === "ipv4")) {
            const clash = theirs.find((t) => t.role === "source" && t.address.kind === "ipv4" && spansOverlap((mine.address as { span: Span }).span, t.address.span));
            if (!clash) continue;
            const key = `${mine.rule.groupName}/${mine.rule.collection}/${mine.rule.name}/${mine.address.text}/${other}`;
            if (seen.has(key)) continue;
            seen.add(key);
            report(
              `${describe(mine.rule)} uses ${show(mine.address.text)} as a ${mine.role}, which overlaps ${show(clash.address.text)}, a source in ${other}'s group ${clash.rule.groupName}; a tenant's rules name only its own zones and sites and the shared services (${SOURCE})`,
              mine.rule.group.urn,
            );
          }
        }
      }
    },
  );

export function firewallPolicies(): GrunnmurPolicy[] {
  return [isolationGroupFirst(), firewallRulesStayInTenant()];
}
