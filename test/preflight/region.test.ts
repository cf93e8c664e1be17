/**
 * The region-wide preflight rules (domain/preflight/across-stacks.ts): each
 * refuses an edit of the example region's captured previews, all stacks at
 * once, that Azure would refuse, and passes one just inside what Azure allows;
 * a platform file's `limits` takes effect; the example region itself has no
 * finding; and the summary the preview prints.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ACROSS_STACK_RULES, AZURE_LIMITS, effectiveLimits, FIREWALL_AND_QUOTA_RULES, PREFLIGHT_RULES, runRegionPreflight, summariseRegionCheck, type RegionCheck, type RegionRule } from "../../domain/preflight";
import { DEPLOY_IDENTITIES, type DeployIdentity } from "../../domain/azure/deploy-identities";
import { federatedCredentialsPerApp } from "../../domain/preflight/identities";
import { createPolicies } from "../../policies/pack";
import { ruleIdOf } from "../../policies/core/define";
import { environmentWithoutFiles } from "../../policies/core/environment";
import { REPO_ROOT } from "../../tenants/paths";
import { TODAY } from "../helpers/policy-cases";
import { previewFiles, type PreviewedRegion } from "../helpers/preview-fixture";
import { copies, setInputs, type Region, type RegionEdit, platformWithLimits } from "../helpers/region-edits";

const SUB = "00000000-0000-4000-8000-000000000000";
const LIMITS_PAGE = "https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits";

const VGW = "azure-native:network:VirtualNetworkGateway";
const CONNECTION = "azure-native:network:VirtualNetworkGatewayConnection";
const RCG = "azure-native:network:FirewallPolicyRuleCollectionGroup";
const PEERING = "azure-native:network:VirtualNetworkPeering";
const LINK = "azure-native:privatedns:VirtualNetworkLink";
const ROLE = "azure-native:authorization:RoleAssignment";
const ROUTE_TABLE = "azure-native:network:RouteTable";
const RG = "azure-native:resources:ResourceGroup";
const STORAGE = "azure-native:storage:StorageAccount";
const VAULT = "azure-native:keyvault:Vault";
const WATCHER = "azure-native:network:NetworkWatcher";
const ASSIGNMENT = "azure-native:authorization:PolicyAssignment";
const ACTION_GROUP = "azure-native:monitor:ActionGroup";
const DIAGNOSTICS = "azure-native:monitor:DiagnosticSetting";
const NORDREISA_SUB = "00000000-0000-4000-8000-000000005544";

interface RegionCase {
  readonly rule: string;
  readonly fails: string;
  readonly failing: RegionEdit;
  readonly passing: RegionEdit;
  readonly limits?: Readonly<Record<string, number>>;
  /** The rule set for the failing and the passing run, when the case is in a rule's design, not in a region edit. */
  readonly rules?: { readonly failing: readonly RegionRule[]; readonly passing: readonly RegionRule[] };
  /** The finding, exactly. */
  readonly finding: { stack: string; resource: string; azureName: string; message: string };
}

/** The design with the deploy identity trusting `n` credentials: the reader's and the rest of the rule set unchanged. */
const deployTrusting = (n: number): RegionRule[] => {
  const identities: DeployIdentity[] = DEPLOY_IDENTITIES.map((i) =>
    i.role === "deploy" ? { ...i, federatedCredentials: Array.from({ length: n }, (_, k) => ({ name: `github-environment-e${k}`, subject: (repo: string) => `repo:${repo}:environment:e${k}` })) } : i,
  );
  return ACROSS_STACK_RULES.map((r) => (r.id === "PF-52" ? federatedCredentialsPerApp(identities) : r));
};

const routes = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `r-${i}`, addressPrefix: `10.200.${Math.floor(i / 256)}.${i % 256}/32`, nextHopType: "None" }));

