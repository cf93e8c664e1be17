/**
 * A VNet whose subnets are declared inline, each ordinary subnet with its own
 * NSG and, when its spec has one, its own route table (the hub's, planned in
 * domain/network/hub-layout.ts). Inline subnets avoid the azure-native pitfall
 * where separate Subnet resources and the VNet's subnet list fight over the
 * same state; routes are inline in their table for the same reason, except in a
 * table whose spec asks for standalone routes (routes.ts RouteTableSpec), which
 * another stack adds routes to.
 */
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import { azureName } from "../../domain/azure/names";
import type { RouteTableSpec } from "../../domain/network/routes";
import type { SecurityRule } from "../../domain/network/security-rules";
import type { CommonArgs, ComponentOutputs } from "../shared/common-args";
import { addDiagnostics } from "../shared/diagnostics";
import { addLock } from "../shared/lock";

export interface SubnetSpec {
  /** Stable key from the file or layout; part of logical and Azure names. */
  readonly key: string;
  /** Azure name; defaults to snet-<vnet>-<key>. Azure-managed subnets need fixed names. */
  readonly name?: string;
  readonly addressPrefix: string;
  /** Whether the subnet gets an NSG of its own (false only for Azure-managed subnets). */
  readonly withNsg: boolean;
  readonly securityRules?: readonly SecurityRule[];
  /** A route table made elsewhere (the spoke's); or `routeTable` to have this component make one. */
  readonly routeTableId?: pulumi.Input<string>;
  /** A route table for this subnet, made beside its NSG (the hub's, from domain/network/routes.ts). */
  readonly routeTable?: RouteTableSpec;
  /** Service the subnet is delegated to, e.g. "Microsoft.Network/dnsResolvers". */
  readonly delegation?: string;
  /** Tags of the subnet's NSG and route table, when they belong to another service than the VNet (a shared service's). */
  readonly tags?: VirtualNetworkArgs["tags"];
}

export interface VirtualNetworkArgs extends CommonArgs {
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  /** Azure name of the VNet. */
  readonly vnetName: string;
  readonly addressSpace: string;
  readonly subnets: readonly SubnetSpec[];
  /** DNS servers for the VNet; Azure's resolver when absent. */
  readonly dnsServers?: readonly pulumi.Input<string>[];
  /**
   * Keep the VNet, its NSGs and route tables in Azure when they leave the stack.
   * A leaving tenant's spoke sets it: a retained private endpoint keeps its subnet
   * in use, and Azure deletes no subnet that still has resources in it.
   */
  readonly retainOnDelete?: boolean;
}

export class VirtualNetwork extends pulumi.ComponentResource implements ComponentOutputs {
  public readonly resourceId: pulumi.Output<string>;
  public readonly name: pulumi.Output<string>;
  /** Subnet ids by key. */
  public readonly subnetIds: pulumi.Output<Record<string, string>>;
  public readonly nsgIds: Record<string, pulumi.Output<string>> = {};
  /** Ids of the route tables this component made, by subnet key. */
  public readonly routeTableIds: Record<string, pulumi.Output<string>> = {};
  /** Names of the route tables whose routes are standalone resources, by subnet key: other stacks add routes there. */
  public readonly standaloneRouteTables: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: VirtualNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("grunnmur:network:VirtualNetwork", name, {}, opts);
    const own: pulumi.CustomResourceOptions = args.retainOnDelete ? { parent: this, retainOnDelete: true } : { parent: this };

