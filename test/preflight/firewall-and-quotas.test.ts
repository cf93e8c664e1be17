/**
 * The region rules on the firewall policy's network rules and on a
 * subscription's NICs, public IPs and vCPUs per region
 * (domain/preflight/firewall-and-quotas.ts), in the style of region.test.ts:
 * each refuses an edit of the example region's captured previews that Azure
 * would refuse and passes one just inside; the platform file's limits take
 * effect; and the example region passes.
 */
import { ACROSS_STACK_RULES, effectiveLimits, FIREWALL_AND_QUOTA_RULES, runRegionPreflight, VCPUS_PER_SIZE } from "../../domain/preflight";
import { previewFiles, type PreviewedRegion } from "../helpers/preview-fixture";
import { all, copies, setInputs, type Region, type RegionEdit, platformWithLimits } from "../helpers/region-edits";

const SUB = "00000000-0000-4000-8000-000000000000";
/** Nordreisa's own subscription, where its servers run. */
const NORDREISA = "00000000-0000-4000-8000-000000005544";
const LIMITS_PAGE = "https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits";
const QUOTAS_PAGE = "https://learn.microsoft.com/azure/virtual-machines/quotas";

const RCG = "azure-native:network:FirewallPolicyRuleCollectionGroup";
const NIC = "azure-native:network:NetworkInterface";
const PIP = "azure-native:network:PublicIPAddress";
const VM = "azure-native:compute:VirtualMachine";

/** `n` distinct addresses, none of them the example region's. */
const ips = (n: number, octet: number) => Array.from({ length: n }, (_, i) => `172.${octet}.${Math.floor(i / 256)}.${i % 256}`);

const networkRule = (name: string, sourceAddresses: string[], destinationAddresses: string[]) => ({
  ruleType: "NetworkRule",
  name,
  sourceAddresses,
  destinationAddresses,
  // Ports and protocols are not part of what the limit counts.
  destinationPorts: ["53", "443", "1812-1813"],
  ipProtocols: ["TCP", "UDP"],
});

/**
 * The isolation group's rules replaced by ones with 19,900 + `extra` unique
 * pairs, written with a repeated address (counted once), beside a DNAT and an
 * application collection with many addresses, which are not network rules.
 */
const isolationWithPairs = (extra: number): RegionEdit =>
  setInputs("platform", RCG, "hub-firewall-rcg-isolation", {
    ruleCollections: [
      {
        ruleCollectionType: "FirewallPolicyFilterRuleCollection",
        name: "many",
        priority: 100,
        action: { type: "Deny" },
        rules: [networkRule("wide", [...ips(100, 16), ...ips(100, 16)], ips(199, 17)), networkRule("narrow", ips(1, 18), ips(extra, 19))],
      },
      {
        ruleCollectionType: "FirewallPolicyNatRuleCollection",
        name: "dnat",
        priority: 200,
        action: { type: "DNAT" },
        rules: [{ ruleType: "NatRule", name: "in", sourceAddresses: ips(500, 20), destinationAddresses: ["203.0.113.10"], destinationPorts: ["443"], ipProtocols: ["TCP"], translatedAddress: "10.95.1.10", translatedPort: "443" }],
      },
      {
        ruleCollectionType: "FirewallPolicyFilterRuleCollection",
        name: "web",
        priority: 300,
        action: { type: "Allow" },
        rules: [{ ruleType: "ApplicationRule", name: "web", sourceAddresses: ips(500, 21), targetFqdns: ["*.example.org"], protocols: [{ protocolType: "Https", port: 443 }] }],
      },
    ],
  });

/** An inline NIC on a VM, with a public IP of its own: Azure creates both. */
const inlineNic = setInputs("platform", VM, "radius-1", {
  networkProfile: { networkInterfaceConfigurations: [{ name: "extra-nic", ipConfigurations: [{ name: "ipconfig", publicIPAddressConfiguration: { name: "extra-pip" } }] }] },
});

const vmSize = (vmSize: string) => ({ hardwareProfile: { vmSize } });

interface QuotaCase {
  readonly rule: string;
  readonly fails: string;
  readonly failing: RegionEdit;
  readonly passing: RegionEdit;
  /** The platform file's limits, for both edits. */
  readonly limits?: Readonly<Record<string, number>>;
  readonly finding: { stack: string; resource: string; azureName: string; message: string };
}

