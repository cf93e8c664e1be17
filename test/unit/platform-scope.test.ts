import { attachmentTenant, mergePlatformParts, platformParts, restrictToScope } from "../../scripts/preview/platform-scope";
import { formerUrns } from "../../scripts/report/aliases";
import { comparableBaseline, diffRegion, diffStack } from "../../scripts/report/diff";
import { failedResult, type PreviewResult } from "../../scripts/preview/job";
import type { StackPreview } from "../../scripts/preview/preview-file";
import { mergeParts } from "../../scripts/preview/run-preview";

type Resource = StackPreview["resources"][number];
const STACK = "urn:pulumi:platform::grunnmur::";
const ATTACHMENT = "grunnmur:network:TenantAttachment";

function resource(name: string, type: string, parent: string | null, extra: Partial<Resource> = {}): Resource {
  const parentTypes = parent ? `${parent.split("::")[2]}$` : "";
  return {
    urn: `${STACK}${parentTypes}${type}::${name}`,
    type,
    name,
    custom: !type.startsWith("grunnmur:"),
    parent,
    id: null,
    inputs: {},
    options: { protect: false, retainOnDelete: false, dependsOn: [], ignoreChanges: [], replaceOnChanges: [], deleteBeforeReplace: false, aliases: [] },
    ...extra,
  };
}
const attachment = (slug: string) => resource(slug, ATTACHMENT, null);
const ruleGroup = (slug: string) => resource(`hub-firewall-rcg-${slug}`, "azure-native:network:FirewallPolicyRuleCollectionGroup", attachment(slug).urn);
const vnet = resource("hub", "azure-native:network:VirtualNetwork", null);
const stack = (resources: Resource[], outputs: Record<string, unknown> = { tenantCount: 3 }): StackPreview => ({ stack: "platform", generatedBy: "test", resources, outputs });