const CASES: readonly RegionCase[] = [
  {
    rule: "PF-31",
    fails: "puts 31 VPN connections on a VpnGw1AZ gateway",
    failing: copies("platform", CONNECTION, 22),
    passing: copies("platform", CONNECTION, 21),
    finding: {
      stack: "platform",
      resource: "hub-vpn",
      azureName: "vgw-grunnmur-prod-noe",
      message: `VPN connections on vgw-grunnmur-prod-noe: 31 (platform 31); Azure allows at most 30 site-to-site connections per VPN gateway of SKU VpnGw1(AZ)-VpnGw3(AZ) (${AZURE_LIMITS.vpnConnectionsVpnGw1To3.reference})`,
    },
  },
  {
    rule: "PF-31",
    fails: "puts 101 VPN connections on a VpnGw4AZ gateway",
    failing: (r) => copies("platform", CONNECTION, 92)(setInputs("platform", VGW, undefined, { sku: { name: "VpnGw4AZ", tier: "VpnGw4AZ" } })(r)),
    passing: (r) => copies("platform", CONNECTION, 22)(setInputs("platform", VGW, undefined, { sku: { name: "VpnGw4AZ", tier: "VpnGw4AZ" } })(r)),
    finding: {
      stack: "platform",
      resource: "hub-vpn",
      azureName: "vgw-grunnmur-prod-noe",
      message: `VPN connections on vgw-grunnmur-prod-noe: 101 (platform 101); Azure allows at most 100 site-to-site connections per VPN gateway of SKU VpnGw4(AZ)-VpnGw5(AZ) (${AZURE_LIMITS.vpnConnectionsVpnGw4To5.reference})`,
    },
  },
  {
    rule: "PF-32",
    fails: "gives a firewall policy 61 rule collection groups, one of them from a tenant stack",
    failing: (r) => copies("alta", RCG, 1, undefined, "platform")(copies("platform", RCG, 50)(r)),
    passing: copies("platform", RCG, 50),
    finding: {
      stack: "platform",
      resource: "hub-firewall-policy",
      azureName: "afwp-grunnmur-prod-noe",
      message: `rule collection groups in afwp-grunnmur-prod-noe: 61 (platform 60, alta 1); Azure allows at most 60 rule collection groups per firewall policy (${LIMITS_PAGE}#azure-firewall-limits)`,
    },
  },
  {
    rule: "PF-33",
    fails: "peers the hub 11 times where the platform file keeps the limit at 10",
    failing: (r) => r,
    passing: (r) => r,
    limits: { peerings: 10 },
    finding: {
      stack: "platform",
      resource: "hub",
      azureName: "vnet-grunnmur-hub-prod-noe",
      message: `peerings on vnet-grunnmur-hub-prod-noe: 11 (platform 2, alta 1, bardu 1, gamvik 1, kafjord 1, kvaenangen 1, nordreisa 1, senja 1, skjervoy 1, storfjord 1); the region allows at most 10 virtual network peerings per virtual network (limits.peerings in the platform file; Azure's own is 500) (${LIMITS_PAGE}#azure-networking-limits)`,
    },
  },
  {
    rule: "PF-33",
    fails: "peers the hub 501 times",
    failing: copies("alta", PEERING, 490, "spoke-from-hub"),
    passing: copies("alta", PEERING, 489, "spoke-from-hub"),
    finding: {
      stack: "platform",
      resource: "hub",
      azureName: "vnet-grunnmur-hub-prod-noe",
      message: `peerings on vnet-grunnmur-hub-prod-noe: 501 (platform 2, alta 491, bardu 1, gamvik 1, kafjord 1, kvaenangen 1, nordreisa 1, senja 1, skjervoy 1, storfjord 1); Azure allows at most 500 virtual network peerings per virtual network (${LIMITS_PAGE}#azure-networking-limits)`,
    },
  },
  {
    rule: "PF-34",
    fails: "links 1001 virtual networks to a private DNS zone",
    // Spokes link to no zone (docs/network-scale.md), so the copies are of the primary hub's link.
    failing: copies("platform", LINK, 999, "dns-automation-hub"),
    passing: copies("platform", LINK, 998, "dns-automation-hub"),
    finding: {
      stack: "platform",
      resource: "dns-automation",
      azureName: "privatelink.agentsvc.azure-automation.net",
      message: `virtual network links to privatelink.agentsvc.azure-automation.net: 1001 (platform 1001); Azure allows at most 1000 virtual network links per private DNS zone (https://learn.microsoft.com/azure/dns/private-dns-privatednszone#limits)`,
    },
  },
  {
    rule: "PF-35",
    fails: "has 4001 role assignments in the host's subscription",
    // A subscription-scoped assignment: the governance twins' identities hold theirs at management groups.
    failing: copies("platform", ROLE, 3886, "radius-kv-platform-eduroam-national-proxy-1-radius-1-key-vault-secrets-user"),
    passing: copies("platform", ROLE, 3885, "radius-kv-platform-eduroam-national-proxy-1-radius-1-key-vault-secrets-user"),
    finding: {
      stack: "region",
      resource: SUB,
      azureName: SUB,
      message: `role assignments in subscription ${SUB}: 4001 (platform 3937, alta 8, bardu 8, gamvik 8, kafjord 8, kvaenangen 8, senja 8, skjervoy 8, storfjord 8); Azure allows at most 4000 Azure role assignments per subscription (${LIMITS_PAGE}#azure-rbac-limits)`,
    },
  },
  {
    rule: "PF-36",
    fails: "gives a route table 401 routes",
    failing: setInputs("alta", ROUTE_TABLE, "spoke-endpoints", { routes: routes(401) }),
    passing: setInputs("alta", ROUTE_TABLE, "spoke-endpoints", { routes: routes(400) }),
    finding: {
      stack: "alta",
      resource: "spoke-endpoints",
      azureName: "rt-grunnmur-alta-prod-noe-endpoints",
      message: `routes in rt-grunnmur-alta-prod-noe-endpoints: 401 (alta 401); Azure allows at most 400 routes per route table (${LIMITS_PAGE}#azure-networking-limits)`,
    },
  },
  {
    rule: "PF-37",
    fails: "has 981 resource groups in the host's subscription",
    failing: copies("alta", RG, 948, "rg-data", undefined, (i) => ({ resourceGroupName: `rg-extra-${i}` })),
    passing: copies("alta", RG, 947, "rg-data", undefined, (i) => ({ resourceGroupName: `rg-extra-${i}` })),
    finding: {
      stack: "region",
      resource: SUB,
      azureName: SUB,
      message: `resource groups in subscription ${SUB}: 981 (platform 9, alta 951, bardu 3, gamvik 3, kafjord 3, kvaenangen 3, senja 3, skjervoy 3, storfjord 3); Azure allows at most 980 resource groups per subscription (${LIMITS_PAGE}#subscription-limits)`,
    },
  },
  {
    rule: "PF-38",
    fails: "gives two tenants' storage accounts the same name",
    failing: setInputs("bardu", STORAGE, undefined, { accountName: "staltatromso" }),
    passing: setInputs("bardu", STORAGE, undefined, { accountName: "staltatromso2" }),
    finding: {
      stack: "bardu",
      resource: "storage",
      azureName: "staltatromso",
      message:
        "storage account staltatromso is declared by 2 resources: alta storage, bardu storage, not only by alta storage; Azure allows one storage account of that name in all of Azure (https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftstorage)",
    },
  },
  {
    rule: "PF-39",
    fails: "declares the platform's key vault name again in a tenant stack",
    failing: copies("alta", VAULT, 1, undefined, "platform"),
    passing: (r) => setInputs("alta", VAULT, undefined, { vaultName: "kv-alta-grunnmur-prod" })(copies("alta", VAULT, 1, undefined, "platform")(r)),
    finding: {
      stack: "alta",
      resource: "platform-secrets-copy-0",
      azureName: "kv-tromso-grunnmur-prod",
      message:
        "key vault kv-tromso-grunnmur-prod is declared by 2 resources: platform platform-secrets, alta platform-secrets-copy-0, not only by platform platform-secrets; Azure allows one key vault of that name in all of Azure (https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftkeyvault)",
    },
  },
  {
    rule: "PF-40",
    fails: "gives two tenants in one subscription a resource group of the same name",
    failing: setInputs("bardu", RG, "rg-data", { resourceGroupName: "rg-grunnmur-alta-data-prod-noe" }),
    // Nordreisa deploys to its own subscription: the same name there is another resource group.
    passing: setInputs("nordreisa", RG, "rg-data", { resourceGroupName: "rg-grunnmur-alta-data-prod-noe" }),
    finding: {
      stack: "bardu",
      resource: "rg-data",
      azureName: "rg-grunnmur-alta-data-prod-noe",
      message:
        "resource group rg-grunnmur-alta-data-prod-noe is declared by 2 resources: alta rg-data, bardu rg-data, not only by alta rg-data; Azure allows one resource group of that name in a subscription (https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftresources)",
    },
  },
  {
    rule: "PF-41",
    fails: "declares a second Network Watcher for norwayeast in the host's subscription",
    failing: copies("alta", WATCHER, 1, "network-watcher-noe", "platform"),
    // Nordreisa's own subscription has its own (the example region already has it).
    passing: (r) => r,
    finding: {
      stack: "alta",
      resource: "network-watcher-noe-copy-0",
      azureName: "norwayeast",
      message:
        "Network Watcher norwayeast is declared by 2 resources: platform network-watcher-noe, alta network-watcher-noe-copy-0, not only by platform network-watcher-noe; Azure allows one Network Watcher of that name per region in a subscription (https://learn.microsoft.com/azure/network-watcher/network-watcher-overview)",
    },
  },
  {
    rule: "PF-53",
    fails: "assigns 201 policies at the region's management group",
    failing: copies("platform", ASSIGNMENT, 179, "policy-guardrails-st-01"),
    passing: copies("platform", ASSIGNMENT, 178, "policy-guardrails-st-01"),
    finding: {
      stack: "platform",
      resource: "management-groups-region",
      azureName: "management group tromso-grunnmur",
      message: `policy assignments at management group tromso-grunnmur: 201 (platform 201); Azure allows at most 200 Azure Policy assignments per scope (management group, subscription, resource group or resource) (${LIMITS_PAGE}#azure-policy-limits)`,
    },
  },
  {
    rule: "PF-53",
    fails: "assigns 201 policies at a municipality's own subscription",
    failing: copies("nordreisa", ASSIGNMENT, 201, "policy-guardrails-st-01", "platform", () => ({ scope: `/subscriptions/${NORDREISA_SUB}` })),
    passing: copies("nordreisa", ASSIGNMENT, 200, "policy-guardrails-st-01", "platform", () => ({ scope: `/subscriptions/${NORDREISA_SUB}` })),
    finding: {
      stack: "nordreisa",
      resource: NORDREISA_SUB,
      azureName: NORDREISA_SUB,
      message: `policy assignments in subscription ${NORDREISA_SUB}: 201 (nordreisa 201); Azure allows at most 200 Azure Policy assignments per scope (management group, subscription, resource group or resource) (${LIMITS_PAGE}#azure-policy-limits)`,
    },
  },
  {
    rule: "PF-54",
    fails: "puts 801 action groups in the platform's monitoring resource group",
    failing: copies("alta", ACTION_GROUP, 791, "ag-alta", "platform"),
    passing: copies("alta", ACTION_GROUP, 790, "ag-alta", "platform"),
    finding: {
      stack: "region",
      resource: "rg-grunnmur-monitoring-prod-noe",
      azureName: "rg-grunnmur-monitoring-prod-noe",
      message: `action groups in rg-grunnmur-monitoring-prod-noe in subscription ${SUB}: 801 (platform 10, alta 791); Azure allows at most 800 action groups per resource group (the resource group limit of 800 per resource type) (${AZURE_LIMITS.actionGroups.reference})`,
    },
  },
  {
    rule: "PF-55",
    fails: "gives a resource 6 diagnostic settings",
    failing: copies("alta", DIAGNOSTICS, 5),
    passing: copies("alta", DIAGNOSTICS, 4),
    finding: {
      stack: "alta",
      resource: "spoke",
      azureName: "vnet-grunnmur-alta-prod-noe",
      message: `diagnostic settings on vnet-grunnmur-alta-prod-noe: 6 (alta 6); Azure allows at most 5 diagnostic settings per resource (${AZURE_LIMITS.diagnosticSettings.reference})`,
    },
  },
  {
    rule: "PF-52",
    fails: "has the deploy identity trust 21 environments",
    failing: (r) => r,
    passing: (r) => r,
    rules: { failing: deployTrusting(21), passing: deployTrusting(20) },
    finding: {
      stack: "region",
      resource: "deploy identity",
      azureName: "grunnmur-<host>-deploy",
      message: `federated credentials on the deploy identity (domain/azure/deploy-identities.ts): 21 (${Array.from({ length: 21 }, (_, k) => `github-environment-e${k}`).join(", ")}); Azure allows at most 20 federated identity credentials per app registration (${AZURE_LIMITS.federatedCredentials.reference})`,
    },
  },
];

