/**
 * Runs one component scenario under the SDK's mocks in its own process and
 * prints the captured resources as JSON (the SDK's runtime state is global, so
 * each scenario gets a fresh process, as the preview workers do).
 */
import * as pulumi from "@pulumi/pulumi";
import { startCapture } from "../../scripts/preview/capture";
import { createMocks } from "../../scripts/preview/mocks";

export const RESOURCE_GROUP_ID = "/subscriptions/11111111-1111-4111-8111-111111111111/resourceGroups/rg-test";

const scenarios: Record<string, () => Promise<unknown>> = {
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
  await pulumi.runtime.setMocks(createMocks(undefined), "grunnmur", "test", false, "organization");
  const captured = startCapture();
  await pulumi.runtime.runInPulumiStack(() => scenarios[name]());
  await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
  process.stdout.write(JSON.stringify(captured));
  process.exit(0);
}

if (require.main === module) void main(process.argv[2]);
