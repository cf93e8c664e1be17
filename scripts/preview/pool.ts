/**
 * Runs preview jobs in worker processes, at most `concurrency` at a time.
 * A worker that crashes or hangs becomes a failed result for its stack; it
 * never takes the other stacks' results with it.
 *
 * Each lane keeps its worker for several stacks in turn (loading the SDK and
 * the programs costs about as much as previewing a tenant), and replaces it
 * after a failed stack, after STACKS_PER_WORKER stacks, or once it has grown
 * past RECYCLE_RSS_MB, so neither a broken SDK state nor memory carries on.
 */
import { type ChildProcess, fork } from "node:child_process";
import * as path from "node:path";
import { failedResult, preloadArgv, type PreviewJob, type PreviewResult, type StackKind } from "./job";

const WORKER = path.join(__dirname, "worker.js");

/** How many stacks one worker process previews before the pool starts a fresh one. */
export const STACKS_PER_WORKER = 25;
/** A worker whose peak memory passed this is replaced after its stack, far below the 1 GB target. */
export const RECYCLE_RSS_MB = 400;

/** GRUNNMUR_WORKER_ARGV="--cpu-prof --cpu-prof-dir=DIR" profiles each worker (Node refuses --cpu-prof in NODE_OPTIONS). */
const workerExecArgv = () => (process.env.GRUNNMUR_WORKER_ARGV ? process.env.GRUNNMUR_WORKER_ARGV.split(" ").filter(Boolean) : process.execArgv);

/** GRUNNMUR_STACKS_PER_WORKER=1 gives every stack its own process, as before workers were reused. */
function stacksPerWorker(): number {
  const n = Number(process.env.GRUNNMUR_STACKS_PER_WORKER);
  return Number.isInteger(n) && n >= 1 ? n : STACKS_PER_WORKER;
}

export interface PoolOptions {
  readonly concurrency: number;
  /** A stack taking longer than this is stopped and reported as failed. */
  readonly timeoutMs: number;
  readonly onDone?: (result: PreviewResult, done: number, total: number, job: PreviewJob) => void;
}

/** One worker process that runs the jobs it is given one at a time. */
class Worker {
  private readonly child: ChildProcess;
  private stderr = "";
  private pending: ((result: PreviewResult) => void) | undefined;
  private exited: string | undefined;
  /** The stack being run, for a failure that arrives as the process's exit. */
  private stackName = "";
  jobsRun = 0;

  /** `preload`: the programs it loads before its first job, in that order (job.ts, preloadsFromArgv). */
  constructor(readonly preload: readonly StackKind[] = ["tenant"]) {
    this.child = fork(WORKER, preloadArgv(preload), { stdio: ["ignore", "pipe", "pipe", "ipc"], serialization: "advanced", execArgv: workerExecArgv() });
    this.child.stdout?.on("data", () => undefined);
    this.child.stderr?.on("data", (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-4000);
    });
    this.child.on("message", (result: PreviewResult) => this.settle(result));
    this.child.on("error", (err) => this.gone(`worker could not start: ${err.message}`));
    this.child.on("exit", (code, signal) => {
      const tail = this.stderr.trim().split("\n").slice(-5).join("\n");
      this.gone(`worker exited (${signal ?? `code ${code}`}) before reporting${tail ? `:\n${tail}` : ""}`);
    });
  }

  get alive(): boolean {
    return this.exited === undefined;
  }

  run(job: PreviewJob, timeoutMs: number): Promise<PreviewResult> {
    const started = Date.now();
    this.jobsRun += 1;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.child.kill("SIGKILL");
        this.settle(failedResult(job.stack, `did not finish within ${Math.round(timeoutMs / 1000)} s and was stopped`, Date.now() - started));
      }, timeoutMs);
      this.pending = (result) => {
        clearTimeout(timer);
        resolve(result.ok || result.durationMs > 0 ? result : { ...result, durationMs: result.durationMs || Date.now() - started });
      };
      if (this.exited !== undefined) return this.settle(failedResult(job.stack, this.exited, 0));
      this.stackName = job.stack;
      this.child.send(job);
    });
  }

  /** Asks the worker to exit; it does once its IPC channel closes. */
  stop(): void {
    if (this.alive && this.child.connected) this.child.disconnect();
  }

  private settle(result: PreviewResult): void {
    const pending = this.pending;
    this.pending = undefined;
    pending?.(result);
  }

  private gone(why: string): void {
    if (this.exited !== undefined) return;
    this.exited = why;
    this.settle(failedResult(this.stackName, why, 0));
  }
}

