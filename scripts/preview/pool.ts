/**
 * Runs preview jobs in worker processes, at most `concurrency` at a time.
 * A worker that crashes or hangs becomes a failed result for its stack; it
 * never takes the other stacks' results with it.
 */
import { fork } from "node:child_process";
import * as path from "node:path";
import { failedResult, type PreviewJob, type PreviewResult } from "./job";

const WORKER = path.join(__dirname, "worker.js");

export interface PoolOptions {
  readonly concurrency: number;
  /** A stack taking longer than this is stopped and reported as failed. */
  readonly timeoutMs: number;
  readonly onDone?: (result: PreviewResult, done: number, total: number, job: PreviewJob) => void;
}

export function runInWorker(job: PreviewJob, timeoutMs: number): Promise<PreviewResult> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = fork(WORKER, [], { stdio: ["ignore", "pipe", "pipe", "ipc"], serialization: "advanced" });
    let stderr = "";
    let settled = false;
    const finish = (result: PreviewResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const failed = (error: string) => failedResult(job.stack, error, Date.now() - started);
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      finish(failed(`did not finish within ${Math.round(timeoutMs / 1000)} s and was stopped`));
    }, timeoutMs);
    child.stdout?.on("data", () => undefined);
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.on("message", (result: PreviewResult) => finish(result));
    child.on("error", (err) => finish(failed(`worker could not start: ${err.message}`)));
    child.on("exit", (code, signal) => {
      const tail = stderr.trim().split("\n").slice(-5).join("\n");
      finish(failed(`worker exited (${signal ?? `code ${code}`}) before reporting${tail ? `:\n${tail}` : ""}`));
    });
    child.send(job);
  });
}

export async function runPool(jobs: readonly PreviewJob[], options: PoolOptions): Promise<PreviewResult[]> {
  const results: PreviewResult[] = new Array(jobs.length);
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const index = next++;
      results[index] = await runInWorker(jobs[index], options.timeoutMs);
      done += 1;
      options.onDone?.(results[index], done, jobs.length, jobs[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, jobs.length)) }, lane));
  return results;
}