describe("the region preflight rules", () => {
  let previewed: PreviewedRegion;
  let region: Region;

  beforeAll(async () => {
    previewed = await previewFiles();
    region = [previewed.result.platform, ...previewed.result.tenants].map((r) => previewed.read(r.stack));
  }, 120_000);
  afterAll(() => previewed?.remove());

  const run = (edit: RegionEdit, limits?: Readonly<Record<string, number>>, rules: readonly RegionRule[] = ACROSS_STACK_RULES) => runRegionPreflight(edit(region), effectiveLimits(limits), rules);
  const table = CASES.map((c) => [c.rule, c.fails, c] as const);

  it.each(table)("%s refuses a region that %s, and says what Azure allows", (_rule, _fails, c) => {
    const { findings } = run(c.failing, c.limits, c.rules?.failing);
    const rule = ACROSS_STACK_RULES.find((r) => r.id === c.rule)!;
    expect(findings.map((f) => f.message)).toEqual([c.finding.message]);
    expect(findings[0]).toMatchObject({ rule: c.rule, ...c.finding, reference: rule.reference });
    expect(findings[0].value).not.toBe("");
    expect(findings[0].allowed).not.toBe("");
  });

  it.each(table)("%s passes the region without that (%s)", (_rule, _fails, c) => {
    expect(run(c.passing, undefined, c.rules?.passing).findings.map((f) => f.message)).toEqual([]);
  });

  it("takes the platform file's limits: a lower one finds what the table's would not", () => {
    expect(run((r) => r, { peerings: 11 }).findings).toEqual([]);
    expect(run((r) => r, { peerings: 10 }).findings.map((f) => f.rule)).toEqual(["PF-33"]);
    expect(run((r) => r, { "role-assignments": 100 }).findings.map((f) => `${f.rule} ${f.azureName}`)).toEqual([`PF-35 ${SUB}`]);
  });

  it("finds nothing in the example region, and counts what it uses", () => {
    const check = run((r) => r);
    expect(region.length).toBe(10);
    expect(check.findings).toEqual([]);
    expect(check.rules).toBe(ACROSS_STACK_RULES.length);
    expect(summariseRegionCheck(check)).toEqual([
      `Region preflight: 19 rules over all stacks, 0 findings; tightest limit: public IP addresses in subscription ${SUB} in norwayeast, 5 of 10 (50%)`,
      "  hub vnet-grunnmur-hub-prod-noe:",
      "    VPN connections on vgw-grunnmur-prod-noe: 9 of 30",
      "    rule collection groups in afwp-grunnmur-prod-noe: 10 of 60",
      "    peerings on vnet-grunnmur-hub-prod-noe: 11 of 500",
      "    routes in rt-grunnmur-hub-prod-noe-radius: 14 of 400 (busiest of 3)",
      "    unique source/destination pairs in the network rules of afwp-grunnmur-prod-noe: 63 of 20000",
      "  hub vnet-grunnmur-hub-prod-now:",
      "    peerings on vnet-grunnmur-hub-prod-now: 1 of 500",
      "    routes in rt-grunnmur-hub-prod-now-radius: 14 of 400 (busiest of 3)",
      `  subscription ${SUB} (platform, alta and 8 more):`,
      "    role assignments: 115 of 4000",
      "    resource groups: 33 of 980",
      "    action groups in rg-grunnmur-monitoring-prod-noe: 10 of 800",
      "    diagnostic settings on afw-grunnmur-prod-noe: 1 of 5 (busiest of 66)",
      "    network interfaces in norwayeast: 4 of 65536",
      "    public IP addresses in norwayeast: 5 of 10",
      "  subscription 00000000-0000-4000-8000-000000005544 (platform, nordreisa):",
      "    role assignments: 10 of 4000",
      "    resource groups: 5 of 980",
      "    diagnostic settings on nsg-grunnmur-nordreisa-prod-noe-endpoints: 1 of 5 (busiest of 14)",
      "    network interfaces in norwayeast: 7 of 65536",
      "    public IP addresses in norwayeast: 0 of 10",
      "  elsewhere in the region:",
      "    peerings on vnet-grunnmur-alta-prod-noe: 1 of 500 (busiest of 10)",
      "    virtual network links to privatelink.agentsvc.azure-automation.net: 2 of 1000 (busiest of 8)",
      "    routes in rt-grunnmur-alta-prod-noe-endpoints: 4 of 400 (busiest of 22)",
      "    policy assignments at management group tromso-grunnmur: 22 of 200 (busiest of 2)",
      "    federated credentials on the deploy identity: 2 of 20 (busiest of 2)",
    ]);
  });
});

