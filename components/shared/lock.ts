/**
 * Resource locks: a CanNotDelete lock stops even an owner's accidental delete in
 * the portal. Azure applies it to everything below the locked resource, so only
 * what domain/azure/locks.ts allows is locked: the places where data lives, whose
 * children the stacks never delete.
 */
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import type { LockArgs } from "./common-args";

export interface AddLockOptions {
  /**
   * Keep the lock with the resource it locks: protected, and left in Azure when
   * the stack lets go of both (offboarding), so retained data stays locked
   * until the regional team removes it by hand (policy DL-02).
   */
  readonly kept?: boolean;
}

export function addLock(name: string, scope: pulumi.Input<string>, lock: LockArgs | undefined, parent: pulumi.Resource, options: AddLockOptions = {}) {
  if (!lock || lock.kind === "None") return undefined;
  return new authorization.ManagementLockByScope(
    `${name}-lock`,
    {
      scope,
      lockName: `lock-${name}`.slice(0, 90),
      level: lock.kind,
      notes: lock.notes ?? "Managed by grunnmur: remove only through a reviewed change.",
    },
    options.kept ? { parent, protect: true, retainOnDelete: true } : { parent },
  );
}
