/**
 * The platform stack in parts: the shared core plus each tenant's TenantAttachment.
 * The offline preview splits a large region's platform over several workers (each
 * runs the core and a slice of tenants; the parts are merged into one file), and a
 * preview of a few tenants registers only their attachments, recording that scope
 * in the file so comparisons and prices know what the file covers.
 */
import { TENANT_ATTACHMENT_TYPE } from "../../domain/network/tenant-attachment-names";
import { PLATFORM_STACK, stackKind } from "../../domain/azure/stack-names";
import type { CapturedResource, PreviewScope, StackPreview } from "./preview-file";
import { duplicateUrnError, urnProblems } from "./urn-checks";

/** Tenants per platform worker: keeps the largest process well under 1 GB (see docs/performance.md). */
export const TENANTS_PER_PLATFORM_PART = 40;

export function platformParts(slugs: readonly string[], perPart = TENANTS_PER_PLATFORM_PART): string[][] {
  const parts: string[][] = [];
  for (let i = 0; i < slugs.length; i += perPart) parts.push(slugs.slice(i, i + perPart));
  return parts.length > 0 ? parts : [[]];
}

/** The tenant whose attachment holds this platform resource; undefined for the shared core. */
export function attachmentTenant(resource: Pick<CapturedResource, "type" | "name" | "parent">): string | undefined {
  if (resource.type === TENANT_ATTACHMENT_TYPE) return resource.name;
  const parent = resource.parent ?? "";
  const [, , types = "", name] = parent.split("::");
  return types.split("$").pop() === TENANT_ATTACHMENT_TYPE ? name : undefined;
}

/** Whether a scoped preview covers this tenant: previewed, or gone from the region (its removal is part of the change). */
export function covers(scope: PreviewScope, tenant: string): boolean {
  return scope.tenants.includes(tenant) || !scope.regionTenants.includes(tenant);
}

/** A whole platform preview cut down to what a scoped one covers: the shared core and those tenants' attachments. */
export function restrictToScope(preview: StackPreview, scope: PreviewScope): StackPreview {
  return {
    ...preview,
    scope,
    resources: preview.resources.filter((r) => {
      const tenant = attachmentTenant(r);
      return tenant === undefined || covers(scope, tenant);
    }),
  };
}

/**
 * Merges the parts of one platform preview. Every part registers the core, so a
 * resource met twice must be identical; a difference means the program depends on
 * which tenants it was given, and the merge refuses rather than guess.
 */
export function mergePlatformParts(parts: readonly StackPreview[]): StackPreview {
  const byUrn = new Map<string, CapturedResource>();
  const texts = new Map<string, string>();
  for (const part of parts) {
    for (const resource of part.resources) {
      const text = JSON.stringify(resource);
      const seen = texts.get(resource.urn);
      if (seen === undefined) {
        byUrn.set(resource.urn, resource);
        texts.set(resource.urn, text);
      } else if (attachmentTenant(byUrn.get(resource.urn)!) !== attachmentTenant(resource)) {
        // Two tenants' attachments in different parts: each part alone had unique URNs.
        throw new Error(duplicateUrnError(parts[0].stack, [`2 resources have the URN ${resource.urn}`]));
      } else if (seen !== text) {
        throw new Error(`the platform's parts disagree on ${resource.urn}; the platform program must register shared resources the same way whichever tenants it is given`);
      }
    }
    if (JSON.stringify(part.outputs) !== JSON.stringify(parts[0].outputs)) {
      throw new Error("the platform's parts disagree on the stack outputs; outputs must not depend on which tenants' attachments are registered");
    }
  }
  const resources = [...byUrn.values()].sort((a, b) => a.urn.localeCompare(b.urn));
  const problems = urnProblems(resources);
  if (problems.length > 0) throw new Error(duplicateUrnError(parts[0].stack, problems));
  return { stack: parts[0].stack, generatedBy: parts[0].generatedBy, resources, outputs: parts[0].outputs };
}

/**
 * The platform's stack and the hub stacks (hub-<key>) as one preview: the region's
 * hosting whole, for what reads the platform's side as one (the network diagram, the
 * site). Resources keep their own URNs, so which stack holds each stays visible.
 */
export function platformSide(previews: ReadonlyMap<string, StackPreview>): StackPreview | undefined {
  const platform = previews.get(PLATFORM_STACK);
  if (!platform) return undefined;
  const hubs = [...previews.values()].filter((p) => stackKind(p.stack) === "hub").sort((a, b) => a.stack.localeCompare(b.stack));
  if (hubs.length === 0) return platform;
  return { ...platform, resources: [...platform.resources, ...hubs.flatMap((h) => h.resources)] };
}