describe("the region preflight's summary", () => {
  const limit = AZURE_LIMITS.peerings;
  const check: RegionCheck = {
    rules: 2,
    findings: [],
    usage: [
      { rule: "PF-33", limit, subject: "peerings on vnet-a", used: 5 },
      { rule: "PF-33", limit, subject: "peerings on vnet-b", used: 450 },
      { rule: "PF-31", limit: AZURE_LIMITS.vpnConnectionsVpnGw1To3, subject: "VPN connections on vgw-a", used: 3 },
    ],
  };

  it("groups what counts per hub and per subscription, hubs first, and names the subscription once", () => {
    const scoped: RegionCheck = {
      rules: 3,
      findings: [],
      usage: [
        { rule: "PF-35", limit: AZURE_LIMITS.roleAssignments, subject: "role assignments in subscription s-1", used: 40, scope: "subscription s-1 (platform)" },
        { rule: "PF-33", limit, subject: "peerings on vnet-hub", used: 12, scope: "hub vnet-hub" },
        { rule: "PF-33", limit, subject: "peerings on vnet-spoke", used: 1 },
        { rule: "PF-31", limit: AZURE_LIMITS.vpnConnectionsVpnGw1To3, subject: "VPN connections on vgw-a", used: 27, scope: "hub vnet-hub" },
      ],
    };
    expect(summariseRegionCheck(scoped)).toEqual([
      "Region preflight: 3 rules over all stacks, 0 findings; tightest limit: VPN connections on vgw-a, 27 of 30 (90%)",
      "  hub vnet-hub:",
      "    peerings on vnet-hub: 12 of 500",
      "    VPN connections on vgw-a: 27 of 30",
      "  subscription s-1 (platform):",
      "    role assignments: 40 of 4000",
      "  elsewhere in the region:",
      "    peerings on vnet-spoke: 1 of 500",
    ]);
  });

  it("gives one line for the region, with the tightest limit, and the busiest of each limit as N of M", () => {
    expect(summariseRegionCheck(check)).toEqual([
      "Region preflight: 2 rules over all stacks, 0 findings; tightest limit: peerings on vnet-b, 450 of 500 (90%)",
      "  peerings on vnet-b: 450 of 500 (busiest of 2)",
      "  VPN connections on vgw-a: 3 of 30",
    ]);
  });

  it("counts the findings, and says so when nothing was counted", () => {
    const finding = { rule: "PF-38", stack: "a", resource: "st", azureName: "st", value: "2", allowed: "1", reference: "r", message: "m" };
    expect(summariseRegionCheck({ rules: 11, findings: [finding], usage: [] })).toEqual(["Region preflight: 11 rules over all stacks, 1 finding"]);
  });

  it("names at most twelve stacks in a finding's count, then ten and how many more", () => {
    const peering = (stack: string, i: number) => ({
      stack,
      resources: [{ urn: `urn:${stack}:${i}`, type: "azure-native:network:VirtualNetworkPeering", name: `p${i}`, inputs: { resourceGroupName: "rg-hub", virtualNetworkName: "vnet-hub" } }],
    });
    const stacks = (n: number) => Array.from({ length: n }, (_, i) => peering(`k${String(i).padStart(2, "0")}`, i));
    const value = (n: number) => runRegionPreflight(stacks(n), effectiveLimits({ peerings: 1 }), ACROSS_STACK_RULES.filter((r) => r.id === "PF-33")).findings[0].value;
    expect(value(12)).toBe(`12 (${Array.from({ length: 12 }, (_, i) => `k${String(i).padStart(2, "0")} 1`).join(", ")})`);
    expect(value(13)).toBe(`13 (${Array.from({ length: 10 }, (_, i) => `k${String(i).padStart(2, "0")} 1`).join(", ")} and 3 more stacks)`);
  });

  it("turns a rule that crashes into a finding", () => {
    const broken = { id: "PF-99", name: "broken", summary: "Crashes.", reference: "https://learn.microsoft.com/", check: () => { throw new Error("boom"); } };
    expect(runRegionPreflight([], effectiveLimits(), [broken]).findings.map((f) => `${f.rule} ${f.stack}`)).toEqual(["PF-99 region"]);
  });
});

