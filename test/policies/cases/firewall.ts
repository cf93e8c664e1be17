import type { PolicyCase } from "../../helpers/policy-cases";
import { find, platformStack, resource, ruleGroup, tenantCollections, withInputs, withoutResource, withResources, type Inputs } from "../../helpers/policy-fixtures";
import type { CheckedStack } from "../../../scripts/preview/preview-file";

const SOURCE = "NSM 2.2.3; MCSB NS-1";
const isolation = "rule collection group rcg-isolation of firewall policy afwp-grunnmur-prod-noe";
const OWN_RANGES = "a tenant's rules name only its own zones and sites and the shared services";

/** Alta's group as the program writes it, beside Senja's: both use the shared DNS resolver. */
const alta = (extraRules: Record<string, unknown>[] = []) => {
  const [network] = tenantCollections("alta", "10.96.202.0/24", "10.20.0.0/16");
  return ruleGroup("alta", 15601, [{ ...network, rules: [...(network.rules as unknown[]), ...extraRules] }]);
};
const withSenjaRule = (rule: Record<string, unknown>) => () => {
  const [network] = tenantCollections("senja", "10.96.60.0/24", "10.10.0.0/16");
  return withInputs(platformStack(), "hub-firewall-rcg-senja", { ruleCollections: [{ ...network, rules: [...(network.rules as unknown[]), rule] }] });
};
const networkRule = (name: string, sourceAddresses: string[], destinationAddresses: string[]) => ({ ruleType: "NetworkRule", name, ipProtocols: ["Any"], sourceAddresses, destinationAddresses, destinationPorts: ["*"] });

/**
 * A region of two hubs as the program writes it: the isolation group in the parent
 * policy, the primary hub's policy and hub nord's naming it as basePolicy, and
 * nord's tenant Alta's group in nord's policy.
 */
const policyInputs = (name: string, extra: Inputs = {}): Inputs => ({
  resourceGroupName: "rg-grunnmur-hub-prod-noe",
  location: "norwayeast",
  firewallPolicyName: name,
  sku: { tier: "Standard" },
  threatIntelMode: "Deny",
  ...extra,
});
const PARENT = resource("platform", "azure-native:network:FirewallPolicy", "hub-firewall-parent-policy", policyInputs("afwp-grunnmur-parent-prod-noe"));
const twoHubs = (nordBase: Inputs | null = { id: PARENT.id }): CheckedStack => {
  const one = platformStack();
  const isolationGroup = find(one, "hub-firewall-rcg-isolation");
  const nord = resource("platform", "azure-native:network:FirewallPolicy", "hub-nord-firewall-policy", policyInputs("afwp-grunnmur-nord-prod-noe", nordBase ? { basePolicy: nordBase } : {}));
  const [network] = tenantCollections("alta", "10.96.202.0/24", "10.20.0.0/16");
  const altaGroup = { ...ruleGroup("alta", 15601, [network]), name: "hub-nord-firewall-rcg-alta" };
  const stack = withInputs(withoutResource(one, "hub-firewall-rcg-isolation"), "hub-firewall-policy", { basePolicy: { id: PARENT.id } });
  return withResources(
    stack,
    PARENT,
    { ...isolationGroup, name: "hub-firewall-parent-rcg-isolation", urn: isolationGroup.urn.replace("hub-firewall-rcg", "hub-firewall-parent-rcg"), inputs: { ...isolationGroup.inputs, firewallPolicyName: "afwp-grunnmur-parent-prod-noe" } },
    nord,
    { ...altaGroup, urn: altaGroup.urn.replace("hub-firewall-rcg", "hub-nord-firewall-rcg"), inputs: { ...altaGroup.inputs, firewallPolicyName: "afwp-grunnmur-nord-prod-noe" } },
  );
};
/**
 * Hub nord in its own stack, hub-nord: its policy inherits the platform's parent policy by the
 * id the platform exports (re-exported here), and holds Alta's group.
 */
