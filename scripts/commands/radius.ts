/** `grunnmur radius`: writes the FreeRADIUS configuration tree for eduroam. */
import * as fs from "node:fs";
import * as path from "node:path";
import { UsageError, type CommandSpec, type ParsedCommand } from "../args";
import { formatDiagnostic } from "../../tenants/validation/diagnostic";
import { loadCommandRegion } from "../region";
import { eduroamPlan } from "../../domain/eduroam/plan";
import { renderRadiusTree, type RadiusTree } from "../../domain/eduroam/radius-tree";
import { SERVER_RUNTIME } from "../../domain/eduroam/runtime";
import { secretsIn } from "../../domain/eduroam/secret-placeholders";
import { renderTable } from "../table";

export const radiusSpec: CommandSpec = {
  name: "radius",
  summary: "write the FreeRADIUS 3.2 configuration for eduroam (national proxies and every tenant's Wi-Fi)",
  usage: "grunnmur radius --out DIR [--config-dir DIR] [--tenants DIR] [--platform FILE]",
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
  ].join("\n"),
  options: { out: { type: "string" }, "config-dir": { type: "string" } },
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

export function runRadius(cmd: ParsedCommand): number {
  if (typeof cmd.values.out !== "string") throw new UsageError('grunnmur radius needs --out DIR. Run "grunnmur radius --help" for the options.');
  const outDir = path.resolve(cmd.values.out);
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
