/**
 * How new each tenant and platform file is, from git, for the validation to
 * report a conflict between two files on the one that is new or changed
 * (tenants/validation/file-age.ts). With a base (`--changed-since origin/main`)
 * a file is added or modified against it; without one, against the last
 * commit (untracked or edited in the working tree). Either way the time of
 * each file's last commit breaks ties. Outside a git repository there is no
 * history, and the rules fall back to their own order.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { FileAge, FileHistory } from "../../tenants/validation/file-age";

export class HistoryError extends Error {}

function git(cwd: string, args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
}

/** The working tree's root above `dir`, or undefined when it is in no git repository (or git is missing). */
function repositoryRoot(dir: string): string | undefined {
  try {
    return fs.realpathSync(git(dir, ["rev-parse", "--show-toplevel"]).trim());
  } catch {
    return undefined;
  }
}

/**
 * The history of `files` (absolute paths in one repository). `since` names the
 * base to compare with; a ref git does not know is a HistoryError, since
 * guessing would put the blame on the wrong file.
 */
export function fileHistory(files: readonly string[], since?: string): FileHistory | undefined {
  if (files.length === 0) return undefined;
  const root = repositoryRoot(path.dirname(files[0]));
  if (!root) return undefined;
  // Paths as git prints them (relative to the root, forward slashes), for files inside this repository.
  const byGitPath = new Map<string, string>();
  for (const file of files) {
    const real = fs.existsSync(file) ? fs.realpathSync(file) : path.resolve(file);
    const rel = path.relative(root, real);
    if (rel && !rel.startsWith("..") && !path.isAbsolute(rel)) byGitPath.set(rel.split(path.sep).join("/"), path.resolve(file));
  }
  if (byGitPath.size === 0) return undefined;
  const pathspecs = [...byGitPath.keys()];
  const change = new Map<string, FileAge["change"]>();
  const mark = (gitPath: string, kind: "added" | "modified") => {
    if (byGitPath.has(gitPath) && change.get(gitPath) !== "added") change.set(gitPath, kind);
  };

  if (since !== undefined) {
    let diff: string;
    try {
      diff = git(root, ["diff", "--name-status", "--no-renames", "-z", `${since}...HEAD`, "--", ...pathspecs]);
    } catch (err) {
      throw new HistoryError(`git cannot compare with "${since}": ${((err as { stderr?: string }).stderr || (err as Error).message).split("\n")[0].trim()}; fetch it first (e.g. git fetch origin main) or name another ref`);
    }
    const fields = diff.split("\0");
    for (let i = 0; i + 1 < fields.length; i += 2) {
      if (fields[i] === "A") mark(fields[i + 1], "added");
      else if (fields[i] !== "D") mark(fields[i + 1], "modified");
    }
  }
  try {
    // Porcelain v1 with -z: "XY path" per entry; "??" untracked, "A" added to the index.
    for (const entry of git(root, ["status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames", "--", ...pathspecs]).split("\0")) {
      if (entry.length < 4) continue;
      const code = entry.slice(0, 2);
      const gitPath = entry.slice(3);
      if (code === "??" || code.includes("A")) mark(gitPath, "added");
      else if (!code.includes("D")) mark(gitPath, "modified");
    }
  } catch {
    return undefined;
  }

  const committedAt = new Map<string, number>();
  try {
    // Newest first: the first time a path appears is its last commit.
    let time = 0;
    for (const line of git(root, ["log", "--format=%x00%ct", "--name-only", "--no-renames", "--", ...pathspecs]).split("\n")) {
      if (line.startsWith("\0")) time = Number(line.slice(1));
      else if (line && byGitPath.has(line) && !committedAt.has(line)) committedAt.set(line, time);
    }
  } catch {
    // A repository without commits: nothing was ever committed.
  }

  const ages = new Map<string, FileAge>();
  for (const [gitPath, file] of byGitPath) {
    const committed = committedAt.get(gitPath);
    // Never committed and not reported by status (ignored by .gitignore): as new as an untracked file.
    const kind = change.get(gitPath) ?? (committed === undefined ? "added" : "unchanged");
    ages.set(file, { change: kind, committedAt: committed });
  }
  return { files: ages };
}
