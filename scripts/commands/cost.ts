/** `grunnmur cost`: estimated cost per service and municipality, and the platform split. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { UsageError, type CommandSpec, type ParsedCommand } from "../args";
import { REPO_ROOT } from "../../tenants/paths";
import { catalogueSchema, type Catalogue } from "../../tenants/schema/catalogue";
import { formatDiagnostic } from "../../tenants/validation/diagnostic";
import { displayPath,  } from "../../tenants/validation/load-region";
import { loadCommandRegion } from "../region";
import { checkAgainstSchema } from "../../tenants/validation/schema-messages";
import { parseYamlSource } from "../../tenants/validation/yaml-source";
import { readPreviewFile, type StackPreview } from "../preview/preview-file";
import { previewRegion, regionHubStacks } from "../preview/run-preview";
import { costChartSvg } from "../cost/chart";
import { estimateCosts, type TenantFacts } from "../../domain/cost/estimate";
import type { ResolvedTenant } from "../../tenants/region";
import { DEFAULT_ASSUMPTIONS } from "../../domain/cost/meters";
import { workloadVms } from "../../domain/cost/workloads";
import { chargedByUseOf, servicesUsed } from "../../domain/cost/charged-by-use";
import { costCsv, costJson, costMarkdown, costTable, costTableNotes } from "../cost/render";

export const costSpec: CommandSpec = {
  name: "cost",
  summary: "estimate monthly and yearly cost per service and municipality, with the platform split",
  usage: "grunnmur cost [--format table|csv|json|markdown] [--out DIR] [--previews DIR] [--catalogue FILE]",
  details: [
    "Prices every previewed resource from the platform file's price table, adds each",
    "municipality's own services, and splits the shared platform by the allocation key.",
    "Hosting (the tenant files' VMs, systems.*.hosting) is its own column: priced from the",
    "previewed VMs, or from the tenant file while the preview has none of them yet.",
    "A catalogue service with chargedTo: users (the VPN gateway, vpn-site) is split only among",
    "the members that use it (for vpn-site, those with sites).",
    "Writes cost.json, cost.csv, cost.md (with what is not included) and cost.svg (NOK per",
    "inhabitant per year per municipality against seed 000's NOK 15) to the output folder",
    "and prints the chosen format. Runs an offline preview first unless --previews is given.",
    "",
    "Options:",
    "  --format F         what to print: table (default), csv, json or markdown",
    "  --out DIR          where to write the report files (default: out/cost)",
    "  --previews DIR     use existing previews (from grunnmur preview) instead of previewing",
    "  --catalogue FILE   service catalogue (default: the repository's catalogue.yaml)",
  ].join("\n"),
  options: { format: { type: "string" }, out: { type: "string" }, previews: { type: "string" }, catalogue: { type: "string" } },
  readsFiles: true,
};

const FORMATS = ["table", "csv", "json", "markdown"] as const;

/** What the estimate reads of each tenant file; `grunnmur report` prices with the same facts, so its cost is this command's. */
export function tenantFacts(tenants: readonly ResolvedTenant[]): TenantFacts[] {
  return tenants.map((t) => ({ slug: t.spec.slug, displayName: t.spec.displayName, population: t.spec.population, backupGb: t.spec.backup?.estimatedGb, vms: workloadVms(t.spec.systems, t.spec.backup?.tier), sharedServices: Object.keys(t.spec.sharedServices),
    uses: servicesUsed({ services: t.spec.services, siteCount: Object.keys(t.spec.sites).length, sharedServices: Object.keys(t.spec.sharedServices) }),
  }));
}

export function loadCatalogue(file: string): Catalogue {
  if (!fs.existsSync(file)) throw new UsageError(`${displayPath(file)} does not exist; pass --catalogue FILE with the service catalogue`);
  const source = parseYamlSource(displayPath(file), fs.readFileSync(file, "utf8"));
  if (source.syntaxErrors.length > 0) throw new UsageError(source.syntaxErrors.map(formatDiagnostic).join("\n"));
  const parsed = checkAgainstSchema(catalogueSchema, source);
  if (!parsed.ok) throw new UsageError(parsed.diagnostics.map(formatDiagnostic).join("\n"));
  return parsed.value;
}

