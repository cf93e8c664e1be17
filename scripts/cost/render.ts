/** The cost report as a terminal table, CSV, JSON and Markdown. */
import type { Catalogue } from "../../tenants/schema/catalogue";
import { renderTable } from "../table";
import type { CostReport } from "../../domain/cost/estimate";

const nok = (n: number) => Math.round(n).toLocaleString("en-US").replace(/,/g, " ");
/** The service key of the municipalities' servers (catalogue.yaml workloads). */
const HOSTING = "workloads";
const hosting = (m: CostReport["members"][number]) => m.ownMonthlyByService[HOSTING] ?? 0;

export function costTable(report: CostReport): string {
  const rows: Array<Array<string | number>> = report.members.map((m) => [
    m.host ? `${m.slug} (host)` : m.slug,
    m.population,
    hosting(m),
    m.ownMonthly,
    m.platformShareMonthly,
    m.totalMonthly,
    m.totalYearly,
    m.perInhabitantYearly,
  ]);
  rows.push(["region", report.region.population, report.members.reduce((a, m) => a + hosting(m), 0), report.members.reduce((a, m) => a + m.ownMonthly, 0), report.platformMonthly, report.region.monthly, report.region.yearly, report.region.perInhabitantYearly]);
  return renderTable(["member", "inhabitants", "hosting NOK/month", "own NOK/month", "platform share NOK/month", "total NOK/month", "total NOK/year", "NOK/inhabitant/year"], rows);
}

export function costCsv(report: CostReport): string {
  const services = [...new Set(report.members.flatMap((m) => Object.keys(m.ownMonthlyByService)))].sort();
  const header = ["member", "host", "inhabitants", ...services.map((s) => `own_${s}_nok_month`), "own_nok_month", "platform_share_nok_month", "total_nok_month", "total_nok_year", "nok_per_inhabitant_year"];
  const rows = report.members.map((m) => [
    m.slug,
    m.host ? "yes" : "no",
    m.population,
    ...services.map((s) => m.ownMonthlyByService[s] ?? 0),
    m.ownMonthly,
    m.platformShareMonthly,
    m.totalMonthly,
    m.totalYearly,
    m.perInhabitantYearly,
  ]);
  return `${[header, ...rows].map((r) => r.join(",")).join("\n")}\n`;
}

export function costJson(report: CostReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function costMarkdown(report: CostReport, catalogue: Catalogue, chartFile?: string): string {
  const out: string[] = [];
  out.push("# Cost estimate for the region", "");
  out.push(
    `The region costs an estimated **NOK ${nok(report.region.yearly)} a year** (NOK ${nok(report.region.monthly)} a month), ` +
      `**NOK ${report.region.perInhabitantYearly.toFixed(2)} per inhabitant** for ${nok(report.region.population)} inhabitants. ` +
      `For comparison, seed 000 puts two datacentres in Tromsø at about NOK ${nok(report.seed.yearlyNok)} a year, ` +
      `about NOK ${report.seed.perInhabitantNok} per inhabitant for ${nok(report.seed.inhabitants)} inhabitants.`,
    "",
  );
  out.push(`The shared platform (NOK ${nok(report.platformMonthly)} a month) is split ${report.allocationKey}.`, "");
  if (chartFile) out.push(`![Cost per municipality](${chartFile})`, "");
  out.push("| member | inhabitants | hosting NOK/month | own NOK/month | platform share NOK/month | total NOK/month | total NOK/year | NOK/inhabitant/year |", "|---|---:|---:|---:|---:|---:|---:|---:|");
  for (const m of report.members) {
    out.push(`| ${m.displayName}${m.host ? " (host)" : ""} | ${nok(m.population)} | ${nok(hosting(m))} | ${nok(m.ownMonthly)} | ${nok(m.platformShareMonthly)} | ${nok(m.totalMonthly)} | ${nok(m.totalYearly)} | ${m.perInhabitantYearly.toFixed(2)} |`);
  }
  out.push(`| **Region** | ${nok(report.region.population)} | ${nok(report.members.reduce((a, m) => a + hosting(m), 0))} | ${nok(report.members.reduce((a, m) => a + m.ownMonthly, 0))} | ${nok(report.platformMonthly)} | ${nok(report.region.monthly)} | ${nok(report.region.yearly)} | ${report.region.perInhabitantYearly.toFixed(2)} |`, "");
  out.push("## Own cost per service (NOK/month)", "");
  const services = [...new Set(report.members.flatMap((m) => Object.keys(m.ownMonthlyByService)))].sort();
  out.push(`| member | ${services.join(" | ")} |`, `|---|${services.map(() => "---:").join("|")}|`);
  for (const m of report.members.filter((x) => !x.host)) out.push(`| ${m.slug} | ${services.map((s) => nok(m.ownMonthlyByService[s] ?? 0)).join(" | ")} |`);
  out.push("", "## Shared platform per service (NOK/month)", "", "| service | NOK/month |", "|---|---:|");
  for (const [service, amount] of Object.entries(report.platformMonthlyByService)) out.push(`| ${service} | ${nok(amount)} |`);
  out.push("", "## Service catalogue", "", "| service | what it is | cost drivers |", "|---|---|---|");
  for (const [key, s] of Object.entries(catalogue.services)) out.push(`| ${s.name} (\`${key}\`) | ${s.description} | ${s.costDrivers.join("; ")} |`);
  out.push("", "## Assumptions", "", ...report.assumptions.map((a) => `- ${a}`));
  out.push(`- Prices: ${report.prices.source}, read ${report.prices.date}; USD/EUR converted at ${report.prices.exchangeRate.nokPerUnit} NOK per ${report.prices.exchangeRate.from}; excluding VAT.`, "");
  return out.join("\n");
}
