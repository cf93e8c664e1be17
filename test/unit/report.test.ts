import { diffStack } from "../../scripts/report/diff";
import { renderReport, summary, GITHUB_COMMENT_LIMIT, type StackExtras } from "../../scripts/report/markdown";
import { networkDiagram } from "../../scripts/report/mermaid";
import type { StackPreview } from "../../scripts/preview/preview-file";

type Resource = StackPreview["resources"][number];

function resource(name: string, type: string, inputs: Record<string, unknown>, protect = false): Resource {
  return {
    urn: `urn:pulumi:senja::grunnmur::${type}::${name}`,
    type,
    name,
    custom: true,
    parent: null,
    id: null,
    inputs,
    options: { protect, retainOnDelete: protect, dependsOn: [], ignoreChanges: [], replaceOnChanges: [], deleteBeforeReplace: false, aliases: [] },
  };
}
const stack = (name: string, resources: Resource[], outputs: Record<string, unknown> = {}): StackPreview => ({ stack: name, generatedBy: "test", resources, outputs });

const account = resource("storage", "azure-native:storage:StorageAccount", { accountName: "stsenja", location: "norwayeast" }, true);
const nsg = resource("spoke-general", "azure-native:network:NetworkSecurityGroup", { securityRules: [] });

describe("diff of two previews", () => {
  it("finds added, changed and removed resources by URN", () => {
    const before = stack("senja", [account, nsg]);
    const after = stack("senja", [{ ...nsg, inputs: { securityRules: [{ name: "x" }] } }, resource("storage-share-skole", "azure-native:storage:FileShare", { shareName: "skole" })]);
    const diff = diffStack("senja", before, after);
    expect(diff.changes.map((c) => [c.kind, c.name, Boolean(c.blocking)])).toEqual([
      ["removed", "storage", true],
      ["changed", "spoke-general", false],
      ["added", "storage-share-skole", false],
    ]);
    expect(diff.changes[1].inputs).toEqual([{ key: "securityRules", before: [], after: [{ name: "x" }] }]);
    expect(diff.changes[0].blocking).toBe("storage (storage:StorageAccount) would be deleted although it is protected; mark senja as leaving (offboarding) on main first, approved by the platform team in platform.yaml");
  });

  it("flags a stateful resource whose physical name or location changes as a blocking replacement", () => {
    const diff = diffStack("senja", stack("senja", [account]), stack("senja", [{ ...account, inputs: { ...account.inputs, location: "westeurope" } }]));
    expect(diff.changes[0]).toMatchObject({ kind: "replaced", blocking: "storage (storage:StorageAccount) would be replaced, losing its data: location changed" });
  });

  describe("a change of provider", () => {
    const PLATFORM_SUB = "00000000-0000-4000-8000-000000000000";
    const TENANT_SUB = "00000000-0000-4000-8000-000000005530";
    const idIn = (sub: string) => `/subscriptions/${sub}/resourceGroups/rg-grunnmur-senja-data-prod-noe/providers/Microsoft.Storage/storageAccounts/stsenja`;
    const via = (name: string, sub: string) => ({ urn: `urn:pulumi:senja::grunnmur::pulumi:providers:azure-native::${name}`, name, subscriptionId: sub });
    const onDefault: Resource = { ...account, provider: null, id: idIn(PLATFORM_SUB) };

    it("flags a stateful resource moved to another subscription as a blocking replacement", () => {
      const moved: Resource = { ...account, provider: via("tenant-subscription", TENANT_SUB), id: idIn(TENANT_SUB) };
      const diff = diffStack("senja", stack("senja", [onDefault]), stack("senja", [moved]));
      expect(diff.changes).toEqual([
        expect.objectContaining({
          kind: "replaced",
          inputs: [{ key: "subscription", before: PLATFORM_SUB, after: TENANT_SUB }],
          blocking: "storage (storage:StorageAccount) would be replaced, losing its data: subscription changed",
        }),
      ]);
    });

    it("shows another provider of the same subscription as a change, not a replacement", () => {
      const explicit: Resource = { ...account, provider: via("platform-subscription", PLATFORM_SUB), id: idIn(PLATFORM_SUB) };
      const diff = diffStack("senja", stack("senja", [onDefault]), stack("senja", [explicit]));
      expect(diff.changes).toEqual([
        expect.objectContaining({ kind: "changed", inputs: [{ key: "provider", before: "the default provider", after: `platform-subscription (subscription ${PLATFORM_SUB})` }], blocking: undefined }),
      ]);
    });

    it("says nothing of providers against a baseline that did not record them", () => {
      const recorded: Resource = { ...account, provider: via("tenant-subscription", TENANT_SUB), id: idIn(TENANT_SUB) };
      expect(diffStack("senja", stack("senja", [{ ...account, id: idIn(PLATFORM_SUB) }]), stack("senja", [recorded])).changes).toEqual([]);
    });
  });

  it("reports an unchanged stack as unchanged and a new one as added", () => {
    expect(diffStack("senja", stack("senja", [nsg]), stack("senja", [nsg])).status).toBe("unchanged");
    expect(diffStack("lyngen", undefined, stack("lyngen", [nsg])).status).toBe("added");
  });
});

