/**
 * The shared platform the host municipality runs for everyone: resource groups
 * and the hub network per region.
 */
import * as resources from "@pulumi/azure-native/resources";
import { azureName, REGION_CODES } from "../../components/naming/azure-names";
import { hubSubnetLayout } from "../../components/network/hub-layout";
import { VirtualNetwork } from "../../components/network/virtual-network";
import { standardTags, withService } from "../../components/shared/tags";
import type { PlatformStackInput } from "../inputs";

export function platformProgram(input: PlatformStackInput) {
  const { platform } = input;
  const location = platform.regions.primary;
  const tags = standardTags({
    tenant: platform.host.slug,
    service: "platform",
    costCentre: platform.host.costCentre,
    environment: platform.environment,
  });

  const hubs: Array<{ key: string; location: string; addressSpace: string }> = [
    { key: "hub", location, addressSpace: platform.network.hub.addressSpace },
  ];
  if (platform.regions.dr.enabled && platform.network.drHub) {
    hubs.push({ key: "hub-dr", location: platform.regions.dr.location, addressSpace: platform.network.drHub.addressSpace });
  }

  const built = hubs.map((hub) => {
    const region = REGION_CODES[hub.location];
    const rg = new resources.ResourceGroup(`${hub.key}-network`, {
      resourceGroupName: azureName("resourceGroup", ["grunnmur", "hub", platform.environment, region]),
      location: hub.location,
      tags: withService(tags, "network"),
    });
    const vnet = new VirtualNetwork(hub.key, {
      resourceGroupName: rg.name,
      location: hub.location,
      vnetName: azureName("virtualNetwork", ["grunnmur", "hub", platform.environment, region]),
      addressSpace: hub.addressSpace,
      subnets: hubSubnetLayout(hub.addressSpace).map((s) => ({
        key: s.key,
        name: s.ordinary ? undefined : s.name,
        addressPrefix: s.addressPrefix,
        withNsg: s.ordinary,
      })),
      tags: withService(tags, "network"),
    });
    return { rg, vnet };
  });

  return {
    location,
    hubResourceGroupName: built[0].rg.name,
    hubVnetId: built[0].vnet.vnetId,
    hubVnetName: built[0].vnet.vnetName,
    tenantCount: input.tenants.length,
  };
}
