/**
 * The network diagram of the PR comment: the region drawn from the previews,
 * what the pull request adds or changes marked against the baseline's, and in
 * a large region (one box per municipality) the details of each municipality
 * the pull request touches, each in its own diagram.
 */
import { networkChanges, changedMunicipalities } from "../diagram/network-changes";
import { isOverview, municipalityMermaid, networkMermaid } from "../diagram/network-mermaid";
import { networkModelFromPreviews } from "../diagram/network-model";
import type { StackPreview } from "../preview/preview-file";

/** Detail diagrams beyond this many would crowd the comment; the rest are named. */
export const MAX_DETAIL_DIAGRAMS = 5;

const fenced = (mermaid: string) => `\`\`\`mermaid\n${mermaid}\n\`\`\``;

export interface DiagramBaseline {
  readonly platform?: StackPreview;
  readonly tenants: readonly StackPreview[];
}

export function networkDiagram(platform: StackPreview | undefined, tenants: readonly StackPreview[], baseline?: DiagramBaseline): string {
  const model = networkModelFromPreviews(platform, tenants);
  const changes = networkChanges(baseline ? networkModelFromPreviews(baseline.platform, baseline.tenants) : undefined, model);
  const out: string[] = [];
  if (changes.status.size > 0) out.push("What this pull request adds is green and marked (new), what it changes yellow (changed), what it removes red (removed).", "");
  out.push(fenced(networkMermaid(model, changes)));
  if (isOverview(model)) {
    const touched = changedMunicipalities(changes);
    for (const slug of touched.slice(0, MAX_DETAIL_DIAGRAMS)) out.push("", `**${slug}**`, "", fenced(municipalityMermaid(model, slug, changes)));
    if (touched.length > MAX_DETAIL_DIAGRAMS) out.push("", `Also changed, not drawn here: ${touched.slice(MAX_DETAIL_DIAGRAMS).join(", ")}.`);
  }
  return out.join("\n");
}
