/**
 * How `grunnmur offboard --yes` runs the Pulumi CLI: through a runner the
 * command is given, so a test can record the exact commands and their order
 * without Pulumi, and the real one inherits the terminal (Pulumi's own
 * previews and prompts are shown as they are).
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export interface CommandRunner {
  /** Runs the program with its arguments; resolves to its exit code. */
  run(program: string, args: readonly string[]): Promise<number>;
}

export const systemRunner: CommandRunner = {
  run: (program, args) =>
    new Promise((resolve) => {
      const child = spawn(program, [...args], { stdio: "inherit" });
      child.on("error", (err) => {
        console.error(`could not start ${program}: ${err.message}`);
        resolve(127);
      });
      child.on("close", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    }),
};

/** The program's path on PATH (with Windows' PATHEXT endings), or undefined. */
export function findOnPath(program: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  const dirs = (env.PATH ?? env.Path ?? "").split(path.delimiter).filter(Boolean);
  const endings = platform === "win32" ? (env.PATHEXT ?? ".EXE;.CMD;.BAT").split(";").map((e) => e.toLowerCase()) : [""];
  for (const dir of dirs) {
    for (const ending of endings) {
      const candidate = path.join(dir, program + ending);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        if (fs.statSync(candidate).isFile()) return candidate;
      } catch {
        // Not here; try the next directory.
      }
    }
  }
  return undefined;
}
