/** `grunnmur codeowners`: writes or checks .github/CODEOWNERS, generated from the files. */
import * as fs from "node:fs";
import * as path from "node:path";
import { UsageError, type CommandSpec, type ParsedCommand } from "../args";
import { formatDiagnostic } from "../../tenants/validation/diagnostic";
import { displayPath } from "../../tenants/validation/load-region";
import { REPO_ROOT } from "../../tenants/paths";
import { loadCommandRegion } from "../region";
import { codeowners, CODEOWNERS_PATH } from "../ci/codeowners";

export const codeownersSpec: CommandSpec = {
  name: "codeowners",
  summary: "write or check .github/CODEOWNERS: the platform team owns everything, each municipality's team its own file",
  usage: "grunnmur codeowners [--write | --check] [--file FILE] [--tenants DIR] [--platform FILE]",
  details: [
    "Generates CODEOWNERS from platform.yaml (github.platformTeam) and each tenant file",
    "(github.team) and prints it. --check exits 1 when the committed file differs.",
    "",
    "Options:",
    "  --write            write the file",
    "  --check            compare the file with a freshly generated one",
    `  --file FILE        the CODEOWNERS file (default: the repository's ${CODEOWNERS_PATH})`,
  ].join("\n"),
  options: { write: { type: "boolean" }, check: { type: "boolean" }, file: { type: "string" } },
  readsFiles: true,
};

export function runCodeowners(cmd: ParsedCommand): number {
  if (cmd.values.write && cmd.values.check) throw new UsageError("use either --write or --check, not both");
  const load = loadCommandRegion(cmd);
  if (!load.region) {
    for (const d of load.diagnostics) console.error(formatDiagnostic(d));
    console.error(`\nThe files are not valid (${load.diagnostics.length} problems); CODEOWNERS was not generated.`);
    return 1;
  }
  const generated = codeowners(load.region);
  if (!generated.ok) {
    console.error(generated.problem);
    return 1;
  }
  const file = path.resolve(String(cmd.values.file ?? path.join(REPO_ROOT, CODEOWNERS_PATH)));
  if (cmd.values.write) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, generated.text);
    console.log(`wrote ${displayPath(file)}`);
    return 0;
  }
  if (cmd.values.check) {
    const committed = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
    if (committed !== generated.text) {
      console.error(`${displayPath(file)} ${committed === undefined ? "does not exist" : "is stale"}; run "npx grunnmur codeowners --write" and commit the result with the change to the files.`);
      return 1;
    }
    console.log(`${displayPath(file)} matches the files.`);
    return 0;
  }
  console.log(generated.text.trimEnd());
  return 0;
}
