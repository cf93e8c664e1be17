/** What a stack's preview creates, counted by Azure (or Entra ID) resource type, for people who do not read URNs. */
import type { StackPreview } from "../preview/preview-file";

export interface ResourceCount {
  /** The type without its provider prefix where that reads better: "storage:StorageAccount". */
  readonly type: string;
  readonly count: number;
}

const shortType = (type: string) => type.replace(/^azure-native:/, "").replace(/^azuread:index\//, "entra:").replace(/^random:index\//, "random:");

/**
 * Resources only: components (grunnmur:...) group them and create nothing, and
 * providers are settings, so neither is counted.
 */
export function resourceCounts(preview: StackPreview): ResourceCount[] {
  const counts = new Map<string, number>();
  for (const r of preview.resources) {
    if (!r.custom || r.type.startsWith("pulumi:providers:")) continue;
    const type = shortType(r.type);
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  return [...counts.entries()].map(([type, count]) => ({ type, count })).sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
}
