/** The footer of every page: when, and from which files, the site was made. */
import { html, type Html } from "./html";
import type { SiteInput } from "./site-input";

export function siteFooter(input: SiteInput): Html {
  const { prices } = input.region.platform;
  const previews = input.previews.platform || Object.keys(input.previews.tenants).length > 0 ? `the previews in ${input.previews.dir}` : `no previews (none in ${input.previews.dir})`;
  return html`Generated ${input.generatedOn} by <code>grunnmur site</code> from ${input.region.platformFile}, ${String(input.region.tenants.length)} tenant files, the service catalogue and ${previews}. Prices of ${prices.date}: ${prices.source}, excluding VAT.`;
}
