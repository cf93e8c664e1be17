/** `grunnmur validate`: checks every file and shows each tenant's address plan. */
import type { CommandSpec, ParsedCommand } from "../args";
import { formatDiagnostic } from "../../tenants/validation/diagnostic";
import { loadCommandRegion } from "../region";
import type { Region } from "../../tenants/region";
import { renderTable } from "../table";

export const validateSpec: CommandSpec = {
  name: "validate",
  summary: "check the platform file and every tenant file, and print the address plan",
  usage: "grunnmur validate [--tenants DIR] [--platform FILE] [--quiet]",
  details: [
    "Checks YAML syntax, the schema of each file, and rules across files (unique",
    "identifiers, address spaces inside the pool and apart from each other, the hub",
    "and on-premises networks). Prints every problem with file:line:column, field,",
    "and what would be valid. Exit code 0 when valid, 1 on any error.",
    "",
    "Options:",
    "  --quiet            print only errors",
  ].join("\n"),
  options: { quiet: { type: "boolean" } },
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

export function runValidate(cmd: ParsedCommand): number {
  const load = loadCommandRegion(cmd);
  if (!load.region) {
    for (const d of load.diagnostics) console.error(formatDiagnostic(d));
    const files = new Set(load.diagnostics.map((d) => d.file)).size;
    console.error(`\n${load.diagnostics.length} problem${load.diagnostics.length === 1 ? "" : "s"} in ${files} file${files === 1 ? "" : "s"}; nothing was changed.`);
    return 1;
  }
  if (!cmd.values.quiet) {
    console.log(addressPlanTable(load.region));
    console.log(`\nValid: platform file and ${load.region.tenants.length} tenant files.`);
  }
  return 0;
}