const hubNordStack = (nordBase: Inputs | null = { id: PARENT.id }, exportedParent: string = PARENT.id!): CheckedStack => {
  const [network] = tenantCollections("alta", "10.96.202.0/24", "10.20.0.0/16");
  const policy = resource("hub-nord", "azure-native:network:FirewallPolicy", "hub-nord-firewall-policy", policyInputs("afwp-grunnmur-nord-prod-noe", nordBase ? { basePolicy: nordBase } : {}));
  const group = resource("hub-nord", "azure-native:network:FirewallPolicyRuleCollectionGroup", "hub-nord-firewall-rcg-alta", {
    ...ruleGroup("alta", 15601, [network]).inputs,
    resourceGroupName: "rg-grunnmur-hub-nord-prod-noe",
    firewallPolicyName: "afwp-grunnmur-nord-prod-noe",
  });
  return { stack: "hub-nord", resources: [policy, group], outputs: { ...platformStack().outputs, parentFirewallPolicyId: exportedParent } };
};
/**
 * Hub nord's stack with two tenants whose access points both talk to the core's RADIUS subnet
 * (10.95.1.160/27, in the primary hub, which is the platform stack's), as the program writes them.
 */
const RADIUS_SUBNET = "10.95.1.160/27";
const hubNordWithRadius = (coreAddressSpaces: string[] | null = ["10.95.0.0/22"]): CheckedStack => {
  const base = hubNordStack();
  const radiusRule = (slug: string, ap: string) => ({ ruleType: "NetworkRule", name: "wifi-directory", ipProtocols: ["TCP"], sourceAddresses: [RADIUS_SUBNET], destinationAddresses: [ap], destinationPorts: ["636"] });
  const groupOf = (slug: string, zone: string, site: string, ap: string, priority: number) => {
    const [network] = tenantCollections(slug, zone, site);
    return resource("hub-nord", "azure-native:network:FirewallPolicyRuleCollectionGroup", `hub-nord-firewall-rcg-${slug}`, {
      resourceGroupName: "rg-grunnmur-hub-nord-prod-noe",
      firewallPolicyName: "afwp-grunnmur-nord-prod-noe",
      ruleCollectionGroupName: `rcg-${slug}`,
      priority,
      ruleCollections: [{ ...network, rules: [...(network.rules as unknown[]), radiusRule(slug, ap)] }],
    });
  };
  const { coreAddressSpaces: _drop, ...outputs } = base.outputs as Record<string, unknown>;
  return {
    ...base,
    resources: [base.resources[0], groupOf("alta", "10.96.202.0/24", "10.20.0.0/16", "10.20.0.10", 15601), groupOf("hasvik", "10.96.204.0/24", "10.21.0.0/16", "10.21.0.10", 15616)],
    outputs: coreAddressSpaces ? { ...outputs, coreAddressSpaces } : outputs,
  };
};
const MAIN_POLICY_ID = () => find(platformStack(), "hub-firewall-policy").id;

