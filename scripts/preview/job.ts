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

/** The file written per stack: the shape other tools (policy, cost, report) read. */
export interface StackPreview {
  readonly stack: string;
  readonly generatedBy: string;
  readonly resources: readonly CapturedResource[];
  readonly outputs: Record<string, unknown>;
}
