/**
 * The mock engine for offline previews: every resource gets a realistic id
 * and echoes its inputs as outputs; the outputs of the stacks already previewed
 * (the platform's, a hub's) answer the StackReferences to them, by stack name. Unknown invokes fail loudly. A resource
 * created through an explicit provider gets its id in that provider's
 * subscription, as Azure would give it; the default provider's is the mock one.
 */
import type * as pulumi from "@pulumi/pulumi";
import { armId, mockGuid, MOCK_SUBSCRIPTION_ID, MOCK_TENANT_ID } from "./arm-ids";

const AZURE_PROVIDER_TYPE = "pulumi:providers:azure-native";

/** Outputs of other stacks by their short name (`platform`, `hub-<key>`), for the StackReferences. */
export type StackOutputsByName = Readonly<Record<string, Record<string, unknown>>>;

export function createMocks(references: StackOutputsByName): pulumi.runtime.Mocks {
  // Explicit azure-native providers by id, with the subscription each deploys to.
  const subscriptions = new Map<string, string>();
  // The SDK sends a resource's provider as "<urn>::<id>", or nothing for the default provider.
  const subscriptionOf = (provider: string | undefined) =>
    (provider ? subscriptions.get(provider.slice(provider.lastIndexOf("::") + 2)) : undefined) ?? MOCK_SUBSCRIPTION_ID;
  return {
    newResource(args) {
      const inputs = args.inputs as Record<string, unknown>;
      if (args.type === "pulumi:pulumi:StackReference") {
        const name = String(inputs.name ?? args.name);
        const outputs = references[name.split("/").pop()!];
        if (!outputs) throw new Error(`a StackReference to ${name} was used, but no outputs of that stack are available to this preview (previewed: ${Object.keys(references).join(", ") || "none"})`);
        return { id: name, state: { ...inputs, outputs, secretOutputNames: [] } };
      }
      if (args.type === AZURE_PROVIDER_TYPE) {
        const id = mockGuid(`${args.type}/${args.name}`);
        // One without a subscriptionId deploys to the deploying identity's default, the mock one here.
        if (typeof inputs.subscriptionId === "string") subscriptions.set(id, inputs.subscriptionId);
        return { id, state: inputs };
      }
      const { id, name } = armId(args.type, args.name, inputs, subscriptionOf(args.provider));
      const state: Record<string, unknown> = { ...inputs, name };
      // Inline subnets come back with their own ids, as Azure returns them.
      if (args.type === "azure-native:network:VirtualNetwork" && Array.isArray(inputs.subnets)) {
        state.subnets = (inputs.subnets as Array<Record<string, unknown>>).map((s) => ({ ...s, id: `${id}/subnets/${String(s.name)}` }));
      }
      if (args.type.startsWith("azuread:")) state.objectId = id;
      // An obviously fake value of the asked-for length; previews record it as "[secret]" anyway.
      if (args.type === "random:index/randomPassword:RandomPassword") state.result = "offline".padEnd(Number(inputs.length ?? 16), "x");
      if (args.type === "azure-native:network:PublicIPAddress") {
        // Norway East's public range; only ever printed, never contacted.
        const h = mockGuid(id);
        state.ipAddress = `51.120.${parseInt(h.slice(0, 2), 16)}.${parseInt(h.slice(2, 4), 16) || 1}`;
      }
      const identity = inputs.identity as { type?: string } | undefined;
      if (identity?.type?.includes("SystemAssigned")) {
        state.identity = { ...identity, principalId: mockGuid(`${id}/identity`), tenantId: MOCK_TENANT_ID };
      }
      return { id, state };
    },
    call(args) {
      switch (args.token) {
        case "azure-native:authorization:getClientConfig":
          return { clientId: mockGuid("client"), objectId: mockGuid("deployer"), subscriptionId: MOCK_SUBSCRIPTION_ID, tenantId: MOCK_TENANT_ID };
        case "azuread:index/getClientConfig:getClientConfig":
          return { clientId: mockGuid("client"), objectId: mockGuid("deployer"), tenantId: MOCK_TENANT_ID };
        default:
          throw new Error(`mock not implemented: ${args.token}`);
      }
    },
  };
}
