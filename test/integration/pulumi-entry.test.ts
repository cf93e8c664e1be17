/**
 * The entry point Pulumi runs for users (dist/stacks/index.js), driven under the
 * SDK's mocks: the stack name picks the program and the files are read from disk.
 */
import * as pulumi from "@pulumi/pulumi";
import { createMocks } from "../../scripts/preview/mocks";

const platformOutputs = { hubVnetId: "/subscriptions/0/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub", location: "norwayeast" };

type Program = () => Promise<Record<string, unknown>>;

async function loadEntry(stack: string): Promise<Program> {
  await pulumi.runtime.setMocks(createMocks(platformOutputs), "grunnmur", stack, false, "organization");
  let program: Program | undefined;
  jest.isolateModules(() => {
    program = require("../../stacks/index");
  });
  return program!;
}

async function runStack(stack: string): Promise<Record<string, unknown>> {
  const program = await loadEntry(stack);
  return (await pulumi.runtime.runInPulumiStack(() => program())) as Record<string, unknown>;
}

describe("the Pulumi entry point", () => {
  it("runs the tenant program for a stack named after a tenant", async () => {
    const outputs = await runStack("senja");
    expect(outputs.addressSpace).toBe("10.96.60.0/23");
    expect(outputs.hubVnetId).toBe(platformOutputs.hubVnetId);
  });

  it("runs the platform program for the stack named platform", async () => {
    const outputs = await runStack("platform");
    expect(String(outputs.hubVnetId)).toMatch(/virtualNetworks\/vnet-grunnmur-hub-prod-noe$/);
  });

  it("refuses a stack name that is neither platform nor a tenant", async () => {
    const program = await loadEntry("narvik");
    await expect(program()).rejects.toThrow('stack "narvik" has no tenant file tenants/narvik.yaml; stack names are "platform" or a tenant slug');
  });
});
