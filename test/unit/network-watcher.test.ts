import { networkWatcherId, networkWatcherName, NETWORK_WATCHER_RESOURCE_GROUP } from "../../domain/azure/network-watcher";

describe("Network Watcher names", () => {
  it("are the ones Azure gives the watcher it creates by itself", () => {
    expect(NETWORK_WATCHER_RESOURCE_GROUP).toBe("NetworkWatcherRG");
    expect(networkWatcherName("norwayeast")).toBe("NetworkWatcher_norwayeast");
    expect(networkWatcherId("00000000-0000-0000-0000-000000000001", "norwaywest")).toBe(
      "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/NetworkWatcherRG/providers/Microsoft.Network/networkWatchers/NetworkWatcher_norwaywest",
    );
  });
});
