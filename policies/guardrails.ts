/**
 * GV-01: with platform.yaml's governance section, the platform stack assigns
 * every runtime twin of the pack (domain/governance/policy-twins.ts) at its
 * management group, enforced, with the effect the table gives. The pack and its
 * twins then hold the same rules: one that lost its assignment would leave
 * Azure accepting what the pack refuses.
 */
import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy, type GrunnmurPolicy } from "./core/define";
import { idOf } from "./core/stack-facts";
import { knownString, peek, show, UNKNOWN } from "./core/values";
import { assignmentName, definitionIdOf, plannedAssignments, plannedRemediations, type TwinScope } from "../domain/governance/policy-twins";
import { managementGroupResourceId } from "../domain/governance/hierarchy";

const GV01 = "grunnmur baseline GV-01";
const MANAGEMENT_GROUP = "azure-native:management:ManagementGroup";
const ASSIGNMENT = "azure-native:authorization:PolicyAssignment";
const REMEDIATION = "azure-native:policyinsights:RemediationAtManagementGroup";

/**
 * The region's group is the one whose parent is none of the stack's groups (by
 * their ids, or the id their groupId gives); the municipalities' is its child
 * of that name.
 */
function groupIds(groups: readonly PolicyResource[]): Partial<Record<TwinScope, string>> {
  const ids = groups.map((g) => knownString(() => g.props.groupId)).filter((id): id is string => id !== undefined);
  const ours = new Set([...ids.map(managementGroupResourceId), ...groups.map((g) => idOf(g)).filter((id): id is string => id !== undefined)].map((id) => id.toLowerCase()));
  const parentOf = (g: PolicyResource) => knownString(() => (g.props.details as { parent?: { id?: string } } | undefined)?.parent?.id);
  const region = groups.find((g) => {
    const parent = parentOf(g);
    return parent !== undefined && !ours.has(parent.toLowerCase());
  });
  const regionId = region ? knownString(() => region.props.groupId) : undefined;
  return { region: regionId, municipalities: regionId ? ids.find((id) => id === `${regionId}-municipalities`) : undefined };
}

export const policyTwinsAssigned = () =>
  stackPolicy(
    {
      id: "GV-01",
      name: "azure-policy-twins-assigned",
      source: GV01,
      title: "With governance on, every pack rule Azure Policy can hold is assigned at its management group, enforced, with its effect, and every DeployIfNotExists or Modify assignment has its remediation task: Azure refuses, or fixes, what the pack refuses.",
      enforcementLevel: "mandatory",
    },
    "platform",
    ({ resources }, report) => {
      const groups = resources.filter((r) => r.type === MANAGEMENT_GROUP);
      // Governance is optional: a platform without management groups has no twins to assign.
      if (groups.length === 0) return;
      const ids = groupIds(groups);
      if (!ids.region) {
        report(`the platform stack has management groups but none under the tenant root group, so no assignment can be placed; set platform.yaml governance.managementGroupPrefix or check stacks/platform/governance.ts (${GV01})`);
        return;
      }
      const byName = new Map(resources.filter((r) => r.type === ASSIGNMENT).map((r) => [knownString(() => r.props.policyAssignmentName) ?? r.name, r]));
      for (const twin of plannedAssignments()) {
        const name = assignmentName(twin.key);
        const label = `policy assignment ${name} (${twin.ruleId}, ${twin.policyName})`;
        const a = byName.get(name);
        if (!a) {
          report(`${label}: missing, so Azure accepts what the pack refuses; assign ${twin.kind === "custom" ? `the custom definition ${twin.definition}` : `built-in ${twin.definition}`} at the ${twin.scope} management group (domain/governance/policy-twins.ts) (${GV01})`);
          continue;
        }
        const groupId = ids[twin.scope];
        const scope = knownString(() => a.props.scope);
        const wantScope = groupId ? managementGroupResourceId(groupId) : undefined;
        if (scope !== undefined && scope !== wantScope) {
          report(`${label}: scope is ${show(scope)}; set it to ${show(wantScope ?? `the ${twin.scope} management group`)} (${GV01})`, a.urn);
        }
        const definition = knownString(() => a.props.policyDefinitionId);
        const wantDefinition = definitionIdOf(twin, ids.region);
        if (definition !== undefined && definition.toLowerCase() !== wantDefinition.toLowerCase()) {
          report(`${label}: policyDefinitionId is ${show(definition)}; set it to ${show(wantDefinition)} (${GV01})`, a.urn);
        }
        const mode = peek(() => a.props.enforcementMode);
        if (mode !== UNKNOWN && mode !== undefined && mode !== "Default") {
          report(`${label}: enforcementMode is ${show(mode)}, so Azure only reports; set it to "Default" (${GV01})`, a.urn);
        }
        if (twin.effectParameter) {
          const effect = peek(() => (a.props.parameters as Record<string, { value?: unknown }> | undefined)?.effect?.value);
          if (effect !== UNKNOWN && effect !== twin.effect) {
            report(`${label}: parameters.effect is ${show(effect)}; set it to ${show(twin.effect)} (${GV01})`, a.urn);
          }
        }
      }
      // DeployIfNotExists and Modify act by themselves only on resources created or changed after
      // the assignment; its remediation task fixes the ones that were there before.
      const tasks = new Map(resources.filter((r) => r.type === REMEDIATION).map((r) => [knownString(() => r.props.remediationName) ?? r.name, r]));
      for (const planned of plannedRemediations()) {
        const name = assignmentName(planned.assignmentKey);
        const task = tasks.get(planned.remediationName);
        if (!task) {
          report(`remediation task ${planned.remediationName}: missing, so what existed before the assignment ${name} stays as it was; add it for the assignment (components/governance/policy-guardrails.ts) (${GV01})`);
          continue;
        }
        const assignment = byName.get(name);
        const assignmentId = assignment ? idOf(assignment) : undefined;
        const target = knownString(() => task.props.policyAssignmentId);
        if (assignmentId !== undefined && target !== undefined && target.toLowerCase() !== assignmentId.toLowerCase()) {
          report(`remediation task ${planned.remediationName}: policyAssignmentId is ${show(target)}; set it to the assignment ${name} (${show(assignmentId)}) (${GV01})`, task.urn);
        }
      }
    },
  );

export function guardrailPolicies(): GrunnmurPolicy[] {
  return [policyTwinsAssigned()];
}
