/** `grunnmur radius`: writes the FreeRADIUS configuration tree for eduroam, or a lab to run by hand. */
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { UsageError, type CommandSpec, type ParsedCommand } from "../args";
import { formatDiagnostic } from "../../tenants/validation/diagnostic";
import { loadCommandRegion } from "../region";
import { parseLabSecrets } from "../../domain/eduroam/lab-secrets";
import { droppedLabUsers, labRuntime, renderLabTree, withFilesBackends, type LabAccessPoint } from "../../domain/eduroam/lab-tree";
import { LAB_USERS_FILE } from "../../domain/eduroam/tenant-backends";
import { eduroamPlan, type EduroamPlan } from "../../domain/eduroam/plan";
import { renderRadiusTree, type RadiusTree } from "../../domain/eduroam/radius-tree";
import { SERVER_RUNTIME, type RadiusRuntime } from "../../domain/eduroam/runtime";
import { secretsIn } from "../../domain/eduroam/secret-placeholders";
import { renderTable } from "../table";

export const radiusSpec: CommandSpec = {
  name: "radius",
  summary: "write the FreeRADIUS 3.2 configuration for eduroam (national proxies and every tenant's Wi-Fi)",
  usage: [
    "grunnmur radius --out DIR [--config-dir DIR] [--tenants DIR] [--platform FILE]",
    "       grunnmur radius --lab DIR --listen ADDRESS --secrets FILE [--auth-port N] [--acct-port N] [--files-backend SLUG]...",
  ].join("\n"),
  details: [
    "Validates the files, then writes a complete FreeRADIUS 3.2 tree: clients per",
    "tenant, realms, the national proxies, EAP, policies and logs. Secrets appear",
    "as placeholders (@@keyvault:NAME@@); the RADIUS servers replace them with",
    "values from Key Vault at boot. The same files always give the same tree.",
    "",
    "Options:",
    "  --out DIR          where to write the tree; an earlier tree there is replaced",
    `  --config-dir DIR   where the tree will live when freeradius runs it (default:`,
    `                     ${SERVER_RUNTIME.configDir}); use the --out directory to run`,
    "                     freeradius -XC -d DIR on the result",
    "",
    "Lab (try a municipality's Wi-Fi with eapol_test before it goes live):",
    "  --lab DIR          write a tree to run by hand (freeradius -X -d DIR/raddb), with",
    "                     logs in DIR/log; DIR holds secrets and gets a .gitignore",
    "  --listen ADDRESS   IPv4 address the lab listens on, e.g. 127.0.0.1",
    "  --secrets FILE     YAML with the secrets (by Key Vault name), accessPointSecret",
    "                     and testUsers; keep it out of git, e.g. out/lab-secrets.yaml",
    "  --auth-port N      authentication port (default 1812); --acct-port N (1813)",
    "  --files-backend SLUG",
    "                     check SLUG's users against testUsers instead of its",
    "                     directory, for a lab without it (repeatable)",
  ].join("\n"),
  options: {
    out: { type: "string" },
    "config-dir": { type: "string" },
    lab: { type: "string" },
    listen: { type: "string" },
    secrets: { type: "string" },
    "auth-port": { type: "string" },
    "acct-port": { type: "string" },
    "files-backend": { type: "string", multiple: true },
  },
  readsFiles: true,
};

/** Marks a directory as written by this command, so it may be replaced next time. */
const MARKER = ".grunnmur-radius";

/** Writes `tree` under `dir`, replacing an earlier tree there (and only one). */
export function writeRadiusTree(dir: string, tree: RadiusTree): void {
  if (fs.existsSync(dir)) {
    const entries = fs.readdirSync(dir);
    if (entries.length > 0 && !entries.includes(MARKER)) {
      throw new UsageError(`${dir} is not empty and was not written by grunnmur radius; choose an empty or new directory`);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, MARKER), "Written by grunnmur radius; the next run replaces this directory.\n");
  for (const [file, text] of Object.entries(tree)) {
    const full = path.join(dir, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
  }
}

/** Marks a directory as a lab written by this command. */
const LAB_MARKER = ".grunnmur-radius-lab";

/**
 * Writes a lab: DIR/raddb (replaced every run, readable by its owner only:
 * it holds the secrets), DIR/log and DIR/run (kept), and a .gitignore that
 * keeps all of it out of git wherever DIR is.
 */
export function writeLabDir(dir: string, tree: RadiusTree): void {
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0 && !fs.existsSync(path.join(dir, LAB_MARKER))) {
    throw new UsageError(`${dir} is not empty and was not written by grunnmur radius --lab; choose an empty or new directory`);
  }
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(dir, LAB_MARKER), "Written by grunnmur radius --lab; the next run replaces raddb/ and keeps log/.\n");
  fs.writeFileSync(path.join(dir, ".gitignore"), "# A grunnmur RADIUS lab holds secrets: never commit any of it.\n*\n");
  for (const sub of ["log", "run"]) fs.mkdirSync(path.join(dir, sub), { recursive: true, mode: 0o700 });
  const raddb = path.join(dir, "raddb");
  fs.rmSync(raddb, { recursive: true, force: true });
  for (const [file, text] of Object.entries(tree)) {
    const full = path.join(raddb, file);
    fs.mkdirSync(path.dirname(full), { recursive: true, mode: 0o700 });
    fs.writeFileSync(full, text, { mode: 0o600 });
  }
}

