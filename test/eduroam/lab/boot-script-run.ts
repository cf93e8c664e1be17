/**
 * Installs a RADIUS configuration the way a platform server does, from the
 * same two artefacts the platform stack deploys (radiusDelivery): the sync
 * script from the bootstrap's write_files receives userData from the instance
 * metadata service, pipes it through `base64 -d` into the bundle file (0600)
 * and restarts the secrets unit, whose ExecStart runs the boot script from
 * write_files on that bundle. Every path, mode and argument used here is read
 * from the bootstrap, and a bootstrap whose sync script or unit no longer
 * looks as expected is refused, so this mirror cannot drift from production.
 *
 * The files the bootstrap writes under / are written under `workDir` instead;
 * the target directory is the unit's own, i.e. the runtime the delivery was
 * rendered for. The real sync script is not run: it talks to the metadata
 * service's link-local address, which tests must never reach. `syncOnce` does
 * what one run of its timer does: install a changed userData, else ask the boot
 * script whether a hub's bundle in Key Vault changed, and restart the secrets
 * unit (here: run the boot script) only when either did.
 */
import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { SYNC_SCRIPT_PATH } from "../../../domain/eduroam/bootstrap";
import type { RadiusDelivery } from "../../../domain/eduroam/delivery";

interface WriteFile {
  path: string;
  content: string;
  permissions: string;
}

export interface BootRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Where the unit told the boot script to install the tree (the runtime's configDir). */
  readonly target: string;
  /** The bundle file, as the sync script installed it (under workDir). */
  readonly bundle: string;
}

/** What the sync script does with userData, read from its text. */
interface SyncSteps {
  /** Where the decoded userData is installed. */
  readonly bundlePath: string;
  /** Mode of the installed bundle. */
  readonly bundleMode: string;
  /** The unit restarted once a changed bundle is in place. */
  readonly unit: string;
  /** The command that tells whether a hub's bundle changed (exit 0), with the bundle it reads. */
  readonly checkHubs: { readonly script: string; readonly bundle: string };
}

/** How the unit runs the boot script, read from its ExecStart. */
interface BootCommand {
  readonly script: string;
  readonly bundle: string;
  readonly target: string;
}

function refuse(what: string): never {
  throw new Error(`the bootstrap's ${what} no longer looks as test/eduroam/lab/boot-script-run.ts expects; update the mirror to do what the VM now does`);
}

function bootstrapFiles(bootstrap: string): WriteFile[] {
  if (!bootstrap.startsWith("#cloud-config\n")) refuse("first line");
  return (parse(bootstrap) as { write_files: WriteFile[] }).write_files;
}

function fileIn(files: readonly WriteFile[], wanted: string): WriteFile {
  return files.find((f) => f.path === wanted) ?? refuse(`write_files entry ${wanted}`);
}

function syncSteps(files: readonly WriteFile[]): SyncSteps {
  const script = fileIn(files, SYNC_SCRIPT_PATH).content;
  if (!/\| base64 -d > "\$new"/.test(script) || !/metadata\/instance\/compute\/userData/.test(script)) refuse("sync script (userData through base64 -d)");
  const install = /^\s*install -m (\d{4}) "\$new" (\S+)$/m.exec(script) ?? refuse("sync script (install of the bundle)");
  const cmp = /! cmp -s "\$new" (\S+); then$/m.exec(script) ?? refuse("sync script (comparison with the installed bundle)");
  if (cmp[1] !== install[2]) refuse("sync script (compares with another file than it installs)");
  const restart = /^\s*systemctl restart (\S+\.service)$/m.exec(script) ?? refuse("sync script (restart of the secrets unit)");
  const check = /&& (\S+) --bundle (\S+) --check-hubs; then$/m.exec(script) ?? refuse("sync script (check of the hubs' bundles)");
  if (!/^if \[ "\$changed" = no \] && /m.test(script) || !/^if \[ "\$changed" = yes \]; then\n\s*systemctl restart /m.test(script)) refuse("sync script (restart only when something changed)");
  return { bundlePath: install[2], bundleMode: install[1], unit: restart[1], checkHubs: { script: check[1], bundle: check[2] } };
}