    const tableRoutes: network.Route[] = [];
    const subnetArgs = args.subnets.map((subnet) => {
      const subnetName = subnet.name ?? azureName("subnet", [args.vnetName.replace(/^vnet-/, ""), subnet.key]);
      let nsgId: pulumi.Output<string> | undefined;
      if (subnet.withNsg) {
        const nsg = new network.NetworkSecurityGroup(
          `${name}-${subnet.key}`,
          {
            resourceGroupName: args.resourceGroupName,
            location: args.location,
            networkSecurityGroupName: azureName("networkSecurityGroup", [args.vnetName.replace(/^vnet-/, ""), subnet.key]),
            securityRules: (subnet.securityRules ?? []).map((rule) => ({ ...rule })),
            tags: subnet.tags ?? args.tags,
          },
          own,
        );
        nsgId = nsg.id;
        addDiagnostics(`${name}-${subnet.key}-nsg`, nsg.id, args.diagnostics, "logs", this);
        this.nsgIds[subnet.key] = nsg.id;
      }
      let routeTableId = subnet.routeTableId;
      if (subnet.routeTable) {
        const spec = subnet.routeTable;
        const base = args.vnetName.replace(/^vnet-/, "");
        // A table of standalone routes is a new table under a name of its own, not the inline
        // one changed: the inline routes it would keep (azure-native maintains routes it was not
        // given) bear the names of the standalone ones, whose creation would then fail. Pulumi
        // makes the new table and its routes, moves the subnet to it, then deletes the old one.
        const tableName = spec.standaloneRoutes ? azureName("routeTable", [base, subnet.key, "standalone"]) : azureName("routeTable", [base, subnet.key]);
        const table = new network.RouteTable(
          spec.standaloneRoutes ? `${name}-${subnet.key}-standalone` : `${name}-${subnet.key}`,
          {
            resourceGroupName: args.resourceGroupName,
            location: args.location,
            routeTableName: tableName,
            disableBgpRoutePropagation: spec.disableBgpRoutePropagation,
            // No `routes` at all for standalone routes: an inline list, even an empty one, would replace theirs.
            ...(spec.standaloneRoutes ? {} : { routes: spec.routes.map((route) => ({ ...route })) }),
            tags: subnet.tags ?? args.tags,
          },
          own,
        );
        if (spec.standaloneRoutes) {
          for (const route of spec.routes) {
            tableRoutes.push(
              new network.Route(
                `${name}-${subnet.key}-${route.name}`,
                {
                  resourceGroupName: args.resourceGroupName,
                  routeTableName: table.name,
                  routeName: route.name,
                  addressPrefix: route.addressPrefix,
                  nextHopType: route.nextHopType,
                  nextHopIpAddress: route.nextHopIpAddress,
                },
                own,
              ),
            );
          }
          this.standaloneRouteTables[subnet.key] = table.name;
        }
        routeTableId = table.id;
        this.routeTableIds[subnet.key] = table.id;
      }
      return {
        name: subnetName,
        addressPrefix: subnet.addressPrefix,
        networkSecurityGroup: nsgId ? { id: nsgId } : undefined,
        routeTable: routeTableId ? { id: routeTableId } : undefined,
        delegations: subnet.delegation ? [{ name: subnet.delegation.split("/").pop(), serviceName: subnet.delegation }] : undefined,
        // No implicit internet egress: traffic leaves through the hub firewall only.
        defaultOutboundAccess: subnet.withNsg ? false : undefined,
        privateEndpointNetworkPolicies: subnet.withNsg ? "Enabled" : undefined,
      };
    });

    const vnet = new network.VirtualNetwork(
      name,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        virtualNetworkName: args.vnetName,
        addressSpace: { addressPrefixes: [args.addressSpace] },
        dhcpOptions: args.dnsServers ? { dnsServers: [...args.dnsServers] } : undefined,
        subnets: subnetArgs,
        tags: args.tags,
      },
      // Peerings are separate resources (the tenant stacks own theirs); without this a
      // hub update would remove every spoke's peering from the hub side.
      // A subnet moves to a table of standalone routes only once its routes are in it.
      { ...own, ignoreChanges: ["virtualNetworkPeerings"], dependsOn: tableRoutes },
    );

    addDiagnostics(name, vnet.id, args.diagnostics, "logs-and-metrics", this);
    addLock(name, vnet.id, args.lock, this);

    this.resourceId = vnet.id;
    this.name = vnet.name;
    const keys = args.subnets.map((s) => s.key);
    this.subnetIds = vnet.subnets.apply((subnets) =>
      Object.fromEntries(keys.map((key, i) => [key, subnets?.[i]?.id ?? ""])),
    );
    this.registerOutputs({ resourceId: this.resourceId, name: this.name, subnetIds: this.subnetIds });
  }
}