function port(cmd: ParsedCommand, option: "auth-port" | "acct-port", fallback: number): number {
  const raw = cmd.values[option];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (typeof raw !== "string" || !/^\d+$/.test(raw) || value < 1 || value > 65535) throw new UsageError(`--${option} must be a port number from 1 to 65535, e.g. --${option} ${fallback}, not "${raw}"`);
  return value;
}

interface LabOptions {
  readonly labDir: string;
  readonly listen: string;
  /** As given, for messages; `secretsPath` is the resolved one. */
  readonly secretsName: string;
  readonly secretsPath: string;
  readonly runtime: RadiusRuntime;
}

const LAB_HELP = 'see the README, "Try a municipality\'s Wi-Fi in a lab"';

/** Checked before the region is read, so a mistake in the options is reported at once. */
function labOptions(cmd: ParsedCommand): LabOptions {
  const labDir = path.resolve(String(cmd.values.lab));
  const listen = cmd.values.listen;
  if (typeof listen !== "string" || !net.isIPv4(listen)) {
    throw new UsageError(`grunnmur radius --lab needs --listen with an IPv4 address to listen on, e.g. --listen 127.0.0.1${typeof listen === "string" ? `, not "${listen}"` : ""}`);
  }
  const secretsName = cmd.values.secrets;
  if (typeof secretsName !== "string") throw new UsageError(`grunnmur radius --lab needs --secrets FILE, e.g. --secrets out/lab-secrets.yaml (${LAB_HELP})`);
  const secretsPath = path.resolve(secretsName);
  if (!fs.existsSync(secretsPath)) throw new UsageError(`${secretsName} does not exist; write it first (${LAB_HELP})`);
  if (fs.existsSync(labDir) && fs.readdirSync(labDir).length > 0 && !fs.existsSync(path.join(labDir, LAB_MARKER))) {
    throw new UsageError(`${labDir} is not empty and was not written by grunnmur radius --lab; choose an empty or new directory`);
  }
  const runtime = labRuntime(labDir, listen, port(cmd, "auth-port", SERVER_RUNTIME.authPort), port(cmd, "acct-port", SERVER_RUNTIME.acctPort));
  return { labDir, listen, secretsName, secretsPath, runtime };
}

/** A problem for each users file of the lab in place that has users the new tree would drop. */
function usersNotCarriedOver(raddb: string, tree: RadiusTree, secretsName: string): string[] {
  const dir = path.join(raddb, "mods-config/files");
  if (!fs.existsSync(dir)) return [];
  const problems: string[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const relative = `mods-config/files/${name}`;
    if (!LAB_USERS_FILE.test(relative)) continue;
    const dropped = droppedLabUsers(fs.readFileSync(path.join(dir, name), "utf8"), tree[relative] ?? "");
    if (dropped.length > 0) {
      problems.push(`${path.join(dir, name)} has users the new lab would drop (${dropped.join(", ")}); add them under testUsers in ${secretsName}, or delete the file, then run again`);
    }
  }
  return problems;
}

