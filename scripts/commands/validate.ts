/** `grunnmur validate`: checks every file and shows each tenant's address plan. */
import { UsageError, type CommandSpec, type ParsedCommand } from "../args";
import { formatDiagnostic } from "../../tenants/validation/diagnostic";
import { loadCommandRegion } from "../region";
import { HistoryError } from "../ci/file-history";
import type { Region } from "../../tenants/region";
import { renderTable } from "../table";

export const validateSpec: CommandSpec = {
  name: "validate",
  summary: "check the platform file and every tenant file, and print the address plan",
  usage: "grunnmur validate [--changed-since REF] [--tenants DIR] [--platform FILE] [--quiet]",
  details: [
    "Checks YAML syntax, the schema of each file, and rules across files (unique",
    "identifiers, address spaces inside the pool and apart from each other, the hub",
    "and on-premises networks). Prints every problem with file:line:column, field,",
    "and what would be valid. Exit code 0 when valid, 1 on any error.",
    "A conflict between two files is reported on the newer one: new or changed",
    "against REF, otherwise untracked, edited or last committed in git.",
    "",
    "Options:",
    "  --changed-since R  the git ref the change is compared with, e.g. origin/main",
    "  --quiet            print only errors",
  ].join("\n"),
  options: { quiet: { type: "boolean" }, "changed-since": { type: "string" } },
  readsFiles: true,
};

export function addressPlanTable(region: Region): string {
  return renderTable(
    ["tenant", "kommunenr", "address space", "from", "zones"],
    region.tenants.map((t) => [
      t.spec.slug,
      t.spec.kommunenummer,
      t.addressSpace,
      t.addressSource === "allocated" ? "allocated" : "file",
      t.zones.map((z) => `${z} ${t.subnets[z]}`).join(", "),
    ]),
  );
}

/** The region as a command reads it, with --changed-since as the base for blame; a ref git does not know is a usage error. */
export function loadSince(cmd: ParsedCommand) {
  const since = cmd.values["changed-since"] === undefined ? undefined : String(cmd.values["changed-since"]);
  try {
    return loadCommandRegion(cmd, { since });
  } catch (err) {
    if (err instanceof HistoryError) throw new UsageError(err.message);
    throw err;
  }
}

export function runValidate(cmd: ParsedCommand): number {
  const load = loadSince(cmd);
  if (!load.region) {
    for (const d of load.diagnostics) console.error(formatDiagnostic(d));
    const files = new Set(load.diagnostics.map((d) => d.file)).size;
    console.error(`\n${load.diagnostics.length} problem${load.diagnostics.length === 1 ? "" : "s"} in ${files} file${files === 1 ? "" : "s"}; nothing was changed.`);
    const unfilled = load.diagnostics.filter((d) => d.placeholder).length;
    if (unfilled > 0) console.error(`${unfilled} of them ${unfilled === 1 ? "is a value" : "are values"} the municipality has not filled in yet (marked TODO or a .invalid address, as grunnmur onboard writes them).`);
    return 1;
  }
  if (!cmd.values.quiet) {
    console.log(addressPlanTable(load.region));
    console.log(`\nValid: platform file and ${load.region.tenants.length} tenant files.`);
  }
  return 0;
}
