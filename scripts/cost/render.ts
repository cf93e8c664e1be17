/** The cost report as a terminal table, CSV, JSON and Markdown. */
import type { Catalogue } from "../../tenants/schema/catalogue";
import { renderTable } from "../table";
import type { CostReport } from "../../domain/cost/estimate";
import { NOT_INCLUDED, notIncludedLine } from "../../domain/cost/not-included";
import { formatKroner, formatNokPerInhabitant } from "../../domain/cost/per-inhabitant";
import { formatNok, formatNumber } from "../../domain/format/numbers";

/** The service key of the municipalities' servers (catalogue.yaml workloads). */
const HOSTING = "workloads";
const hosting = (m: CostReport["members"][number]) => m.ownMonthlyByService[HOSTING] ?? 0;
const memberName = (m: CostReport["members"][number]) => `${m.displayName}${m.host ? " (host)" : ""}`;

export function costTable(report: CostReport): string {
  const rows: Array<Array<string | number>> = report.members.map((m) => [
    m.host ? `${m.slug} (host)` : m.slug,
    formatNumber(m.population),
    formatNumber(hosting(m)),
    formatNumber(m.ownMonthly),
    formatNumber(m.platformShareMonthly),
    formatNumber(m.totalMonthly),
    formatNumber(m.totalYearly),
    formatKroner(m.perInhabitantYearly),
  ]);
  rows.push([
    "region",
    formatNumber(report.region.population),
    formatNumber(report.members.reduce((a, m) => a + hosting(m), 0)),
    formatNumber(report.members.reduce((a, m) => a + m.ownMonthly, 0)),
    formatNumber(report.platformMonthly),
    formatNumber(report.region.monthly),
    formatNumber(report.region.yearly),
    formatKroner(report.region.perInhabitantYearly),
  ]);
  return renderTable(["member", "inhabitants", "hosting NOK/month", "own NOK/month", "platform share NOK/month", "total NOK/month", "total NOK/year", "NOK/inhabitant/year"], rows);
}

/** The lines under the terminal table: the platform split and the seed's comparison. */
export function costTableNotes(report: CostReport): string[] {
  const byUse = Object.entries(report.chargedByUseMonthly);
  return [
    `Shared platform ${formatNok(report.platformMonthly)} a month, split ${report.allocationKey}${byUse.length > 0 ? `; ${byUse.map(([key, nok]) => `${key} (${formatNok(nok)}) only among the members that use it`).join(", ")}` : ""}.`,
    `Seed 000 for comparison: two datacentres ${formatNok(report.seed.yearlyNok)} a year, about NOK ${formatNumber(report.seed.perInhabitantNok)} per inhabitant.`,
    notIncludedLine(),
  ];
}

const csvField = (v: string | number) => (typeof v === "string" && /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : String(v));

export function costCsv(report: CostReport): string {
  const services = [...new Set(report.members.flatMap((m) => Object.keys(m.ownMonthlyByService)))].sort();
  const byUse = Object.keys(report.chargedByUseMonthly).sort();
  const header = [
    "slug",
    "name",
    "host",
    "inhabitants",
    ...services.map((s) => `own_${s}_nok_month`),
    "own_nok_month",
    "platform_share_nok_month",
    ...byUse.map((s) => `of_which_${s}_nok_month`),
    "total_nok_month",
    "total_nok_year",
    "nok_per_inhabitant_year",
  ];
  const rows = report.members.map((m) => [
    m.slug,
    m.displayName,
    m.host ? "yes" : "no",
    m.population,
    ...services.map((s) => m.ownMonthlyByService[s] ?? 0),
    m.ownMonthly,
    m.platformShareMonthly,
    ...byUse.map((s) => m.chargedByUseMonthly[s] ?? 0),
    m.totalMonthly,
    m.totalYearly,
    m.perInhabitantYearly,
  ]);
  return `${[header, ...rows].map((r) => r.map(csvField).join(",")).join("\n")}\n`;
}

