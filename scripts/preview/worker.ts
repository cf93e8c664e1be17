/**
 * One preview worker process runs one stack under Pulumi's mocks and exits,
 * so no runtime state or memory is carried from one stack to the next.
 */
// Must stay the first import: it has to run before the SDK loads.
import "./worker-preamble";
import * as pulumi from "@pulumi/pulumi";
import { PROJECT } from "../../stacks/contract";
import { startCapture } from "./capture";
import { countTypes, failedResult, type PreviewJob, type PreviewResult } from "./job";
import { createMocks } from "./mocks";
import { type StackPreview, writePreviewFile } from "./preview-file";
import { skipProviderTypeAliases } from "./skip-provider-type-aliases";
import { duplicateUrnError, urnProblems } from "./urn-checks";

const MOCK_ORGANIZATION = "organization";

// The SDK records a stack trace for every promise it creates (runtime/debuggable.js),
// which dominates time and memory per resource under the mocks. Workers report errors by
// message, so they skip those traces; GRUNNMUR_STACK_TRACES=1 keeps them for debugging.
if (require.main === module && process.env.GRUNNMUR_STACK_TRACES !== "1") Error.stackTraceLimit = 0;
// GRUNNMUR_PROVIDER_ALIASES=1 keeps azure-native's own aliases, to measure the difference.
if (require.main === module && process.env.GRUNNMUR_PROVIDER_ALIASES !== "1") skipProviderTypeAliases();

const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

/**
 * Failures the SDK raises outside the program's promise chain: a throw inside an
 * apply callback surfaces as an uncaught exception or an unhandled rejection,
 * sometimes after the stack has already settled. The worker is one stack's
 * process, so it listens for its whole life rather than only during runJob.
 */
const failures: string[] = [];
const recordFailure = (reason: unknown) => void failures.push(reason instanceof Error ? reason.message : String(reason));
process.on("unhandledRejection", recordFailure);
process.on("uncaughtException", recordFailure);

export async function runJob(job: PreviewJob): Promise<PreviewResult> {
  const started = Date.now();
  try {
    // preview=false: with preview=true unreturned outputs stay unknown and apply never runs.
    await pulumi.runtime.setMocks(createMocks(job.kind === "tenant" ? job.platformOutputs : undefined), PROJECT, job.stack, false, MOCK_ORGANIZATION);
    const captured = startCapture();
    // Programs are loaded only after the mocks are in place, as the SDK requires.
    const outputs = await pulumi.runtime.runInPulumiStack(async () => {
      if (job.kind === "platform") {
        const { platformProgram } = await import("../../stacks/platform/program");
        const { previewTenantScope } = await import("./tenant-scope");
        return platformProgram(job.input, job.tenantScope ? previewTenantScope(job.tenantScope) : undefined);
      }
      const { tenantProgram } = await import("../../stacks/tenant/program");
      return tenantProgram(job.input);
    });
    await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
    if (failures.length > 0) throw new Error(failures.join("; "));

    // The mock monitor keeps the last of two resources with one URN; Pulumi would refuse both.
    const problems = urnProblems(captured);
    if (problems.length > 0) throw new Error(duplicateUrnError(job.stack, problems));
    const resources = [...captured].sort((a, b) => a.urn.localeCompare(b.urn));
    const preview: StackPreview = {
      stack: job.stack,
      generatedBy: "grunnmur preview (offline, Pulumi mocks)",
      resources,
      outputs: (outputs ?? {}) as Record<string, unknown>,
      ...(job.kind === "platform" && job.tenantScope ? { scope: { tenants: [...job.tenantScope], regionTenants: job.input.tenants.map((t) => t.spec.slug) } } : {}),
    };
    writePreviewFile(job.outFile, preview);
    return {
      stack: job.stack,
      ok: true,
      resourceCount: resources.length,
      typeCounts: countTypes(resources),
      outputs: preview.outputs,
      durationMs: Date.now() - started,
      peakRssMb: peakRssMb(),
    };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return failedResult(job.stack, [message, ...failures.filter((f) => f !== message)].join("; "), Date.now() - started, peakRssMb());
  }
}

if (require.main === module && process.send) {
  let reported = false;
  const report = (result: PreviewResult) => {
    if (reported) return;
    reported = true;
    process.send!(result, () => process.exit(0));
  };
  process.once("message", (job: PreviewJob) => {
    runJob(job).then(report);
    // A program whose outputs wait on a failed value never settles; when nothing is
    // left to run, report what went wrong instead of exiting silently.
    process.on("beforeExit", () =>
      report(failedResult(job.stack, failures.length > 0 ? failures.join("; ") : "the program stopped before its outputs were resolved", 0, peakRssMb())),
    );
  });
}
