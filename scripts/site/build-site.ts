/** Every file of the region site, as paths relative to its root and their text; the command writes them. */
import { cataloguePage } from "./catalogue-page";
import { municipalityPageHtml } from "./municipality-page";
import { CATALOGUE_PAGE, municipalityPage, REGION_PAGE } from "./paths";
import { regionPage } from "./region-page";
import type { SiteInput } from "./site-input";

export interface SiteFile {
  readonly path: string;
  readonly text: string;
}

export function buildSite(input: SiteInput): SiteFile[] {
  return [
    { path: REGION_PAGE, text: regionPage(input) },
    { path: CATALOGUE_PAGE, text: cataloguePage(input) },
    ...input.region.tenants.map((t) => ({ path: municipalityPage(t.spec.slug), text: municipalityPageHtml(t, input) })),
    // GitHub Pages would otherwise run the files through Jekyll.
    { path: ".nojekyll", text: "" },
  ];
}