export function costJson(report: CostReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function costMarkdown(report: CostReport, catalogue: Catalogue, chartFile?: string): string {
  const n = formatNumber;
  const out: string[] = [];
  out.push("# Cost estimate for the region", "");
  out.push(
    `The region costs an estimated **${formatNok(report.region.yearly)} a year** (${formatNok(report.region.monthly)} a month), ` +
      `**${formatNokPerInhabitant(report.region.perInhabitantYearly)} per inhabitant** for ${n(report.region.population)} inhabitants. ` +
      `For comparison, seed 000 puts two datacentres in Tromsø at about ${formatNok(report.seed.yearlyNok)} a year, ` +
      `about NOK ${n(report.seed.perInhabitantNok)} per inhabitant for ${n(report.seed.inhabitants)} inhabitants.`,
    "",
  );
  out.push(`The shared platform (${formatNok(report.platformMonthly)} a month) is split ${report.allocationKey}.`, "");
  const byUse = Object.entries(report.chargedByUseMonthly);
  if (byUse.length > 0) {
    out.push("Charged only to the members that use them, by the same key among them:", "");
    for (const [key, monthly] of byUse) {
      const users = report.members.filter((m) => m.chargedByUseMonthly[key] !== undefined).map((m) => m.displayName);
      out.push(`- ${catalogue.services[key]?.name ?? key} (\`${key}\`): ${formatNok(monthly)} a month, paid by ${users.join(", ")}.`);
    }
    out.push("");
  }
  if (chartFile) out.push(`![Cost per inhabitant per year per municipality, against seed 000's NOK ${n(report.seed.perInhabitantNok)}](${chartFile})`, "");
  out.push("| member | inhabitants | hosting NOK/month | own NOK/month | platform share NOK/month | total NOK/month | total NOK/year | NOK/inhabitant/year |", "|---|---:|---:|---:|---:|---:|---:|---:|");
  for (const m of report.members) {
    out.push(`| ${memberName(m)} | ${n(m.population)} | ${n(hosting(m))} | ${n(m.ownMonthly)} | ${n(m.platformShareMonthly)} | ${n(m.totalMonthly)} | ${n(m.totalYearly)} | ${formatKroner(m.perInhabitantYearly)} |`);
  }
  out.push(`| **Region** | ${n(report.region.population)} | ${n(report.members.reduce((a, m) => a + hosting(m), 0))} | ${n(report.members.reduce((a, m) => a + m.ownMonthly, 0))} | ${n(report.platformMonthly)} | ${n(report.region.monthly)} | ${n(report.region.yearly)} | ${formatKroner(report.region.perInhabitantYearly)} |`, "");
  out.push("## Not included", "", "The estimate prices the Azure resources the platform and the municipalities' stacks create. It leaves out:", "");
  out.push(...NOT_INCLUDED.map((x) => `- **${x.item}**: ${x.why}.`), "");
  out.push("## Own cost per service (NOK/month)", "");
  const services = [...new Set(report.members.flatMap((m) => Object.keys(m.ownMonthlyByService)))].sort();
  out.push(`| member | ${services.join(" | ")} |`, `|---|${services.map(() => "---:").join("|")}|`);
  for (const m of report.members.filter((x) => !x.host)) out.push(`| ${m.displayName} (\`${m.slug}\`) | ${services.map((s) => n(m.ownMonthlyByService[s] ?? 0)).join(" | ")} |`);
  out.push("", "## Shared platform per service (NOK/month)", "", "| service | NOK/month |", "|---|---:|");
  for (const [service, amount] of Object.entries(report.platformMonthlyByService)) out.push(`| ${service} | ${n(amount)} |`);
  out.push("", "## Service catalogue", "", "| service | what it is | cost drivers |", "|---|---|---|");
  for (const [key, s] of Object.entries(catalogue.services)) out.push(`| ${s.name} (\`${key}\`) | ${s.description} | ${s.costDrivers.join("; ")} |`);
  out.push("", "## Assumptions", "", ...report.assumptions.map((a) => `- ${a}`));
  out.push(`- Prices: ${report.prices.source}, read ${report.prices.date}; USD/EUR converted at ${report.prices.exchangeRate.nokPerUnit.toString().replace(".", ",")} NOK per ${report.prices.exchangeRate.from}; excluding VAT.`, "");
  return out.join("\n");
}