const CASES: readonly QuotaCase[] = [
  {
    rule: "PF-42",
    fails: "gives the firewall policy's network rules 20,001 unique source/destination pairs, one from a tenant stack",
    // The example region's own rules have 60 pairs; alta's copy of the isolation group adds 1.
    failing: all(copies("alta", RCG, 1, "hub-firewall-rcg-isolation", "platform"), isolationWithPairs(38)),
    passing: all(copies("alta", RCG, 1, "hub-firewall-rcg-isolation", "platform"), isolationWithPairs(37)),
    finding: {
      stack: "platform",
      resource: "hub-firewall-policy",
      azureName: "afwp-grunnmur-prod-noe",
      message: `unique source/destination pairs in the network rules of afwp-grunnmur-prod-noe: 20001 (platform 20000, alta 1); Azure allows at most 20000 unique source/destination pairs in the network rules of a firewall policy (${LIMITS_PAGE}#azure-firewall-limits)`,
    },
  },
  {
    rule: "PF-43",
    fails: "has 65,537 network interfaces in the host's subscription in norwayeast, one of them inline on a VM",
    // Senja's ePhorte server has the one workload NIC of a tenant stack here (the portal's is the platform's).
    failing: all(copies("alta", NIC, 65532, "radius-1-nic", "platform"), inlineNic),
    passing: all(copies("alta", NIC, 65531, "radius-1-nic", "platform"), inlineNic),
    finding: {
      stack: "region",
      resource: SUB,
      azureName: SUB,
      message: `network interfaces in subscription ${SUB} in norwayeast: 65537 (platform 4, alta 65532, senja 1); Azure allows at most 65536 network interfaces per region in a subscription (${LIMITS_PAGE}#azure-networking-limits)`,
    },
  },
  {
    rule: "PF-44",
    fails: "has 11 public IP addresses in the host's subscription in norwayeast, one of them on a VM's inline NIC",
    failing: all(copies("alta", PIP, 5, "hub-vpn-pip", "platform"), inlineNic),
    passing: all(copies("alta", PIP, 4, "hub-vpn-pip", "platform"), inlineNic),
    finding: {
      stack: "region",
      resource: SUB,
      azureName: SUB,
      message: `public IP addresses in subscription ${SUB} in norwayeast: 11 (platform 6, alta 5); Azure allows at most 10 public IP addresses per region in a subscription (${LIMITS_PAGE}#publicip-address)`,
    },
  },
  {
    rule: "PF-44",
    fails: "has 1001 public IP addresses where the platform file states the subscription's 1000 (an Enterprise Agreement's default)",
    failing: copies("alta", PIP, 996, "hub-vpn-pip", "platform"),
    passing: copies("alta", PIP, 995, "hub-vpn-pip", "platform"),
    limits: { "public-ip-addresses": 1000 },
    finding: {
      stack: "region",
      resource: SUB,
      azureName: SUB,
      message: `public IP addresses in subscription ${SUB} in norwayeast: 1001 (platform 5, alta 996); the region allows at most 1000 public IP addresses per region in a subscription (limits.public-ip-addresses in the platform file; Azure's own is 10) (${LIMITS_PAGE}#publicip-address)`,
    },
  },
  {
    rule: "PF-45",
    fails: "has VMs of 24 vCPUs in the host's subscription in norwayeast where the platform file states a quota of 23",
    // Standard_B2s (2), Standard_B8ms (8) and the portal's Standard_D2s_v5 (2) in the platform, Standard_B8ms (8) in alta, senja's Standard_D4s_v5 (4);
    // Nordreisa's own subscription has 18, inside the quota.
    failing: all(setInputs("platform", VM, "radius-2", vmSize("Standard_B8ms")), copies("alta", VM, 1, "radius-1", "platform", () => vmSize("Standard_B8ms"))),
    passing: all(setInputs("platform", VM, "radius-2", vmSize("Standard_B8ms")), copies("alta", VM, 1, "radius-1", "platform", () => vmSize("Standard_B4ms"))),
    limits: { vcpus: 23 },
    finding: {
      stack: "region",
      resource: SUB,
      azureName: SUB,
      message: `vCPUs of virtual machines in subscription ${SUB} in norwayeast: 24 (platform 12, alta 8, senja 4); Azure allows at most 23 vCPUs of virtual machines per region in a subscription (Total Regional vCPUs) (limits.vcpus in the platform file, the subscription's quota) (${QUOTAS_PAGE})`,
    },
  },
  {
    rule: "PF-45",
    fails: "has a VM of a size whose vCPUs the table does not know, where the platform file states a vCPU quota",
    failing: setInputs("platform", VM, "radius-2", vmSize("Standard_F2s_v2")),
    // Azure takes the size in any case.
    passing: setInputs("platform", VM, "radius-2", vmSize("standard_b2s_v2")),
    limits: { vcpus: 100 },
    finding: {
      stack: "platform",
      resource: "radius-2",
      azureName: "vm-rad-grunnmur-prod-noe-2",
      message: `VirtualMachine vm-rad-grunnmur-prod-noe-2: hardwareProfile.vmSize is "Standard_F2s_v2", a size whose vCPUs grunnmur's table does not know, so the vCPUs in subscription ${SUB} in norwayeast cannot be counted against limits.vcpus (100) in the platform file; use a size the table knows (Standard_${Object.keys(VCPUS_PER_SIZE).map((k) => k.replace(/^Standard_/, "")).join(", ")}) or add this one to VCPUS_PER_SIZE in domain/preflight/firewall-and-quotas.ts with its vCPUs from Microsoft Learn (${QUOTAS_PAGE})`,
    },
  },
];

