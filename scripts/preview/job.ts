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
