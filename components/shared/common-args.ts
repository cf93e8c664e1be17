/**
 * The cross-cutting inputs and outputs of grunnmur components, named the same
 * way everywhere (after Azure Verified Modules): tags, a lock and diagnostics
 * to the central workspace in; `resourceId` and `name` out. Role assignments
 * are made by the programs on resource groups (role-assignments.ts), so
 * components take none.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { Tags } from "../../domain/azure/tags";

export interface LockArgs {
  readonly kind: "CanNotDelete" | "ReadOnly" | "None";
  readonly notes?: string;
}

export interface DiagnosticsArgs {
  /** ARM id of the central Log Analytics workspace. */
  readonly workspaceResourceId: pulumi.Input<string>;
}

export interface RoleAssignmentArgs {
  /** A built-in role name from domain/azure/roles.ts, e.g. "Reader". */
  readonly roleDefinitionIdOrName: string;
  /** Object id of an Entra ID group: roles go to groups, never to single users. */
  readonly principalId: pulumi.Input<string>;
  /** Stable key for the principal, part of the assignment's logical name and GUID. */
  readonly principalKey: string;
  readonly principalType?: "Group" | "ServicePrincipal";
}

export interface CommonArgs {
  readonly tags: Tags;
  readonly diagnostics?: DiagnosticsArgs;
  readonly lock?: LockArgs;
}

/** A component built around one principal Azure resource (or Entra ID object): its id and name. */
export interface ComponentOutputs {
  readonly resourceId: pulumi.Output<string>;
  readonly name: pulumi.Output<string>;
}

/** A component that is a set of like resources (servers, groups): ids and names by stable key. */
export interface CollectionOutputs<K extends string = string> {
  readonly resourceIds: Readonly<Record<K, pulumi.Output<string>>>;
  readonly names: Readonly<Record<K, pulumi.Output<string>>>;
}
