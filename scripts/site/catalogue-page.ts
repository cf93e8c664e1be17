/** The service catalogue with its prices (catalogue.html): what each service creates, what drives its cost, and the unit prices. */
import { formatNok } from "../../domain/format/numbers";
import { siteFooter } from "./footer";
import { html, table, type Html } from "./html";
import { sitePage } from "./layout";
import type { SiteInput } from "./site-input";
import { formatUnitPrice } from "./unit-price";

/** The region's estimated cost a month per service: the members' own and the shared platform's. */
function monthlyByService(input: SiteInput): Record<string, number> | undefined {
  if (!input.cost.ok) return undefined;
  const sums: Record<string, number> = {};
  const add = (service: string, nok: number) => (sums[service] = (sums[service] ?? 0) + nok);
  for (const m of input.cost.report.members) for (const [service, nok] of Object.entries(m.ownMonthlyByService)) add(service, nok);
  for (const [service, nok] of Object.entries(input.cost.report.platformMonthlyByService)) add(service, nok);
  return sums;
}

export function cataloguePage(input: SiteInput): string {
  const { prices } = input.region.platform;
  const sums = monthlyByService(input);
  const services: Html[] = Object.entries(input.catalogue.services).map(([key, s]) => {
    const items = s.priceItems.map((item) => {
      const p = prices.items[item];
      return p ? [html`<code>${item}</code>`, p.description, { right: formatUnitPrice(p.nok) }, `per ${p.unit}`] : [html`<code>${item}</code>`, "not in the price table", { right: "" }, ""];
    });
    const estimate = sums ? html`<p>The region's estimate: <strong>${formatNok(sums[key] ?? 0)} a month</strong>.</p>` : html``;
    return html`<section class="service" id="${key}">
<h2>${s.name} <small><code>${key}</code></small>${s.shared ? " (shared: split among the members)" : ""}</h2>
<p>${s.description}</p>
<p><strong>Creates:</strong> ${s.creates.join(", ")}.</p>
<p><strong>Cost drivers:</strong> ${s.costDrivers.join("; ")}.</p>
${estimate}
${items.length > 0 ? table(["price item", "what", { right: "price" }, "unit"], items, "prices") : html`<p>No price items of its own.</p>`}
</section>`;
  });
  const costNote = input.cost.ok ? html`` : html`<p class="note">No estimate per service: ${input.cost.reason}</p>`;
  const body = html`<h1>Service catalogue</h1>
<p>What a municipality can subscribe to in its tenant file, what each service creates and what it costs. Prices of ${prices.date} (${prices.source}), converted at ${formatUnitPrice(prices.exchangeRate.nokPerUnit)} per ${prices.exchangeRate.from}, excluding VAT.</p>
${costNote}
${services}`;
  return sitePage({ title: "Service catalogue: the region's digital foundation", depth: 0, current: "catalogue", body, footer: siteFooter(input) });
}
