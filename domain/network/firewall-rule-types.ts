/**
 * The shapes of Azure Firewall policy rules as grunnmur generates them
 * (azure-native FirewallPolicyRuleCollectionGroup inputs): one definition, used
 * by the tenant rule groups (firewall-rules.ts) and the shared services'
 * rules (shared-services.ts).
 */

export interface NetworkRule {
  readonly ruleType: "NetworkRule";
  readonly name: string;
  readonly description: string;
  readonly ipProtocols: Array<"TCP" | "UDP" | "ICMP" | "Any">;
  readonly sourceAddresses: string[];
  readonly destinationAddresses: string[];
  readonly destinationPorts: string[];
}

export interface ApplicationRule {
  readonly ruleType: "ApplicationRule";
  readonly name: string;
  readonly description: string;
  readonly sourceAddresses: string[];
  readonly protocols: Array<{ protocolType: "Http" | "Https"; port: number }>;
  readonly targetFqdns: string[];
}

export interface RuleCollection {
  readonly ruleCollectionType: "FirewallPolicyFilterRuleCollection";
  readonly name: string;
  readonly priority: number;
  readonly action: { type: "Allow" | "Deny" };
  readonly rules: Array<NetworkRule | ApplicationRule>;
}

export interface RuleCollectionGroupSpec {
  readonly key: string;
  readonly priority: number;
  readonly ruleCollections: RuleCollection[];
}
