/**
 * Azure Firewall with a firewall policy and the policy's own rule collection
 * groups (the isolation group, from components/network/firewall-rules.ts).
 * Each tenant's group is added by its TenantAttachment, after `lastRuleGroup`.
 */
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import { azureName } from "../../domain/azure/names";
import { addDiagnostics } from "../shared/diagnostics";
import type { CommonArgs, ComponentOutputs } from "../shared/common-args";
import type { RuleCollectionGroupSpec } from "../../domain/network/firewall-rules";
import { publicIp } from "./public-ip";
import { hasZones } from "../../domain/azure/regions";
import { addLock } from "../shared/lock";
import { writePolicyRuleGroups } from "./policy-rule-groups";

export interface FirewallArgs extends CommonArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  readonly nameParts: readonly string[];
  readonly subnetId: pulumi.Input<string>;
  readonly tier: "Standard" | "Premium";
  readonly ruleCollectionGroups: readonly RuleCollectionGroupSpec[];
  /**
   * The parent policy this one inherits from (FirewallParentPolicy), in a region of
   * several hubs: its isolation group is processed before every rule of this policy.
   */
  readonly basePolicyId?: pulumi.Input<string>;
}

export class Firewall extends pulumi.ComponentResource implements ComponentOutputs {
  public readonly resourceId: pulumi.Output<string>;
  public readonly name: pulumi.Output<string>;
  public readonly policyId: pulumi.Output<string>;
  public readonly policyName: pulumi.Output<string>;
  /** The last group this component writes; tenant groups are written after it. */
  public readonly lastRuleGroup: pulumi.Resource | undefined;
  public readonly publicIpAddress: pulumi.Output<string | undefined>;

  constructor(name: string, args: FirewallArgs, opts?: pulumi.ComponentResourceOptions) {
    super("grunnmur:network:Firewall", name, {}, opts);

    const policy = new network.FirewallPolicy(
      `${name}-policy`,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        firewallPolicyName: azureName("generic", ["afwp", ...args.nameParts]),
        sku: { tier: args.tier },
        threatIntelMode: "Deny",
        dnsSettings: { enableProxy: true },
        ...(args.basePolicyId !== undefined ? { basePolicy: { id: args.basePolicyId } } : {}),
        tags: args.tags,
      },
      { parent: this },
    );

    const previous = writePolicyRuleGroups(name, { name: policy.name, resourceGroupName: args.resourceGroupName }, args.ruleCollectionGroups, this);

    const pip = publicIp(`${name}-pip`, {
      resourceGroupName: args.resourceGroupName,
      location: args.location,
      nameParts: ["afw", ...args.nameParts],
      tags: args.tags,
      diagnostics: args.diagnostics,
      zoneRedundant: hasZones(args.location),
    }, this);

    const firewall = new network.AzureFirewall(
      name,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        azureFirewallName: azureName("generic", ["afw", ...args.nameParts]),
        sku: { name: "AZFW_VNet", tier: args.tier },
        firewallPolicy: { id: policy.id },
        ipConfigurations: [{ name: "ipconfig", publicIPAddress: { id: pip.id }, subnet: { id: args.subnetId } }],
        zones: hasZones(args.location) ? ["1", "2", "3"] : undefined,
        tags: args.tags,
      },
      { parent: this },
    );
    addDiagnostics(name, firewall.id, args.diagnostics, "logs-and-metrics", this);
    addLock(name, firewall.id, args.lock, this);

    this.resourceId = firewall.id;
    this.name = firewall.name;
    this.policyId = policy.id;
    this.policyName = policy.name;
    this.lastRuleGroup = previous;
    this.publicIpAddress = pip.ipAddress;
    this.registerOutputs({ resourceId: this.resourceId, name: this.name, policyId: this.policyId });
  }
}
