import { estimateCosts } from "../../domain/cost/estimate";
import { DEFAULT_ASSUMPTIONS, HOURS_PER_MONTH, metersFor } from "../../domain/cost/meters";
import type { StackPreview } from "../../scripts/preview/preview-file";
import { platformSchema } from "../../tenants/schema/platform";
import { basePlatform } from "../helpers/region-fixture";

const ctx = { assumptions: DEFAULT_ASSUMPTIONS, tenantCount: 4 };

/** A resource in the preview shape, with only what the cost model reads. */
function resource(type: string, name: string, inputs: Record<string, unknown>): StackPreview["resources"][number] {
  return { urn: `urn:${name}`, type, name, custom: true, parent: null, id: null, inputs, options: { protect: false, retainOnDelete: false, dependsOn: [], ignoreChanges: [], replaceOnChanges: [], deleteBeforeReplace: false, aliases: [] } };
}

describe("what each resource consumes", () => {
  it.each<[string, Record<string, unknown>, Array<{ item: string; quantity: number }>]>([
    ["azure-native:network:AzureFirewall", { sku: { tier: "Standard" } }, [{ item: "firewall-standard", quantity: HOURS_PER_MONTH }, { item: "firewall-data", quantity: 200 }]],
    ["azure-native:network:VirtualNetworkGateway", { sku: { name: "VpnGw1AZ" } }, [{ item: "vpn-gateway-vpngw1az", quantity: HOURS_PER_MONTH }]],
    ["azure-native:compute:VirtualMachine", { hardwareProfile: { vmSize: "Standard_B2s" } }, [{ item: "vm-b2s", quantity: HOURS_PER_MONTH }]],
    ["azure-native:storage:FileShare", { shareQuota: 500 }, [{ item: "files-transaction-optimized", quantity: 500 }]],
    ["azure-native:operationalinsights:Workspace", {}, [{ item: "log-ingestion", quantity: 28 }]],
    ["azure-native:network:VirtualNetwork", {}, []],
  ])("%s", (type, inputs, expected) => {
    expect(metersFor({ type, inputs }, ctx)).toEqual(expected);
  });

  it("spreads the tenant's stated backup volume over its protected shares", () => {
    expect(metersFor({ type: "azure-native:recoveryservices:ProtectedItem", inputs: {} }, { ...ctx, backupGb: 900, protectedShares: 2 })).toEqual([
      { item: "backup-instance", quantity: 1 },
      { item: "backup-storage-grs", quantity: 450 },
    ]);
  });
});

describe("the region's cost estimate", () => {
  const platform = platformSchema.parse({
    ...basePlatform(),
    prices: {
      date: "2026-11-01",
      source: "test",
      exchangeRate: { from: "USD", nokPerUnit: 10 },
      items: { "vm-b2s": { description: "Linux VM", unit: "hour", nok: 1 }, "files-transaction-optimized": { description: "Azure Files", unit: "gb-month", nok: 1 } },
    },
  });
  const previews = {
    platform: { stack: "platform", generatedBy: "test", outputs: {}, resources: [resource("azure-native:compute:VirtualMachine", "radius-1", { hardwareProfile: { vmSize: "Standard_B2s" }, tags: { "grunnmur:service": "wifi" } })] },
    tenants: [
      { stack: "alta", generatedBy: "test", outputs: {}, resources: [resource("azure-native:storage:FileShare", "storage-share-felles", { shareQuota: 101 })] },
      { stack: "bardu", generatedBy: "test", outputs: {}, resources: [] },
    ],
  };
  const tenants = [
    { slug: "alta", displayName: "Alta kommune", population: 20000 },
    { slug: "bardu", displayName: "Bardu kommune", population: 4000 },
  ];
  const report = estimateCosts(platform, previews, tenants, DEFAULT_ASSUMPTIONS);

  it("adds each tenant's own cost per service", () => {
    expect(report.members.find((m) => m.slug === "alta")).toMatchObject({ ownMonthlyByService: { storage: 101 }, ownMonthly: 101 });
    expect(report.platformMonthlyByService).toEqual({ wifi: 730 });
  });

  it("splits the platform among host and tenants so the shares and totals add up exactly", () => {
    const shares = report.members.reduce((a, m) => a + m.platformShareMonthly, 0);
    expect(shares).toBe(report.platformMonthly);
    expect(report.members.reduce((a, m) => a + m.totalMonthly, 0)).toBe(report.region.monthly);
    expect(report.members.reduce((a, m) => a + m.totalYearly, 0)).toBe(report.region.yearly);
    expect(report.region.monthly).toBe(730 + 101);
    expect(report.members.map((m) => m.slug)).toEqual(["tromso", "alta", "bardu"]);
  });

  it("names a missing price item and where it is needed", () => {
    const withFirewall = { ...previews, platform: { ...previews.platform, resources: [resource("azure-native:network:BastionHost", "hub-bastion", { sku: { name: "Basic" } })] } };
    expect(() => estimateCosts(platform, withFirewall, tenants, DEFAULT_ASSUMPTIONS)).toThrow(
      'platform: network:BastionHost hub-bastion needs the price item "bastion-basic", which platform.yaml prices.items does not have; add it (valid items: vm-b2s, files-transaction-optimized)',
    );
  });
});
