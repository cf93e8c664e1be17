/**
 * The example region with a second hub for Finnmark (county 56): Alta and
 * Gamvik attach to it, the Troms municipalities stay on the primary hub, and
 * every hub's policy inherits the isolation group from one parent policy.
 */
import * as fs from "node:fs";
import { copyExampleRegion, type FixtureRegion } from "../helpers/region-fixture";
import { ofType, previewFiles, type PreviewedRegion, type Resource } from "../helpers/preview-fixture";
import type { StackPreview } from "../../scripts/preview/preview-file";
import type { HubStackOutputs } from "../../stacks/contract";
import { hubFirewallAddress, hubSubnetLayout } from "../../domain/network/hub-layout";
import { loadRegion } from "../../tenants/validation/load-region";
import { violationsOf } from "../helpers/policy-cases";
import { cidr, contains } from "../../domain/network/cidr";

type Json = Record<string, any>;

// Checked by the compiler against the contract: an output renamed there fails to compile here.
const HUB_STACK_KEYS = Object.keys({
  hub: true, vnetId: true, vnetName: true, resourceGroupName: true, firewallPrivateIp: true, dnsResolverInboundIp: true,
  hubVnetId: true, logAnalyticsWorkspaceId: true, tenantPool: true, vpnGatewayId: true, parentFirewallPolicyId: true, tenants: true, coreAddressSpaces: true,
} satisfies Record<keyof HubStackOutputs, true>).sort();

const FINNMARK_HUB = "10.95.16.0/22";
const withFinnmarkHub = (yaml: string, hub = `      addressSpace: ${FINNMARK_HUB}\n      counties: ["56"]\n      vpnGatewaySku: VpnGw2AZ\n`) =>
  yaml.replace("  drHub:\n", `  hubs:\n    finnmark:\n${hub}  drHub:\n`);

