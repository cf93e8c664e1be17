/**
 * `grunnmur offboard <slug>`: takes a departing municipality's stack down while
 * its data stays in Azure. Prints what is kept and what is deleted and the
 * Pulumi commands; with --yes, runs them. Refuses a slug that is no tenant, a
 * departure that is not approved, exported and due, and a preview whose stack
 * could not be destroyed without losing data or stopping halfway
 * (scripts/offboarding/plan.ts).
 */
import * as path from "node:path";
import type { CommandSpec, ParsedCommand } from "../args";
import { UsageError } from "../args";
import { formatDiagnostic } from "../../tenants/validation/diagnostic";
import { localToday } from "../../tenants/validation/date-rules";
import { namesTenantStack, PLATFORM_STACK, tenantStackName } from "../../domain/azure/stack-names";
import { readPreviewFile } from "../preview/preview-file";
import { loadCommandRegion } from "../region";
import { commandLine, departureProblems, formatProblem, nextSteps, offboardingPlan, previewProblems, renderPlan } from "../offboarding/plan";
import { findOnPath, systemRunner, type CommandRunner } from "../offboarding/runner";

export const offboardSpec: CommandSpec = {
  name: "offboard",
  summary: "take a departing municipality's stack down, keeping its data in Azure",
  usage: "grunnmur offboard <slug> [--yes] [--stack NAME] [--resources FILE]",
  details: [
    "For a municipality whose departure is approved (offboarding in its tenant file and in",
    "platform.yaml), whose data is exported (offboarding.dataExportedTo) and whose date",
    "(offboarding.since) has come. Reads the stack's preview and prints what stays in Azure",
    "(retained on delete: data, locks, backup items, the municipality's resource groups and",
    "its network, cut off from the hub) and what is deleted (the hub's peering, the DNS links,",
    "Entra ID objects, role assignments, the budget), then the commands: pulumi up (records",
    "what a leaving stack keeps), pulumi state unprotect --all, pulumi destroy.",
    "",
    "Options:",
    "  --yes              run the commands (needs the Pulumi CLI, logged in to the state backend)",
    "  --stack NAME       the stack: <slug> (default), <org>/<slug> or <org>/grunnmur/<slug>",
    "  --resources FILE   the stack's preview (default: out/preview/<slug>.json; write it with",
    "                     npx grunnmur preview --only <slug>)",
  ].join("\n"),
  options: { yes: { type: "boolean" }, stack: { type: "string" }, resources: { type: "string" } },
  readsFiles: true,
};

export interface OffboardDeps {
  readonly runner: CommandRunner;
  /** Where the pulumi program is, or undefined when it is not on PATH. */
  readonly findPulumi: () => string | undefined;
  readonly today: string;
}

export function runOffboard(cmd: ParsedCommand): Promise<number> {
  return runOffboardWith(cmd, { runner: systemRunner, findPulumi: () => findOnPath("pulumi"), today: localToday() });
}

export async function runOffboardWith(cmd: ParsedCommand, deps: OffboardDeps): Promise<number> {
  const [slug, ...extra] = cmd.positionals;
  if (!slug || extra.length > 0) throw new UsageError("name one municipality: grunnmur offboard <slug>, e.g. grunnmur offboard gamvik");
  if (slug === PLATFORM_STACK) throw new UsageError(`"${PLATFORM_STACK}" is the shared platform's stack, not a tenant; grunnmur offboard takes a tenant's slug`);
  const stack = String(cmd.values.stack ?? tenantStackName(slug));
  if (!namesTenantStack(stack, slug)) throw new UsageError(`--stack ${stack} does not name ${slug}'s stack; give ${slug}, <org>/${slug} or <org>/grunnmur/${slug}`);

  const load = loadCommandRegion(cmd, { today: deps.today });
  if (!load.region) {
    for (const d of load.diagnostics) console.error(formatDiagnostic(d));
    console.error(`\nThe files are not valid, so ${slug} cannot be offboarded; fix them first (npx grunnmur validate).`);
    return 1;
  }
  const refusals = departureProblems(load.region, slug, deps.today, cmd.tenantsDir);
  if (refusals.length > 0) {
    for (const p of refusals) console.error(formatProblem(p));
    console.error(`\n${slug} cannot be offboarded yet; nothing was run.`);
    return 1;
  }

  const previewFile = path.resolve(String(cmd.values.resources ?? path.join("out", "preview", `${slug}.json`)));
  const read = readPreviewFile(previewFile);
  if (!read.ok) {
    for (const p of read.problems) console.error(p);
    console.error(`\nWrite the preview with: npx grunnmur preview --only ${slug}`);
    return 1;
  }
  const unsafe = previewProblems(read.preview, previewFile, slug);
  if (unsafe.length > 0) {
    for (const p of unsafe) console.error(formatProblem(p));
    console.error(`\nDestroying ${stack} now could lose data or stop halfway; nothing was run.`);
    return 1;
  }

  const plan = offboardingPlan(read.preview, stack);
  const shown = path.relative(process.cwd(), previewFile);
  console.log(renderPlan(plan, slug, shown.startsWith("..") || path.isAbsolute(shown) ? previewFile : shown));
  const tenantFile = load.region.tenants.find((t) => t.spec.slug === slug)!.file;
  if (!cmd.values.yes) {
    console.log(`\nNothing was run. To run these commands: npx grunnmur offboard ${slug} --yes`);
    return 0;
  }
  if (!deps.findPulumi()) {
    console.error(
      `\npulumi is not on PATH, so nothing was run. Install the Pulumi CLI (https://www.pulumi.com/docs/iac/download-install/), log in to the state backend (pulumi login 'azblob://...'), or run the commands above yourself.`,
    );
    return 1;
  }
  for (const [i, argv] of plan.commands.entries()) {
    console.log(`\n$ ${commandLine(argv)}`);
    const code = await deps.runner.run(argv[0], argv.slice(1));
    if (code !== 0) {
      const rest = plan.commands.slice(i + 1).map(commandLine);
      console.error(
        `\n"${commandLine(argv)}" exited with ${code}; ${rest.length > 0 ? `did not run ${rest.map((r) => `"${r}"`).join(", ")}` : "it was the last step"}. Fix the cause and run npx grunnmur offboard ${slug} --yes again: every step is safe to repeat.`,
      );
      return 1;
    }
  }
  console.log(`\n${stack} is destroyed; what is listed as kept stays in Azure.\n${nextSteps(slug, tenantFile, load.region.platformFile, stack)}`);
  return 0;
}