const OURS = FIREWALL_AND_QUOTA_RULES.map((r) => r.id);

describe("the firewall policy and subscription quota rules", () => {
  let previewed: PreviewedRegion;
  let region: Region;

  beforeAll(async () => {
    previewed = await previewFiles();
    region = [previewed.result.platform, ...previewed.result.tenants].map((r) => previewed.read(r.stack));
  }, 120_000);
  afterAll(() => previewed?.remove());

  const run = (edit: RegionEdit, limits?: Readonly<Record<string, number>>) => runRegionPreflight(edit(region), effectiveLimits(limits));
  const table = CASES.map((c) => [c.rule, c.fails, c] as const);

  it.each(table)("%s refuses a region that %s, and says what Azure allows", (_rule, _fails, c) => {
    const { findings } = run(c.failing, c.limits);
    const rule = ACROSS_STACK_RULES.find((r) => r.id === c.rule)!;
    expect(findings.map((f) => f.message)).toEqual([c.finding.message]);
    expect(findings[0]).toMatchObject({ rule: c.rule, ...c.finding, reference: rule.reference });
    expect(findings[0].value).not.toBe("");
    expect(findings[0].allowed).not.toBe("");
  });

  it.each(table)("%s passes the region without that (%s)", (_rule, _fails, c) => {
    expect(run(c.passing, c.limits).findings.map((f) => f.message)).toEqual([]);
  });

  it("counts a subscription's NICs and public IPs per region, and each subscription apart", () => {
    const elsewhere = (stack: string, location: string) => copies(stack, PIP, 6, "hub-vpn-pip", "platform", () => ({ location }));
    expect(run(elsewhere("alta", "norwayeast")).findings.map((f) => f.rule)).toEqual(["PF-44"]);
    expect(run(elsewhere("alta", "norwaywest")).findings).toEqual([]);
    // Nordreisa deploys to a subscription of its own.
    const inNordreisa: RegionEdit = (r) =>
      elsewhere("nordreisa", "norwayeast")(r).map((s) => (s.stack === "nordreisa" ? { ...s, resources: s.resources.map((x) => (x.type === PIP ? { ...x, id: null, provider: s.resources.find((y) => y.provider?.subscriptionId)?.provider ?? null } : x)) } : s));
    const nordreisa = inNordreisa(region).find((s) => s.stack === "nordreisa")!;
    expect(nordreisa.resources.filter((x) => x.type === PIP).every((x) => x.provider?.subscriptionId && x.provider.subscriptionId !== SUB)).toBe(true);
    expect(run(inNordreisa).findings).toEqual([]);
  });

  it("counts vCPUs only where the platform file states the subscription's quota", () => {
    const many = copies("alta", VM, 100, "radius-1", "platform", () => vmSize("Standard_D64s_v5"));
    expect(run(many).findings).toEqual([]);
    expect(run(many).usage.filter((u) => u.rule === "PF-45")).toEqual([]);
    expect(run(many, { vcpus: 1000 }).findings.map((f) => f.rule)).toEqual(Array.from({ length: 100 }, () => "PF-45"));
  });

  it("takes the platform file's limits: a lower one finds what Azure's would not", () => {
    expect(run((r) => r, { "public-ip-addresses": 5 }).findings).toEqual([]);
    expect(run((r) => r, { "public-ip-addresses": 4 }).findings.map((f) => `${f.rule} ${f.azureName}`)).toEqual([`PF-44 ${SUB}`]);
    expect(run((r) => r, { "firewall-network-rule-pairs": 62 }).findings.map((f) => `${f.rule} ${f.azureName}`)).toEqual(["PF-42 afwp-grunnmur-prod-noe"]);
    expect(run((r) => r, { vcpus: 3 }).findings.map((f) => `${f.rule} ${f.value}`)).toEqual(["PF-45 10 (platform 6, senja 4)", "PF-45 18 (nordreisa 18)"]);
  });

  it("finds nothing in the example region, and counts what it uses", () => {
    const check = run((r) => r);
    expect(check.findings).toEqual([]);
    expect(check.usage.filter((u) => OURS.includes(u.rule)).map((u) => `${u.rule} ${u.subject}: ${u.used} of ${u.limit.value}`)).toEqual([
      "PF-42 unique source/destination pairs in the network rules of afwp-grunnmur-prod-noe: 63 of 20000",
      `PF-43 network interfaces in subscription ${SUB} in norwayeast: 4 of 65536`,
      `PF-43 network interfaces in subscription ${NORDREISA} in norwayeast: 7 of 65536`,
      `PF-44 public IP addresses in subscription ${SUB} in norwayeast: 5 of 10`,
      `PF-44 public IP addresses in subscription ${NORDREISA} in norwayeast: 0 of 10`,
    ]);
    expect(run((r) => r, { vcpus: 8 }).usage.filter((u) => u.rule === "PF-45").map((u) => `${u.subject}: ${u.used} of ${u.limit.value}`)).toEqual([
      `vCPUs of virtual machines in subscription ${SUB} in norwayeast: 10 of 8`,
      `vCPUs of virtual machines in subscription ${NORDREISA} in norwayeast: 18 of 8`,
    ]);
  });

  it("has a failing and a passing case for every one of these rules", () => {
    expect(OURS.filter((id) => !CASES.some((c) => c.rule === id))).toEqual([]);
    expect(OURS.every((id) => /^PF-4\d$/.test(id))).toBe(true);
  });
});

