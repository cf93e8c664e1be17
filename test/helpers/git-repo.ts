/**
 * A throw-away git repository around a fixture region, for the rules that ask
 * git which file is new. Commits get fixed dates, so "newer" is certain.
 */
import { execFileSync } from "node:child_process";

export interface GitRepo {
  git(...args: string[]): string;
  /** Commits everything in the working tree, dated `date` (ISO 8601). */
  commitAll(message: string, date: string): void;
}

export function initRepo(dir: string): GitRepo {
  const run = (env: NodeJS.ProcessEnv, args: string[]) =>
    execFileSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false", ...args], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
  run({}, ["init", "-q", "-b", "main"]);
  return {
    git: (...args) => run({}, args),
    commitAll(message, date) {
      run({}, ["add", "-A"]);
      run({ GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }, ["commit", "-q", "-m", message]);
    },
  };
}
