/**
 * One municipality's page (municipalities/<slug>.html): its services, addresses,
 * resources, policy status, cost against the NOK 15 line, and backup.
 */
import type { ResolvedTenant } from "../../tenants/region";
import { formatNok, formatNumber } from "../../domain/format/numbers";
import { againstCostLine, costLineBarSvg } from "./cost-line";
import { siteFooter } from "./footer";
import { html, raw, table, type Html } from "./html";
import { sitePage } from "./layout";
import { CATALOGUE_PAGE, REGION_PAGE } from "./paths";
import { policyStatus } from "./policy-status";
import { resourceCounts } from "./resources";
import type { SiteInput } from "./site-input";

/** The page lies one folder down: links to the root pages go up one. */
const UP = "../";

function servicesSection(t: ResolvedTenant, input: SiteInput): Html {
  const catalogue = input.catalogue.services;
  // Every tenant has the network service (catalogue.yaml); the file lists the rest.
  const keys: string[] = ["network", ...t.spec.services];
  const rows = keys.map((key) => [catalogue[key]?.name ?? key, html`<code>${key}</code>`, catalogue[key]?.description ?? "not in the service catalogue"]);
  const shared = Object.entries(t.spec.sharedServices).map(([key, s]) => [input.region.platform.sharedServices?.[key]?.name ?? key, html`<code>${key}</code>`, s.zones.join(", ")]);
  return html`<h2 id="services">Services</h2>
${table(["service", "key", "what it is"], rows)}
${shared.length > 0 ? html`<h3>Shared services</h3>${table(["shared service", "key", "zones that reach it"], shared)}` : html`<p>No shared services.</p>`}
<p><a href="${UP}${CATALOGUE_PAGE}">Prices in the service catalogue</a>.</p>`;
}

function addressesSection(t: ResolvedTenant): Html {
  const subnets = Object.entries(t.subnets).map(([zone, cidr]) => [zone, cidr ?? ""]);
  const sites = Object.entries(t.spec.sites).map(([key, s]) => [key, s.description ?? "", s.publicIp, s.prefixes.join(", ")]);
  const wifi = t.spec.wifi;
  const accessPoints = wifi ? Object.entries(wifi.accessPoints).map(([key, ap]) => [key, ap.address]) : [];
  return html`<h2 id="addresses">Addresses</h2>
<p>Address space <strong>${t.addressSpace}</strong> (${t.addressSource === "allocated" ? "allocated from the kommunenummer" : "set in the tenant file"}).</p>
${table(["subnet", "range"], subnets)}
${sites.length > 0 ? html`<h3>On-premises sites (VPN)</h3>${table(["site", "description", "VPN device", "prefixes"], sites)}` : html`<p>No on-premises sites.</p>`}
${wifi ? html`<h3>eduroam</h3><p>Realm <code>${wifi.realm}</code>, VLAN ${String(wifi.vlan)}.</p>${table(["access point", "address"], accessPoints)}` : html``}`;
}

function resourcesSection(t: ResolvedTenant, input: SiteInput): Html {
  const preview = input.previews.tenants[t.spec.slug];
  if (!preview) return html`<h2 id="resources">Resources</h2><p class="note">Not available: no preview of ${t.spec.slug} in ${input.previews.dir}. Run <code>grunnmur preview</code>, then <code>grunnmur site</code> again.</p>`;
  const counts = resourceCounts(preview);
  const total = counts.reduce((a, c) => a + c.count, 0);
  return html`<h2 id="resources">Resources</h2>
<p>The preview creates ${formatNumber(total)} resources in Azure and Entra ID.</p>
<details><summary>By type</summary>
${table(["type", { right: "count" }], counts.map((c) => [c.type, { right: formatNumber(c.count) }]), "resources")}
</details>`;
}

