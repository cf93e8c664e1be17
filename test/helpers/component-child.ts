/**
 * Runs one component scenario under the SDK's mocks in its own process and
 * prints the captured resources as JSON (the SDK's runtime state is global, so
 * each scenario gets a fresh process, as the preview workers do).
 */
import * as pulumi from "@pulumi/pulumi";
import { startCapture } from "../../scripts/preview/capture";
import { createMocks } from "../../scripts/preview/mocks";

export const RESOURCE_GROUP_ID = "/subscriptions/11111111-1111-4111-8111-111111111111/resourceGroups/rg-test";

/** A spoke of a tenant with its own subscription, its hub side through `hubProvider` ("platform" or "default"). */
async function ownSubscriptionSpoke(hubProvider: "platform" | "default"): Promise<unknown> {
  const { Provider } = await import("@pulumi/azure-native/provider");
  const { Spoke } = await import("../../components/network/spoke");
  const tenant = new Provider("tenant-subscription", { subscriptionId: TENANT_SUBSCRIPTION_ID });
  const hubVnetId = `/subscriptions/${PLATFORM_SUBSCRIPTION_ID}/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub`;
  new Spoke(
    "spoke",
    {
      tenant: "test",
      environment: "prod",
      regionCode: "noe",
      resourceGroupName: "rg-test-network",
      location: "norwayeast",
      addressSpace: "10.96.0.0/24",
      subnets: { general: "10.96.0.0/25", endpoints: "10.96.0.128/28" },
      hubVnetId,
      firewallPrivateIp: "10.95.1.4",
      hubServicePrefixes: { shared: "10.95.0.0/24" },
      dnsServers: ["10.95.1.196"],
      privateDnsZoneIds: { file: `/subscriptions/${PLATFORM_SUBSCRIPTION_ID}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.file.core.windows.net` },
      privateDnsZoneKeys: ["file"],
      hubProvider: hubProvider === "default" ? "default" : new Provider("platform-subscription", { subscriptionId: PLATFORM_SUBSCRIPTION_ID }),
      tags: { "grunnmur:tenant": "test" },
    },
    { providers: [tenant] },
  );
  return {};
}

export const TENANT_SUBSCRIPTION_ID = "33333333-3333-4333-8333-333333333333";
export const PLATFORM_SUBSCRIPTION_ID = "44444444-4444-4444-8444-444444444444";

const scenarios: Record<string, () => Promise<unknown>> = {
  "spoke-of-own-subscription": () => ownSubscriptionSpoke("platform"),
  "spoke-of-own-subscription-with-default-hub-provider": () => ownSubscriptionSpoke("default"),
  "bastion-with-cross-cutting-inputs": async () => {
    const { Bastion } = await import("../../components/network/bastion");
    new Bastion("bastion", {
      resourceGroupName: "rg-test",
      location: "norwayeast",
      nameParts: ["test"],
      subnetId: "/subscriptions/11111111-1111-4111-8111-111111111111/resourceGroups/rg-test/providers/Microsoft.Network/virtualNetworks/v/subnets/AzureBastionSubnet",
      sku: "Basic",
      tags: { "grunnmur:tenant": "test" },
      diagnostics: { workspaceResourceId: "/subscriptions/x/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log" },
      lock: { kind: "CanNotDelete", notes: "test lock" },
    });
    // Roles are granted by the programs on resource groups, through the same helper.
    const { assignRoles } = await import("../../components/shared/role-assignments");
    const holder = new pulumi.ComponentResource("grunnmur:test:Roles", "roles", {});
    assignRoles("rg-test", RESOURCE_GROUP_ID, "rg-test", [{ roleDefinitionIdOrName: "Reader", principalId: "22222222-2222-4222-8222-222222222222", principalKey: "auditors" }], holder);
    return {};
  },
};

async function main(name: string): Promise<void> {
  await pulumi.runtime.setMocks(createMocks({}), "grunnmur", "test", false, "organization");
  const captured = startCapture();
  try {
    await pulumi.runtime.runInPulumiStack(() => scenarios[name]());
  } catch (err) {
    // A scenario the component refuses: the refusal is what the test reads.
    process.stdout.write(JSON.stringify({ error: err instanceof Error ? err.message : String(err) }));
    process.exit(0);
  }
  await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
  process.stdout.write(JSON.stringify(captured));
  process.exit(0);
}

if (require.main === module) void main(process.argv[2]);