function runLab(cmd: ParsedCommand, plan: EduroamPlan, options: LabOptions): number {
  const { labDir, listen, runtime, secretsName, secretsPath } = options;
  const filesBackends = (cmd.values["files-backend"] as string[] | undefined) ?? [];
  const labPlan = withFilesBackends(plan, filesBackends);
  const secrets = parseLabSecrets(fs.readFileSync(secretsPath, "utf8"), secretsName, (relative) => fs.readFileSync(path.resolve(path.dirname(secretsPath), relative), "utf8"));
  const problems = [...labPlan.problems, ...(secrets.ok ? [] : secrets.problems)];
  const lab = labPlan.plan && secrets.ok ? renderLabTree(labPlan.plan, runtime, secrets.value, secretsName) : undefined;
  if (lab && !lab.ok) problems.push(...lab.problems);
  if (lab && lab.ok) problems.push(...usersNotCarriedOver(runtime.configDir, lab.tree, secretsName));
  if (!lab || !lab.ok || !secrets.ok || problems.length > 0) {
    for (const problem of problems) console.error(problem);
    console.error(`\nNo lab was written (${problems.length} problem${problems.length === 1 ? "" : "s"}).`);
    return 1;
  }
  writeLabDir(labDir, lab.tree);
  const testUsers = secrets.value.testUsers;
  const usersOf = (realm: string) => testUsers.filter((u) => u.user.endsWith(`@${realm}`)).length;
  const tenantOf = new Map(labPlan.plan!.tenants.map((t) => [t.slug, t]));
  console.log(
    renderTable(
      ["tenant", "realm", "vlan", "backend", "test users", "eapol_test -A (its lab access point)"],
      lab.accessPoints.map((ap: LabAccessPoint) => [ap.slug, ap.realm, tenantOf.get(ap.slug)!.vlan, tenantOf.get(ap.slug)!.userBackend.kind, usersOf(ap.realm), ap.address]),
    ),
  );
  const example = lab.accessPoints.find((ap) => usersOf(ap.realm) > 0) ?? lab.accessPoints[0];
  console.log(`\nWrote a lab to ${labDir}: raddb/ (${Object.keys(lab.tree).length} files, secrets from ${secretsName}), log/, run/.`);
  console.log(`It listens on ${listen}, port ${runtime.authPort} (accounting ${runtime.acctPort}). It holds secrets: its .gitignore keeps it out of git; delete it when done.`);
  console.log(`Start it:    freeradius -X -d ${runtime.configDir}`);
  if (example) console.log(`Try a login: eapol_test -c peap.conf -a ${listen} -p ${runtime.authPort} -s <accessPointSecret> -A ${example.address}   (as ${example.slug}'s access point)`);
  return 0;
}

export function runRadius(cmd: ParsedCommand): number {
  const isLab = cmd.values.lab !== undefined;
  if (isLab && (cmd.values.out !== undefined || cmd.values["config-dir"] !== undefined)) {
    throw new UsageError("use either --out DIR (the servers' configuration) or --lab DIR (a lab to run by hand), not both");
  }
  if (!isLab) {
    for (const option of ["listen", "secrets", "auth-port", "acct-port", "files-backend"]) {
      if (cmd.values[option] !== undefined) throw new UsageError(`--${option} is for a lab: use it with --lab DIR`);
    }
  }
  const lab = isLab ? labOptions(cmd) : undefined;
  if (!isLab && typeof cmd.values.out !== "string") throw new UsageError('grunnmur radius needs --out DIR (or --lab DIR). Run "grunnmur radius --help" for the options.');
  const outDir = path.resolve(String(cmd.values.out));
  const configDir = typeof cmd.values["config-dir"] === "string" ? path.resolve(cmd.values["config-dir"]) : SERVER_RUNTIME.configDir;

  const load = loadCommandRegion(cmd);
  if (!load.region) {
    for (const d of load.diagnostics) console.error(formatDiagnostic(d));
    console.error(`\nThe files are not valid (${load.diagnostics.length} problems); no RADIUS configuration was written.`);
    return 1;
  }
  const plan = eduroamPlan(load.region);
  if (!plan) {
    console.error(`${load.region.platformFile} has no eduroam section; add eduroam.nationalProxies (from Sikt) to generate the RADIUS configuration.`);
    return 1;
  }
  if (lab) return runLab(cmd, plan, lab);
  const tree = renderRadiusTree(plan, { ...SERVER_RUNTIME, configDir });
  writeRadiusTree(outDir, tree);

  console.log(
    renderTable(
      ["tenant", "realm", "vlan", "access points", "backend"],
      plan.tenants.map((t) => [t.slug, t.realm, t.vlan, t.accessPoints.length, t.userBackend.kind]),
    ),
  );
  const secrets = secretsIn(tree);
  console.log(`\nWrote ${Object.keys(tree).length} files to ${outDir} for ${plan.tenants.length} realms and ${plan.nationalProxies.length} national proxies.`);
  console.log(`Secrets the servers fetch from Key Vault at boot (${secrets.length}): ${secrets.map((s) => s.secretName).join(", ")}`);
  return 0;
}
