/** Resource locks: a CanNotDelete lock stops even an owner's accidental delete in the portal. */
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import type { LockArgs } from "./common-args";

export function addLock(name: string, scope: pulumi.Input<string>, lock: LockArgs | undefined, parent: pulumi.Resource) {
  if (!lock || lock.kind === "None") return undefined;
  return new authorization.ManagementLockByScope(
    `${name}-lock`,
    {
      scope,
      lockName: `lock-${name}`.slice(0, 90),
      level: lock.kind,
      notes: lock.notes ?? "Managed by grunnmur: remove only through a reviewed change.",
    },
    { parent },
  );
}
