/** Role assignments to groups at a given scope, named from stable keys. */
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import { stableGuid } from "../naming/azure-names";
import { roleDefinitionId } from "../identity/roles";
import { parseArmId } from "./arm-id";
import type { RoleAssignmentArgs } from "./common-args";

export function assignRoles(
  name: string,
  scope: pulumi.Input<string>,
  /** Stable key of the scope (e.g. "rg-network"), so GUIDs do not depend on outputs. */
  scopeKey: string,
  assignments: readonly RoleAssignmentArgs[] | undefined,
  parent: pulumi.Resource,
) {
  return (assignments ?? []).map((a) => {
    const key = `${a.principalKey}-${a.roleDefinitionIdOrName.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
    return new authorization.RoleAssignment(
      `${name}-${key}`,
      {
        scope,
        roleAssignmentName: stableGuid(scopeKey, a.principalKey, a.roleDefinitionIdOrName),
        // Role definitions are addressed within the scope's own subscription.
        roleDefinitionId: pulumi.output(scope).apply((id) => roleDefinitionId(parseArmId(id).subscriptionId, a.roleDefinitionIdOrName)),
        principalId: a.principalId,
        principalType: a.principalType ?? "Group",
      },
      { parent },
    );
  });
}
