/**
 * The URNs a resource was known by before, from the aliases in its preview
 * (scripts/preview/preview-file.ts), so a comparison sees a moved or
 * renamed resource as the same resource, as Pulumi does.
 */
import type { CapturedResource } from "../preview/preview-file";

// Under the SDK's mocks a parent URN can carry the stack's own type first; the engine's never does.
const typeChain = (urn: string) => (urn.split("::")[2] ?? "").replace(/^pulumi:pulumi:Stack\$?/, "");

export function formerUrns(resource: Pick<CapturedResource, "urn" | "type" | "name" | "parent" | "options">): string[] {
  const [head = "", project = ""] = resource.urn.split("::");
  const stack = head.replace(/^urn:pulumi:/, "");
  const urns: string[] = [];
  for (const alias of resource.options.aliases) {
    if (typeof alias.urn === "string") {
      urns.push(alias.urn);
      continue;
    }
    const parentUrn = alias.noParent ? undefined : typeof alias.parentUrn === "string" ? alias.parentUrn : resource.parent ?? undefined;
    const parentTypes = parentUrn ? typeChain(parentUrn) : "";
    const type = typeof alias.type === "string" ? alias.type : resource.type;
    const name = typeof alias.name === "string" ? alias.name : resource.name;
    urns.push(`urn:pulumi:${String(alias.stack ?? stack)}::${String(alias.project ?? project)}::${parentTypes ? `${parentTypes}$` : ""}${type}::${name}`);
  }
  return urns;
}
