/**
 * The contract between the stacks of the one Pulumi project `grunnmur`: the
 * project and stack names, and the outputs each program exports. Tenant stacks
 * read the platform's outputs through a StackReference, the policy pack and the
 * pull-request report read them from previews, so an output renamed here fails
 * to compile everywhere it is used instead of breaking another stack at deploy
 * time.
 *
 * A leaf module: types and constants only, so the policy pack and the command
 * line tools import it without loading the Pulumi SDK.
 */
import type * as pulumi from "@pulumi/pulumi";

// Defined beside the other names of the region, which the validation computes too.
export { HUB_STACK_PREFIX, hubKeyOfStack, hubStackName, PLATFORM_STACK, PROJECT, stackKind } from "../domain/azure/stack-names";

/** Backup policy ids of one tier, by workload. */
export interface TierPolicyIds {
  readonly files: string;
  readonly vms: string;
}

/**
 * One hub of the platform (domain/network/hub-placement.ts), as its tenants'
 * stacks read it: the primary hub's from the platform stack (its entry in
 * `hubs`), another's from that hub's own stack `hub-<key>` (HubStackOutputs).
 */
export interface HubOutputs {
  readonly vnetId: string;
  readonly vnetName: string;
  readonly resourceGroupName: string;
  /** Next hop for every route of this hub's spokes. */
  readonly firewallPrivateIp: string;
  /** Where this hub's spokes and its sites' forwarders send DNS queries. */
  readonly dnsResolverInboundIp: string;
}

/** What the platform stack exports, once Azure has created it. */
export interface PlatformOutputs {
  readonly location: string;
  readonly environment: string;
  readonly subscriptionId: string;
  readonly hubResourceGroupName: string;
  readonly hubVnetId: string;
  readonly hubVnetName: string;
  /** Next hop for every spoke route table. */
  readonly firewallPrivateIp: string;
  /** network.tenantPool.cidr: every spoke lies in it, and the firewall's isolation group denies traffic within it. */
  readonly tenantPool: string;
  /** The hub subnets (shared services, RADIUS) a spoke reaches through the firewall, by key: each needs a spoke route of its own. */
  readonly hubServicePrefixes: Readonly<Record<string, string>>;
  /** The shared services' subnets (platform.yaml sharedServices) by key: each needs a spoke route to the firewall of its own too. */
  readonly sharedServicePrefixes: Readonly<Record<string, string>>;
  readonly firewallPublicIp: string | undefined;
  readonly dnsResolverInboundIp: string;
  /** Private DNS zone ids by key: blob, file, vault, backup, ... */
  readonly privateDnsZoneIds: Readonly<Record<string, string>>;
  readonly workspaceId: string;
  /** The central workspace again, under the name the policy pack reads in every stack. */
  readonly logAnalyticsWorkspaceId: string;
  /** The data collection rule every member's VM is associated with (Azure Monitor Agent to the central workspace). */
  readonly vmDataCollectionRuleId: string;
  readonly recoveryVaultId: string;
  readonly recoveryVaultName: string;
  readonly recoveryVaultResourceGroupName: string;
  /** Backup policy ids by tier. */
  readonly backupPolicyIds: Readonly<Record<string, TierPolicyIds>>;
  /** The platform's Resource Guard, which also guards the vault of a municipality with its own subscription. */
  readonly resourceGuardId: string;
  readonly keyVaultId: string;
  readonly keyVaultName: string;
  readonly radiusPublicAddresses: readonly string[];
  /** Object ids of the platform's Entra ID groups, by key (network, backup, security, readers). */
  readonly platformGroupIds: Readonly<Record<string, string>>;
  /** Object id of the break-glass group: the one principal the policy pack lets hold Owner or Contributor above a resource group. */
  readonly breakGlassGroupId: string;
  /** The tenants this stack attaches: the primary hub's. */
  readonly tenantCount: number;
  /** Every hub by key, the primary (`main`) too; the top-level hub outputs above are the primary's. */
  readonly hubs: Readonly<Record<string, HubOutputs>>;
  /** Where the action groups are (platform.yaml alerting); a tenant's is `<scope>/ag-grunnmur-tenant-<slug>-<env>`. Undefined without alerting. */
  readonly alertActionGroupsScope: string | undefined;
  /** With several hubs: the parent firewall policy holding the isolation group, which every hub's policy inherits (basePolicy). */
  readonly parentFirewallPolicyId: string | undefined;
  /** Where the private DNS zones and the platform Key Vault are. */
  readonly sharedResourceGroupName: string;
  /** Where the central workspace and the action groups are. */
  readonly monitoringResourceGroupName: string;
  readonly workspaceName: string;
  /** The RADIUS servers' identities, in server order: a hub stack grants them reads on its tenants' RADIUS secrets. */
  readonly radiusPrincipalIds: readonly string[];
  /**
   * The primary hub's RADIUS subnet route table, whose routes are resources of their own:
   * each other hub's stack adds the return routes to its access points' sites there
   * (domain/network/routes.ts coreRadiusReturnRoutes), in hubResourceGroupName.
   * Undefined in a region of one hub, whose routes stay inline.
   */
  readonly radiusRouteTableName: string | undefined;
}

