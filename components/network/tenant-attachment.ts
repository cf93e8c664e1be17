/**
 * Everything the shared hub holds for one municipality: its firewall rule
 * collection group in each hub firewall policy, and a local network gateway and
 * IPsec connection per site with its generated pre-shared key. One component per tenant, named by its slug, so an
 * auditor finds a municipality's share of the hub in one place, and the offline
 * preview can split the platform stack by tenant (see stacks/platform/program.ts).
 *
 * These resources once sat directly under the Firewall and VpnGateway
 * components; the aliases keep their state when an existing platform moves here.
 */
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import type { Tags } from "../../domain/azure/tags";
import { vpnPreSharedKey } from "../../domain/azure/generated-secrets";
import { generateSecret, type SecretVault } from "../security/generated-secret";
import type { CollectionOutputs } from "../shared/common-args";
import type { RuleCollectionGroupSpec } from "../../domain/network/firewall-rules";
import {
  localNetworkGatewayName,
  ruleCollectionGroupAzureName,
  ruleGroupName,
  siteConnectionName,
  siteLogicalName,
  TENANT_ATTACHMENT_TYPE,
} from "../../domain/network/tenant-attachment-names";

export interface VpnSite {
  readonly key: string;
  readonly publicIp: string;
  readonly prefixes: readonly string[];
}

/** One hub firewall policy the tenant's rules go into. */
export interface AttachedFirewall {
  /** The Firewall component's name; the rule group's logical name starts with it. */
  readonly name: string;
  readonly component: pulumi.Resource;
  readonly resourceGroupName: pulumi.Input<string>;
  readonly policyName: pulumi.Input<string>;
  /**
   * The rule group written just before this tenant's: Azure rejects concurrent
   * writes to one policy, so every policy's groups are created one after another.
   */
  readonly after: pulumi.Input<pulumi.Resource[]>;
}

export interface TenantAttachmentArgs {
  readonly tenant: string;
  readonly ruleCollectionGroup: RuleCollectionGroupSpec;
  readonly firewalls: readonly AttachedFirewall[];
  readonly vpn: {
    readonly component: pulumi.Resource;
    readonly gatewayId: pulumi.Input<string>;
    readonly resourceGroupName: pulumi.Input<string>;
    readonly location: string;
    readonly sites: readonly VpnSite[];
  };
  /** Where each site's generated pre-shared key is kept: the platform Key Vault. */
  readonly secretVault: SecretVault;
  readonly tags: Tags;
}


/**
 * A set of resources: resourceIds and names hold the tenant's rule group in each
 * firewall policy (keyed by the firewall's name) and its VPN connections (keyed site-<key>).
 */
export class TenantAttachment extends pulumi.ComponentResource implements CollectionOutputs {
  /** This tenant's rule group per firewall name: the next tenant's groups wait for these. */
  public readonly ruleGroups: Record<string, network.FirewallPolicyRuleCollectionGroup> = {};
  public readonly resourceIds: Record<string, pulumi.Output<string>> = {};
  public readonly names: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: TenantAttachmentArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TENANT_ATTACHMENT_TYPE, name, {}, opts);
    const group = args.ruleCollectionGroup;

    for (const firewall of args.firewalls) {
      this.ruleGroups[firewall.name] = new network.FirewallPolicyRuleCollectionGroup(
        ruleGroupName(firewall.name, group.key),
        {
          resourceGroupName: firewall.resourceGroupName,
          firewallPolicyName: firewall.policyName,
          ruleCollectionGroupName: ruleCollectionGroupAzureName(group.key),
          priority: group.priority,
          ruleCollections: group.ruleCollections.map((c) => ({ ...c, rules: c.rules.map((r) => ({ ...r })) })),
        },
        { parent: this, dependsOn: firewall.after, aliases: [{ parent: firewall.component }] },
      );
      this.resourceIds[firewall.name] = this.ruleGroups[firewall.name].id;
      this.names[firewall.name] = pulumi.output(ruleCollectionGroupAzureName(group.key));
    }

    const tags = { ...args.tags, "grunnmur:tenant": args.tenant };
    for (const site of args.vpn.sites) {
      const logicalName = siteLogicalName(args.tenant, site.key);
      const moved = { aliases: [{ parent: args.vpn.component }], parent: this };
      // Made here, never typed or pasted by anyone (domain/azure/generated-secrets.ts).
      const key = generateSecret(vpnPreSharedKey(args.tenant, site.key), args.secretVault, this);
      const local = new network.LocalNetworkGateway(
        logicalName,
        {
          resourceGroupName: args.vpn.resourceGroupName,
          location: args.vpn.location,
          localNetworkGatewayName: localNetworkGatewayName(args.tenant, site.key),
          gatewayIpAddress: site.publicIp,
          localNetworkAddressSpace: { addressPrefixes: [...site.prefixes] },
          tags,
        },
        moved,
      );
      const connection = new network.VirtualNetworkGatewayConnection(
        logicalName,
        {
          resourceGroupName: args.vpn.resourceGroupName,
          location: args.vpn.location,
          virtualNetworkGatewayConnectionName: siteConnectionName(args.tenant, site.key),
          connectionType: "IPsec",
          connectionProtocol: "IKEv2",
          virtualNetworkGateway1: { id: args.vpn.gatewayId },
          localNetworkGateway2: { id: local.id },
          sharedKey: key.value,
          tags,
        },
        moved,
      );
      this.resourceIds[`site-${site.key}`] = connection.id;
      this.names[`site-${site.key}`] = connection.name;
    }
    this.registerOutputs({ resourceIds: this.resourceIds, names: this.names });
  }
}
