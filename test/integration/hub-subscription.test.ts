/**
 * The example region with a second hub for Finnmark (county 56) that has a
 * shared tenant subscription (network.hubs.finnmark.tenantSubscriptionId):
 * Alta, on that hub, deploys as a municipality with its own subscription does
 * (its resources through "tenant-subscription", its own vault there), while the
 * hub side of its spoke stays in the platform's subscription, and Senja, on the
 * primary hub without one, stays in the platform's.
 */
import * as fs from "node:fs";
import { copyExampleRegion, type FixtureRegion } from "../helpers/region-fixture";
import { ofType, only, previewFiles, type PreviewedRegion, type Resource } from "../helpers/preview-fixture";
import type { StackPreview } from "../../scripts/preview/preview-file";
import { violationsOf } from "../helpers/policy-cases";

type Json = Record<string, any>;

const FINNMARK_SUBSCRIPTION = "00000000-0000-4000-8000-00000000f056";
const withFinnmarkHub = (yaml: string) =>
  yaml.replace(
    "  drHub:\n",
    `  hubs:\n    finnmark:\n      addressSpace: 10.95.16.0/22\n      counties: ["56"]\n      vpnGatewaySku: VpnGw2AZ\n      tenantSubscriptionId: "${FINNMARK_SUBSCRIPTION}"\n  drHub:\n`,
  );
const subscriptionOfId = (id: string | null) => /^\/subscriptions\/([^/]+)/.exec(id ?? "")?.[1];

