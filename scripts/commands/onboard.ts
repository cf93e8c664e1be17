/** `grunnmur onboard`: writes a valid tenant file for a new municipality and prints the checklist. */
import * as fs from "node:fs";
import * as path from "node:path";
import { createInterface } from "node:readline/promises";
import { blockForKommunenummer } from "../../domain/network/address-plan";
import { cidr, formatCidr } from "../../domain/network/cidr";
import { UsageError, type CommandSpec, type ParsedCommand } from "../args";
import { formatDiagnostic } from "../../tenants/validation/diagnostic";
import { checkKommunenummer, checkOrganisasjonsnummer } from "../../tenants/validation/identifiers";
import { displayPath, listTenantFiles, loadPlatform,  } from "../../tenants/validation/load-region";
import { loadCommandRegion } from "../region";
import { uniqueSlug } from "../onboarding/slug";
import { ONBOARDING_CHECKLIST, tenantFileText } from "../onboarding/tenant-template";
import { localToday } from "../../tenants/validation/date-rules";

export const onboardSpec: CommandSpec = {
  name: "onboard",
  summary: "write tenants/<slug>.yaml for a new municipality, list the values it still needs and print the checklist",
  usage: 'grunnmur onboard --name "Kvænangen kommune" --kommunenummer 5546 --orgnr 123456785 --population 1200 [--email it@...] [--slug s]',
  details: [
    "Writes a tenant file with an allocated address space, default services (storage,",
    "backup) and TODO marks where the municipality must supply facts, then validates the",
    "region. The file is kept when its TODO marks are the only problems; they are listed,",
    "and `grunnmur validate` fails naming each until it is filled in. Missing flags are",
    "asked for when a terminal is attached.",
    "",
    "Options:",
    "  --name TEXT        the municipality's name, e.g. \"Kvænangen kommune\"",
    "  --kommunenummer N  4 digits (SSB)",
    "  --orgnr N          organisasjonsnummer, 9 digits",
    "  --population N     inhabitants (SSB table 07459)",
    "  --email ADDRESS    IT contact and budget alerts (default: it@<slug>.kommune.invalid, a placeholder to replace)",
    "  --slug SLUG        the file and stack name (default: from the name, in ASCII)",
  ].join("\n"),
  options: {
    name: { type: "string" },
    kommunenummer: { type: "string" },
    orgnr: { type: "string" },
    population: { type: "string" },
    email: { type: "string" },
    slug: { type: "string" },
  },
  readsFiles: true,
};

const QUESTIONS: Array<[key: string, question: string]> = [
  ["name", 'Name of the municipality (e.g. "Kvænangen kommune"): '],
  ["kommunenummer", "Kommunenummer (4 digits): "],
  ["orgnr", "Organisasjonsnummer (9 digits): "],
  ["population", "Population: "],
];

async function askMissing(values: Record<string, unknown>): Promise<void> {
  const missing = QUESTIONS.filter(([key]) => !values[key]);
  if (missing.length === 0) return;
  if (!process.stdin.isTTY) {
    throw new UsageError(`missing ${missing.map(([k]) => `--${k}`).join(", ")}; pass them as flags (no terminal to ask on)`);
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    for (const [key, question] of missing) values[key] = (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}

export async function runOnboard(cmd: ParsedCommand): Promise<number> {
  const values = { ...cmd.values } as Record<string, string | undefined>;
  await askMissing(values);
  const name = String(values.name ?? "").trim();
  const kommunenummer = String(values.kommunenummer).trim();
  const orgnr = String(values.orgnr).replace(/\s/g, "");
  const population = Number(values.population);
  const problems: string[] = [];
  if (name.length < 3) problems.push("--name: give the municipality's name, e.g. \"Kvænangen kommune\"");
  const kn = checkKommunenummer(kommunenummer);
  if (!kn.ok) problems.push(`--kommunenummer: ${kn.reason}`);
  const org = checkOrganisasjonsnummer(orgnr);
  if (!org.ok) problems.push(`--orgnr: ${org.reason}`);
  if (!Number.isInteger(population) || population <= 0) problems.push(`--population: "${values.population}" is not a whole number of inhabitants`);
  if (problems.length > 0) throw new UsageError(problems.join("\n"));

  const { platform, diagnostics } = loadPlatform(cmd.platformFile);
  if (!platform) {
    for (const d of diagnostics) console.error(formatDiagnostic(d));
    return 1;
  }
  const taken = new Set([platform.spec.host.slug, ...listTenantFiles(cmd.tenantsDir).files.map((f) => path.basename(f, ".yaml"))]);
  const slug = values.slug ?? uniqueSlug(name, kommunenummer, taken);
  if (taken.has(slug)) throw new UsageError(`the slug "${slug}" is taken; pass another with --slug`);
  const pool = platform.spec.network.tenantPool;
  const block = blockForKommunenummer({ cidr: cidr(pool.cidr), blockPrefixLength: pool.blockPrefixLength, counties: pool.counties }, kommunenummer);
  if (!block.ok) throw new UsageError(`no address space can be allocated: ${block.reason}`);

  const file = path.join(cmd.tenantsDir, `${slug}.yaml`);
  fs.writeFileSync(file, tenantFileText({ slug, name, kommunenummer, organisasjonsnummer: orgnr, population, email: values.email, addressSpace: formatCidr(block.block), joined: localToday().slice(0, 7) }), { flag: "wx" });
  const load = loadCommandRegion(cmd);
  const shown = displayPath(file);
  // The new file's unfilled values are expected; anything else means the file would break the region.
  const unfilled = load.diagnostics.filter((d) => d.placeholder && d.file === shown);
  const breaking = load.diagnostics.filter((d) => !(d.placeholder && d.file === shown));
  if (breaking.length > 0) {
    // Leave the region as it was: the new file goes, the problems are shown.
    fs.rmSync(file);
    for (const d of breaking) console.error(formatDiagnostic(d));
    console.error(`\n${shown} was not kept: the region does not validate with it.`);
    return 1;
  }
  if (unfilled.length === 0) {
    console.log(`Wrote ${shown} (slug ${slug}, address space ${formatCidr(block.block)}); the region validates.\n`);
  } else {
    console.log(`Wrote ${shown} (slug ${slug}, address space ${formatCidr(block.block)}). The rest of the region validates with it;`);
    console.log(`the file itself validates once the municipality has filled in these ${unfilled.length} values:`);
    for (const d of unfilled) console.log(`  ${formatDiagnostic(d)}`);
    console.log("");
  }
  console.log(["Next steps:", ...ONBOARDING_CHECKLIST.map((l) => l.replaceAll("<slug>", slug))].join("\n"));
  return 0;
}
