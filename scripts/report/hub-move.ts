/**
 * A tenant moving to another hub (domain/network/hub-placement.ts). Its
 * addresses stay, but its spoke's peering, its sites' VPN tunnels and its
 * firewall rules are rebuilt in the other hub, and its sites are offline while
 * the tunnels come up again. Placement only moves a tenant when its own pin or a
 * hub's counties change, so a move is always somebody's decision; the report
 * makes it a blocking one, to be planned, never a side effect.
 */
import { OUTPUT, stackKind } from "../../stacks/contract";
import { HUB_MAIN } from "../../domain/network/hub-placement";
import type { StackPreview } from "../preview/preview-file";

export interface HubMoveFinding {
  readonly before: string;
  readonly after: string;
  /** The blocking line. */
  readonly message: string;
}

// A preview from before hubs existed has no `hub` output: it was on the one hub there was.
const hubIn = (p: StackPreview): string => {
  const value = p.outputs?.[OUTPUT.hub];
  return typeof value === "string" ? value : HUB_MAIN;
};

export function hubMove(stack: string, before: StackPreview | undefined, after: StackPreview | undefined): HubMoveFinding | undefined {
  if (stackKind(stack) !== "tenant" || !before || !after) return undefined;
  const was = hubIn(before);
  const now = hubIn(after);
  if (was === now) return undefined;
  return {
    before: was,
    after: now,
    message:
      `${stack} moves from hub ${was} to hub ${now}: its spoke peering, VPN tunnels and firewall rules are rebuilt in hub ${now}, and its sites are offline until their tunnels are up again. ` +
      `To keep it where it is, set network.hub: ${was} in tenants/${stack}.yaml (or undo the change of network.hubs counties in platform.yaml); ` +
      `to move it, the platform team agrees a maintenance window with the municipality and approves this pull request knowing it blocks`,
  };
}
