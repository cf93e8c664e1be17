/** Messages between the preview command and its worker processes. */
import type { HubStackInput, PlatformStackInput, TenantStackInput } from "../../stacks/inputs";
import type { StackFile, WorkloadRules } from "../../policies/core/environment";
import type { PackConfig } from "../check/run-policies";
import type { PolicyReport } from "./preview-file";

/**
 * What a worker needs to run the policy pack over the stack it just previewed: the
 * region's environment cut down to that stack's own file (the only one a stack's
 * policies read), as data.
 */
export interface PolicyJob {
  readonly today: string;
  readonly stackFile?: StackFile;
  readonly workloads?: WorkloadRules;
  readonly config?: PackConfig;
}

// Jobs cross a process boundary as data, so they hold no functions: the worker
// builds what the program needs from them (tenant-scope.ts).
export type PreviewJob =
  | {
      readonly kind: "platform";
      readonly stack: string;
      readonly input: PlatformStackInput;
      /**
       * Register only these tenants' attachments (the shared core is always whole):
       * one part of a platform split over workers, or a preview of some tenants.
       * Every tenant when undefined.
       */
      readonly tenantScope?: readonly string[];
      /** With tenantScope: every hub stack of the region, recorded in the scope (PreviewScope.hubStacks). */
      readonly hubStacks?: readonly string[];
      readonly outFile: string;
      /** Run the policies in the worker too; only for a job that writes the platform's whole file (not one part of a split). */
      readonly policy?: PolicyJob;
    }
  | {
      readonly kind: "hub";
      readonly stack: string;
      readonly input: HubStackInput;
      readonly platformOutputs: Record<string, unknown>;
      /** As for the platform: register only these tenants' attachments; every tenant of the hub when undefined. */
      readonly tenantScope?: readonly string[];
      readonly hubStacks?: undefined;
      readonly outFile: string;
      readonly policy?: PolicyJob;
    }
  | {
      readonly kind: "tenant";
      readonly stack: string;
      readonly input: TenantStackInput;
      readonly platformOutputs: Record<string, unknown>;
      /** The outputs of the tenant's hub stack; undefined on the primary hub, whose outputs are the platform's. */
      readonly hubOutputs?: Record<string, unknown>;
      readonly outFile: string;
      /** Run the policies in the worker too, and record them in the file; see PolicyJob. */
      readonly policy?: PolicyJob;
    };

/** The kinds of stack a worker runs, each with a program of its own. */
export type StackKind = PreviewJob["kind"];

const STACK_KINDS: readonly StackKind[] = ["platform", "hub", "tenant"];
const PRELOAD_FLAG = "--preload=";

/** The argument that tells a worker which programs to load before its first job, in that order. */
export function preloadArgv(kinds: readonly StackKind[]): string[] {
  return [`${PRELOAD_FLAG}${kinds.join(",")}`];
}

/**
 * The programs a worker loads before its first job, from its arguments: the tenant program when
 * none are named (nearly every worker runs tenants). An unknown kind is dropped: loading early
 * only saves time, and the job loads what it needs either way.
 */
export function preloadsFromArgv(argv: readonly string[]): StackKind[] {
  const given = argv.find((a) => a.startsWith(PRELOAD_FLAG));
  if (given === undefined) return ["tenant"];
  return given
    .slice(PRELOAD_FLAG.length)
    .split(",")
    .filter((k): k is StackKind => (STACK_KINDS as readonly string[]).includes(k));
}

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
  /** CPU time the worker spent on this stack, which a busy machine does not inflate as it does durationMs. */
  readonly cpuMs?: number;
  /** The worker process that ran the stack: which stacks shared one, when it was reused. */
  readonly workerPid?: number;
  /** The policy report, when the job asked the worker to run the policies. */
  readonly policy?: PolicyReport;
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
