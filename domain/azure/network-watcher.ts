/**
 * Network Watcher: Azure allows one per region per subscription
 * (https://learn.microsoft.com/rest/api/network-watcher/), and creates it by
 * itself, as NetworkWatcher_<region> in resource group NetworkWatcherRG, when
 * the first virtual network of a region is created
 * (https://learn.microsoft.com/azure/network-watcher/network-watcher-create).
 * A program that names its own watcher would race that and fail. So the stacks
 * adopt Azure's names and create the group and the watcher before any virtual
 * network; where Azure made them already, they are imported (docs/deploy.md).
 */
export const NETWORK_WATCHER_RESOURCE_GROUP = "NetworkWatcherRG";

export function networkWatcherName(location: string): string {
  return `NetworkWatcher_${location}`;
}

/** The ARM id `pulumi import` takes for a watcher Azure created already. */
export function networkWatcherId(subscriptionId: string, location: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${NETWORK_WATCHER_RESOURCE_GROUP}/providers/Microsoft.Network/networkWatchers/${networkWatcherName(location)}`;
}
