/**
 * Argument parsing shared by every subcommand: one place that knows the common
 * flags (--tenants, --platform, --help) and turns mistakes into plain messages.
 */
import * as path from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { DEFAULT_PLATFORM_FILE, DEFAULT_TENANTS_DIR } from "../tenants/paths";

export class UsageError extends Error {}

export interface CommandSpec {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  /** Extra lines for --help: options and examples. */
  readonly details: string;
  readonly options: NonNullable<ParseArgsConfig["options"]>;
  /** Whether the command reads tenant and platform files. */
  readonly readsFiles: boolean;
}

export const REGION_OPTIONS_HELP = [
  "  --tenants DIR      tenant files to read (default: the repository's tenants/)",
  "  --platform FILE    platform file to read (default: the repository's platform.yaml)",
].join("\n");

export function helpText(spec: CommandSpec): string {
  const lines = [`grunnmur ${spec.name}: ${spec.summary}`, "", `Usage: ${spec.usage}`, "", spec.details];
  if (spec.readsFiles) lines.push(REGION_OPTIONS_HELP);
  lines.push("  -h, --help         show this help");
  return lines.join("\n");
}

export interface ParsedCommand {
  readonly values: Record<string, string | boolean | string[] | undefined>;
  readonly positionals: string[];
  readonly tenantsDir: string;
  readonly platformFile: string;
}

export function parseCommand(spec: CommandSpec, argv: string[]): ParsedCommand | "help" {
  const options: NonNullable<ParseArgsConfig["options"]> = { ...spec.options, help: { type: "boolean", short: "h" } };
  if (spec.readsFiles) {
    options.tenants = { type: "string" };
    options.platform = { type: "string" };
  }
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(`${(err as Error).message.replace(/\. To specify.*$/s, "")}\nRun "grunnmur ${spec.name} --help" for the options.`);
  }
  if (parsed.values.help) return "help";
  const values = parsed.values as ParsedCommand["values"];
  return {
    values,
    positionals: parsed.positionals,
    tenantsDir: path.resolve(String(values.tenants ?? DEFAULT_TENANTS_DIR)),
    platformFile: path.resolve(String(values.platform ?? DEFAULT_PLATFORM_FILE)),
  };
}
