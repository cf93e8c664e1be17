/**
 * The example region with a second hub for Finnmark (county 56), and Hasvik
 * (5616) made from Gamvik's file as a new municipality of that hub: the
 * onboarding tests of a region of two hubs build on these.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { readPreviewFile, type StackPreview } from "../../scripts/preview/preview-file";

/** platform.yaml with hub finnmark for county 56, beside the primary. */
export const withFinnmarkHub = (yaml: string): string =>
  yaml.replace("  drHub:\n", `  hubs:\n    finnmark:\n      addressSpace: 10.95.16.0/22\n      counties: ["56"]\n      vpnGatewaySku: VpnGw2AZ\n  drHub:\n`);

/** Gamvik's file, made Hasvik's: its own slug, kommunenummer, site, addresses and contacts. */
export const hasvikFromGamvik = (gamvik: string): string =>
  gamvik
    .replace(/^slug: gamvik$/m, "slug: hasvik")
    .replace(/^displayName: .*$/m, "displayName: Hasvik kommune")
    .replace(/^kommunenummer: .*$/m, 'kommunenummer: "5616"')
    .replace(/^organisasjonsnummer: "\d+"/m, 'organisasjonsnummer: "910000136"')
    .replace(/gamvik\.kommune\.no/g, "hasvik.kommune.no")
    .replace("  mehamn:\n    publicIp: 198.51.100.30\n    prefixes: [192.168.50.0/24]", "  breivikbotn:\n    publicIp: 198.51.100.61\n    prefixes: [192.168.61.0/24]");

/** Every stack's preview file in a preview's output folder, by stack. */
export function readPreviewDir(dir: string): Map<string, StackPreview> {
  const out = new Map<string, StackPreview>();
  for (const entry of fs.readdirSync(dir).filter((e) => e.endsWith(".json"))) {
    const read = readPreviewFile(path.join(dir, entry));
    if (!read.ok) throw new Error(read.problems.join("; "));
    out.set(read.preview.stack, read.preview);
  }
  return out;
}
