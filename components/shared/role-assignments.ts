/** Role assignments to groups at a given scope, named from stable keys. */
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import { roleAssignmentName } from "../../domain/azure/names";
import { roleDefinitionId } from "../../domain/azure/roles";
import { requireArmId } from "../../domain/azure/arm-id";
import type { RoleAssignmentArgs } from "./common-args";

function subscriptionOf(id: string): string {
  const sub = requireArmId(id).subscriptionId;
  if (!sub) throw new Error(`"${id}" names no subscription; role assignments need a scope inside one`);
  return sub;
}

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
        roleAssignmentName: roleAssignmentName(scopeKey, a.principalKey, a.roleDefinitionIdOrName),
        // Role definitions are addressed within the scope's own subscription.
        roleDefinitionId: pulumi.output(scope).apply((id) => roleDefinitionId(subscriptionOf(id), a.roleDefinitionIdOrName)),
        principalId: a.principalId,
        principalType: a.principalType ?? "Group",
      },
      { parent },
    );
  });
}