/** Whether a worker may take another stack after this result. */
function reusable(worker: Worker, result: PreviewResult, limit: number): boolean {
  return worker.alive && result.ok && worker.jobsRun < limit && result.peakRssMb < RECYCLE_RSS_MB;
}

/**
 * Which idle worker takes a job of `kind`, given what each loaded early (in the order they became
 * idle): the last that loaded the job's program, else the last. Undefined when none is idle.
 * @internal exported for its unit test.
 */
export function idleWorkerFor(preloads: ReadonlyArray<readonly StackKind[]>, kind: StackKind): number | undefined {
  for (let i = preloads.length - 1; i >= 0; i -= 1) if (preloads[i].includes(kind)) return i;
  return preloads.length > 0 ? preloads.length - 1 : undefined;
}

/** Runs one job in a worker of its own, which then exits. */
export async function runInWorker(job: PreviewJob, timeoutMs: number): Promise<PreviewResult> {
  const worker = new Worker([job.kind]);
  try {
    return await worker.run(job, timeoutMs);
  } finally {
    worker.stop();
  }
}

/**
 * Workers kept for the jobs of one preview: a job takes an idle worker or starts one,
 * and gives it back when it may take another stack. The platform's first part and the
 * tenants after it share workers, so a one-tenant check starts one process, not two.
 */
export class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly limit = stacksPerWorker();

  private onDone: PoolOptions["onDone"];

  constructor(private readonly options: PoolOptions) {
    this.onDone = options.onDone;
  }

  /** Who hears of each finished job from now on (a pool made before the preview it serves). */
  setOnDone(onDone: PoolOptions["onDone"]): void {
    this.onDone = onDone;
  }

  /**
   * Starts workers now, before any job, until `count` are idle: a worker spends its first few
   * hundred milliseconds loading the SDK and the programs, which then overlaps whatever the
   * caller does meanwhile (validating the files). A pull request's check of one municipality
   * waits for little else. `firstJob`, the kind of the first job the caller will run (the
   * platform, unless a base branch's preview stands in for it), makes the first worker load that
   * program first, then the tenant program; the others load the tenant program. Called again,
   * it tops the idle workers up to the new count.
   */
  prestart(count: number, firstJob?: StackKind): void {
    for (let i = this.idle.length; i < Math.min(count, this.options.concurrency); i += 1) {
      this.idle.push(new Worker(i === 0 && firstJob && firstJob !== "tenant" ? [firstJob, "tenant"] : ["tenant"]));
    }
  }

  private idleFor(job: PreviewJob): Worker | undefined {
    const index = idleWorkerFor(this.idle.map((w) => w.preload), job.kind);
    return index === undefined ? undefined : this.idle.splice(index, 1)[0];
  }

  async run(job: PreviewJob): Promise<PreviewResult> {
    // A worker started for this job loads this job's program only: anything more would run beside it.
    const worker = this.idleFor(job) ?? new Worker([job.kind]);
    const result = await worker.run(job, this.options.timeoutMs);
    if (reusable(worker, result, this.limit)) this.idle.push(worker);
    else worker.stop();
    return result;
  }

  /** Runs the jobs, at most `concurrency` at a time, and returns their results in the jobs' order. */
  async runAll(jobs: readonly PreviewJob[]): Promise<PreviewResult[]> {
    const results: PreviewResult[] = new Array(jobs.length);
    let next = 0;
    let done = 0;
    const lane = async () => {
      while (next < jobs.length) {
        const index = next++;
        results[index] = await this.run(jobs[index]);
        done += 1;
        this.onDone?.(results[index], done, jobs.length, jobs[index]);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(this.options.concurrency, jobs.length)) }, lane));
    return results;
  }

  /** Ends the idle workers; call when the preview is done. */
  close(): void {
    for (const worker of this.idle.splice(0)) worker.stop();
  }
}

export async function runPool(jobs: readonly PreviewJob[], options: PoolOptions): Promise<PreviewResult[]> {
  const pool = new WorkerPool(options);
  try {
    return await pool.runAll(jobs);
  } finally {
    pool.close();
  }
}
