/** `grunnmur plan-migration <slug>`: migration waves from a tenant's system inventory. */
import type { CommandSpec, ParsedCommand } from "../args";
import { UsageError } from "../args";
import { formatDiagnostic } from "../../tenants/validation/diagnostic";
import { loadCommandRegion } from "../region";
import { renderTable } from "../table";
import { DependencyCycleError, planMigration, type MigrationPlan } from "../../domain/migration/waves";
import { checkDependencies, waveWorkloads, type DependencyCheck, type WaveWorkloads } from "../../domain/migration/workloads";
import { workloadVms } from "../../domain/cost/workloads";
import { formatNok as nok, formatNumber } from "../../domain/format/numbers";

export const planMigrationSpec: CommandSpec = {
  name: "plan-migration",
  summary: "order a municipality's systems into migration waves from its system inventory",
  usage: "grunnmur plan-migration <slug> [--start YYYY-MM-DD] [--months-per-wave N] [--format table|markdown]",
  details: [
    "Reads the systems section of tenants/<slug>.yaml. A system moves in a wave after every",
    "system it depends on; SaaS systems and those marked canMove: false stay and are listed",
    "apart; a contract ending before its system's wave is flagged. A dependency cycle is",
    "rejected with the cycle named.",
    "",
    "Per wave it prints the VMs its systems run once moved (systems.*.hosting), the Azure",
    "resources they add, their monthly cost and backup storage. A system that would run on",
    "the platform while a system it depends on stays on premises or has not moved yet is",
    "fine only through a VPN site; without one it is a problem, and the exit code is 1.",
    "",
    "Options:",
    "  --start DATE       when wave 1 starts (default: the first day of next month)",
    "  --months-per-wave  months between waves (default: 3)",
    "  --format F         table (default) or markdown",
  ].join("\n"),
  options: { start: { type: "string" }, "months-per-wave": { type: "string" }, format: { type: "string" } },
  readsFiles: true,
};

function nextMonth(): string {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
}


/** One line of what a wave's VMs add: count and names, resources, monthly cost, backup storage. */
export function waveLine(w: WaveWorkloads): string {
  if (w.vms.length === 0) return `wave ${w.wave}: no VMs on the platform (no systems.*.hosting)`;
  return `wave ${w.wave}: ${w.vms.length} VM${w.vms.length === 1 ? "" : "s"} (${w.vms.join(", ")}), ${w.resources} resources, ${nok(w.monthlyNok)} a month, backup storage ${formatNumber(w.backupGb)} GB`;
}

export function planMarkdown(slug: string, plan: MigrationPlan, workloads: readonly WaveWorkloads[] = [], deps: DependencyCheck = { problems: [], throughVpn: [] }): string {
  const out = [`# Migration plan for ${slug}`, ""];
  if (deps.problems.length > 0) out.push("> **Problems: systems the platform could not reach**", ">", ...deps.problems.map((p) => `> - ${p.message}`), "");
  plan.waves.forEach((wave, i) => {
    out.push(`## Wave ${i + 1} (from ${wave[0]?.waveStart ?? "?"})`, "");
    const w = workloads[i];
    if (w) out.push(w.vms.length === 0 ? "No VMs on the platform." : `${w.vms.length} VM${w.vms.length === 1 ? "" : "s"} (${w.vms.map((v) => `\`${v}\``).join(", ")}): ${w.resources} resources, ${nok(w.monthlyNok)} a month, backup storage ${formatNumber(w.backupGb)} GB.`, "");
    out.push("| system | vendor | contract end | note |", "|---|---|---|---|");
    for (const s of wave) out.push(`| ${s.name} (\`${s.key}\`) | ${s.vendor} | ${s.contractEnd ?? "—"} | ${s.contractWarning ? `**${s.contractWarning}**` : ""} |`);
    out.push("");
  });
  if (deps.throughVpn.length > 0) out.push("## Reached through the VPN", "", ...deps.throughVpn.map((p) => `- ${p.message}`), "");
  if (plan.staying.length > 0) {
    out.push("## Staying where they are", "", ...plan.staying.map((s) => `- ${s.name} (\`${s.key}\`): ${s.reason}`), "");
  }
  if (plan.alreadyMoved.length > 0) out.push("## Already on the shared platform", "", ...plan.alreadyMoved.map((k) => `- \`${k}\``), "");
  return out.join("\n");
}

export function runPlanMigration(cmd: ParsedCommand): number {
  const [slug] = cmd.positionals;
  if (!slug) throw new UsageError("name the municipality: grunnmur plan-migration <slug>, e.g. grunnmur plan-migration senja");
  const start = String(cmd.values.start ?? nextMonth());
  if (!/^\d{4}-\d{2}-\d{2}$/.test(start)) throw new UsageError(`--start must be a date like 2027-01-01, not "${start}"`);
  const months = Number(cmd.values["months-per-wave"] ?? 3);
  if (!Number.isInteger(months) || months < 1) throw new UsageError("--months-per-wave must be a whole number of 1 or more");
  const format = String(cmd.values.format ?? "table");
  if (format !== "table" && format !== "markdown") throw new UsageError(`--format must be table or markdown, not "${format}"`);

  const load = loadCommandRegion(cmd);
  if (!load.region) {
    // A cycle in the inventory is one of these findings, named with the systems in it.
    for (const d of load.diagnostics) console.error(formatDiagnostic(d));
    return 1;
  }
  const tenant = load.region.tenants.find((t) => t.spec.slug === slug);
  if (!tenant) throw new UsageError(`no tenant "${slug}"; tenants are ${load.region.tenants.map((t) => t.spec.slug).join(", ")}`);
  let plan: MigrationPlan;
  try {
    plan = planMigration(tenant.spec.systems, start, months);
  } catch (err) {
    if (err instanceof DependencyCycleError) {
      console.error(`${tenant.file}: ${err.message}`);
      return 1;
    }
    throw err;
  }
  const vms = workloadVms(tenant.spec.systems, tenant.spec.backup?.tier);
  const workloads = waveWorkloads(plan, vms, load.region.platform.prices.items);
  const deps = checkDependencies(tenant.spec.systems, vms, plan, Object.keys(tenant.spec.sites).length);
  const code = deps.problems.length > 0 ? 1 : 0;
  if (format === "markdown") {
    console.log(planMarkdown(slug, plan, workloads, deps));
    return code;
  }
  const rows = plan.waves.flat().map((s) => [`wave ${s.wave}`, s.waveStart, s.key, s.name, s.vendor, s.contractEnd ?? "", s.contractWarning ?? ""]);
  console.log(renderTable(["wave", "starts", "system", "name", "vendor", "contract end", "note"], rows));
  for (const s of plan.staying) console.log(`stays: ${s.key} (${s.name}): ${s.reason}`);
  for (const k of plan.alreadyMoved) console.log(`already on the shared platform: ${k}`);
  if (workloads.length > 0) console.log("");
  for (const w of workloads) console.log(waveLine(w));
  for (const d of deps.throughVpn) console.log(`through the VPN: ${d.message}`);
  if (deps.problems.length > 0) {
    console.log("");
    for (const d of deps.problems) console.log(`problem: ${d.message}`);
    console.error(`\n${deps.problems.length} problem${deps.problems.length === 1 ? "" : "s"}: a system would run on the platform without reaching a system it depends on.`);
  }
  return code;
}