export const firewallCases: PolicyCase[] = [
  {
    policy: "network-firewall-rules-stay-in-tenant",
    fails: "has a hub stack that does not say where the core's services are, so two tenants' RADIUS rules look like each other's",
    passing: () => hubNordWithRadius(),
    failing: () => hubNordWithRadius(null),
    message: `rule collection group rcg-alta: rule wifi-directory (collection alta-network) uses "${RADIUS_SUBNET}" as a source, which overlaps "${RADIUS_SUBNET}", a source in hasvik's group rcg-hasvik; a tenant's rules name only its own zones and sites and the shared services (${SOURCE})`,
  },
  {
    policy: "network-firewall-isolation-group",
    fails: "has a hub stack whose policy does not inherit the platform's parent policy",
    passing: () => hubNordStack(),
    failing: () => hubNordStack({ id: "/subscriptions/00000000-0000-4000-8000-000000000000/resourceGroups/elsewhere/providers/Microsoft.Network/firewallPolicies/afwp-open" }),
    message: `firewall policy afwp-grunnmur-nord-prod-noe: has no rule collection group rcg-isolation, and its basePolicy is not the platform's parent policy (the platform stack's output parentFirewallPolicyId); add it (domain/network/firewall-rules.ts), or inherit it from the platform's parent policy, so traffic between municipalities' spokes is denied before any tenant's rules (${SOURCE})`,
  },
  {
    policy: "network-firewall-isolation-group",
    fails: "has a hub stack whose policy inherits nothing",
    passing: () => hubNordStack(),
    failing: () => hubNordStack(null),
    message: `firewall policy afwp-grunnmur-nord-prod-noe: has no rule collection group rcg-isolation; add it (domain/network/firewall-rules.ts) so traffic between municipalities' spokes is denied before any tenant's rules (${SOURCE})`,
  },
  {
    policy: "network-firewall-isolation-group",
    fails: "exports as the parent policy one without the isolation group",
    passing: () => ({ ...twoHubs(), outputs: { ...twoHubs().outputs, parentFirewallPolicyId: PARENT.id } }),
    failing: () => ({ ...twoHubs(), outputs: { ...twoHubs().outputs, parentFirewallPolicyId: MAIN_POLICY_ID() } }) as CheckedStack,
    message: `the output parentFirewallPolicyId (${MAIN_POLICY_ID()}) names no firewall policy of this stack with the group rcg-isolation, so the hub stacks' policies would inherit no isolation; export the parent policy's id (${SOURCE})`,
  },
  {
    policy: "network-firewall-isolation-group",
    fails: "has a second hub whose policy neither holds nor inherits the isolation group",
    passing: () => twoHubs(),
    failing: () => twoHubs(null),
    message: `firewall policy afwp-grunnmur-nord-prod-noe: has no rule collection group rcg-isolation; add it (domain/network/firewall-rules.ts) so traffic between municipalities' spokes is denied before any tenant's rules (${SOURCE})`,
  },
  {
    policy: "network-firewall-isolation-group",
    fails: "has a second hub inheriting from a policy without the isolation group",
    passing: () => twoHubs(),
    failing: () => twoHubs({ id: MAIN_POLICY_ID() }),
    message: `firewall policy afwp-grunnmur-nord-prod-noe: has no rule collection group rcg-isolation, and its parent firewall policy afwp-grunnmur-prod-noe (basePolicy) has none either; add it (domain/network/firewall-rules.ts), or inherit it from the platform's parent policy, so traffic between municipalities' spokes is denied before any tenant's rules (${SOURCE})`,
  },
  {
    policy: "network-firewall-isolation-group",
    fails: "has a second hub whose basePolicy is no policy of the platform",
    passing: () => twoHubs(),
    failing: () => twoHubs({ id: "/subscriptions/00000000-0000-4000-8000-000000000000/resourceGroups/elsewhere/providers/Microsoft.Network/firewallPolicies/afwp-open" }),
    message: `firewall policy afwp-grunnmur-nord-prod-noe: has no rule collection group rcg-isolation, and its basePolicy is no firewall policy of this stack; add it (domain/network/firewall-rules.ts), or inherit it from the platform's parent policy, so traffic between municipalities' spokes is denied before any tenant's rules (${SOURCE})`,
  },
  {
    policy: "network-firewall-isolation-group",
    fails: "has a firewall policy without the isolation group",
    passing: platformStack,
    failing: () => withoutResource(platformStack(), "hub-firewall-rcg-isolation"),
    message: `firewall policy afwp-grunnmur-prod-noe: has no rule collection group rcg-isolation; add it (domain/network/firewall-rules.ts) so traffic between municipalities' spokes is denied before any tenant's rules (${SOURCE})`,
  },
  {
    policy: "network-firewall-isolation-group",
    fails: "lets a tenant's group be evaluated before the isolation group",
    passing: platformStack,
    failing: () => withInputs(platformStack(), "hub-firewall-rcg-isolation", { priority: 20000 }),
    message: `${isolation}: priority is 20000, but rcg-senja has 15530; give rcg-isolation the lowest priority number of the policy's groups, so its deny is evaluated first (${SOURCE})`,
  },
  {
    policy: "network-firewall-isolation-group",
    fails: "denies only one spoke's traffic instead of the whole tenant pool",
    passing: platformStack,
    failing: () =>
      withInputs(platformStack(), "hub-firewall-rcg-isolation", {
        ruleCollections: [{ ruleCollectionType: "FirewallPolicyFilterRuleCollection", name: "deny-spoke-to-spoke", priority: 100, action: { type: "Deny" }, rules: [networkRule("deny-senja", ["10.96.60.0/23"], ["10.96.0.0/15"])] }],
      }),
    message: `${isolation}: no deny rule covers the tenant pool 10.96.0.0/15 as both source and destination for every protocol and port; add one (ipProtocols ["Any"], destinationPorts ["*"]) so no municipality reaches another's spoke (${SOURCE})`,
  },
  {
    policy: "network-firewall-isolation-group",
    fails: "slips an allow into the isolation group",
    passing: platformStack,
    failing: () =>
      withInputs(platformStack(), "hub-firewall-rcg-isolation", {
        ruleCollections: [
          { ruleCollectionType: "FirewallPolicyFilterRuleCollection", name: "allow-first", priority: 50, action: { type: "Allow" }, rules: [networkRule("alta-to-senja", ["10.96.202.0/23"], ["10.96.60.0/23"])] },
          { ruleCollectionType: "FirewallPolicyFilterRuleCollection", name: "deny-spoke-to-spoke", priority: 100, action: { type: "Deny" }, rules: [networkRule("deny-between-tenants", ["10.96.0.0/15"], ["10.96.0.0/15"])] },
        ],
      }),
    message: `${isolation}: collection allow-first allows traffic (rule alta-to-senja); rcg-isolation holds only denies (${SOURCE})`,
  },
  {
    policy: "network-firewall-rules-stay-in-tenant",
    fails: "allows any source to any destination",
    passing: platformStack,
    failing: withSenjaRule(networkRule("anything", ["*"], ["*"])),
    message: `rule collection group rcg-senja: rule anything (collection senja-network) allows "*" to "*": any source to any destination; name the zones, sites or services it is for (${SOURCE})`,
  },
  {
    policy: "network-firewall-rules-stay-in-tenant",
    fails: "lets one tenant's group name another tenant's zone",
    // Both tenants may use the shared DNS resolver in the hub.
    passing: () => withResources(platformStack(), alta()),
    failing: () => withResources(platformStack(), alta([networkRule("reach-senja", ["10.96.202.0/24"], ["10.96.60.0/24"])])),
    message: `rule collection group rcg-alta: rule reach-senja (collection alta-network) uses "10.96.60.0/24" as a destination, which overlaps "10.96.60.0/24", a source in senja's group rcg-senja; ${OWN_RANGES} (${SOURCE})`,
  },
  {
    policy: "network-firewall-rules-stay-in-tenant",
    fails: "hides a way into another tenant's zone behind a DNAT rule",
    passing: () => withResources(platformStack(), alta()),
    failing: () =>
      withResources(
        platformStack(),
        alta(),
        ruleGroup("alta-dnat", 15602, [
          {
            ruleCollectionType: "FirewallPolicyNatRuleCollection",
            name: "alta-dnat",
            priority: 100,
            action: { type: "DNAT" },
            rules: [{ ruleType: "NatRule", name: "rdp", ipProtocols: ["TCP"], sourceAddresses: ["10.20.0.0/16"], destinationAddresses: ["51.120.0.10"], destinationPorts: ["3389"], translatedAddress: "10.96.60.10", translatedPort: "3389" }],
          },
        ]),
      ),
    message: `rule collection group rcg-alta-dnat: rule rdp (collection alta-dnat) uses "10.96.60.10" as a destination, which overlaps "10.96.60.0/24", a source in senja's group rcg-senja; ${OWN_RANGES} (${SOURCE})`,
  },
  {
    policy: "network-firewall-rules-stay-in-tenant",
    fails: "names every spoke at once with a service tag",
    passing: platformStack,
    failing: withSenjaRule(networkRule("all-spokes", ["10.96.60.0/24"], ["VirtualNetwork"])),
    message: `rule collection group rcg-senja: rule all-spokes (collection senja-network) uses "VirtualNetwork" as a destination, which is no IPv4 range this check can bound to the tenant; name the tenant's own zones and sites and the shared services by address (${SOURCE})`,
  },
  {
    policy: "network-firewall-rules-stay-in-tenant",
    fails: "opens a tenant's zone to every address with a network rule",
    passing: platformStack,
    failing: withSenjaRule(networkRule("everywhere", ["10.96.60.0/24"], ["0.0.0.0/0"])),
    message: `rule collection group rcg-senja: rule everywhere (collection senja-network) uses "0.0.0.0/0" as a destination, which names every tenant's addresses; ${OWN_RANGES} (${SOURCE})`,
  },
];
