/**
 * The cost estimate of a region from its previews and the price table: each
 * resource's monthly cost, own cost per tenant and service, the platform's
 * cost split by the allocation key, and the figures the seed compares against.
 * All money is whole kroner per month; yearly figures are twelve months, so
 * every total adds up exactly.
 */
import type { PlatformFile } from "../../tenants/schema/platform";
import { formatNok } from "../format/numbers";
import { allocate } from "./allocate";
import { chargeByUse, type ChargedByUse } from "./charged-by-use";
import { perInhabitantYearly } from "./per-inhabitant";
import { splitSharedServices } from "./shared-service-allocation";
import { type Assumptions, describeAssumptions, type MeteredResource, metersFor } from "./meters";
import { defenderPlan } from "../governance/defender";
import { isVmProtectedItem, isWorkloadVm, linkVmBackups, WORKLOAD_SERVICE, workloadVmMeters, type LinkableResource, type WorkloadVm } from "./workloads";

/** Seed 000: two datacentres in Tromsø cost about NOK 1.7 million a year, about NOK 15 per inhabitant. */
export const SEED_TWO_DATACENTRES = { yearlyNok: 1_700_000, inhabitants: 114_000, perInhabitantNok: 15 };

export interface CostLine {
  readonly stack: string;
  readonly resource: string;
  readonly type: string;
  readonly service: string;
  readonly item: string;
  readonly quantity: number;
  readonly unitNok: number;
  readonly monthlyNok: number;
}

export interface MemberCost {
  readonly slug: string;
  readonly displayName: string;
  readonly population: number;
  readonly host: boolean;
  readonly ownMonthlyByService: Record<string, number>;
  readonly ownMonthly: number;
  /** The general platform split plus its shares of the shared services it subscribes to. */
  readonly platformShareMonthly: number;
  /** Of platformShareMonthly: its share of each shared service it subscribes to, by key. */
  readonly sharedServicesMonthly: Record<string, number>;
  /** Of platformShareMonthly: its share of each catalogue service charged to its users only (chargedTo: users), by key. */
  readonly chargedByUseMonthly: Record<string, number>;
  readonly totalMonthly: number;
  readonly totalYearly: number;
  readonly perInhabitantYearly: number;
}

export interface CostReport {
  readonly prices: { date: string; source: string; exchangeRate: { from: string; nokPerUnit: number } };
  readonly allocationKey: string;
  readonly assumptions: string[];
  readonly platformMonthly: number;
  readonly platformMonthlyByService: Record<string, number>;
  /** Of platformMonthly: each shared service's cost, split among its subscribers only, by key. */
  readonly sharedServicesMonthly: Record<string, number>;
  /** Of platformMonthly: the cost of each catalogue service charged to its users only, by key. */
  readonly chargedByUseMonthly: Record<string, number>;
  readonly members: MemberCost[];
  readonly region: { monthly: number; yearly: number; population: number; perInhabitantYearly: number };
  readonly seed: typeof SEED_TWO_DATACENTRES;
  readonly lines: CostLine[];
  /** Per tenant, where its workloads were priced from. */
  readonly workloadSources: Record<string, WorkloadSource>;
}

/** What the estimate reads of a stack's preview; every preview file has it (scripts/preview/preview-file.ts). */
export interface PricedStack {
  readonly stack: string;
  readonly resources: ReadonlyArray<MeteredResource & { readonly name: string; readonly parent?: string | null }>;
}

export interface TenantFacts {
  readonly slug: string;
  readonly displayName: string;
  readonly population: number;
  readonly backupGb?: number;
  /** The tenant file's VMs (domain/cost/workloads.ts workloadVms), all states. */
  readonly vms?: readonly WorkloadVm[];
  /** Keys of the shared services it subscribes to (its file's sharedServices). */
  readonly sharedServices?: readonly string[];
  /** Catalogue keys of the services it uses (domain/cost/charged-by-use.ts servicesUsed). */
  readonly uses?: readonly string[];
}

/** Where a tenant's workload cost came from: its previewed VMs, or (when the preview has none of them yet) its tenant file. */
export type WorkloadSource = "preview" | "tenant file" | "none";