describe("a hub with a shared tenant subscription", () => {
  let fixture: FixtureRegion;
  let region: PreviewedRegion;
  let platform: StackPreview;
  let alta: StackPreview;
  beforeAll(async () => {
    fixture = copyExampleRegion();
    fs.writeFileSync(fixture.platformFile, withFinnmarkHub(fs.readFileSync(fixture.platformFile, "utf8")));
    // A waiver of Alta's becomes an exemption on its resource groups, in the hub's subscription.
    fs.appendFileSync(
      `${fixture.tenantsDir}/alta.yaml`,
      "\nwaivers:\n  - policy: storage-no-shared-key-access\n    resource: files\n    reason: The archive system's vendor needs this until its upgrade in spring; traffic stays inside the spoke.\n    granted: 2026-11-01\n    expires: 2027-06-30\n",
    );
    region = await previewFiles(fixture.tenantsDir, fixture.platformFile, new Set(["alta", "senja"]));
    platform = region.read("platform");
    alta = region.read("alta");
  }, 300_000);
  afterAll(() => {
    region?.remove();
    fixture?.remove();
  });

  it("deploys a tenant of that hub through a provider of the hub's subscription, and only the hub side of its spoke through the platform's", () => {
    const providers = new Map(ofType(alta, "pulumi:providers:azure-native").map((p) => [p.name, p]));
    expect([...providers.keys()].sort()).toEqual(["platform-subscription", "tenant-subscription"]);
    expect(providers.get("tenant-subscription")!.inputs.subscriptionId).toBe(FINNMARK_SUBSCRIPTION);
    expect(providers.get("platform-subscription")!.inputs.subscriptionId).toBe(platform.outputs.subscriptionId);
    const azure = alta.resources.filter((r) => r.custom && r.type.startsWith("azure-native:"));
    // The hub's peering to the spoke and the VMs' admin passwords in the platform Key Vault: the platform's.
    const inPlatform = (r: Resource) => r.name === "spoke-from-hub" || r.type === "azure-native:keyvault:Secret";
    expect(azure.filter((r) => r.name === "spoke-from-hub")).toHaveLength(1);
    for (const r of azure) {
      const expected = inPlatform(r) ? { provider: "platform-subscription", subscription: platform.outputs.subscriptionId } : { provider: "tenant-subscription", subscription: FINNMARK_SUBSCRIPTION };
      expect({ name: r.name, provider: r.provider?.name, subscription: r.provider?.subscriptionId, inId: subscriptionOfId(r.id) }).toEqual({ name: r.name, ...expected, inId: expected.subscription });
    }
    // The hub's peering points at the Finnmark hub's VNet, which its hub stack holds in the platform's subscription.
    const fromHub = only(azure.filter((r) => r.name === "spoke-from-hub"), "hub peering");
    expect(fromHub.inputs.virtualNetworkName).toBe("vnet-grunnmur-hub-finnmark-prod-noe");
    const hubVnet = only(ofType(region.read("hub-finnmark"), "azure-native:network:VirtualNetwork"), "finnmark hub vnet");
    expect(subscriptionOfId(hubVnet.id)).toBe(platform.outputs.subscriptionId);
    expect(hubVnet.provider).toBeNull();
  });

  it("gives that tenant its own vault in the hub's subscription, and no Network Watcher or activity log of its own there", () => {
    const vault = only(ofType(alta, "azure-native:recoveryservices:Vault"), "alta's vault");
    expect(vault.id).toBe(`/subscriptions/${FINNMARK_SUBSCRIPTION}/resourceGroups/rg-grunnmur-alta-backup-prod-noe/providers/Microsoft.RecoveryServices/vaults/rsv-grunnmur-alta-prod-noe`);
    for (const item of ofType(alta, "azure-native:recoveryservices:ProtectedItem")) expect(item.inputs.vaultName).toBe(vault.inputs.vaultName);
    // What the subscription has once is no single tenant's: a second tenant of the hub would collide.
    expect(ofType(alta, "azure-native:network:NetworkWatcher")).toEqual([]);
    expect(ofType(alta, "azure-native:monitor:SubscriptionDiagnosticSetting")).toEqual([]);
    const budget = only(ofType(alta, "azure-native:consumption:Budget"), "budget");
    expect(budget.inputs.scope).toBe(`/subscriptions/${FINNMARK_SUBSCRIPTION}`);
    expect((budget.inputs.filter as Json).dimensions.values).toContain(vault.inputs.resourceGroupName);
  });

  it("exports the hub subscription's activity log once, from the platform stack", () => {
    const settings = ofType(platform, "azure-native:monitor:SubscriptionDiagnosticSetting").filter((s) => s.provider?.subscriptionId === FINNMARK_SUBSCRIPTION);
    expect(settings.map((s) => s.inputs.workspaceId)).toEqual([platform.outputs.workspaceId]);
  });

  it("alerts the platform team to Service Health incidents in the hub's subscription and exports its Defender findings, from a resource group there", () => {
    const group = only(ofType(platform, "azure-native:resources:ResourceGroup").filter((g) => g.name === "rg-hub-finnmark-guardrails"), "guardrails resource group");
    expect(group.provider?.subscriptionId).toBe(FINNMARK_SUBSCRIPTION);
    const alert = only(ofType(platform, "azure-native:monitor:ActivityLogAlert").filter((a) => a.name === "service-health-hub-finnmark"), "hub Service Health alert");
    expect(alert.provider?.subscriptionId).toBe(FINNMARK_SUBSCRIPTION);
    expect(alert.inputs.scopes).toEqual([`/subscriptions/${FINNMARK_SUBSCRIPTION}`]);
    expect(alert.inputs.resourceGroupName).toBe(group.inputs.resourceGroupName);
    const platformGroup = only(ofType(platform, "azure-native:monitor:ActionGroup").filter((g) => g.inputs.actionGroupName === "ag-grunnmur-platform-prod"), "platform action group");
    expect((alert.inputs.actions as Json).actionGroups.map((a: Json) => a.actionGroupId)).toEqual([platformGroup.id]);
    const exports = ofType(platform, "azure-native:security:Automation").filter((a) => a.provider?.subscriptionId === FINNMARK_SUBSCRIPTION);
    expect(exports.map((a) => (a.inputs.scopes as Json[]).map((sc) => sc.scopePath))).toEqual([[`/subscriptions/${FINNMARK_SUBSCRIPTION}`]]);
    expect((exports[0].inputs.actions as Json[])[0].workspaceResourceId).toBe(platform.outputs.workspaceId);
  });

  it("watches the tenant's changes by its resource groups, its vault's too, not by the shared subscription its neighbours are in", () => {
    const queries = ["platform", "hub-finnmark"].flatMap((s) => ofType(region.read(s), "azure-native:operationalinsights:SavedSearch")).filter((q) => q.name.endsWith("changes-alta"));
    const query = String(only(queries, "alta's change query").inputs.query);
    expect(query).toContain("rg-grunnmur-alta-backup-prod-noe");
    expect(query).not.toContain("SubscriptionId");
  });

  it("places the hub's subscription once, for the hub, in the municipalities' management group, with Defender on", () => {
    const placed = ofType(platform, "azure-native:management:ManagementGroupSubscription").filter((p) => p.provider?.subscriptionId === FINNMARK_SUBSCRIPTION);
    expect(placed.map((p) => [p.name, p.inputs.groupId])).toEqual([["management-groups-place-hub-finnmark", "tromso-grunnmur-municipalities"]]);
    expect(ofType(platform, "azure-native:management:ManagementGroupSubscription").some((p) => p.name.endsWith("-alta"))).toBe(false);
    const pricings = ofType(platform, "azure-native:security:Pricing").filter((p) => String(p.inputs.scopeId).includes(FINNMARK_SUBSCRIPTION));
    expect(pricings.length).toBeGreaterThan(0);
  });

  it("exempts the tenant's waiver on its resource groups in the hub's subscription, from its hub's stack", () => {
    const hub = region.read("hub-finnmark");
    const exemptions = ofType(hub, "azure-native:authorization:PolicyExemption");
    expect(exemptions.map((e) => String(e.inputs.scope)).sort()).toEqual(
      ["backup", "data", "network", "workloads"].map((g) => `/subscriptions/${FINNMARK_SUBSCRIPTION}/resourceGroups/rg-grunnmur-alta-${g}-prod-noe`),
    );
    // Exempted from the platform's assignment at the region's group, named by its id, narrowed to storage accounts.
    expect(new Set(exemptions.map((e) => e.inputs.policyAssignmentId))).toEqual(
      new Set(["/providers/Microsoft.Management/managementGroups/tromso-grunnmur/providers/Microsoft.Authorization/policyAssignments/gm-st-04-1"]),
    );
    const assignment = ofType(platform, "azure-native:authorization:PolicyAssignment").find((a) => a.inputs.policyAssignmentName === "gm-st-04-1");
    expect(assignment?.inputs.scope).toBe("/providers/Microsoft.Management/managementGroups/tromso-grunnmur");
    expect(exemptions.every((e) => JSON.stringify(e.inputs.resourceSelectors).includes("Microsoft.Storage/storageAccounts"))).toBe(true);
    expect(exemptions.every((e) => e.urn.includes("grunnmur:governance:WaiverExemptions$"))).toBe(true);
    // None of it in the platform's stack.
    expect(ofType(platform, "azure-native:authorization:PolicyExemption").some((e) => String(e.inputs.scope).includes("-alta-"))).toBe(false);
  });

  it("passes the policy pack with no mandatory violation in any stack", async () => {
    for (const stack of ["platform", "hub-finnmark", "alta", "senja"]) {
      const mandatory = (await violationsOf(region.read(stack))).filter((v) => v.enforcement === "mandatory");
      expect({ stack, mandatory: mandatory.map((v) => `${v.policy}: ${v.message}`) }).toEqual({ stack, mandatory: [] });
    }
  });

  it("keeps a tenant of a hub without one in the platform's subscription, through the default provider", () => {
    const senja = region.read("senja");
    expect(ofType(senja, "pulumi:providers:azure-native")).toEqual([]);
    for (const r of senja.resources.filter((x) => x.custom && x.type.startsWith("azure-native:"))) {
      expect({ name: r.name, subscription: subscriptionOfId(r.id) }).toEqual({ name: r.name, subscription: platform.outputs.subscriptionId });
    }
  });
});
