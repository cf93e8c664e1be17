/**
 * A preview worker process runs stacks under Pulumi's mocks, one at a time, as
 * the pool sends them. Loading the SDK and the programs is most of a small
 * stack's cost, so a worker takes several stacks in turn: setMocks resets the
 * SDK's settings for each (as Pulumi's own tests rely on), nothing of ours is
 * kept between stacks, and the pool replaces a worker after a failure or a
 * number of stacks (pool.ts), so no broken state or growing memory carries on.
 */
// Must stay the first import: it has to run before the SDK loads.
import "./worker-preamble";
import * as pulumi from "@pulumi/pulumi";
import { PLATFORM_STACK, PROJECT } from "../../stacks/contract";
import { startCapture } from "./capture";
import { countTypes, failedResult, preloadsFromArgv, type PreviewJob, type PreviewResult, type StackKind } from "./job";
import { checkPreview, environmentOfJob } from "../check/check-file";
import type { PolicyReport } from "./preview-file";
import { createMocks } from "./mocks";
import { type StackPreview, writePreviewFile } from "./preview-file";
import { skipProviderTypeAliases } from "./skip-provider-type-aliases";
import { skipSdkBookkeeping } from "./skip-sdk-bookkeeping";
import { duplicateUrnError, urnProblems } from "./urn-checks";

const MOCK_ORGANIZATION = "organization";

// The SDK records a stack trace for every promise it creates (runtime/debuggable.js),
// which dominates time and memory per resource under the mocks. Workers report errors by
// message, so they skip those traces; GRUNNMUR_STACK_TRACES=1 keeps them for debugging.
if (require.main === module && process.env.GRUNNMUR_STACK_TRACES !== "1") Error.stackTraceLimit = 0;
// GRUNNMUR_PROVIDER_ALIASES=1 keeps azure-native's own aliases, to measure the difference.
if (require.main === module && process.env.GRUNNMUR_PROVIDER_ALIASES !== "1") skipProviderTypeAliases();
// GRUNNMUR_SDK_BOOKKEEPING=1 keeps the SDK's source positions and promise leak tracking.
if (require.main === module && process.env.GRUNNMUR_SDK_BOOKKEEPING !== "1") skipSdkBookkeeping();

/** Each kind of stack's program, loaded on first use; they only define functions at load. */
const PROGRAMS = {
  platform: () => import("../../stacks/platform/program"),
  hub: () => import("../../stacks/hub/program"),
  tenant: () => import("../../stacks/tenant/program"),
} satisfies Record<StackKind, () => Promise<unknown>>;

const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

/**
 * Failures the SDK raises outside the program's promise chain: a throw inside an
 * apply callback surfaces as an uncaught exception or an unhandled rejection,
 * sometimes after the stack has already settled. The worker is one stack's
 * process, so it listens for its whole life rather than only during runJob.
 */
let failures: string[] = [];
const recordFailure = (reason: unknown) => void failures.push(reason instanceof Error ? reason.message : String(reason));
process.on("unhandledRejection", recordFailure);
process.on("uncaughtException", recordFailure);

const cpuMsSince = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return Math.round((used.user + used.system) / 1000);
};

/** The stacks a job's program may reference, by short name: the platform's, and a tenant's hub's. */
function stackReferencesOf(job: PreviewJob): Record<string, Record<string, unknown>> {
  if (job.kind === "platform") return {};
  const refs: Record<string, Record<string, unknown>> = { [PLATFORM_STACK]: job.platformOutputs };
  if (job.kind === "tenant" && job.hubOutputs && job.input.hubStackName) refs[job.input.hubStackName.split("/").pop()!] = job.hubOutputs;
  return refs;
}

