/**
 * Writes Azure takes one at a time. A firewall policy accepts one change at a
 * time: two rule collection groups of one policy written at once fail with
 * "AnotherOperationInProgress" or leave the policy failed. A virtual network
 * peering write holds both its networks: a second peering that touches either
 * one while the first runs fails with "ReferencedResourceNotProvisioned". The
 * engine runs independent resources in parallel, so the programs chain these
 * with dependsOn, and these rules check the chain in what the preview captured:
 * every two such resources in one stack must wait for one another, directly or
 * through others.
 *
 * Across stacks the deploy workflow orders them: the platform stack first, then
 * the tenant stacks one at a time (.github/workflows/deploy.yml, max-parallel 1;
 * test/unit/workflows.test.ts), since each tenant stack writes a peering on the hub.
 */
import { parseArmId } from "../azure/arm-id";
import { azureNameOf, inputAt, ofTypes, preflightRule, type PreflightResource, type PreflightStack, type Problem } from "./rule";

/** The resource type a URN names: "urn:pulumi:stack::project::parent$type::name" → "type". */
function typeOfUrn(urn: string): string | undefined {
  const types = urn.split("::")[2];
  return types?.split("$").pop();
}

/** Every URN each resource waits for, directly or through the resources it waits for. */
function waitsFor(stack: PreflightStack): (resource: PreflightResource) => ReadonlySet<string> {
  const byUrn = new Map(stack.resources.filter((r) => r.urn).map((r) => [r.urn!, r]));
  const memo = new Map<string, Set<string>>();
  const visit = (urn: string, path: Set<string>): Set<string> => {
    const known = memo.get(urn);
    if (known) return known;
    const result = new Set<string>();
    // A cycle is the engine's to refuse; it ends the walk here, not the check.
    if (path.has(urn)) return result;
    path.add(urn);
    for (const dep of byUrn.get(urn)?.options?.dependsOn ?? []) {
      result.add(dep);
      for (const further of visit(dep, path)) result.add(further);
    }
    path.delete(urn);
    memo.set(urn, result);
    return result;
  };
  return (resource) => (resource.urn ? visit(resource.urn, new Set()) : new Set());
}

/**
 * The pairs among `resources` that share a key and do not wait for each other:
 * one problem per resource that has no order against an earlier one.
 */
function* unordered(
  stack: PreflightStack,
  resources: readonly PreflightResource[],
  keysOf: (r: PreflightResource) => readonly string[],
  problem: (resource: PreflightResource, other: PreflightResource, key: string) => Problem,
): Iterable<Problem> {
  const closure = waitsFor(stack);
  const present = new Set(stack.resources.map((r) => r.urn).filter((u): u is string => u !== undefined));
  // A preview of some tenants leaves the others' groups out, and the next one waits for a
  // stand-in with the left-out group's URN (stacks/platform/tenant-attachments.ts): waiting
  // for such a URN of its own type is waiting for the whole chain before it, as in a full run.
  const waitsForLeftOut = (r: PreflightResource) => [...closure(r)].some((u) => !present.has(u) && typeOfUrn(u) === r.type);
  const ordered = (later: PreflightResource, earlier: PreflightResource) =>
    closure(later).has(earlier.urn ?? "") || closure(earlier).has(later.urn ?? "") || waitsForLeftOut(later);
  const seen = new Map<string, PreflightResource[]>();
  for (const resource of resources) {
    const reported = new Set<string>();
    for (const key of keysOf(resource)) {
      const earlier = seen.get(key) ?? [];
      const other = earlier.find((e) => !ordered(resource, e));
      if (other && !reported.has(other.name)) {
        reported.add(other.name);
        yield problem(resource, other, key);
      }
      seen.set(key, [...earlier, resource]);
    }
  }
}

const lower = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v.toLowerCase() : undefined);

export const ruleCollectionGroupsInSequence = preflightRule(
  {
    id: "PF-50",
    name: "rule-collection-groups-one-at-a-time",
    summary: "Rule collection groups of one firewall policy are written one after another: each waits for the one before it (dependsOn).",
    // Learn's overview said "parallel updates aren't supported" (quoted in MicrosoftDocs/azure-docs#64513;
    // not re-read here at its current revision). Azure/ResourceModules#1325 is the deployment failure
    // when groups of one policy are written together, and its fix chains them as here.
    reference: "https://learn.microsoft.com/azure/firewall/overview",
  },
  (stack) =>
    unordered(
      stack,
      ofTypes(stack, "azure-native:network:FirewallPolicyRuleCollectionGroup"),
      (g) => {
        const rg = lower(g.inputs.resourceGroupName);
        const policy = lower(g.inputs.firewallPolicyName);
        return rg && policy ? [`${rg}/${policy}`] : [];
      },
      (group, other) => ({
        resource: group,
        subject: "rule collection group",
        azureName: azureNameOf(group),
        within: `firewall policy ${String(group.inputs.firewallPolicyName)}`,
        property: "dependsOn",
        value: `not ordered against ${other.name} (${azureNameOf(other)}), so the engine may write both at once`,
        allowed: "one write at a time per policy: make each group depend on the one before it",
      }),
    ),
);

/** The networks a peering writes to: its own, and the remote one its id names. */
function networksOf(peering: PreflightResource): string[] {
  const own = [lower(peering.inputs.resourceGroupName), lower(peering.inputs.virtualNetworkName)];
  const keys = own[0] && own[1] ? [`${own[0]}/${own[1]}`] : [];
  const remote = inputAt(peering, "remoteVirtualNetwork.id");
  const parsed = typeof remote === "string" ? parseArmId(remote) : undefined;
  const name = parsed?.names[parsed.names.length - 1];
  if (parsed?.resourceGroup && name) keys.push(`${parsed.resourceGroup.toLowerCase()}/${name.toLowerCase()}`);
  return keys;
}

export const peeringsInSequence = preflightRule(
  {
    id: "PF-51",
    name: "peerings-one-at-a-time",
    summary: "Peerings that touch one virtual network, on either side, are written one after another: each waits for the one before it (dependsOn).",
    // The failure is ReferencedResourceNotProvisioned ("... is in Updating state"), e.g.
    // hashicorp/terraform-provider-azurerm#2605; Learn's peering page lists the peering states.
    reference: "https://learn.microsoft.com/azure/virtual-network/virtual-network-manage-peering",
  },
  (stack) =>
    unordered(stack, ofTypes(stack, "azure-native:network:VirtualNetworkPeering"), networksOf, (peering, other, key) => ({
      resource: peering,
      subject: "virtual network peering",
      azureName: azureNameOf(peering),
      within: `virtual network ${String(peering.inputs.virtualNetworkName)}`,
      property: "dependsOn",
      value: `not ordered against ${other.name}, which also writes to virtual network ${key.split("/")[1]}, so the engine may write both at once`,
      allowed: "one peering write at a time per virtual network: make each peering depend on the one before it",
    })),
);

export const ORDERING_PREFLIGHT_RULES = [ruleCollectionGroupsInSequence, peeringsInSequence];
