/**
 * Synthetic but valid regions for the benchmark: N municipalities across the
 * real counties, with varied services, sites, shares and Wi-Fi, and a tenant
 * pool sized to fit. Identifiers are valid in form only.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { stringify } from "yaml";
import { orgnrCheckDigit } from "../../tenants/validation/identifiers";
import { suggestedHubs, syntheticKommunenummer } from "./municipalities";

function orgnr(seed: number): string {
  for (let n = 930000000 + seed * 100; ; n += 1) {
    const first8 = String(n).slice(0, 8);
    const check = orgnrCheckDigit(first8);
    if (check !== undefined) return `${first8}${check}`;
  }
}

/**
 * The i-th documentation address (RFC 5737), as a site's VPN endpoint: the example
 * platform file allows them (network.onPremises.allowDocumentationAddresses), and
 * no real address is used. 192.0.2.1-20 are left to the national proxies.
 */
function endpoint(i: number): string {
  const blocks: Array<[string, number, number]> = [["198.51.100", 1, 254], ["203.0.113", 1, 254], ["192.0.2", 21, 254]];
  let rest = i;
  for (const [prefix, first, last] of blocks) {
    if (rest <= last - first) return `${prefix}.${first + rest}`;
    rest -= last - first + 1;
  }
  throw new Error(`site ${i + 1} has no documentation address left; a synthetic region holds at most 742 sites`);
}

/** About ten servers per municipality, as the seeds' inventories have them: mostly Windows, one Linux, one planned. */
function syntheticSystems(i: number, secure: boolean): Record<string, unknown> {
  const window = (day: string, start: string) => ({ day, start });
  const vm = (size: string, image: string, state: string, day: string, extra: Record<string, unknown> = {}) => ({ size, image, patchWindow: window(day, "02:00"), state, ...extra });
  const disk = (sizeGb: number) => ({ dataDisks: { data: { lun: 0, sizeGb } } });
  const hosted = (name: string, zone: string, vms: Record<string, unknown>, more: Record<string, unknown> = {}) => ({ name, vendor: "Synthetic", runsOn: "local-datacentre", ...more, hosting: { zone, vms } });
  return {
    ad: hosted("Domain controllers", "general", { dc1: vm("Standard_B2ms", "windows-server-2022", "running", "Tuesday"), dc2: vm("Standard_B2ms", "windows-server-2022", "running", "Wednesday") }),
    print: hosted("Print server", "general", { print1: vm("Standard_B2ms", "windows-server-2022", "migrating", "Tuesday") }, { dependsOn: ["ad"] }),
    economy: hosted("Economy and payroll", "general", { app: vm("Standard_D4s_v5", "windows-server-2022", "migrating", "Sunday"), db: vm("Standard_E4s_v5", "windows-server-2022", "migrating", "Sunday", disk(256 + (i % 4) * 64)) }, { dependsOn: ["ad"] }),
    archive: hosted("Case and archive", "general", { app: vm("Standard_D2s_v5", "windows-server-2025", "running", "Saturday") }),
    gis: hosted("Map server", "general", { map1: vm("Standard_D2s_v5", "ubuntu-24.04", "running", "Thursday") }),
    health: hosted("Care records", secure ? "secure" : "general", { app: vm("Standard_D4s_v5", "windows-server-2022", "migrating", "Sunday"), db: vm("Standard_E4s_v5", "rhel-9", "migrating", "Sunday", disk(256)) }, { sensitive: secure }),
    technical: hosted("Technical services", "general", { app: vm("Standard_D2s_v5", "windows-server-2022", "planned", "Saturday") }),
  };
}

/** Site-to-site tunnels per gateway (learn.microsoft.com/azure/vpn-gateway/about-gateway-skus): 30 up to VpnGw3AZ, 100 for VpnGw4AZ and VpnGw5AZ. */
export function vpnSkuFor(tunnels: number): string {
  return tunnels <= 30 ? "VpnGw1AZ" : tunnels <= 100 ? "VpnGw4AZ" : "VpnGw5AZ";
}

/**
 * The hubs of a synthetic region: the layout `suggestedHubs` gives (one hub up to
 * 50 municipalities, then hubs by county, none above 50 with two sites each), with
 * address spaces of their own and each gateway's SKU from its tunnels.
 */
export function syntheticHubs(kommunenummer: readonly string[], count: number): string {
  const hubs = Object.entries(suggestedHubs(count).network.hubs ?? {});
  if (hubs.length === 0) return "";
  const tunnels = (counties: readonly string[]) => SITES_PER_MUNICIPALITY * kommunenummer.filter((k) => counties.includes(k.slice(0, 2))).length;
  const shared = (i: number) => (sharedSubscriptions(count) ? `      tenantSubscriptionId: "${hubTenantSubscriptionId(i + 1)}"\n` : "");
  const text = hubs
    .map(([key, hub], i) => `    ${key}:\n      addressSpace: 10.94.${i * 4}.0/22\n      counties: [${hub.counties.map((c) => `"${c}"`).join(", ")}]\n      vpnGatewaySku: ${vpnSkuFor(tunnels(hub.counties))}\n${shared(i)}`)
    .join("");
  return `  hubs:\n${text}`;
}

/** Two sites each, as the issue's regions have: a town hall and a school. */
export const SITES_PER_MUNICIPALITY = 2;

/**
 * Above 300 municipalities, each hub (the primary too) has a shared tenant
 * subscription (network.hub(s).tenantSubscriptionId), as a region that size
 * must: one subscription holds 980 resource groups (domain/preflight/limits.ts)
 * and 4,000 role assignments
 * (https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#azure-rbac-limits),
 * and each municipality takes four groups and ten assignments; a hub serves at
 * most 50 (suggestedHubs). The i-th hub's id, the primary's 0.
 */