export async function runJob(job: PreviewJob): Promise<PreviewResult> {
  const started = Date.now();
  const cpu = process.cpuUsage();
  failures = [];
  try {
    // preview=false: with preview=true unreturned outputs stay unknown and apply never runs.
    await pulumi.runtime.setMocks(createMocks(stackReferencesOf(job)), PROJECT, job.stack, false, MOCK_ORGANIZATION);
    const captured = startCapture();
    // Programs are loaded only after the mocks are in place, as the SDK requires.
    const outputs = await pulumi.runtime.runInPulumiStack(async () => {
      if (job.kind === "platform") {
        const { platformProgram } = await PROGRAMS.platform();
        const { previewTenantScope } = await import("./tenant-scope");
        return platformProgram(job.input, job.tenantScope ? previewTenantScope(job.tenantScope) : undefined);
      }
      if (job.kind === "hub") {
        const { hubStackProgram } = await PROGRAMS.hub();
        const { previewTenantScope } = await import("./tenant-scope");
        return hubStackProgram(job.input, job.tenantScope ? previewTenantScope(job.tenantScope) : undefined);
      }
      const { tenantProgram } = await PROGRAMS.tenant();
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
      ...(job.kind !== "tenant" && job.tenantScope ? { scope: { tenants: [...job.tenantScope], regionTenants: job.input.tenants.map((t) => t.spec.slug), ...(job.hubStacks ? { hubStacks: [...job.hubStacks] } : {}) } } : {}),
    };
    // Stacks run their policies here, beside the preview, so the pool runs them in parallel.
    let policy: PolicyReport | undefined;
    if (job.policy) {
      const { pack, checkedOn, ...report } = await checkPreview(preview, environmentOfJob(job.stack, job.policy), job.policy.config);
      policy = report;
      writePreviewFile(job.outFile, { ...preview, policy: { pack, checkedOn, ...report } });
    } else {
      writePreviewFile(job.outFile, preview);
    }
    return {
      stack: job.stack,
      ok: true,
      resourceCount: resources.length,
      typeCounts: countTypes(resources),
      outputs: preview.outputs,
      durationMs: Date.now() - started,
      peakRssMb: peakRssMb(),
      cpuMs: cpuMsSince(cpu),
      workerPid: process.pid,
      ...(policy ? { policy } : {}),
    };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { ...failedResult(job.stack, [message, ...failures.filter((f) => f !== message)].join("; "), Date.now() - started, peakRssMb()), cpuMs: cpuMsSince(cpu), workerPid: process.pid };
  }
}

/**
 * The worker's loop: a job message in, a result message out. While a job runs the IPC
 * channel is unreferenced, so a program that can never settle (its outputs wait on a
 * failed value) empties the event loop and is reported at once instead of at the pool's
 * timeout; such a worker then exits, since its SDK state is not fit for another stack.
 */
if (require.main === module && process.send) {
  // Loading a program is most of a small stack's cost: load the ones the pool named (the tenant
  // program, which nearly every worker runs, unless told otherwise; the platform's first for the
  // worker that takes the platform) now, in turn, while the pool may still be waiting for the
  // first job (WorkerPool.prestart). They only define functions at load; each job sets its mocks
  // before running one, as reused workers always have. A failure here is the job's too, and
  // reported there.
  setImmediate(() => {
    void (async () => {
      for (const kind of preloadsFromArgv(process.argv.slice(2))) await PROGRAMS[kind]().catch(() => undefined);
    })();
  });
  const channel = (process as unknown as { channel?: { ref(): void; unref(): void } }).channel;
  let current: { job: PreviewJob; reported: boolean } | undefined;
  const report = (result: PreviewResult, exitAfter: boolean) => {
    if (!current || current.reported) return;
    current.reported = true;
    current = undefined;
    channel?.ref();
    process.send!(result, () => {
      if (exitAfter) process.exit(0);
    });
  };
  process.on("message", (job: PreviewJob) => {
    current = { job, reported: false };
    channel?.unref();
    runJob(job).then((result) => report(result, false));
  });
  process.on("beforeExit", () => {
    if (!current) return;
    const { job } = current;
    const why = failures.length > 0 ? failures.join("; ") : "the program stopped before its outputs were resolved";
    report({ ...failedResult(job.stack, why, 0, peakRssMb()), workerPid: process.pid }, true);
  });
  // The pool ends a worker by disconnecting; nothing is left to do then.
  process.on("disconnect", () => process.exit(0));
}