function bootCommand(files: readonly WriteFile[], unit: string): BootCommand {
  const unitText = fileIn(files, `/etc/systemd/system/${unit}`).content;
  const exec = /^ExecStart=(\S+) --bundle (\S+) --target (\S+)$/m.exec(unitText) ?? refuse(`${unit} (ExecStart)`);
  return { script: exec[1], bundle: exec[2], target: exec[3] };
}

interface Prepared {
  readonly sync: SyncSteps;
  readonly command: BootCommand;
  readonly bundle: string;
  readonly script: string;
}

/** Writes the boot script under workDir as write_files would, and reads how the sync script and the unit call it. */
function prepare(bootstrap: string, workDir: string): Prepared {
  const files = bootstrapFiles(bootstrap);
  const sync = syncSteps(files);
  const command = bootCommand(files, sync.unit);
  if (command.bundle !== sync.bundlePath) refuse(`${sync.unit} (reads another bundle than the sync script installs)`);
  if (sync.checkHubs.bundle !== sync.bundlePath || sync.checkHubs.script !== command.script) refuse("sync script (checks the hubs with another script or bundle than the unit runs)");
  const underWorkDir = (file: string) => path.join(workDir, file);
  const scriptFile = fileIn(files, command.script);
  const script = underWorkDir(command.script);
  fs.mkdirSync(path.dirname(script), { recursive: true });
  fs.writeFileSync(script, scriptFile.content, { mode: parseInt(scriptFile.permissions, 8) });
  return { sync, command, bundle: underWorkDir(sync.bundlePath), script };
}

/** The decoded userData, by the same decoder as on the VM: a userData that base64 -d refuses fails here too. */
function received(userData: string): Buffer {
  const bytes = execFileSync("base64", ["-d"], { input: userData });
  if (bytes.length === 0) throw new Error("userData is empty: the sync script would install nothing");
  return bytes;
}

function installBundle(prepared: Prepared, bytes: Buffer): void {
  fs.mkdirSync(path.dirname(prepared.bundle), { recursive: true });
  fs.writeFileSync(prepared.bundle, bytes, { mode: parseInt(prepared.sync.bundleMode, 8) });
}

function run(script: string, args: readonly string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  // Asynchronous: the fake Key Vault answers from this same process. The script runs
  // by its own #! line, as systemd runs it.
  return new Promise((resolve) => {
    execFile(script, [...args], { env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function boot(prepared: Prepared, env: Record<string, string>): Promise<BootRun> {
  const result = await run(prepared.script, ["--bundle", prepared.bundle, "--target", prepared.command.target], env);
  return { ...result, target: prepared.command.target, bundle: prepared.bundle };
}

/** Receives `delivery.userData` as the sync script does and runs the boot script as the secrets unit does. */
export async function runBootScript(delivery: Pick<RadiusDelivery, "bootstrap" | "userData">, workDir: string, env: Record<string, string>): Promise<BootRun> {
  const prepared = prepare(delivery.bootstrap, workDir);
  installBundle(prepared, received(delivery.userData));
  return boot(prepared, env);
}

export interface SyncRun {
  /** What made the timer's run restart the secrets unit and reload FreeRADIUS, if anything. */
  readonly applied: "userData" | "hub bundle" | "nothing";
  /** The --check-hubs run, when userData had not changed. */
  readonly check?: { readonly code: number; readonly stderr: string };
  /** The secrets unit's run, when something changed. */
  readonly boot?: BootRun;
}

/** One run of the sync timer on a server that booted from `runBootScript` in the same workDir. */
export async function syncOnce(delivery: Pick<RadiusDelivery, "bootstrap" | "userData">, workDir: string, env: Record<string, string>): Promise<SyncRun> {
  const prepared = prepare(delivery.bootstrap, workDir);
  const bytes = received(delivery.userData);
  if (!fs.existsSync(prepared.bundle) || !fs.readFileSync(prepared.bundle).equals(bytes)) {
    installBundle(prepared, bytes);
    return { applied: "userData", boot: await boot(prepared, env) };
  }
  const check = await run(prepared.script, ["--bundle", prepared.bundle, "--check-hubs"], env);
  if (check.code !== 0) return { applied: "nothing", check };
  return { applied: "hub bundle", check, boot: await boot(prepared, env) };
}