function policySection(t: ResolvedTenant, input: SiteInput): Html {
  const preview = input.previews.tenants[t.spec.slug];
  const status = policyStatus(preview);
  const heading = html`<h2 id="policy">Policy status</h2><p class="${status.tone} policy-status">${status.text[0].toUpperCase()}${status.text.slice(1)}.</p>`;
  if (!preview?.policy) return heading;
  const { violations, waived, checkedOn } = preview.policy;
  const rows = violations.map((v) => [html`<span class="${v.enforcement === "mandatory" ? "bad" : "warn"}">${v.enforcement}</span>`, v.rule, v.policy, v.message]);
  const waivedRows = waived.map((v) => [v.rule, v.policy, v.waiver.reason, v.waiver.expires]);
  return html`${heading}
<p>Checked on ${checkedOn}.</p>
${rows.length > 0 ? table(["enforcement", "rule", "policy", "finding"], rows, "violations") : html``}
${waivedRows.length > 0 ? html`<h3>Waived</h3>${table(["rule", "policy", "reason", "expires"], waivedRows)}` : html``}`;
}

function costSection(t: ResolvedTenant, input: SiteInput): Html {
  if (!input.cost.ok) return html`<h2 id="cost">Cost</h2><p class="note">Not available: ${input.cost.reason}</p>`;
  const member = input.cost.report.members.find((m) => m.slug === t.spec.slug);
  if (!member) return html`<h2 id="cost">Cost</h2><p class="note">Not available: the estimate has no line for ${t.spec.slug}.</p>`;
  const line = againstCostLine(member.perInhabitantYearly);
  const services = Object.entries(member.ownMonthlyByService).map(([service, nok]) => [service, { right: formatNok(nok) }]);
  return html`<h2 id="cost">Cost</h2>
<p><strong class="${line.under ? "ok" : "bad"}">${line.text}</strong>: ${formatNok(member.totalYearly)} a year for ${formatNumber(member.population)} inhabitants.</p>
<figure>${raw(costLineBarSvg(member.perInhabitantYearly))}</figure>
${table(
  ["part", { right: "NOK a month" }],
  [...services, ["share of the shared platform", { right: formatNok(member.platformShareMonthly) }], [html`<strong>total</strong>`, { right: html`<strong>${formatNok(member.totalMonthly)}</strong>` }]],
  "cost",
)}`;
}

function backupSection(t: ResolvedTenant, input: SiteInput): Html {
  const backup = t.spec.backup;
  if (!backup) return html`<h2 id="backup">Backup</h2><p>No backup tier: the tenant file has no backup section. Last restore test: not recorded.</p>`;
  const tier = input.region.platform.backup.tiers[backup.tier];
  return html`<h2 id="backup">Backup</h2>
${table(
  ["", ""],
  [
    ["tier", html`<strong>${backup.tier}</strong>${tier ? html`: ${tier.description}` : html``}`],
    ["protected data (estimate)", backup.estimatedGb !== undefined ? `${formatNumber(backup.estimatedGb)} GB` : "not given"],
    ["last restore test", backup.lastRestoreTest ?? "not recorded (backup.lastRestoreTest in the tenant file)"],
  ],
  "backup",
)}`;
}

export function municipalityPageHtml(t: ResolvedTenant, input: SiteInput): string {
  const s = t.spec;
  const leaving = s.offboarding ? html`<p class="note">Leaving the platform (decided ${s.offboarding.since}).</p>` : html``;
  const body = html`<p><a href="${UP}${REGION_PAGE}">Region</a> › ${s.displayName}</p>
<h1>${s.displayName}</h1>
<p>Kommunenummer ${s.kommunenummer}, ${formatNumber(s.population)} inhabitants${s.joined ? `, joined ${s.joined}` : ""}. Stack <code>${s.slug}</code>.</p>
${leaving}
${servicesSection(t, input)}
${addressesSection(t)}
${resourcesSection(t, input)}
${policySection(t, input)}
${costSection(t, input)}
${backupSection(t, input)}`;
  return sitePage({ title: `${s.displayName}: the region's digital foundation`, depth: 1, body, footer: siteFooter(input) });
}