describe("the region preflight rules' metadata", () => {
  it("gives every rule a PF id and name of its own, apart from the per-stack rules' and the policies'", () => {
    const policyIds = createPolicies(environmentWithoutFiles(TODAY)).map((p) => ruleIdOf(p));
    const ids = [...PREFLIGHT_RULES, ...ACROSS_STACK_RULES].map((r) => r.id);
    const names = [...PREFLIGHT_RULES, ...ACROSS_STACK_RULES].map((r) => r.name);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    expect(ACROSS_STACK_RULES.map((r) => r.id).filter((id) => policyIds.includes(id))).toEqual([]);
    for (const rule of ACROSS_STACK_RULES) {
      expect(rule.id).toMatch(/^PF-\d{2}$/);
      expect(rule.reference).toMatch(/^https:\/\/learn\.microsoft\.com\//);
      expect(rule.summary).toMatch(/\.$/);
    }
  });

  it("has a failing and a passing case for every rule (here, or in firewall-and-quotas.test.ts for those rules)", () => {
    const here = ACROSS_STACK_RULES.filter((r) => !FIREWALL_AND_QUOTA_RULES.includes(r));
    expect(here.map((r) => r.id).filter((id) => !CASES.some((c) => c.rule === id))).toEqual([]);
  });

  it("lists every rule in the README's preflight table with its reference", () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    const missing = ACROSS_STACK_RULES.filter((r) => !readme.split("\n").some((line) => line.startsWith(`| ${r.id} |`) && line.includes(`\`${r.name}\``) && line.includes(r.reference)));
    expect(missing.map((r) => r.id)).toEqual([]);
  });

  it("cites a Microsoft Learn page for every limit", () => {
    for (const l of Object.values(AZURE_LIMITS)) expect([l.key, l.reference]).toEqual([l.key, expect.stringMatching(/^https:\/\/learn\.microsoft\.com\//)]);
  });
});

describe("the platform file's limits", () => {
  const withLimits = platformWithLimits;

  it("takes a lower limit", () => {
    const load = withLimits("  peerings: 400\n");
    expect(load.diagnostics).toEqual([]);
    expect(load.platform?.spec.limits).toEqual({ peerings: 400 });
  });

  it("refuses a key the table does not know, one above a limit Azure does not raise, and one not above 0, naming the field", () => {
    const load = withLimits("  peering: 400\n  routes: 401\n  role-assignments: 0\n");
    const messages = load.diagnostics.map((d) => `${path.basename(d.file)} ${d.path.join(".")}: ${d.message}`).sort();
    expect(messages).toEqual([
      `platform.yaml limits.peering: is not a limit grunnmur knows; the limits are ${Object.values(AZURE_LIMITS).map((l) => l.key).join(", ")}`,
      "platform.yaml limits.role-assignments: must be a whole number above 0",
      `platform.yaml limits.routes: is 401, above Azure's 400 routes per route table, which Azure does not raise on request (${LIMITS_PAGE}#azure-networking-limits); set it at most 400, or leave it out`,
    ]);
  });
});
