/** Runs the boot script from rendered cloud-init user-data, the way the RADIUS servers do at boot. */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { BOOT_SCRIPT_PATH } from "../../../domain/eduroam/boot-script";
import { BUNDLE_PATH } from "../../../domain/eduroam/cloud-init";

interface WriteFile {
  path: string;
  content: string;
  encoding?: string;
}

export interface BootRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Writes the bundle and the script from `userData` into `workDir` and installs the tree into `target`. */
export async function runBootScript(userData: string, workDir: string, target: string, env: Record<string, string>): Promise<BootRun> {
  const files = (parse(userData) as { write_files: WriteFile[] }).write_files;
  const find = (wanted: string) => {
    const found = files.find((f) => f.path === wanted);
    if (!found) throw new Error(`cloud-init user-data has no ${wanted}`);
    return found;
  };
  fs.mkdirSync(workDir, { recursive: true });
  const bundle = path.join(workDir, "bundle.json.gz");
  const script = path.join(workDir, "grunnmur-radius-secrets");
  fs.writeFileSync(bundle, Buffer.from(find(BUNDLE_PATH).content, "base64"));
  fs.writeFileSync(script, find(BOOT_SCRIPT_PATH).content, { mode: 0o755 });
  // Asynchronous: the fake Key Vault answers from this same process.
  return new Promise((resolve) => {
    execFile("python3", [script, "--bundle", bundle, "--target", target], { env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}