describe("the pull-request comment", () => {
  const extras = (before: number, after: number): StackExtras => ({ costBefore: before, costAfter: after, violations: [] });

  it("puts the summary first, with counts, cost change and the blocking flag", () => {
    const diffs = [diffStack("senja", stack("senja", [account, nsg]), stack("senja", [nsg]))];
    const text = summary({ diffs, extras: new Map([["senja", extras(1000, 600)]]) });
    expect(text).toContain("| Resources | 0 added, 0 changed, 0 replaced, 1 removed |");
    expect(text).toContain("| Cost change | −NOK 400 a month |");
    expect(text).toContain("| Blocking | **yes** (1) |");
    expect(renderReport({ diffs, extras: new Map() }).startsWith("## grunnmur: what this change does")).toBe(true);
  });

  it("stays under GitHub's 64 KB limit for a very large change, trimming detail but not the summary", () => {
    const diffs = Array.from({ length: 400 }, (_, i) => {
      const name = `tenant-${i}`;
      const many = Array.from({ length: 30 }, (__, j) => resource(`nsg-${j}`, "azure-native:network:NetworkSecurityGroup", { securityRules: [{ description: "x".repeat(200), j }] }));
      return diffStack(name, undefined, stack(name, many));
    });
    const text = renderReport({ diffs, extras: new Map() });
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(text).toContain("| Resources | 12000 added, 0 changed, 0 replaced, 0 removed |");
    expect(text).toMatch(/\d+ more stacks not shown/);
  });
});

describe("the network diagram", () => {
  it("draws the hub, each spoke with its address space and zones, and VPN sites", () => {
    const platform = stack("platform", [
      resource("hub", "azure-native:network:VirtualNetwork", { location: "norwayeast", addressSpace: { addressPrefixes: ["10.95.0.0/22"] } }),
      resource("site-senja-radhus", "azure-native:network:LocalNetworkGateway", { tags: { "grunnmur:tenant": "senja" }, localNetworkAddressSpace: { addressPrefixes: ["10.10.0.0/16"] } }),
    ]);
    const text = networkDiagram(platform, [stack("senja", [], { addressSpace: "10.96.60.0/23", zones: ["general", "secure"] })]);
    expect(text).toContain('hub(("Hub, norwayeast<br/>10.95.0.0/22"))');
    expect(text).toContain('spoke_senja["spoke<br/>10.96.60.0/23<br/>general, secure"]');
    expect(text).toContain('hub -. "VPN" .- site_senja_radhus');
    expect(text.startsWith("```mermaid\ngraph LR")).toBe(true);
  });
});

describe("offboarding in the report", () => {
  const leaving = { leaving: true, offboarding: { since: "2026-01-15", approved: "2026-02-01", dataExportedTo: "Gamvik kommune's own file server" } };

  it("allows removing a tenant's stateful resources only when main already marks it as leaving", () => {
    const notMarked = diffStack("gamvik", stack("gamvik", [account]), undefined);
    expect(notMarked.changes[0].blocking).toContain("mark gamvik as leaving (offboarding) on main first");
    const marked = diffStack("gamvik", stack("gamvik", [account], leaving), undefined);
    expect(marked.changes[0].blocking).toBeUndefined();
  });

  it("blocks new resources for a tenant marked as leaving", () => {
    const diff = diffStack("gamvik", stack("gamvik", []), stack("gamvik", [nsg], leaving));
    expect(diff.changes[0].blocking).toBe("spoke-general (network:NetworkSecurityGroup) would be added, but gamvik is marked as leaving and takes no new resources");
  });
});
