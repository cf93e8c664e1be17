/**
 * Everything one municipality gets, from its tenant file alone: resource groups
 * and the spoke network with a subnet per zone.
 */
import * as pulumi from "@pulumi/pulumi";
import * as resources from "@pulumi/azure-native/resources";
import { azureName, REGION_CODES } from "../../components/naming/azure-names";
import { VirtualNetwork } from "../../components/network/virtual-network";
import { standardTags, withService } from "../../components/shared/tags";
import type { TenantStackInput } from "../inputs";

export function tenantProgram(input: TenantStackInput) {
  const { platform, tenant } = input;
  const spec = tenant.spec;
  const location = platform.regions.primary;
  const region = REGION_CODES[location];
  const tags = standardTags({ tenant: spec.slug, service: "network", costCentre: spec.costCentre, environment: platform.environment });

  const hub = new pulumi.StackReference("platform", { name: input.platformStackName });

  const networkRg = new resources.ResourceGroup("network", {
    resourceGroupName: azureName("resourceGroup", ["grunnmur", spec.slug, "network", platform.environment, region]),
    location,
    tags: withService(tags, "network"),
  });

  const subnetKeys = Object.keys(tenant.subnets) as Array<keyof typeof tenant.subnets>;
  const spoke = new VirtualNetwork("spoke", {
    resourceGroupName: networkRg.name,
    location,
    vnetName: azureName("virtualNetwork", ["grunnmur", spec.slug, platform.environment, region]),
    addressSpace: tenant.addressSpace,
    subnets: subnetKeys.map((key) => ({ key, addressPrefix: tenant.subnets[key]!, withNsg: true })),
    tags: withService(tags, "network"),
  });

  return {
    tenant: spec.slug,
    addressSpace: tenant.addressSpace,
    addressSource: tenant.addressSource,
    zones: tenant.zones,
    subnets: tenant.subnets,
    spokeVnetId: spoke.vnetId,
    hubVnetId: hub.requireOutput("hubVnetId"),
  };
}