/**
 * What a hub stack `hub-<key>` exports (stacks/hub/program.ts): the hub as its
 * tenants read it, and the names the policy pack reads in every stack.
 */
export interface HubStackOutputs extends HubOutputs {
  readonly hub: string;
  readonly hubVnetId: string;
  readonly logAnalyticsWorkspaceId: string;
  readonly tenantPool: string;
  readonly vpnGatewayId: string;
  /** The platform's parent firewall policy this hub's inherits, re-exported so the policy pack checks the inheritance in this stack (NW-03.2). */
  readonly parentFirewallPolicyId: string;
  /** The tenants attached to this hub, by slug. */
  readonly tenants: readonly string[];
  /**
   * The primary hub's address space and the shared-services spoke's: the core's services
   * (RADIUS, DNS, Key Vault, shared servers) that every tenant's rules may name. The policy
   * pack reads it in this stack (NW-03.3), where the core's VNets are not.
   */
  readonly coreAddressSpaces: readonly string[];
}

/** What a tenant stack exports. */
export interface TenantOutputs {
  readonly tenant: string;
  /** Leaving with the platform team's approval: the stack takes no new resources; only a tenant leaving on main may lose its resources. */
  readonly leaving: boolean;
  /** The approved departure, for the report's removal guard (data exported, date passed); undefined while the tenant stays. */
  readonly offboarding: { readonly since: string; readonly approved: string; readonly dataExportedTo: string | undefined } | undefined;
  readonly addressSpace: string;
  readonly addressSource: "file" | "allocated";
  readonly zones: readonly string[];
  readonly subnets: Readonly<Record<string, string>>;
  readonly resourceGroups: { readonly network: string; readonly data: string; readonly workloads: string };
  readonly spokeVnetId: string;
  /** The key of the hub the spoke attaches to; a change between two previews is a move, blocking in the report. */
  readonly hub: string;
  readonly hubVnetId: string;
  /** Re-exported from the platform so the policy pack can check this stack's diagnostic settings. */
  readonly logAnalyticsWorkspaceId: string;
  /** Re-exported from the platform so the policy pack can check that every spoke route leads to it. */
  readonly firewallPrivateIp: string;
  readonly storageAccount: string | undefined;
  readonly fileEndpoint: string | undefined;
  readonly shares: Readonly<Record<string, string>>;
  readonly administrativeUnitId: string;
  readonly groupIds: Readonly<Record<string, string>>;
}

/** Output names that the policy pack and the report read in stacks of both kinds. */
export const OUTPUT = {
  hubVnetId: "hubVnetId",
  centralWorkspaceId: "logAnalyticsWorkspaceId",
  firewallPrivateIp: "firewallPrivateIp",
  leaving: "leaving",
  offboarding: "offboarding",
  addressSpace: "addressSpace",
  addressSource: "addressSource",
  tenantPool: "tenantPool",
  breakGlassGroupId: "breakGlassGroupId",
  hub: "hub",
  hubs: "hubs",
} as const satisfies {
  hub: keyof TenantOutputs & keyof HubStackOutputs;
  hubs: keyof PlatformOutputs;
  hubVnetId: keyof PlatformOutputs & keyof TenantOutputs & keyof HubStackOutputs;
  centralWorkspaceId: keyof PlatformOutputs & keyof TenantOutputs & keyof HubStackOutputs;
  firewallPrivateIp: keyof PlatformOutputs & keyof TenantOutputs & keyof HubStackOutputs;
  leaving: keyof TenantOutputs;
  offboarding: keyof TenantOutputs;
  addressSpace: keyof TenantOutputs;
  addressSource: keyof TenantOutputs;
  tenantPool: keyof PlatformOutputs & keyof HubStackOutputs;
  breakGlassGroupId: keyof PlatformOutputs;
};

/** A value as a program may return it: plain, or still waiting on Azure, at any depth. */
export type Deferred<T> = [T] extends [string | number | boolean | undefined]
  ? pulumi.Input<T>
  : pulumi.Input<T> | { readonly [K in keyof T]: Deferred<T[K]> };

/** What a program returns for an outputs contract: every key, each possibly deferred. */
export type StackOutputs<T> = { readonly [K in keyof T]-?: Deferred<T[K]> };

/** Anything that reads another stack's outputs by name: a StackReference, or a test double. */
export interface OutputSource {
  requireOutput(name: pulumi.Input<string>): pulumi.Output<any>;
}

/** A typed view of the platform's outputs: `platform("hubVnetId")` is an Output<string>. */
export function platformOutputs(source: OutputSource) {
  return <K extends keyof PlatformOutputs>(key: K): pulumi.Output<PlatformOutputs[K]> =>
    // requireOutput is untyped; the keys and types are this file's promise, checked where the platform returns them.
    source.requireOutput(key) as pulumi.Output<PlatformOutputs[K]>;
}

/** A typed view of a hub stack's outputs: `hub("vnetId")` is an Output<string>. */
export function hubStackOutputs(source: OutputSource) {
  return <K extends keyof HubStackOutputs>(key: K): pulumi.Output<HubStackOutputs[K]> => source.requireOutput(key) as pulumi.Output<HubStackOutputs[K]>;
}
