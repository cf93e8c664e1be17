/**
 * The same policy objects, served as a CrossGuard pack: what `pulumi preview
 * --policy-pack policies` talks to. Resource policies see inputs, stack
 * policies see outputs, and values not known during a preview arrive as
 * Pulumi's unknown sentinel.
 */
import { startPack, type AnalyzedResource, type PackProcess } from "../helpers/pack-process";
import { baseTenant, basePlatform, makeRegion, type FixtureRegion } from "../helpers/region-fixture";
import { find, HUB_VNET_ID, tenantStack, withInputs } from "../helpers/policy-fixtures";
import type { CheckedResource } from "../../scripts/preview/preview-file";
import { POLICY_NAMES } from "../../policies/pack";
import { workloadStack } from "../helpers/workload-fixtures";
import { addMonths, localToday } from "../../tenants/validation/date-rules";

/** How Pulumi marks a string it cannot know during preview. */
const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const asInput = (r: CheckedResource): AnalyzedResource => ({ type: r.type, name: r.name, urn: r.urn, props: r.inputs, protect: r.options.protect });
/** Outputs as the engine reports them: the inputs plus the id. */
const asOutput = (r: CheckedResource): AnalyzedResource => ({ ...asInput(r), props: { ...r.inputs, id: r.id } });
const stackResource = (outputs: Record<string, unknown>): AnalyzedResource => ({
  type: "pulumi:pulumi:Stack",
  name: "grunnmur-senja",
  urn: "urn:pulumi:senja::grunnmur::pulumi:pulumi:Stack::grunnmur-senja",
  props: outputs,
});

describe("the policy pack inside Pulumi", () => {
  let region: FixtureRegion;
  let pack: PackProcess;

  beforeAll(async () => {
    const senja = baseTenant("senja", "5530", 1);
    senja.waivers = [{ policy: "storage-no-shared-key-access", resource: "files", reason: "Azure Files backup needs the account key until the agent supports Entra ID", granted: localToday(), expires: addMonths(localToday(), 11) }];
    region = makeRegion({ senja }, basePlatform());
    pack = await startPack(region);
  });
  afterAll(() => {
    pack?.stop();
    region?.remove();
  });

  it("describes itself to Pulumi with every policy, its enforcement level and its settings", async () => {
    const info = await pack.info();
    expect(info).toMatchObject({ name: "grunnmur", version: "0.1.0" });
    expect(info.policies.map((p) => p.name)).toEqual([...POLICY_NAMES]);
    expect(info.policies.find((p) => p.name === "logging-workspace-retention")).toEqual({ name: "logging-workspace-retention", mandatory: true, configKeys: ["minimumRetentionDays"] });
  });

  it("reports a resource violation with its message and enforcement level", async () => {
    const account = find(withInputs(tenantStack(), "files", { allowBlobPublicAccess: true }), "files");
    expect(await pack.analyze(asInput(account))).toEqual([
      {
        policy: "storage-no-public-blob-access",
        mandatory: true,
        // Pulumi puts the policy's description above the message.
        message: "ST-03 (CIS 9.3.8): No blob container can be made public.\nstorage account stgrunnmursenjaprod: allowBlobPublicAccess is true; set it to false (CIS 9.3.8)",
      },
    ]);
  });

  it("leaves out a violation that the tenant file waives", async () => {
    const account = find(withInputs(tenantStack(), "files", { allowSharedKeyAccess: true }), "files");
    expect(await pack.analyze(asInput(account))).toEqual([]);
  });

  it("waits for a location that is unknown during preview instead of giving up on the rule", async () => {
    const nsg = asInput(find(tenantStack(), "spoke-general"));
    expect(await pack.analyze({ ...nsg, props: { ...nsg.props, location: UNKNOWN_STRING } })).toEqual([]);
  });

  it("reports a stack violation from outputs, finding the hub in the stack outputs", async () => {
    const stack = withInputs(tenantStack(), "spoke-to-hub", { remoteVirtualNetwork: { id: HUB_VNET_ID.replace(/hub/g, "alta") } });
    const diagnostics = await pack.analyzeStack([...stack.resources.map(asOutput), stackResource(stack.outputs)]);
    expect(diagnostics.map((d) => d.policy)).toEqual(["network-spoke-peers-hub-only"]);
    expect(diagnostics[0].message).toContain("a spoke peers with the hub vnet-grunnmur-hub-prod-noe only");
  });

  it("links resources through recorded dependencies when ids are unknown during preview", async () => {
    const stack = tenantStack();
    const account = find(stack, "files");
    const resources = (dependencies: Record<string, string[]>) =>
      stack.resources.map((r) => {
        const output = asOutput(r);
        if (r.name === "files-diagnostics") return { ...output, props: { ...output.props, resourceUri: UNKNOWN_STRING }, propertyDependencies: dependencies };
        return r.name === "files" ? { ...output, props: { ...output.props, id: UNKNOWN_STRING } } : output;
      });
    expect(await pack.analyzeStack([...resources({ resourceUri: [account.urn] }), stackResource(stack.outputs)])).toEqual([]);
    const unlinked = await pack.analyzeStack([...resources({}), stackResource(stack.outputs)]);
    expect(unlinked.map((d) => d.policy)).toEqual(["logging-diagnostics-to-central-workspace"]);
  });

  it("finds a new VM's backup and monitoring agent through recorded dependencies while its id is unknown", async () => {
    const stack = workloadStack();
    const vmUrn = find(stack, "intranett-web").urn;
    const resources = (linked: boolean) =>
      stack.resources.map((r): AnalyzedResource => {
        const output = asOutput(r);
        const on = (property: string) => (linked ? { propertyDependencies: { [property]: [vmUrn] } } : {});
        if (r.name === "intranett-web") return { ...output, props: { ...output.props, id: UNKNOWN_STRING } };
        if (r.name === "intranett-web-backup") {
          const properties = { ...(output.props.properties as Record<string, unknown>), sourceResourceId: UNKNOWN_STRING };
          return { ...output, props: { ...output.props, properties }, ...on("properties") };
        }
        if (r.name === "intranett-web-monitor-agent") return { ...output, props: { ...output.props, vmName: UNKNOWN_STRING }, ...on("vmName") };
        if (r.name === "intranett-web-dcr") return { ...output, props: { ...output.props, resourceUri: UNKNOWN_STRING }, ...on("resourceUri") };
        return output;
      });
    const workloadFindings = (diagnostics: Array<{ policy: string }>) => diagnostics.map((d) => d.policy).filter((p) => p === "vm-backup-protected" || p === "vm-monitoring-agent");
    expect(workloadFindings(await pack.analyzeStack([...resources(true), stackResource(stack.outputs)]))).toEqual([]);
    expect(workloadFindings(await pack.analyzeStack([...resources(false), stackResource(stack.outputs)])).sort()).toEqual(["vm-backup-protected", "vm-monitoring-agent", "vm-monitoring-agent"]);
  });
});
