/**
 * A tenant's spoke moving to another block. Azure changes a VNet's address
 * space in place, so nothing is "replaced", but every address in the spoke, the
 * firewall rules and routes that name it, and the municipality's own VPN
 * configuration would have to change with it. A kommunenummer changed in a
 * tenant file does exactly that when the block is allocated from it, so the
 * report blocks any move of an existing spoke.
 */
import { OUTPUT, stackKind } from "../../stacks/contract";
import type { StackPreview } from "../preview/preview-file";

export interface Renumbering {
  readonly before: string;
  readonly after: string;
  /** The blocking line. */
  readonly message: string;
}

export function renumbering(stack: string, before: StackPreview | undefined, after: StackPreview | undefined): Renumbering | undefined {
  if (stackKind(stack) !== "tenant" || !before || !after) return undefined;
  const was = before.outputs?.[OUTPUT.addressSpace];
  const now = after.outputs?.[OUTPUT.addressSpace];
  if (typeof was !== "string" || typeof now !== "string" || was === now) return undefined;
  const source = (p: StackPreview) => p.outputs?.[OUTPUT.addressSource];
  const why =
    source(before) === "allocated" && source(after) === "allocated"
      ? "allocated from a changed kommunenummer, or a changed tenant pool"
      : source(after) === "allocated"
        ? "network.addressSpace was removed, so the block is allocated from the kommunenummer"
        : "network.addressSpace changed";
  return {
    before: was,
    after: now,
    message: `the spoke would move from ${was} to ${now} (${why}), renumbering every address in it and every rule and route that names it; keep it with network.addressSpace: ${was} in the tenant file`,
  };
}
