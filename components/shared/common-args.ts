/**
 * The cross-cutting inputs every grunnmur component takes, named the same way
 * everywhere (after Azure Verified Modules): tags, a lock, diagnostics to the
 * central workspace, and role assignments to groups.
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
  /** A built-in role name from components/identity/roles.ts, e.g. "Reader". */
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
  readonly roleAssignments?: readonly RoleAssignmentArgs[];
}
