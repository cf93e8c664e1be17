/**
 * The example region with platform.yaml's governance section, previewed
 * offline: the management group hierarchy, where each subscription is placed,
 * every twin of the pack assigned with its effect, tenants' waivers as
 * exemptions with the same expiry, and Defender for Cloud in every
 * subscription. Two waivers are added to a copy of the example files.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { StackPreview } from "../../scripts/preview/preview-file";
import { copyExampleRegion, type FixtureRegion } from "../helpers/region-fixture";
import { previewFiles, type PreviewedRegion } from "../helpers/preview-fixture";
import { LG01_REMEDIATED_REFERENCES, plannedAssignments } from "../../domain/governance/policy-twins";
import { violationsOf } from "../helpers/policy-cases";

const NORDREISA_SUBSCRIPTION = "00000000-0000-4000-8000-000000005544";
const MG = (id: string) => `/providers/Microsoft.Management/managementGroups/${id}`;

let region: FixtureRegion;
let previewed: PreviewedRegion;
let platform: StackPreview;

const ofType = (type: string) => platform.resources.filter((r) => r.type === `azure-native:${type}`);
const named = (name: string) => {
  const found = platform.resources.find((r) => r.name === name);
  if (!found) throw new Error(`the platform preview has no resource ${name}`);
  return found;
};

function addWaivers(slug: string, lines: string): void {
  const file = path.join(region.tenantsDir, `${slug}.yaml`);
  fs.appendFileSync(file, `\nwaivers:\n${lines}`);
}

beforeAll(async () => {
  region = copyExampleRegion();
  const waiver = (policy: string, resource: string) =>
    `  - policy: ${policy}\n    resource: ${resource}\n    reason: The archive system's vendor needs this until its upgrade in spring; traffic stays inside the spoke.\n    granted: 2026-11-01\n    expires: 2027-06-30\n`;
  addWaivers("nordreisa", waiver("storage-no-shared-key-access", "files"));
  // VM-01's twin is assigned to the municipalities' group only; senja shares the platform's subscription.
  addWaivers("senja", waiver("storage-no-shared-key-access", "files") + waiver("vm-nic-no-public-ip", "app-nic"));
  previewed = await previewFiles(region.tenantsDir, region.platformFile, new Set(["nordreisa", "senja"]));
  platform = previewed.read("platform");
}, 240_000);

afterAll(() => {
  previewed?.remove();
  region?.remove();
});

describe("governance in the example region's platform stack", () => {
  it("builds the hierarchy under the tenant root group, every group protected and kept", () => {
    const groups = ofType("management:ManagementGroup").map((g) => [g.inputs.groupId, (g.inputs.details as any).parent.id, g.options.protect, g.options.retainOnDelete]);
    const root = (groups.find((g) => g[0] === "tromso-grunnmur") ?? [])[1] as string;
    expect(root).toMatch(/^\/providers\/Microsoft\.Management\/managementGroups\/[0-9a-f-]{36}$/);
    expect(groups).toEqual(
      expect.arrayContaining([
        ["tromso-grunnmur", root, true, true],
        ["tromso-grunnmur-platform", MG("tromso-grunnmur"), true, true],
        ["tromso-grunnmur-municipalities", MG("tromso-grunnmur"), true, true],
        ["tromso-grunnmur-decommissioned", MG("tromso-grunnmur"), true, true],
      ]),
    );
    expect(groups).toHaveLength(4);
  });

  it("places the platform's subscription in the platform group and nordreisa's own in the municipalities' group", () => {
    const placed = ofType("management:ManagementGroupSubscription").map((p) => [p.name, p.inputs.groupId, p.provider?.subscriptionId ?? "default", p.options.retainOnDelete]);
    expect(placed.sort()).toEqual(
      [
        ["management-groups-place-platform", "tromso-grunnmur-platform", "default", true],
        ["management-groups-place-nordreisa", "tromso-grunnmur-municipalities", NORDREISA_SUBSCRIPTION, true],
      ].sort(),
    );
  });

  it("assigns every twin at its group with its effect, and the location rule with Norway only", () => {
    const assignments = new Map(ofType("authorization:PolicyAssignment").map((a) => [a.inputs.policyAssignmentName as string, a]));
    expect(assignments.size).toBe(plannedAssignments().length);
    const st01 = assignments.get("gm-st-01")!;
    expect([st01.inputs.scope, st01.inputs.policyDefinitionId, st01.inputs.parameters, st01.inputs.enforcementMode]).toEqual([
      MG("tromso-grunnmur"),
      "/providers/Microsoft.Authorization/policyDefinitions/404c3081-a854-4457-ae30-26a93ef643f9",
      { effect: { value: "Deny" } },
      "Default",
    ]);
    // Its effect is fixed in the definition, so no effect parameter; the platform's RADIUS servers keep their public IPs.
    expect([assignments.get("gm-vm-01")!.inputs.scope, assignments.get("gm-vm-01")!.inputs.parameters]).toEqual([MG("tromso-grunnmur-municipalities"), {}]);
    expect(assignments.get("gm-rg-01")!.inputs.parameters).toEqual({ listOfAllowedLocations: { value: ["norwayeast", "norwaywest", "global"] } });
    const lg01 = assignments.get("gm-lg-01")!;
    expect([lg01.inputs.identity, (lg01.inputs.parameters as any).effect.value, (lg01.inputs.parameters as any).logAnalytics.value]).toEqual([
      { type: "SystemAssigned" },
      "DeployIfNotExists",
      ofType("operationalinsights:Workspace")[0].id,
    ]);
  });

  it("remediates what exists before each DeployIfNotExists and Modify assignment, at its group, once its identity has its roles", () => {
    const assignments = ofType("authorization:PolicyAssignment");
    const remediations = ofType("policyinsights:RemediationAtManagementGroup");
    const remediating = assignments.filter((a) => a.inputs.identity !== undefined);
    expect(remediating.map((a) => a.inputs.policyAssignmentName).sort()).toEqual(["gm-lg-01", "gm-tg-01-cost-centre", "gm-tg-01-environment", "gm-tg-01-service", "gm-tg-01-tenant"]);
    // No remediation for a Deny assignment.
    const remediated = new Set(remediations.map((r) => r.inputs.policyAssignmentId));
    for (const a of assignments) expect([a.inputs.policyAssignmentName, remediated.has(a.id)]).toEqual([a.inputs.policyAssignmentName, a.inputs.identity !== undefined]);
    for (const r of remediations) {
      const assignment = assignments.find((a) => a.id === r.inputs.policyAssignmentId)!;
      expect([r.inputs.managementGroupId, r.inputs.managementGroupsNamespace, r.inputs.resourceDiscoveryMode]).toEqual([
        (assignment.inputs.scope as string).split("/").pop(),
        "Microsoft.Management",
        "ExistingNonCompliant",
      ]);
      // After every role the assignment's identity holds, and none of another assignment's.
      const roles = ofType("authorization:RoleAssignment").filter((role) => role.parent === assignment.urn);
      expect(roles.length).toBeGreaterThan(0);
      // Pulumi also counts the assignment, whose id it names, as a dependency.
      expect([...r.options.dependsOn].sort()).toEqual([...roles.map((role) => role.urn), assignment.urn].sort());
    }
    // The initiative's remediations name its definitions; a single definition's names none.
    const lg01 = assignments.find((a) => a.inputs.policyAssignmentName === "gm-lg-01")!;
    const ofLg01 = remediations.filter((r) => r.inputs.policyAssignmentId === lg01.id);
    expect(ofLg01.map((r) => r.inputs.policyDefinitionReferenceId).sort()).toEqual([...LG01_REMEDIATED_REFERENCES].sort());
    const tenantTag = remediations.filter((r) => r.inputs.policyAssignmentId === assignments.find((a) => a.inputs.policyAssignmentName === "gm-tg-01-tenant")!.id);
    expect(tenantTag.map((r) => [r.inputs.remediationName, r.inputs.policyDefinitionReferenceId])).toEqual([["gm-rem-tg-01-tenant", undefined]]);
  });

  it("passes the policy pack, GV-01 included", async () => {
    const violations = await violationsOf({ stack: platform.stack, resources: platform.resources, outputs: platform.outputs });
    expect(violations.filter((v) => v.enforcement === "mandatory")).toEqual([]);
  });

  it("turns waivers into exemptions in the waiving municipality's own resource groups, ending with the waiver", () => {
    const exemptions = ofType("authorization:PolicyExemption").map((e) => [e.inputs.scope, e.inputs.expiresOn, e.inputs.exemptionCategory, (e.inputs.resourceSelectors as any)[0].selectors[0].in[0]]);
    const expected = (subscription: string, slug: string, groups: string[]) =>
      groups.map((g) => [`/subscriptions/${subscription}/resourceGroups/rg-grunnmur-${slug}-${g}-prod-noe`, "2027-06-30T23:59:59Z", "Waiver", "Microsoft.Storage/storageAccounts"]);
    const platformSubscription = (named("management-groups-place-platform").id ?? "").split("/")[2] ?? "";
    expect(exemptions.sort()).toEqual(
      [
        ...expected(NORDREISA_SUBSCRIPTION, "nordreisa", ["network", "data", "workloads", "backup"]),
        // No VM-01 exemption for senja: that rule is not assigned where senja's groups are.
        ...expected(platformSubscription, "senja", ["network", "data", "workloads"]),
      ].sort(),
    );
    for (const e of ofType("authorization:PolicyExemption")) expect(e.parent ?? "").toContain("policy-guardrails-st-04-1");
  });

  it("switches on the chosen Defender plans in every subscription, tells the platform team, and exports to the central workspace", () => {
    const pricings = ofType("security:Pricing").map((p) => [p.inputs.scopeId, p.inputs.pricingName, p.inputs.pricingTier, p.inputs.subPlan]);
    const plans = (scope: string) => [
      [scope, "VirtualMachines", "Standard", "P1"],
      [scope, "StorageAccounts", "Standard", "DefenderForStorageV2"],
      [scope, "KeyVaults", "Standard", "PerKeyVault"],
      [scope, "Arm", "Standard", "PerSubscription"],
    ];
    const platformScope = (pricings.find((p) => p[1] === "Arm" && p[0] !== `subscriptions/${NORDREISA_SUBSCRIPTION}`) ?? [])[0] as string;
    expect(platformScope).toMatch(/^subscriptions\/[0-9a-f-]{36}$/);
    expect(pricings.sort()).toEqual([...plans(platformScope), ...plans(`subscriptions/${NORDREISA_SUBSCRIPTION}`)].sort());
    const contacts = ofType("security:SecurityContact").map((c) => [c.provider?.subscriptionId ?? "default", c.inputs.emails, c.inputs.securityContactName]);
    expect(contacts.sort()).toEqual([
      [NORDREISA_SUBSCRIPTION, "plattform@tromso.kommune.no", "default"],
      ["default", "plattform@tromso.kommune.no", "default"],
    ].sort());
    const exports = ofType("security:Automation");
    expect(exports.map((a) => (a.inputs.actions as any)[0])).toEqual([{ actionType: "Workspace", workspaceResourceId: ofType("operationalinsights:Workspace")[0].id }]);
    expect(exports.map((a) => (a.inputs.scopes as any)[0].scopePath)).toEqual([`/${platformScope}`]);
  });

  it("exports Defender for Cloud from Nordreisa's own subscription to the central workspace, in Nordreisa's stack", () => {
    const nordreisa = previewed.read("nordreisa");
    const exports = nordreisa.resources.filter((r) => r.type === "azure-native:security:Automation");
    expect(exports.map((a) => [a.provider?.subscriptionId, (a.inputs.scopes as any)[0].scopePath, (a.inputs.actions as any)[0], a.inputs.resourceGroupName])).toEqual([
      [
        NORDREISA_SUBSCRIPTION,
        `/subscriptions/${NORDREISA_SUBSCRIPTION}`,
        { actionType: "Workspace", workspaceResourceId: ofType("operationalinsights:Workspace")[0].id },
        "rg-grunnmur-nordreisa-network-prod-noe",
      ],
    ]);
    expect((exports[0].inputs.sources as any[]).map((s) => s.eventSource)).toEqual(["Alerts", "Assessments", "SecureScores"]);
    // Senja shares the platform's subscription, which the platform's export already covers.
    expect(previewed.read("senja").resources.filter((r) => r.type === "azure-native:security:Automation")).toEqual([]);
  });
});
