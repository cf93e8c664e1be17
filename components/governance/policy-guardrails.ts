/**
 * Azure Policy as the runtime twin of the policy pack: the custom definitions,
 * one assignment per twin at its management group, the roles a remediating
 * assignment's identity needs, a remediation task per remediating assignment
 * (after those roles), and the exemptions made from tenants' waivers
 * (domain/governance/policy-twins.ts, exemptions.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as policyinsights from "@pulumi/azure-native/policyinsights";
import { roleAssignmentName } from "../../domain/azure/names";
import { exemptionResourceSelectors, exemptionScope, type PlannedExemption } from "../../domain/governance/exemptions";
import {
  assignmentName,
  assignmentParameters,
  CUSTOM_DEFINITIONS,
  definitionIdOf,
  plannedAssignments,
  plannedRemediations,
  REMEDIATION_ROLE_IDS,
  type TwinScope,
} from "../../domain/governance/policy-twins";
import type { CollectionOutputs } from "../shared/common-args";

export interface PolicyGuardrailsArgs {
  /** Management group ids by the scope key an assignment names. */
  readonly groupIds: Readonly<Record<TwinScope, string>>;
  /** What the groups' resources are, so nothing is written to a group before it exists. */
  readonly groups: readonly pulumi.Resource[];
  /** Where a DeployIfNotExists or Modify assignment keeps its identity (Azure requires a location for it). */
  readonly location: string;
  /** The central workspace, where the diagnostics twin (LG-01) sends logs. */
  readonly workspaceResourceId: pulumi.Input<string>;
  readonly exemptions: readonly PlannedExemption[];
  /** Where municipalities without their own subscription have their resource groups. */
  readonly platformSubscriptionId: pulumi.Input<string>;
}

export class PolicyGuardrails extends pulumi.ComponentResource implements CollectionOutputs {
  /** Assignment ids by twin key (e.g. "st-01"). */
  public readonly resourceIds: Record<string, pulumi.Output<string>> = {};
  public readonly names: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: PolicyGuardrailsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("grunnmur:governance:PolicyGuardrails", name, {}, opts);
    const regionGroup = args.groupIds.region;
    const definitions: pulumi.Resource[] = [];
    for (const [definitionName, d] of Object.entries(CUSTOM_DEFINITIONS)) {
      definitions.push(
        new authorization.PolicyDefinitionAtManagementGroup(
          `${name}-${definitionName}`,
          {
            managementGroupId: regionGroup,
            policyDefinitionName: definitionName,
            displayName: d.displayName,
            description: d.description,
            mode: d.mode,
            policyType: "Custom",
            policyRule: d.policyRule,
            metadata: { category: "grunnmur" },
          },
          { parent: this, dependsOn: [...args.groups] },
        ),
      );
    }
    const assignments = new Map<string, authorization.PolicyAssignment>();
    for (const twin of plannedAssignments()) {
      const remediates = twin.effect === "DeployIfNotExists" || twin.effect === "Modify";
      const scope = `/providers/Microsoft.Management/managementGroups/${args.groupIds[twin.scope]}`;
      const extra = twin.ruleId === "LG-01" ? { logAnalytics: args.workspaceResourceId } : {};
      const assignment = new authorization.PolicyAssignment(
        `${name}-${twin.key}`,
        {
          scope,
          policyAssignmentName: assignmentName(twin.key),
          displayName: `${twin.ruleId}: ${twin.displayName || twin.definition}`.slice(0, 128),
          description: `The runtime twin of the grunnmur policy ${twin.policyName} (${twin.ruleId}).`,
          policyDefinitionId: definitionIdOf(twin, regionGroup),
          enforcementMode: "Default",
          parameters: pulumi.output(extra).apply((e) => assignmentParameters(twin, e)),
          nonComplianceMessages: [{ message: `Refused by grunnmur ${twin.ruleId} (${twin.policyName}); see the README, "Guardrails in Azure".` }],
          // Azure needs a location only for a remediating assignment's identity; every assignment gets one, so RG-01 sees Norway.
          location: args.location,
          ...(remediates ? { identity: { type: "SystemAssigned" } } : {}),
          metadata: { grunnmurRule: twin.ruleId },
        },
        { parent: this, dependsOn: [...args.groups, ...definitions] },
      );
      assignments.set(twin.key, assignment);
      this.resourceIds[twin.key] = assignment.id;
      this.names[twin.key] = assignment.name;
      // Remediation runs as the assignment's identity, which needs the definition's roles where it remediates.
      const roles: authorization.RoleAssignment[] = [];
      for (const role of twin.remediationRoles ?? []) {
        roles.push(new authorization.RoleAssignment(
          `${name}-${twin.key}-${role.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`,
          {
            scope,
            roleAssignmentName: roleAssignmentName(`mg-${twin.scope}`, `policy-${twin.key}`, role),
            roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${REMEDIATION_ROLE_IDS[role]}`,
            principalId: assignment.identity.apply((i) => i?.principalId ?? ""),
            principalType: "ServicePrincipal",
          },
          { parent: assignment },
        ));
      }
      // Azure fixes only what is created or updated after the assignment; a remediation task fixes
      // what already exists. It runs as the identity, so only once the identity has its roles: an
      // assignment made through an SDK gets no roles by itself
      // (https://learn.microsoft.com/azure/governance/policy/how-to/remediate-resources).
      for (const r of plannedRemediations().filter((p) => p.assignmentKey === twin.key)) {
        new policyinsights.RemediationAtManagementGroup(
          `${name}-remediate-${r.key}`,
          {
            managementGroupId: args.groupIds[r.scope],
            managementGroupsNamespace: "Microsoft.Management",
            remediationName: r.remediationName,
            policyAssignmentId: assignment.id,
            ...(r.policyDefinitionReferenceId ? { policyDefinitionReferenceId: r.policyDefinitionReferenceId } : {}),
            resourceDiscoveryMode: r.resourceDiscoveryMode,
          },
          { parent: assignment, dependsOn: roles },
        );
      }
    }
    for (const e of args.exemptions) {
      const assignment = assignments.get(e.assignmentKey)!;
      new authorization.PolicyExemption(
        `${name}-waiver-${e.key}`,
        {
          scope: pulumi.output(args.platformSubscriptionId).apply((id) => exemptionScope(e, id)),
          policyExemptionName: e.name,
          policyAssignmentId: assignment.id,
          exemptionCategory: "Waiver",
          expiresOn: e.expiresOn,
          displayName: e.displayName,
          description: e.description,
          ...exemptionResourceSelectors(e),
        },
        { parent: assignment },
      );
    }
    this.registerOutputs({ resourceIds: this.resourceIds, names: this.names });
  }
}
