import type { PolicyCase } from "../../helpers/policy-cases";
import { platformStack, resource, withInputs, withoutResource, withResources } from "../../helpers/policy-fixtures";
import type { CheckedStack } from "../../../scripts/preview/preview-file";
import { managementGroupPlan, managementGroupResourceId } from "../../../domain/governance/hierarchy";
import { assignmentName, assignmentParameters, definitionIdOf, plannedAssignments, plannedRemediations } from "../../../domain/governance/policy-twins";

const TENANT_ROOT = "/providers/Microsoft.Management/managementGroups/00000000-0000-4000-8000-00000000aaaa";
const GROUPS = managementGroupPlan("tromso-grunnmur", "Tromsø kommune");
const groupId = (key: string) => GROUPS.find((g) => g.key === key)!.groupId;
const GV01 = "grunnmur baseline GV-01";

/** The platform stack with governance on: the hierarchy and every twin assigned as stacks/platform/governance.ts does. */
export function governedPlatform(): CheckedStack {
  const groups = GROUPS.map((g) =>
    resource("platform", "azure-native:management:ManagementGroup", `management-groups-${g.key}`, {
      groupId: g.groupId,
      displayName: g.displayName,
      details: { parent: { id: g.parent ? managementGroupResourceId(groupId(g.parent)) : TENANT_ROOT } },
    }, { protect: true, retainOnDelete: true }),
  );
  const assignments = plannedAssignments().map((t) =>
    resource("platform", "azure-native:authorization:PolicyAssignment", `policy-guardrails-${t.key}`, {
      scope: managementGroupResourceId(groupId(t.scope)),
      policyAssignmentName: assignmentName(t.key),
      policyDefinitionId: definitionIdOf(t, groupId("region")),
      enforcementMode: "Default",
      location: "norwayeast",
      parameters: assignmentParameters(t),
    }),
  );
  const idOfAssignment = (key: string) => assignments.find((a) => a.name === `policy-guardrails-${key}`)!.id;
  const remediations = plannedRemediations().map((r) =>
    resource("platform", "azure-native:policyinsights:RemediationAtManagementGroup", `policy-guardrails-remediate-${r.key}`, {
      managementGroupId: groupId(r.scope),
      managementGroupsNamespace: "Microsoft.Management",
      remediationName: r.remediationName,
      policyAssignmentId: idOfAssignment(r.assignmentKey),
      ...(r.policyDefinitionReferenceId ? { policyDefinitionReferenceId: r.policyDefinitionReferenceId } : {}),
      resourceDiscoveryMode: r.resourceDiscoveryMode,
    }),
  );
  return withResources(platformStack(), ...groups, ...assignments, ...remediations);
}

const firstRemediation = () => plannedRemediations()[0];
const firstAssignmentId = () => governedPlatform().resources.find((r) => r.name === `policy-guardrails-${firstRemediation().assignmentKey}`)!.id;

const st01 = "policy assignment gm-st-01 (ST-01, storage-https-only)";

export const guardrailCases: PolicyCase[] = [
  {
    policy: "azure-policy-twins-assigned",
    fails: "lacks the assignment of a mapped rule",
    // A platform without governance has no management groups, and nothing to assign.
    passing: platformStack,
    failing: () => withoutResource(governedPlatform(), "policy-guardrails-st-01"),
    message: `${st01}: missing, so Azure accepts what the pack refuses; assign built-in 404c3081-a854-4457-ae30-26a93ef643f9 at the region management group (domain/governance/policy-twins.ts) (${GV01})`,
  },
  {
    policy: "azure-policy-twins-assigned",
    fails: "assigns a deny rule with the effect Audit",
    passing: governedPlatform,
    failing: () => withInputs(governedPlatform(), "policy-guardrails-st-01", { parameters: { effect: { value: "Audit" } } }),
    message: `${st01}: parameters.effect is "Audit"; set it to "Deny" (${GV01})`,
  },
  {
    policy: "azure-policy-twins-assigned",
    fails: "assigns a rule without enforcing it",
    passing: governedPlatform,
    failing: () => withInputs(governedPlatform(), "policy-guardrails-vm-01", { enforcementMode: "DoNotEnforce" }),
    message: `policy assignment gm-vm-01 (VM-01, vm-nic-no-public-ip): enforcementMode is "DoNotEnforce", so Azure only reports; set it to "Default" (${GV01})`,
  },
  {
    policy: "azure-policy-twins-assigned",
    fails: "assigns a municipalities-only rule at the platform's group",
    passing: governedPlatform,
    failing: () => withInputs(governedPlatform(), "policy-guardrails-nw-05", { scope: managementGroupResourceId("tromso-grunnmur-platform") }),
    message: `policy assignment gm-nw-05 (NW-05, network-no-public-ip-in-tenant): scope is "/providers/Microsoft.Management/managementGroups/tromso-grunnmur-platform"; set it to "/providers/Microsoft.Management/managementGroups/tromso-grunnmur-municipalities" (${GV01})`,
  },
  {
    policy: "azure-policy-twins-assigned",
    fails: "names another definition than the table's",
    passing: governedPlatform,
    failing: () => withInputs(governedPlatform(), "policy-guardrails-kv-02", { policyDefinitionId: "/providers/Microsoft.Authorization/policyDefinitions/1e66c121-a66a-4b1f-9b83-0fd99bf0fc2d" }),
    message: `policy assignment gm-kv-02 (KV-02, keyvault-purge-protection): policyDefinitionId is "/providers/Microsoft.Authorization/policyDefinitions/1e66c121-a66a-4b1f-9b83-0fd99bf0fc2d"; set it to "/providers/Microsoft.Authorization/policyDefinitions/0b60c0b2-2dc2-4e1c-b5c9-abbed971de53" (${GV01})`,
  },
  {
    policy: "azure-policy-twins-assigned",
    fails: "lacks the remediation task of a DeployIfNotExists or Modify assignment",
    passing: governedPlatform,
    failing: () => withoutResource(governedPlatform(), `policy-guardrails-remediate-${firstRemediation().key}`),
    message: `remediation task ${firstRemediation().remediationName}: missing, so what existed before the assignment ${assignmentName(firstRemediation().assignmentKey)} stays as it was; add it for the assignment (components/governance/policy-guardrails.ts) (${GV01})`,
  },
  {
    policy: "azure-policy-twins-assigned",
    fails: "has a remediation task pointed at another assignment",
    passing: governedPlatform,
    failing: () => withInputs(governedPlatform(), `policy-guardrails-remediate-${firstRemediation().key}`, { policyAssignmentId: "/providers/Microsoft.Management/managementGroups/x/providers/Microsoft.Authorization/policyAssignments/other" }),
    message: `remediation task ${firstRemediation().remediationName}: policyAssignmentId is "/providers/Microsoft.Management/managementGroups/x/providers/Microsoft.Authorization/policyAssignments/other"; set it to the assignment ${assignmentName(firstRemediation().assignmentKey)} ("${firstAssignmentId()}") (${GV01})`,
  },
];