describe("a region of two hubs", () => {
  let fixture: FixtureRegion;
  let region: PreviewedRegion;
  let platform: StackPreview;
  let finnmark: StackPreview;
  const mainFirewall = hubFirewallAddress(hubSubnetLayout("10.95.0.0/22"));
  const finnmarkFirewall = hubFirewallAddress(hubSubnetLayout(FINNMARK_HUB));
  beforeAll(async () => {
    fixture = copyExampleRegion();
    fs.writeFileSync(fixture.platformFile, withFinnmarkHub(fs.readFileSync(fixture.platformFile, "utf8")));
    region = await previewFiles(fixture.tenantsDir, fixture.platformFile, new Set(["alta", "senja"]));
    platform = region.read("platform");
    finnmark = region.read("hub-finnmark");
  }, 300_000);
  afterAll(() => {
    region?.remove();
    fixture?.remove();
  });

  const named = (stack: StackPreview, type: string, name: string): Resource => {
    const found = ofType(stack, type).find((r) => r.name === name);
    if (!found) throw new Error(`no ${type} named ${name} in ${stack.stack}; have ${ofType(stack, type).map((r) => r.name).join(", ")}`);
    return found;
  };

  it("builds the second hub in its own stack under names from its key, and keeps the primary hub's names in the platform's", () => {
    expect(named(platform, "azure-native:network:VirtualNetwork", "hub").inputs.virtualNetworkName).toBe("vnet-grunnmur-hub-prod-noe");
    expect(ofType(platform, "azure-native:network:VirtualNetwork").map((v) => v.name).sort()).toEqual(["hub", "hub-dr", "shared-services"]);
    expect(named(finnmark, "azure-native:network:VirtualNetwork", "hub-finnmark").inputs.virtualNetworkName).toBe("vnet-grunnmur-hub-finnmark-prod-noe");
    expect(named(finnmark, "azure-native:network:AzureFirewall", "hub-finnmark-firewall").inputs.azureFirewallName).toBe("afw-grunnmur-finnmark-prod-noe");
    expect((named(finnmark, "azure-native:network:VirtualNetworkGateway", "hub-finnmark-vpn").inputs.sku as Json).name).toBe("VpnGw2AZ");
    // Both sides of the peering are the hub stack's; the primary hub's side names the platform's VNet from its outputs.
    const toHub = named(finnmark, "azure-native:network:VirtualNetworkPeering", "hub-to-hub-finnmark");
    expect(toHub.inputs.allowForwardedTraffic).toBe(true);
    expect(toHub.inputs.virtualNetworkName).toBe(platform.outputs.hubVnetName);
    expect(toHub.inputs.resourceGroupName).toBe(platform.outputs.hubResourceGroupName);
    expect(named(finnmark, "azure-native:network:VirtualNetworkPeering", "hub-finnmark-to-hub").inputs.allowForwardedTraffic).toBe(true);
    expect(finnmark.outputs.vnetId).toBe(named(finnmark, "azure-native:network:VirtualNetwork", "hub-finnmark").id);
  });

  it("exports exactly the hub stacks' contract, with the core's address spaces for the policy pack", () => {
    expect(Object.keys(finnmark.outputs).sort()).toEqual(HUB_STACK_KEYS);
    expect(finnmark.outputs.coreAddressSpaces).toEqual(["10.95.0.0/22", "10.95.8.0/22"]);
    expect(finnmark.outputs.parentFirewallPolicyId).toBe(platform.outputs.parentFirewallPolicyId);
  });

  it("puts the isolation group in one parent policy, in the platform's stack, that every hub's policy inherits", () => {
    const policies = ofType(platform, "azure-native:network:FirewallPolicy");
    const parent = policies.find((p) => p.name === "hub-firewall-parent-policy")!;
    expect(parent).toBeDefined();
    expect(platform.outputs.parentFirewallPolicyId).toBe(parent.id);
    const children = [...policies.filter((p) => p !== parent), ...ofType(finnmark, "azure-native:network:FirewallPolicy")];
    expect(children.map((p) => p.name).sort()).toEqual(["hub-finnmark-firewall-policy", "hub-firewall-policy"]);
    for (const child of children) expect((child.inputs.basePolicy as Json).id).toBe(parent.id);
    const isolation = [platform, finnmark].flatMap((s) => ofType(s, "azure-native:network:FirewallPolicyRuleCollectionGroup")).filter((g) => g.inputs.ruleCollectionGroupName === "rcg-isolation");
    expect(isolation.map((g) => g.inputs.firewallPolicyName)).toEqual([parent.inputs.firewallPolicyName]);
  });

  it("attaches each tenant to its own hub's firewall policy and VPN gateway, in that hub's stack", () => {
    const policyOf = (stack: StackPreview, slug: string) =>
      ofType(stack, "azure-native:network:FirewallPolicyRuleCollectionGroup").filter((g) => g.inputs.ruleCollectionGroupName === `rcg-${slug}`).map((g) => g.inputs.firewallPolicyName);
    expect(policyOf(finnmark, "alta")).toEqual(["afwp-grunnmur-finnmark-prod-noe"]);
    expect(policyOf(platform, "alta")).toEqual([]);
    expect(policyOf(platform, "senja")).toEqual(["afwp-grunnmur-prod-noe"]);
    expect(policyOf(finnmark, "senja")).toEqual([]);
    const gatewayOf = (stack: StackPreview, slug: string) => [
      ...new Set(
        ofType(stack, "azure-native:network:VirtualNetworkGatewayConnection")
          .filter((c) => String(c.inputs.virtualNetworkGatewayConnectionName).startsWith(`con-${slug}-`))
          .map((c) => (c.inputs.virtualNetworkGateway1 as Json).id),
      ),
    ];
    expect(gatewayOf(finnmark, "alta")).toEqual([named(finnmark, "azure-native:network:VirtualNetworkGateway", "hub-finnmark-vpn").id]);
    expect(gatewayOf(platform, "alta")).toEqual([]);
    expect(gatewayOf(platform, "senja")).toEqual([named(platform, "azure-native:network:VirtualNetworkGateway", "hub-vpn").id]);
    expect(finnmark.outputs.tenants).toEqual(["alta", "gamvik"]);
  });

  it("links every hub VNet to the private DNS zones and gives the second hub a resolver of its own", () => {
    const links = (stack: StackPreview) =>
      ofType(stack, "azure-native:privatedns:VirtualNetworkLink").filter((l) => String(l.inputs.privateZoneName).includes("vaultcore")).map((l) => l.inputs.virtualNetworkLinkName).sort();
    expect(links(platform)).toEqual(["link-hub", "link-hub-dr"]);
    expect(links(finnmark)).toEqual(["link-hub-finnmark"]);
    // The hub's links are made in the platform's zones, in the platform's resource group.
    for (const link of ofType(finnmark, "azure-native:privatedns:VirtualNetworkLink")) expect(link.inputs.resourceGroupName).toBe(platform.outputs.sharedResourceGroupName);
    expect(ofType(platform, "azure-native:dnsresolver:InboundEndpoint")).toHaveLength(1);
    expect(ofType(finnmark, "azure-native:dnsresolver:InboundEndpoint")).toHaveLength(1);
  });

  it("routes the core's answers to the second hub's tenants back through that hub's firewall", () => {
    // Inline routes, and the standalone ones of the RADIUS subnets' tables, under the names Azure gets.
    const routesOf = (stack: StackPreview): Json[] => [
      ...ofType(stack, "azure-native:network:RouteTable").flatMap((t) => (t.inputs.routes as Json[] | undefined) ?? []),
      ...ofType(stack, "azure-native:network:Route").map((r) => ({ ...r.inputs, name: r.inputs.routeName })),
    ];
    const altaSpoke = region.read("alta").outputs.addressSpace as string;
    // Alta's spoke lies in Finnmark's county range of the pool, so one route of that range carries it (county-ranges.ts).
    const viaFinnmark = routesOf(platform).filter((r) => String(r.name).startsWith("hub-finnmark-counties-"));
    expect(viaFinnmark.length).toBeGreaterThan(0);
    expect(viaFinnmark.every((r) => r.nextHopIpAddress === finnmarkFirewall)).toBe(true);
    expect(viaFinnmark.some((r) => contains(cidr(String(r.addressPrefix)), cidr(altaSpoke)))).toBe(true);
    // Summarised: no route of its own, and no county range covers a tenant of the primary hub without that tenant's own, more specific route.
    const routes = routesOf(platform);
    expect(routes.some((r) => r.name === "hub-finnmark-spoke-alta")).toBe(false);
    const senjaSpoke = region.read("senja").outputs.addressSpace as string;
    expect(viaFinnmark.some((r) => contains(cidr(String(r.addressPrefix)), cidr(senjaSpoke)))).toBe(false);
    // The primary hub's and the DR hub's own per-spoke routes are for the primary hub's tenants only.
    expect(routes.some((r) => String(r.name) === "spoke-alta")).toBe(false);
    expect(routes.some((r) => String(r.name) === "spoke-senja")).toBe(true);
    // Alta's access point's site: its return route is the hub stack's, in the core's RADIUS route table.
    expect(routes.some((r) => String(r.name).startsWith("hub-finnmark-site-"))).toBe(false);
    const altaAccessPoints = ofType(finnmark, "azure-native:network:Route");
    // One route per site with an access point: the town hall's controller is an address, the school's a block.
    expect(altaAccessPoints.map((r) => r.name).sort()).toEqual(["alta-core-radius-hub-finnmark-site-10-20-0-0-16", "alta-core-radius-hub-finnmark-site-10-21-0-0-20"]);
    expect(altaAccessPoints[0].urn).toContain("grunnmur:network:TenantAttachment");
    expect(altaAccessPoints[0].inputs).toMatchObject({
      resourceGroupName: platform.outputs.hubResourceGroupName,
      routeTableName: platform.outputs.radiusRouteTableName,
      addressPrefix: "10.20.0.0/16",
      nextHopType: "VirtualAppliance",
      nextHopIpAddress: finnmarkFirewall,
    });
    // That table takes routes from other stacks because it has none inline (an inline list would replace theirs).
    const radiusTable = ofType(platform, "azure-native:network:RouteTable").find((t) => t.inputs.routeTableName === platform.outputs.radiusRouteTableName)!;
    expect(radiusTable).toBeDefined();
    expect(radiusTable.inputs.routes).toBeUndefined();
  });

  it("passes the policy pack with no mandatory finding: the platform, the hub stack and a tenant of each hub", async () => {
    for (const stack of ["platform", "hub-finnmark", "alta", "senja"]) {
      const mandatory = (await violationsOf(region.read(stack))).filter((v) => v.enforcement === "mandatory");
      expect({ stack, mandatory: mandatory.map((v) => `${v.policy}: ${v.message}`) }).toEqual({ stack, mandatory: [] });
    }
  });

  it("fails the hub stack when its policy stops inheriting the parent, or a tenant's group there allows any to any", async () => {
    const policy = (stack: StackPreview) => stack.resources.find((r) => r.type === "azure-native:network:FirewallPolicy")!;
    const orphaned: StackPreview = {
      ...finnmark,
      resources: finnmark.resources.map((r) => (r === policy(finnmark) ? { ...r, inputs: { ...r.inputs, basePolicy: { id: `${String(r.id)}-elsewhere` } } } : r)),
    };
    const found = (await violationsOf(orphaned)).filter((v) => v.enforcement === "mandatory").map((v) => v.policy);
    expect(found).toEqual(["network-firewall-isolation-group"]);
    const open: StackPreview = {
      ...finnmark,
      resources: finnmark.resources.map((r) =>
        r.type === "azure-native:network:FirewallPolicyRuleCollectionGroup" && r.inputs.ruleCollectionGroupName === "rcg-alta"
          ? {
              ...r,
              inputs: {
                ...r.inputs,
                ruleCollections: [
                  ...(r.inputs.ruleCollections as Json[]),
                  { ruleCollectionType: "FirewallPolicyFilterRuleCollection", name: "open", priority: 65000, action: { type: "Allow" }, rules: [{ ruleType: "NetworkRule", name: "any", ipProtocols: ["Any"], sourceAddresses: ["*"], destinationAddresses: ["*"], destinationPorts: ["*"] }] },
                ],
              },
            }
          : r,
      ),
    };
    expect((await violationsOf(open)).filter((v) => v.enforcement === "mandatory").map((v) => v.policy)).toContain("network-firewall-rules-stay-in-tenant");
  });

  it("gives each tenant stack its own hub's firewall and resolver, read from its hub's stack, and exports its hub", () => {
    const alta = region.read("alta");
    const senja = region.read("senja");
    expect(alta.outputs.hub).toBe("finnmark");
    expect(senja.outputs.hub).toBe("main");
    expect(alta.outputs.firewallPrivateIp).toBe(finnmarkFirewall);
    expect(senja.outputs.firewallPrivateIp).toBe(mainFirewall);
    expect(alta.outputs.hubVnetId).toBe(finnmark.outputs.vnetId);
    const hops = (stack: StackPreview) => [
      ...new Set(ofType(stack, "azure-native:network:RouteTable").flatMap((t) => (t.inputs.routes as Json[]).map((r) => r.nextHopIpAddress))),
    ];
    expect(hops(alta)).toEqual([finnmarkFirewall]);
    expect(hops(senja)).toEqual([mainFirewall]);
    const dnsOf = (stack: StackPreview) => ofType(stack, "azure-native:network:VirtualNetwork").map((v) => (v.inputs.dhcpOptions as Json)?.dnsServers);
    expect(dnsOf(alta)).toEqual([[finnmark.outputs.dnsResolverInboundIp]]);
    expect(dnsOf(senja)).toEqual([[(platform.outputs.hubs as Json).main.dnsResolverInboundIp]]);
    expect(finnmark.outputs.dnsResolverInboundIp).not.toBe((platform.outputs.hubs as Json).main.dnsResolverInboundIp);
    expect(Object.keys(platform.outputs.hubs as Json)).toEqual(["main"]);
  });
});