function serviceOf(resource: PricedStack["resources"][number]): string {
  const tags = resource.inputs.tags as Record<string, string> | undefined;
  if (tags?.["grunnmur:service"]) return tags["grunnmur:service"];
  if (resource.type === "azure-native:storage:FileShare") return "storage";
  // The audit logs' settings and tables take no tags.
  if (["azure-native:aadiam:DiagnosticSetting", "azure-native:monitor:SubscriptionDiagnosticSetting", "azure-native:operationalinsights:Table"].includes(resource.type)) return "logging";
  // A VM's backup belongs to its hosting, tagged or not.
  if (isVmProtectedItem(resource)) return WORKLOAD_SERVICE;
  return "other";
}

/**
 * `previews.hubs`: the hub stacks (hub-<key>). They are the platform's side of the
 * region, shared like the platform stack; their lines keep their own stack name.
 */
export function estimateCosts(platform: PlatformFile, previews: { platform: PricedStack; hubs?: readonly PricedStack[]; tenants: readonly PricedStack[] }, tenants: readonly TenantFacts[], assumptions: Assumptions, chargedByUse: readonly ChargedByUse[] = []): CostReport {
  const prices = platform.prices.items;
  const lines: CostLine[] = [];
  const price = (item: string, where: string) => {
    const p = prices[item];
    if (!p) {
      throw new Error(`${where} needs the price item "${item}", which platform.yaml prices.items does not have; add it (valid items: ${Object.keys(prices).join(", ")})`);
    }
    return p.nok;
  };
  const collect = (preview: PricedStack, ctx: Parameters<typeof metersFor>[1]) => {
    for (const resource of preview.resources) {
      for (const meter of metersFor(resource, ctx)) {
        const unitNok = price(meter.item, `${preview.stack}: ${resource.type.replace("azure-native:", "")} ${resource.name}`);
        lines.push({ stack: preview.stack, resource: resource.name, type: resource.type, service: serviceOf(resource), item: meter.item, quantity: meter.quantity, unitNok, monthlyNok: meter.quantity * unitNok });
      }
    }
  };
  const defender = defenderPriceItems(platform);
  collect(previews.platform, { assumptions, tenantCount: tenants.length, defender });
  for (const hub of previews.hubs ?? []) collect(hub, { assumptions, tenantCount: tenants.length, defender });
  const workloadSources: Record<string, WorkloadSource> = {};
  for (const preview of previews.tenants) {
    const facts = tenants.find((t) => t.slug === preview.stack);
    const protectedShares = preview.resources.filter((r) => r.type === "azure-native:recoveryservices:ProtectedItem" && !isVmProtectedItem(r)).length;
    const vmBackup = linkVmBackups(preview.resources as readonly LinkableResource[], facts?.vms ?? []);
    collect(preview, { assumptions, tenantCount: tenants.length, backupGb: facts?.backupGb, protectedShares, vmBackup, defender });
    // Until the stack creates the VMs (the preview has none of them), the tenant file's VMs are priced from the file.
    const previewed = preview.resources.some((r) => isWorkloadVm(r) || isVmProtectedItem(r));
    const vms = facts?.vms ?? [];
    workloadSources[preview.stack] = previewed ? "preview" : vms.length > 0 ? "tenant file" : "none";
    if (previewed) continue;
    for (const vm of vms) {
      const meters = workloadVmMeters(vm);
      // A VM the file says runs is defended like a previewed one (metersFor), so both give the same figure.
      const servers = defender?.["azure-native:compute:VirtualMachine"];
      const running = meters.some((m) => m.item.startsWith("vm-"));
      for (const meter of servers && running ? [...meters, { item: servers, quantity: 1 }] : meters) {
        const unitNok = price(meter.item, `${preview.stack}: VM ${vm.key} (${vm.state}, tenant file)`);
        lines.push({ stack: preview.stack, resource: vm.key, type: "tenant file: VM", service: WORKLOAD_SERVICE, item: meter.item, quantity: meter.quantity, unitNok, monthlyNok: meter.quantity * unitNok });
      }
    }
  }

  const sumBy = (...stacks: string[]): Record<string, number> => {
    const byService: Record<string, number> = {};
    for (const l of lines.filter((x) => stacks.includes(x.stack))) byService[l.service] = (byService[l.service] ?? 0) + l.monthlyNok;
    const rounded: Record<string, number> = {};
    for (const key of Object.keys(byService).sort()) rounded[key] = Math.round(byService[key]);
    return rounded;
  };
  const platformByService = sumBy(previews.platform.stack, ...(previews.hubs ?? []).map((h) => h.stack));
  const platformMonthly = Object.values(platformByService).reduce((a, b) => a + b, 0);

  const host = platform.host;
  // The host is one member: with a member file of its own (host.member) its stack is its own resources.
  const members = [
    { slug: host.slug, displayName: host.displayName, population: host.population, host: true },
    ...tenants.filter((t) => t.slug !== host.slug).map((t) => ({ ...t, host: false })),
  ];
  const hostHasStack = tenants.some((t) => t.slug === host.slug);
  // Shared services go to their subscribers; the rest of the platform is split among all members.
  const shared = splitSharedServices(platformByService, platform.sharedServices ?? {}, members.map((m) => ({ ...m, sharedServices: tenants.find((t) => t.slug === m.slug)?.sharedServices ?? [] })));
  // Services charged by use (the VPN gateway) go to their users; a host without a member file uses none of them.
  const byUse = chargeByUse(platformByService, chargedByUse, members.map((m) => ({ ...m, uses: tenants.find((t) => t.slug === m.slug)?.uses ?? [] })), platform.costAllocation);
  const general = allocate(shared.generalMonthly - sum(byUse.byService), members, platform.costAllocation);
  const sharedOf = (slug: string) => shared.byMember[slug] ?? {};
  const usedOf = (slug: string) => byUse.byMember[slug] ?? {};
  const shares = Object.fromEntries(members.map((m) => [m.slug, general[m.slug] + sum(sharedOf(m.slug)) + sum(usedOf(m.slug))]));
  const memberCosts: MemberCost[] = members.map((m) => {
    const own: Record<string, number> = m.host && !hostHasStack ? {} : sumBy(m.slug);
    const ownMonthly = Object.values(own).reduce((a, b) => a + b, 0);
    const totalMonthly = ownMonthly + shares[m.slug];
    return {
      slug: m.slug,
      displayName: m.displayName,
      population: m.population,
      host: m.host,
      ownMonthlyByService: own,
      ownMonthly,
      platformShareMonthly: shares[m.slug],
      sharedServicesMonthly: sharedOf(m.slug),
      chargedByUseMonthly: usedOf(m.slug),
      totalMonthly,
      totalYearly: totalMonthly * 12,
      perInhabitantYearly: perInhabitantYearly(totalMonthly, m.population),
    };
  });
  const monthly = memberCosts.reduce((a, m) => a + m.totalMonthly, 0);
  const population = members.reduce((a, m) => a + m.population, 0);
  return {
    prices: { date: platform.prices.date, source: platform.prices.source, exchangeRate: platform.prices.exchangeRate },
    allocationKey: describeKey(platform.costAllocation),
    assumptions: describeAssumptions(assumptions),
    platformMonthly,
    platformMonthlyByService: platformByService,
    sharedServicesMonthly: shared.byService,
    chargedByUseMonthly: byUse.byService,
    members: memberCosts,
    region: { monthly, yearly: monthly * 12, population, perInhabitantYearly: perInhabitantYearly(monthly, population) },
    seed: SEED_TWO_DATACENTRES,
    lines,
    workloadSources,
  };
}

const sum = (amounts: Readonly<Record<string, number>>) => Object.values(amounts).reduce((a, b) => a + b, 0);

function describeKey(key: PlatformFile["costAllocation"]): string {
  switch (key.key) {
    case "equal-population":
      return `${key.equalPercent} % equally, ${key.populationPercent} % by population`;
    case "fixed-percentages":
      return `fixed percentages (${Object.entries(key.percentages).map(([k, v]) => `${k} ${v} %`).join(", ")})`;
    case "fixed-fee-per-capita":
      return `in proportion to ${formatNok(key.fixedFeeNokPerYear)} fixed + ${formatNok(key.perInhabitantNokPerYear)} per inhabitant`;
  }
}

/** Defender's price item per protected type, when platform.yaml switches Defender on (governance.defender). */
function defenderPriceItems(platform: PlatformFile): Record<string, string> | undefined {
  const settings = platform.governance?.defender;
  if (!settings) return undefined;
  return Object.fromEntries(settings.plans.map((key) => defenderPlan(key, settings.serversPlan)).map((p) => [p.protects, p.priceItem]));
}