describe("splitting the platform by tenant", () => {
  it("slices tenants in file order into parts of the given size, and always has at least one part", () => {
    expect(platformParts(["a", "b", "c", "d", "e"], 2)).toEqual([["a", "b"], ["c", "d"], ["e"]]);
    expect(platformParts([], 2)).toEqual([[]]);
  });

  it("knows which tenant an attachment or its child belongs to, and that core resources belong to none", () => {
    expect(attachmentTenant(attachment("senja"))).toBe("senja");
    expect(attachmentTenant(ruleGroup("senja"))).toBe("senja");
    expect(attachmentTenant(vnet)).toBeUndefined();
  });

  it("merges parts into one preview with the shared core once, sorted by URN", () => {
    const merged = mergePlatformParts([stack([vnet, attachment("b"), ruleGroup("b")]), stack([vnet, attachment("a"), ruleGroup("a")])]);
    const urns = merged.resources.map((r) => r.urn);
    expect(urns).toEqual([...urns].sort((x, y) => x.localeCompare(y)));
    expect(merged.resources.map((r) => r.name).sort()).toEqual(["a", "b", "hub", "hub-firewall-rcg-a", "hub-firewall-rcg-b"]);
    expect(merged.resources.filter((r) => r.name === "hub")).toHaveLength(1);
    expect(merged.scope).toBeUndefined();
  });

  it("refuses to merge parts that disagree on a shared resource or on the outputs", () => {
    const changed = { ...vnet, inputs: { addressSpace: "10.0.0.0/16" } };
    expect(() => mergePlatformParts([stack([vnet]), stack([changed])])).toThrow(/parts disagree on urn:pulumi:platform::grunnmur::azure-native:network:VirtualNetwork::hub/);
    expect(() => mergePlatformParts([stack([vnet]), stack([vnet], { tenantCount: 2 })])).toThrow(/disagree on the stack outputs/);
  });

  it("names which part of the platform failed, and reports the largest part's memory", () => {
    const ok: PreviewResult = { stack: "platform", ok: true, resourceCount: 1, typeCounts: {}, durationMs: 1000, peakRssMb: 120 };
    const jobs = [1, 2, 3].map((i) => ({ kind: "platform" as const, stack: "platform", input: {} as never, outFile: `/nonexistent/part-${i}.json` }));
    const result = mergeParts(jobs, [ok, failedResult("platform", "worker exited (SIGKILL) before reporting", 500, 300), ok], "/nonexistent/platform.json");
    expect(result).toMatchObject({ ok: false, error: "part 2 of 3: worker exited (SIGKILL) before reporting", durationMs: 2500, peakRssMb: 300 });
  });

  it("cuts a whole platform down to the core and the scoped tenants, keeping tenants that left the region", () => {
    const whole = stack([vnet, attachment("a"), ruleGroup("a"), attachment("b"), ruleGroup("b"), attachment("gone"), ruleGroup("gone")]);
    const scope = { tenants: ["b"], regionTenants: ["a", "b"] };
    const scoped = restrictToScope(whole, scope);
    expect(scoped.resources.map((r) => r.name)).toEqual(["hub", "b", "hub-firewall-rcg-b", "gone", "hub-firewall-rcg-gone"]);
    expect(scoped.scope).toEqual(scope);
  });

  it("compares a scoped preview with the same part of the baseline: tenants not previewed are left out, removed ones still show", () => {
    const scope = { tenants: ["b"], regionTenants: ["a", "b"] };
    const tenantStack = (name: string): StackPreview => ({ ...stack([resource("storage", "azure-native:storage:StorageAccount", null)]), stack: name });
    const baseline = new Map([
      ["platform", stack([vnet, attachment("a"), ruleGroup("a"), attachment("b"), ruleGroup("b"), attachment("gone"), ruleGroup("gone")])],
      ["a", tenantStack("a")],
      ["b", tenantStack("b")],
      ["gone", tenantStack("gone")],
    ]);
    const current = new Map([
      ["platform", { ...stack([vnet, attachment("b"), ruleGroup("b")]), scope }],
      ["b", tenantStack("b")],
    ]);
    const diffs = diffRegion(baseline, current);
    expect(diffs.map((d) => [d.stack, d.status])).toEqual([
      ["platform", "changed"],
      ["b", "unchanged"],
      ["gone", "removed"],
    ]);
    expect(diffs[0].changes.map((c) => [c.kind, c.name])).toEqual([
      ["removed", "gone"],
      ["removed", "hub-firewall-rcg-gone"],
    ]);
    expect([...comparableBaseline(baseline, current).keys()]).toEqual(["platform", "b", "gone"]);
  });
});

describe("former URNs from aliases", () => {
  const oldParent = `${STACK}pulumi:pulumi:Stack$grunnmur:network:Firewall::hub-firewall`;
  const moved = { ...ruleGroup("senja"), options: { ...ruleGroup("senja").options, aliases: [{ parentUrn: oldParent }] } };
  const oldUrn = `${STACK}grunnmur:network:Firewall$azure-native:network:FirewallPolicyRuleCollectionGroup::hub-firewall-rcg-senja`;

  it("rebuilds the URN a resource had under its former parent, name or type", () => {
    expect(formerUrns(moved)).toEqual([oldUrn]);
    const renamed = { ...vnet, options: { ...vnet.options, aliases: [{ name: "hub-old" }, { urn: "urn:pulumi:platform::grunnmur::x::y" }] } };
    expect(formerUrns(renamed)).toEqual([`${STACK}azure-native:network:VirtualNetwork::hub-old`, "urn:pulumi:platform::grunnmur::x::y"]);
  });

  it("lets the report see a moved resource as the same resource, not a removal and an addition", () => {
    const before = stack([{ ...moved, urn: oldUrn, parent: oldParent, options: ruleGroup("senja").options }]);
    const after = stack([moved]);
    expect(diffStack("platform", before, after).changes).toEqual([]);
    const unaliased = stack([ruleGroup("senja")]);
    expect(diffStack("platform", before, unaliased).changes.map((c) => c.kind)).toEqual(["removed", "added"]);
  });
});