/** The previews of these stacks in `dir`, in order; every file that does not read as one is a problem. */
function readPreviews(dir: string, stacks: readonly string[]): { ok: true; previews: StackPreview[] } | { ok: false; problems: string[] } {
  const previews: StackPreview[] = [];
  const problems: string[] = [];
  for (const stack of stacks) {
    const file = path.join(dir, `${stack}.json`);
    if (!fs.existsSync(file)) throw new UsageError(`${displayPath(file)} is missing; run "grunnmur preview --out ${displayPath(dir)}" first, or leave out --previews`);
    const read = readPreviewFile(displayPath(file));
    if (!read.ok) {
      problems.push(...read.problems);
      continue;
    }
    if (read.preview.scope) {
      throw new UsageError(
        `${displayPath(file)} covers only ${read.preview.scope.tenants.join(", ") || "no tenants"} (a preview made with --only or --changed-since), so it cannot price the whole platform; run "grunnmur preview --out ${displayPath(dir)}" without them, or leave out --previews`,
      );
    }
    previews.push(read.preview);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, previews };
}

export async function runCost(cmd: ParsedCommand): Promise<number> {
  const format = String(cmd.values.format ?? "table");
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}, not "${format}"`);
  const outDir = path.resolve(String(cmd.values.out ?? "out/cost"));
  const catalogue = loadCatalogue(path.resolve(String(cmd.values.catalogue ?? path.join(REPO_ROOT, "catalogue.yaml"))));

  const load = loadCommandRegion(cmd);
  if (!load.region) {
    for (const d of load.diagnostics) console.error(formatDiagnostic(d));
    console.error(`\nThe files are not valid (${load.diagnostics.length} problems); no cost was estimated.`);
    return 1;
  }
  const region = load.region;
  let previewDir = cmd.values.previews ? path.resolve(String(cmd.values.previews)) : undefined;
  let temporary: string | undefined;
  if (!previewDir) {
    temporary = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-cost-"));
    previewDir = temporary;
    process.stderr.write(`Previewing ${region.tenants.length + regionHubStacks(region).length + 1} stacks offline to price them...\n`);
    const result = await previewRegion(region, { outDir: temporary });
    const failed = [result.platform, ...result.hubs, ...result.tenants].filter((r) => !r.ok);
    if (failed.length > 0) {
      for (const f of failed) console.error(`${f.stack} failed: ${f.error}`);
      return 1;
    }
  }
  try {
    const hubStacks = regionHubStacks(region);
    const read = readPreviews(previewDir, ["platform", ...hubStacks, ...region.tenants.map((t) => t.spec.slug)]);
    if (!read.ok) {
      for (const problem of read.problems) console.error(problem);
      console.error(`\nThe preview files cannot be read (${read.problems.length} problem${read.problems.length === 1 ? "" : "s"}); no cost was estimated.`);
      return 1;
    }
    const [platformPreview, ...rest] = read.previews;
    const report = estimateCosts(
      region.platform,
      { platform: platformPreview, hubs: rest.slice(0, hubStacks.length), tenants: rest.slice(hubStacks.length) },
      tenantFacts(region.tenants),
      DEFAULT_ASSUMPTIONS,
      chargedByUseOf(catalogue),
    );
    fs.mkdirSync(outDir, { recursive: true });
    const files: Record<string, string> = {
      "cost.json": costJson(report),
      "cost.csv": costCsv(report),
      "cost.svg": costChartSvg(report),
      "cost.md": costMarkdown(report, catalogue, "cost.svg"),
    };
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(outDir, name), text);
    const printed = { table: costTable(report), csv: files["cost.csv"], json: files["cost.json"], markdown: files["cost.md"] }[format as (typeof FORMATS)[number]];
    console.log(printed);
    if (format === "table") {
      const fromFiles = Object.entries(report.workloadSources).filter(([, source]) => source === "tenant file").map(([slug]) => slug);
      if (fromFiles.length > 0) console.log(`\nHosting priced from the tenant files' VMs (the previews have none yet): ${fromFiles.join(", ")}.`);
      console.log(`\n${costTableNotes(report).join("\n")}`);
      console.log(`Report, chart and data written to ${displayPath(outDir)}/ (cost.md, cost.svg, cost.csv, cost.json).`);
    }
    return 0;
  } finally {
    if (temporary) fs.rmSync(temporary, { recursive: true, force: true });
  }
}
