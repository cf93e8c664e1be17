/**
 * The `grunnmur` command: one entry point whose subcommands each live in
 * scripts/commands/. Exit codes: 0 success, 1 findings or failures, 2 usage.
 */
import { helpText, parseCommand, UsageError, type CommandSpec, type ParsedCommand } from "./args";
import { runValidate, validateSpec } from "./commands/validate";
import { previewSpec, runPreview } from "./commands/preview";
import { runSchema, schemaSpec } from "./commands/schema";
import { costSpec, runCost } from "./commands/cost";
import { reportSpec, runReport } from "./commands/report";
import { planMigrationSpec, runPlanMigration } from "./commands/plan-migration";
import { onboardSpec, runOnboard } from "./commands/onboard";
import { offboardSpec, runOffboard } from "./commands/offboard";
import { deviceSecretsSpec, runDeviceSecrets } from "./commands/device-secrets";
import { changedSpec, runChanged } from "./commands/changed";
import { radiusSpec, runRadius } from "./commands/radius";
import { checkSpec, runCheck } from "./commands/check";
import { codeownersSpec, runCodeowners } from "./commands/codeowners";
import { runSite, siteSpec } from "./commands/site";

interface Command {
  readonly spec: CommandSpec;
  readonly run: (cmd: ParsedCommand) => number | Promise<number>;
}

const COMMANDS: readonly Command[] = [
  { spec: validateSpec, run: runValidate },
  { spec: previewSpec, run: runPreview },
  { spec: costSpec, run: runCost },
  { spec: reportSpec, run: runReport },
  { spec: siteSpec, run: runSite },
  { spec: onboardSpec, run: runOnboard },
  { spec: offboardSpec, run: runOffboard },
  { spec: deviceSecretsSpec, run: runDeviceSecrets },
  { spec: planMigrationSpec, run: runPlanMigration },
  { spec: changedSpec, run: runChanged },
  { spec: checkSpec, run: runCheck },
  { spec: schemaSpec, run: runSchema },
  { spec: radiusSpec, run: runRadius },
  { spec: codeownersSpec, run: runCodeowners },
];

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.spec.name.length));
  return [
    "grunnmur: infrastructure as code for a shared municipal digital foundation on Azure",
    "",
    "Usage: grunnmur <command> [options]",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.spec.name.padEnd(width)}  ${c.spec.summary}`),
    "",
    'Run "grunnmur <command> --help" for a command\'s options.',
  ].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    console.log(overview());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.spec.name === name);
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${overview()}`);
    return 2;
  }
  try {
    const parsed = parseCommand(command.spec, rest);
    if (parsed === "help") {
      console.log(helpText(command.spec));
      return 0;
    }
    return await command.run(parsed);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
      process.exitCode = 1;
    },
  );
}
