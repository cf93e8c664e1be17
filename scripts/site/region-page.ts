/** The site's front page (index.html): the region map, the cost against the NOK 15 line, and every municipality in one table. */
import { costChartSvg } from "../cost/chart";
import { formatNok, formatNumber } from "../../domain/format/numbers";
import { againstCostLine } from "./cost-line";
import { siteFooter } from "./footer";
import { html, raw, table, type Html } from "./html";
import { sitePage } from "./layout";
import { CATALOGUE_PAGE, municipalityPage } from "./paths";
import { policyStatus } from "./policy-status";
import { regionMapModel, regionMapSvg } from "./region-map";
import { missingPreviews, type SiteInput } from "./site-input";

function costSection(input: SiteInput): Html {
  if (!input.cost.ok) return html`<h2 id="cost">Cost</h2><p class="note">Not available: ${input.cost.reason}</p>`;
  const report = input.cost.report;
  const line = againstCostLine(report.region.perInhabitantYearly);
  return html`<h2 id="cost">Cost</h2>
<p>The region costs an estimated <strong>${formatNok(report.region.yearly)} a year</strong> (${formatNok(report.region.monthly)} a month) for ${formatNumber(report.region.population)} inhabitants: <strong class="${line.under ? "ok" : "bad"}">${line.text}</strong>. Two datacentres of its own cost about ${formatNok(report.seed.yearlyNok)} a year (seed 000). The shared platform, ${formatNok(report.platformMonthly)} a month, is split ${report.allocationKey}.</p>
<figure class="cost-chart">${raw(costChartSvg(report))}<figcaption>Estimated NOK per inhabitant per year for each member, against the NOK 15 of the shared datacentre it replaces. Prices and what they include: <a href="${CATALOGUE_PAGE}">the service catalogue</a>.</figcaption></figure>`;
}

function municipalitiesTable(input: SiteInput): Html {
  const members = input.cost.ok ? input.cost.report.members : [];
  const rows = input.region.tenants.map((t) => {
    const slug = t.spec.slug;
    const status = policyStatus(input.previews.tenants[slug]);
    const member = members.find((m) => m.slug === slug);
    const cost = member ? againstCostLine(member.perInhabitantYearly) : undefined;
    return [
      html`<a class="municipality" href="${municipalityPage(slug)}">${t.spec.displayName}</a>`,
      { right: formatNumber(t.spec.population) },
      t.addressSpace,
      t.spec.services.join(", ") || "network only",
      html`<span class="${status.tone}">${status.text}</span>`,
      cost ? { right: html`<span class="${cost.under ? "ok" : "bad"}">${formatNok(member!.perInhabitantYearly)}</span>` } : { right: "not estimated" },
      t.spec.backup?.tier ?? "none",
      t.spec.backup?.lastRestoreTest ?? "not recorded",
    ];
  });
  return table(["municipality", { right: "inhabitants" }, "address space", "services", "policy", { right: "cost per inhabitant a year" }, "backup tier", "last restore test"], rows, "municipalities");
}

export function regionPage(input: SiteInput): string {
  const { region } = input;
  const missing = missingPreviews(region, input.previews);
  const { host } = region.platform;
  // The host with a tenant file of its own is one of the members; otherwise it runs the platform beside them.
  const hostIsMember = region.tenants.some((t) => t.spec.slug === host.slug);
  const members = region.tenants.filter((t) => t.spec.slug !== host.slug);
  const population = members.reduce((a, t) => a + t.spec.population, 0);
  const previewNote =
    missing.length === 0
      ? html``
      : html`<p class="note">No preview in ${input.previews.dir} for ${missing.join(", ")}: the resources, policy status and cost of ${missing.length === 1 ? "that stack" : "those stacks"} are not shown. Run <code>grunnmur preview</code>, then <code>grunnmur site</code> again.</p>`;
  const body = html`<h1>The region's digital foundation</h1>
<p>${host.displayName} (${formatNumber(host.population)} inhabitants) runs one shared platform in Azure for ${hostIsMember ? "itself and " : ""}${String(members.length)} neighbouring municipalities with ${formatNumber(population)} inhabitants. Each municipality has its own isolated network (a spoke), reached only through the hub's firewall.</p>
${previewNote}
<h2 id="map">Region map</h2>
<figure class="map">${raw(regionMapSvg(regionMapModel(region, municipalityPage)))}<figcaption>Select a municipality for its page.</figcaption></figure>
${costSection(input)}
<h2 id="municipalities">Municipalities</h2>
${municipalitiesTable(input)}
<p>What each service is and what it costs: <a href="${CATALOGUE_PAGE}">the service catalogue</a>.</p>`;
  return sitePage({ title: `Region: ${region.platform.host.displayName} and its neighbours`, depth: 0, current: "region", body, footer: siteFooter(input) });
}