describe("validation of hubs", () => {
  let fixture: FixtureRegion;
  beforeEach(() => {
    fixture = copyExampleRegion();
  });
  afterEach(() => fixture.remove());
  const messages = () =>
    loadRegion({ tenantsDir: fixture.tenantsDir, platformFile: fixture.platformFile }).diagnostics.map((d) => `${d.file}: ${d.message}`);
  const editPlatform = (edit: (yaml: string) => string) => fs.writeFileSync(fixture.platformFile, edit(fs.readFileSync(fixture.platformFile, "utf8")));

  it("accepts a second hub", () => {
    editPlatform((y) => withFinnmarkHub(y));
    expect(messages()).toEqual([]);
  });

  it("names the tenant file and the valid hubs when a pin names no hub", () => {
    editPlatform((y) => withFinnmarkHub(y));
    const file = `${fixture.tenantsDir}/senja.yaml`;
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("network:\n", "network:\n  hub: vestland\n"));
    expect(messages().filter((m) => m.includes("vestland"))).toEqual([
      expect.stringMatching(/senja\.yaml: "vestland" is not a hub in .*platform\.yaml; valid hubs: main, finnmark/),
    ]);
  });

  it("refuses overlapping hubs, a county claimed twice and a hub too small", () => {
    editPlatform((y) => withFinnmarkHub(y, `      addressSpace: 10.95.2.0/24\n      counties: ["56"]\n    troms:\n      addressSpace: 10.97.0.0/22\n      counties: ["56"]\n`));
    const found = messages();
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/10\.95\.2\.0\/24 is too small/),
        expect.stringMatching(/10\.95\.2\.0\/24 overlaps the primary hub/),
        expect.stringMatching(/10\.97\.0\.0\/22 overlaps the tenant pool/),
        expect.stringMatching(/county 56 \(Finnmark\) is served by hub finnmark already/),
      ]),
    );
  });

  it("refuses the keys main and dr", () => {
    editPlatform((y) => y.replace("  drHub:\n", `  hubs:\n    dr:\n      addressSpace: 10.95.16.0/22\n      counties: ["56"]\n  drHub:\n`));
    expect(messages().join("\n")).toMatch(/"dr" is the DR hub's name/);
  });
});
