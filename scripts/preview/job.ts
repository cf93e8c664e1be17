/** Messages between the preview command and its worker processes. */
import type { CapturedResource } from "./capture";
import type { PlatformStackInput, TenantStackInput } from "../../stacks/inputs";

export type PreviewJob =
  | { readonly kind: "platform"; readonly stack: string; readonly input: PlatformStackInput; readonly outFile: string }
  | {
      readonly kind: "tenant";
      readonly stack: string;
      readonly input: TenantStackInput;
      readonly platformOutputs: Record<string, unknown>;
      readonly outFile: string;
    };

export interface PreviewResult {
  readonly stack: string;
  readonly ok: boolean;
  /** What went wrong, for the regional team; present when ok is false. */
  readonly error?: string;
  readonly resourceCount: number;
  readonly typeCounts: Record<string, number>;
  readonly outputs?: Record<string, unknown>;
  readonly durationMs: number;
  readonly peakRssMb: number;
}

export interface PreviewScope {
  /** The tenants previewed. */
  readonly tenants: readonly string[];
  /** Every tenant of the region then: one missing from `tenants` was not previewed, not removed. */
  readonly regionTenants: readonly string[];
}

/** A stack that produced no preview, and why. */
export function failedResult(stack: string, error: string, durationMs = 0, peakRssMb = 0): PreviewResult {
  return { stack, ok: false, error, resourceCount: 0, typeCounts: {}, durationMs, peakRssMb };
}

/** Resources per type, sorted by type, for the summary table. */
export function countTypes(resources: ReadonlyArray<{ readonly type: string }>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of resources) counts[r.type] = (counts[r.type] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

/** The file written per stack: the shape other tools (policy, cost, report) read. */
export interface StackPreview {
  readonly stack: string;
  readonly generatedBy: string;
  readonly resources: readonly CapturedResource[];
  readonly outputs: Record<string, unknown>;
  /**
   * Present on a platform preview of some tenants only (grunnmur preview --only or
   * --changed-since): it holds the shared core and these tenants' attachments.
   */
  readonly scope?: PreviewScope;
}
