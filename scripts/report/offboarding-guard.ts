/**
 * When a tenant's data-holding resources may leave the region: only when main
 * (the baseline) shows the municipality as leaving with the platform team's
 * approval, records where its data was exported, and the leaving date has
 * come. Read from the tenant stack's outputs in the baseline preview, which a
 * pull request cannot edit.
 */
import { OUTPUT, type TenantOutputs } from "../../stacks/contract";
import type { StackPreview } from "../preview/preview-file";

export const isLeaving = (preview: StackPreview | undefined): boolean => preview?.outputs?.[OUTPUT.leaving] === true;

/** Why `stack`'s stateful resources may not be removed yet, as the end of a blocking line; undefined when they may. */
export function removalBlocker(stack: string, baseline: StackPreview | undefined, today: string, current?: StackPreview): string | undefined {
  if (!isLeaving(baseline)) {
    // Marked in this very change: the marking must reach main before anything may go.
    return isLeaving(current)
      ? `${stack} is marked as leaving by this change, but not yet on main; merge the marking first, then remove its resources in a later pull request`
      : `mark ${stack} as leaving (offboarding) on main first, approved by the platform team in platform.yaml`;
  }
  const departure = baseline?.outputs?.[OUTPUT.offboarding] as TenantOutputs["offboarding"];
  if (!departure?.dataExportedTo) {
    return `${stack} is leaving, but main records no offboarding.dataExportedTo; export its data, record where it went, and merge that before removing anything`;
  }
  if (departure.since > today) return `${stack} leaves on ${departure.since} (offboarding.since on main); remove its resources on or after that day`;
  return undefined;
}