export const SHARED_SUBSCRIPTIONS_ABOVE = 300;
export const hubTenantSubscriptionId = (i: number) => `20000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
const sharedSubscriptions = (count: number) => count > SHARED_SUBSCRIPTIONS_ABOVE;

export function writeSyntheticRegion(dir: string, count: number, examplePlatformFile: string): { tenantsDir: string; platformFile: string; slugs: string[] } {
  const tenantsDir = path.join(dir, "tenants");
  fs.mkdirSync(tenantsDir, { recursive: true });
  // The host is 5501 (platform.yaml host.member), whose identifiers no tenant may take: its synthetic twin is 5599.
  const numbers = syntheticKommunenummer(count).map((k) => (k === "5501" ? "5599" : k));
  const counties = [...new Set(numbers.map((k) => k.slice(0, 2)))].sort();
  const slugOf = (i: number) => `k${numbers[i]}`;
  // Each synthetic municipality's domain is registered to it, as the regional team would.
  const registry = Array.from({ length: count }, (_, i) => `  ${slugOf(i)}: [${slugOf(i)}.kommune.no]\n`).join("");
  const hubs = syntheticHubs(numbers, count);
  const claimed = new Set(Object.values(suggestedHubs(count).network.hubs ?? {}).flatMap((h) => h.counties));
  const mainTunnels = SITES_PER_MUNICIPALITY * numbers.filter((k) => !claimed.has(k.slice(0, 2))).length;
  const platformText = fs
    .readFileSync(examplePlatformFile, "utf8")
    .replace(/cidr: 10\.96\.0\.0\/15/, "cidr: 10.96.0.0/12")
    .replace(/counties: \[[^\]]*\]/, `counties: [${counties.map((c) => `"${c}"`).join(", ")}]`)
    .replace(/^domains:\n/m, `domains:\n${registry}`)
    .replace(/^  drHub:\n/m, `${hubs}  drHub:\n`)
    // The primary hub takes the counties no other hub lists; its gateway is sized for them too.
    .replace(/^(  hub:\n(?:    .*\n)*?    vpnGatewaySku: )\S+/m, `$1${vpnSkuFor(mainTunnels)}`)
    .replace(/^(  hub:\n(?:    .*\n)*?    vpnGatewaySku: \S+\n)/m, sharedSubscriptions(count) ? `$1    tenantSubscriptionId: "${hubTenantSubscriptionId(0)}"\n` : "$1")
    // Each hub adds public addresses (firewall, VPN gateway); the default quota of 10 a region is raised on request,
    // as a region of several hubs would have done (limits.ts publicIpAddresses).
    .concat(hubs ? "\nlimits:\n  public-ip-addresses: 100\n" : "");
  const platformFile = path.join(dir, "platform.yaml");
  fs.writeFileSync(platformFile, platformText);
  const slugs: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const kommunenummer = numbers[i];
    const slug = slugOf(i);
    const domain = `${slug}.kommune.no`;
    const services = ["storage", "backup", ...(i % 3 === 0 ? ["wifi"] : []), ...(i % 4 === 0 ? ["secure-zone"] : []), ...(i % 5 === 0 ? ["exam-zone"] : [])];
    const site = `172.${16 + Math.floor(i / 128)}.${(i % 128) * 2}.0/24`;
    const school = `172.${16 + Math.floor(i / 128)}.${(i % 128) * 2 + 1}.0/24`;
    const tenant: Record<string, unknown> = {
      slug,
      displayName: `Kommune ${kommunenummer}`,
      kommunenummer,
      organisasjonsnummer: orgnr(i),
      population: 1000 + ((i * 7919) % 60000),
      costCentre: "1100",
      contacts: [{ name: "Synthetic Contact", role: "IT lead", email: `it@${domain}` }],
      services,
      sites: { radhus: { publicIp: endpoint(2 * i), prefixes: [site] }, skole: { publicIp: endpoint(2 * i + 1), prefixes: [school] } },
      storage: { shares: Object.fromEntries(Array.from({ length: 1 + (i % 3) }, (_, j) => [`share-${j + 1}`, { quotaGb: 50 * (j + 1) }])) },
      backup: { tier: i % 2 === 0 ? "standard" : "extended", estimatedGb: 100 + i },
      budget: { monthlyNok: 5000 + i * 10, alertRecipients: [`it@${domain}`] },
    };
    const secure = services.includes("secure-zone");
    tenant.network = { zones: { ...(secure ? { secure: { size: "/26" } } : {}), ...(services.includes("exam-zone") ? { exam: { allowedEgress: ["eksamen.udir.no"] } } : {}) } };
    tenant.systems = syntheticSystems(i, secure);
    if (services.includes("wifi")) {
      tenant.wifi = {
        realm: domain,
        vlan: 100 + (i % 3000),
        accessPoints: { wlc: { address: site.replace(/0\/24$/, "10") } },
        userBackend: { kind: "ldap", server: `ldaps.${domain}`, baseDn: "OU=Users,DC=example,DC=no", bindDn: "CN=svc,DC=example,DC=no", bindPassword: { keyVaultSecret: `${slug}-ldap` } },
      };
    }
    fs.writeFileSync(path.join(tenantsDir, `${slug}.yaml`), stringify(tenant));
    slugs.push(slug);
  }
  return { tenantsDir, platformFile, slugs };
}
