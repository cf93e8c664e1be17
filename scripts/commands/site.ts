/** `grunnmur site`: the region page, a static HTML site of the region for GitHub Pages. */
import * as fs from "node:fs";
import * as path from "node:path";
import type { CommandSpec, ParsedCommand } from "../args";
import { REPO_ROOT } from "../../tenants/paths";
import { formatDiagnostic } from "../../tenants/validation/diagnostic";
import { displayPath } from "../../tenants/validation/load-region";
import { loadCommandRegion } from "../region";
import { readPreviewFile, type StackPreview } from "../preview/preview-file";
import { loadCatalogue } from "./cost";
import { buildSite } from "../site/build-site";
import { MUNICIPALITY_FOLDER } from "../site/paths";
import { missingPreviews, siteCost, type SitePreviews } from "../site/site-input";
import { regionHubStacks } from "../preview/run-preview";
import { platformSide } from "../preview/platform-scope";
import { stackKind } from "../../domain/azure/stack-names";

export const siteSpec: CommandSpec = {
  name: "site",
  summary: "write the region page: a static HTML site with the map, every municipality and the catalogue",
  usage: "grunnmur site [--out DIR] [--previews DIR] [--catalogue FILE]",
  details: [
    "Writes index.html (the region map, the cost against the NOK 15 line, every municipality),",
    "catalogue.html (the service catalogue with prices) and municipalities/<slug>.html (services,",
    "addresses, resources, policy status, cost, backup tier and last restore test) to the output",
    "folder. The pages load nothing from anywhere: open them from disk or publish them on GitHub Pages.",
    "Resources, policy status and cost come from the previews; run \"grunnmur preview\" first, or",
    "the pages say which stacks have none.",
    "",
    "Options:",
    "  --out DIR          where to write the site (default: out/site)",
    "  --previews DIR     the previews to read (default: out/preview)",
    "  --catalogue FILE   service catalogue (default: the repository's catalogue.yaml)",
  ].join("\n"),
  options: { out: { type: "string" }, previews: { type: "string" }, catalogue: { type: "string" } },
  readsFiles: true,
};

/** The previews of the region's stacks found in `dir`; a file that is there but does not read is a problem. */
function readSitePreviews(dir: string, stacks: readonly string[]): { previews: Map<string, StackPreview>; problems: string[] } {
  const previews = new Map<string, StackPreview>();
  const problems: string[] = [];
  for (const stack of stacks) {
    const file = path.join(dir, `${stack}.json`);
    if (!fs.existsSync(file)) continue;
    const read = readPreviewFile(displayPath(file));
    if (read.ok) previews.set(stack, read.preview);
    else problems.push(...read.problems);
  }
  return { previews, problems };
}

export async function runSite(cmd: ParsedCommand): Promise<number> {
  const outDir = path.resolve(String(cmd.values.out ?? "out/site"));
  const previewDir = path.resolve(String(cmd.values.previews ?? "out/preview"));
  const catalogue = loadCatalogue(path.resolve(String(cmd.values.catalogue ?? path.join(REPO_ROOT, "catalogue.yaml"))));

  const load = loadCommandRegion(cmd);
  if (!load.region) {
    for (const d of load.diagnostics) console.error(formatDiagnostic(d));
    console.error(`\nThe files are not valid (${load.diagnostics.length} problems); no site was written.`);
    return 1;
  }
  const region = load.region;
  const hubStacks = regionHubStacks(region);
  const read = readSitePreviews(previewDir, ["platform", ...hubStacks, ...region.tenants.map((t) => t.spec.slug)]);
  if (read.problems.length > 0) {
    for (const problem of read.problems) console.error(problem);
    console.error(`\nThe preview files cannot be read (${read.problems.length} problem${read.problems.length === 1 ? "" : "s"}); run "grunnmur preview" again. No site was written.`);
    return 1;
  }
  // The hub stacks are the platform's side of the region: the pages show them with the platform.
  const hubsMissing = hubStacks.filter((s) => !read.previews.has(s));
  const platform = hubsMissing.length > 0 ? undefined : platformSide(read.previews);
  const tenants = Object.fromEntries([...read.previews].filter(([stack]) => stackKind(stack) === "tenant"));
  const previews: SitePreviews = { dir: displayPath(previewDir), platform, tenants };
  const files = buildSite({ region, catalogue, previews, cost: siteCost(region, previews), generatedOn: new Date().toISOString().slice(0, 10) });

  // Pages of municipalities that have left would otherwise stay on the site.
  fs.rmSync(path.join(outDir, MUNICIPALITY_FOLDER), { recursive: true, force: true });
  for (const file of files) {
    const target = path.join(outDir, file.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.text);
  }
  const missing = missingPreviews(region, previews);
  if (missing.length > 0) console.log(`No preview in ${displayPath(previewDir)} for ${missing.join(", ")}: the pages show no resources, policy status or cost for ${missing.length === 1 ? "it" : "them"}.`);
  console.log(`Region site written to ${displayPath(outDir)}/ (${files.filter((f) => f.path.endsWith(".html")).length} pages); open ${displayPath(path.join(outDir, "index.html"))}.`);
  return 0;
}