describe("the platform file's limits for these rules", () => {
  const withLimits = platformWithLimits;

  it("takes a vCPU quota, which has no default, and public IPs above Azure's default, which Azure raises on request", () => {
    const load = withLimits("  vcpus: 40\n  public-ip-addresses: 1000\n");
    expect(load.diagnostics).toEqual([]);
    expect(load.platform?.spec.limits).toEqual({ vcpus: 40, "public-ip-addresses": 1000 });
  });

  it("refuses more network interfaces or firewall pairs than Azure allows, since Azure does not raise them", () => {
    const load = withLimits("  network-interfaces: 65537\n  firewall-network-rule-pairs: 20001\n");
    const messages = load.diagnostics.map((d) => `${d.path.join(".")}: ${d.message}`).sort();
    expect(messages).toEqual([
      `limits.firewall-network-rule-pairs: is 20001, above Azure's 20000 unique source/destination pairs in the network rules of a firewall policy, which Azure does not raise on request (${LIMITS_PAGE}#azure-firewall-limits); set it at most 20000, or leave it out`,
      `limits.network-interfaces: is 65537, above Azure's 65536 network interfaces per region in a subscription, which Azure does not raise on request (${LIMITS_PAGE}#azure-networking-limits); set it at most 65536, or leave it out`,
    ]);
  });
});
