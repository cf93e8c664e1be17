/**
 * URNs and aliases that Pulumi would refuse: two resources with one URN
 * ("Duplicate resource URN"), or one alias on two resources (engine diagnostic
 * 2008, "Duplicate resource alias"). The SDK's mock monitor keeps resources in a
 * map by URN and silently overwrites the first with the second, so the offline
 * preview checks this itself, on the URNs the engine would give: under the mocks
 * a nested child's URN names only its parent's type, the engine's names every
 * ancestor's. The validation rejects the tenant files that cause this
 * (tenants/validation/name-rules.ts); this is the backstop for everything else.
 */
import type { CapturedResource } from "./preview-file";

type Resource = Pick<CapturedResource, "urn" | "type" | "name" | "parent" | "options">;

const STACK_TYPE = "pulumi:pulumi:Stack";

/** The URN the engine gives each resource, by the URN the mocks gave it. */
function engineUrns(resources: readonly Resource[]): Map<Resource, string> {
  const byMockUrn = new Map(resources.map((r) => [r.urn, r]));
  const chains = new Map<Resource, string>();
  const chainOf = (resource: Resource, depth = 0): string => {
    const known = chains.get(resource);
    if (known !== undefined) return known;
    const parent = resource.parent ? byMockUrn.get(resource.parent) : undefined;
    // A parent chain longer than the list means a loop; stop there rather than recurse for ever.
    const above = parent && parent.type !== STACK_TYPE && depth < resources.length ? `${chainOf(parent, depth + 1)}$` : "";
    const chain = `${above}${resource.type}`;
    chains.set(resource, chain);
    return chain;
  };
  return new Map(resources.map((r) => [r, `${urnHead(r.urn)}::${chainOf(r)}::${r.name}`]));
}

/** "urn:pulumi:<stack>::<project>" of a URN. */
function urnHead(urn: string): string {
  return urn.split("::").slice(0, 2).join("::");
}

function aliasUrns(resource: Resource, engine: Map<Resource, string>, byMockUrn: Map<string, Resource>): string[] {
  const out: string[] = [];
  for (const alias of resource.options.aliases) {
    if (typeof alias.urn === "string") {
      out.push(alias.urn);
      continue;
    }
    const parentUrn = alias.noParent ? undefined : typeof alias.parentUrn === "string" ? alias.parentUrn : (resource.parent ?? undefined);
    const parent = parentUrn ? byMockUrn.get(parentUrn) : undefined;
    const parentChain = parent && parent.type !== STACK_TYPE ? `${engine.get(parent)!.split("::")[2]}$` : "";
    const [head, project] = urnHead(resource.urn).split("::");
    const stack = typeof alias.stack === "string" ? `urn:pulumi:${alias.stack}` : head;
    const type = typeof alias.type === "string" ? alias.type : resource.type;
    const name = typeof alias.name === "string" ? alias.name : resource.name;
    out.push(`${stack}::${typeof alias.project === "string" ? alias.project : project}::${parentChain}${type}::${name}`);
  }
  return out;
}

/** What Pulumi would refuse in one stack's resources, one line each; empty when every URN and alias is unique. */
export function urnProblems(resources: readonly Resource[]): string[] {
  const engine = engineUrns(resources);
  const byMockUrn = new Map(resources.map((r) => [r.urn, r]));
  const holders = new Map<string, Resource[]>();
  for (const resource of resources) {
    const urn = engine.get(resource)!;
    holders.set(urn, [...(holders.get(urn) ?? []), resource]);
  }
  const problems: string[] = [];
  for (const [urn, list] of holders) {
    if (list.length > 1) problems.push(`${list.length} resources have the URN ${urn}`);
  }
  const aliasHolders = new Map<string, Resource>();
  for (const resource of resources) {
    for (const alias of new Set(aliasUrns(resource, engine, byMockUrn))) {
      if (alias === engine.get(resource)) continue;
      const first = aliasHolders.get(alias);
      const live = holders.get(alias)?.find((r) => r !== resource);
      if (first && first !== resource) problems.push(`the alias ${alias} is on both ${engine.get(first)} and ${engine.get(resource)}`);
      else if (live) problems.push(`the alias ${alias} of ${engine.get(resource)} is the URN of another resource`);
      aliasHolders.set(alias, first ?? resource);
    }
  }
  return problems;
}

/** The error a preview fails with when its stack has problems from urnProblems. */
export function duplicateUrnError(stack: string, problems: readonly string[]): string {
  return `stack ${stack} registers names Pulumi would refuse: ${problems.join("; ")}; every resource needs its own URN and alias, so change the keys or slugs these names are made from`;
}
