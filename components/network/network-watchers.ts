/**
 * A subscription's Network Watchers, one per region, under the names Azure
 * itself gives them (domain/azure/network-watcher.ts), so the platform never
 * races Azure's automatic creation. The programs create them before any
 * virtual network. They are the subscription's, not a stack's: removing a
 * stack leaves them in Azure (retainOnDelete), where Azure would recreate them.
 */
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import * as resources from "@pulumi/azure-native/resources";
import { REGION_CODES } from "../../domain/azure/names";
import { NETWORK_WATCHER_RESOURCE_GROUP, networkWatcherName } from "../../domain/azure/network-watcher";
import type { Tags } from "../../domain/azure/tags";
import type { CollectionOutputs } from "../shared/common-args";

export interface NetworkWatchersArgs {
  /** The regions the subscription has virtual networks in; the first also holds the resource group. */
  readonly locations: readonly string[];
  readonly tags: Tags;
}

/** Keyed by region code (noe, now). */
export class NetworkWatchers extends pulumi.ComponentResource implements CollectionOutputs {
  public readonly resourceIds: Record<string, pulumi.Output<string>> = {};
  public readonly names: Record<string, pulumi.Output<string>> = {};
  /** What a virtual network's resource group waits for, by location. */
  public readonly watchers: Record<string, network.NetworkWatcher> = {};

  constructor(name: string, args: NetworkWatchersArgs, opts?: pulumi.ComponentResourceOptions) {
    super("grunnmur:network:NetworkWatchers", name, {}, opts);
    const kept = { parent: this, retainOnDelete: true };
    const group = new resources.ResourceGroup(
      `${name}-rg`,
      { resourceGroupName: NETWORK_WATCHER_RESOURCE_GROUP, location: args.locations[0], tags: args.tags },
      kept,
    );
    for (const location of args.locations) {
      const key = REGION_CODES[location];
      const watcher = new network.NetworkWatcher(
        `${name}-${key}`,
        { resourceGroupName: group.name, location, networkWatcherName: networkWatcherName(location), tags: args.tags },
        kept,
      );
      this.watchers[location] = watcher;
      this.resourceIds[key] = watcher.id;
      this.names[key] = watcher.name;
    }
    this.registerOutputs({ resourceIds: this.resourceIds, names: this.names });
  }
}
