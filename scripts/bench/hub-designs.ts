/**
 * `npm run hub-designs`: the monthly cost of the two hub designs of
 * docs/network-scale.md at 5, 39, 120 and 357 municipalities (two sites each),
 * from platform.yaml's price table, and for the classic design the tightest
 * Azure limit of each size's hub layout (domain/preflight/scale-plan.ts).
 * Prints only; nothing is deployed or fetched.
 */
import * as fs from "node:fs";
import { parse } from "yaml";
import { compareHubDesigns } from "../../domain/cost/hub-designs";
import { hubsOf, placeTenants } from "../../domain/network/hub-placement";
import { cidr } from "../../domain/network/cidr";
import { countyRangeCover } from "../../domain/network/county-ranges";
import { effectiveLimits } from "../../domain/preflight/limits";
import { scaleFindings, scaleUsage, tightest, type ScaleRegion } from "../../domain/preflight/scale-plan";
import { formatNok } from "../../domain/format/numbers";
import { DEFAULT_PLATFORM_FILE } from "../../tenants/paths";
import { renderTable } from "../table";
import { suggestedHubs, syntheticKommunenummer } from "./municipalities";

const SIZES = [5, 39, 120, 357];
const SITES = 2;
const MBPS_PER_SITE = 20;

export function planRegion(count: number, sites = SITES, hubPoolsSummarised = true): ScaleRegion {
  const platform = suggestedHubs(count);
  const tenants = syntheticKommunenummer(count).map((kommunenummer) => ({ slug: `k${kommunenummer}`, kommunenummer }));
  const placement = placeTenants(platform, tenants);
  // A pool with room for every county of the region, in number order, as platform.yaml's tenantPool would list them.
  const pool = { cidr: cidr("10.96.0.0/11"), blockPrefixLength: 23, counties: [...new Set(tenants.map((t) => t.kommunenummer.slice(0, 2)))].sort() };
  return {
    hubs: hubsOf(platform).map((h) => ({ key: h.key, vpnGatewaySku: h.vpnGatewaySku, serviceRoutes: 2, countyRangeRoutes: countyRangeCover(pool, h.counties).length })),
    // Every third with Wi-Fi, as in the synthetic regions: one site prefix reaching the core.
    tenants: tenants.map((t, i) => ({ ...t, hub: placement.get(t.slug)!, sites, coreSitePrefixes: i % 3 === 0 ? 1 : 0 })),
    privateDnsZones: 8,
    platformSubscription: "platform",
    // The platform stack's own assignments, generously: the example platform makes a few dozen.
    platformRoleAssignments: 200,
    fixedRuleGroupsPerPolicy: 2,
    sharedServicesSpoke: true,
    hubPoolsSummarised,
  };
}

function main(): void {
  const platform = parse(fs.readFileSync(DEFAULT_PLATFORM_FILE, "utf8")) as { prices: { date: string; items: Record<string, { nok: number }> } };
  const prices = Object.fromEntries(Object.entries(platform.prices.items).map(([k, v]) => [k, v.nok]));
  const limits = effectiveLimits();
  const rows = SIZES.map((n) => {
    const [classic, vwan] = compareHubDesigns({ municipalities: n, sitesPerMunicipality: SITES, mbpsPerSite: MBPS_PER_SITE }, prices);
    const fit = (summarised: boolean) => {
      const usage = scaleUsage(planRegion(n, SITES, summarised), limits);
      const t = tightest(usage)!;
      const over = scaleFindings(usage).length;
      return `${t.check} ${t.used}/${t.limit.value}${over ? ` (${over} over)` : ""}`;
    };
    return [n, classic.sizing, formatNok(classic.monthlyNok), vwan.sizing, formatNok(vwan.monthlyNok), fit(false), fit(true)];
  });
  console.log(`Hub designs, NOK a month (prices of ${platform.prices.date}; ${SITES} sites per municipality, ${MBPS_PER_SITE} Mbps each; unverified prices are marked in platform.yaml)`);
  console.log(renderTable(["municipalities", "classic hubs", "classic NOK", "Virtual WAN", "Virtual WAN NOK", "tightest limit, a route per spoke", "tightest limit, county ranges (as built)"], rows));
}

if (require.main === module) main();
