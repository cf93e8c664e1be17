/**
 * Where a resource lock may go, and where it must. Azure applies a lock to the
 * locked resource and to everything below it: its child resources and its
 * extension resources (diagnostic settings, role assignments, locks) all
 * inherit it, and a CanNotDelete lock refuses every DELETE among them
 * ("Lock your resources to protect your infrastructure",
 * https://learn.microsoft.com/azure/azure-resource-manager/management/lock-resources).
 * Deleting a private endpoint also deletes a connection below the resource it
 * reaches, which that resource's lock refuses (ScopeLocked on
 * privateEndpointConnectionProxies, hashicorp/terraform-provider-azurerm#17478).
 *
 * So a lock protects data only where Pulumi never deletes anything under it:
 * every resource of a stack below a lock, and every private endpoint into a
 * locked resource, is retained on delete. A type whose children the stacks
 * create and delete in their normal life is never locked. Pure: the policy
 * pack (policies/governance.ts) and the tests over the previews both use it.
 */
import { isWithin } from "./arm-id";

/** azure-native's lock resource types. */
export const LOCK_TYPES: readonly string[] = [
  "azure-native:authorization:ManagementLockByScope",
  "azure-native:authorization:ManagementLockAtResourceLevel",
  "azure-native:authorization:ManagementLockAtResourceGroupLevel",
];

/**
 * Stateful types that must carry a CanNotDelete lock of their own, kept (protect
 * and retainOnDelete) like the resource it locks, so it outlives the stack too.
 */
export const LOCK_REQUIRED_TYPES: Readonly<Record<string, string>> = {
  // Azure Files backup keeps its snapshots in the storage account itself, and Azure Backup
  // locks a backed-up account against deletion for that reason
  // (https://learn.microsoft.com/azure/backup/backup-azure-files-faq).
  "azure-native:storage:StorageAccount": "the shares and their backup snapshots live in it",
  "azure-native:recoveryservices:Vault": "it holds every municipality's recovery points",
  "azure-native:dataprotection:BackupVault": "it holds recovery points",
  // The lock does not stop a data purge (the Data Purger role does); it stops deleting the workspace.
  "azure-native:operationalinsights:Workspace": "its logs are the audit trail",
};

/** Types never to lock, with the lifecycle a lock would break. */
export const LOCK_FORBIDDEN_TYPES: Readonly<Record<string, string>> = {
  "azure-native:network:VirtualNetwork":
    "its peerings and subnets are its children: a lock on the hub stops every tenant stack from removing its peering, and offboarding with it",
  "azure-native:privatedns:PrivateZone": "each spoke's stack links and unlinks its network (virtual network links are the zone's children)",
  "azure-native:network:FirewallPolicy": "each tenant's rule collection group is the policy's child, removed when the tenant leaves",
  "azure-native:resources:ResourceGroup": "everything in the group inherits the lock, so no resource in it could ever be deleted or replaced",
  // Soft delete (90 days) and purge protection already make a deleted vault and its secrets
  // recoverable, and nobody can purge them (policies KV-01, KV-02;
  // https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview).
  // Its data is in the recovery points, which the vault's lock and soft delete keep.
  "azure-native:compute:VirtualMachine":
    "its extensions, data collection rule association and maintenance assignment are below it and change in its normal life, and retiring a VM deletes it; its recovery points are in the locked vault",
  "azure-native:keyvault:Vault":
    "each RADIUS server's role assignment on a secret is an extension resource below the vault, removed when a municipality's secret goes; soft delete and purge protection keep the vault recoverable instead",
};

/** One resource as the lock rules see it. */
export interface LockSubject {
  readonly urn: string;
  readonly type: string;
  /** Its ARM id, when known (offline always; in a real preview only for resources that exist). */
  readonly id?: string;
  readonly protect: boolean;
  /** Undefined when unknown: the Pulumi engine does not pass retainOnDelete to policies. */
  readonly retainOnDelete?: boolean;
  /** For a lock: what it locks (its scope, when known, or the resources its scope came from) and its level. */
  readonly lock?: { readonly scope?: string; readonly scopeFrom?: readonly string[]; readonly level?: string };
  /** For a private endpoint: the ids of the resources it connects to. */
  readonly connectsTo?: readonly string[];
}

export type LockFinding =
  /** A lock on a type that must not carry one. */
  | { readonly kind: "forbidden"; readonly lock: LockSubject; readonly target: LockSubject; readonly reason: string }
  /** A resource Pulumi may delete lies below a lock (or connects into the locked resource). */
  | { readonly kind: "deletes-under-lock"; readonly lock: LockSubject; readonly resource: LockSubject; readonly how: "below" | "private endpoint" }
  /** A stateful resource without a CanNotDelete lock. */
  | { readonly kind: "missing"; readonly resource: LockSubject; readonly reason: string }
  /** A lock of a stateful resource that is not CanNotDelete, or that the stack would delete. */
  | { readonly kind: "lock-not-kept"; readonly lock: LockSubject; readonly resource: LockSubject; readonly problem: "level" | "protect" | "retainOnDelete" };

export const isLock = (s: LockSubject) => LOCK_TYPES.includes(s.type);

/** What a lock locks, read from the lock's own id: `<scope>/providers/Microsoft.Authorization/locks/<name>`. */
export function lockScopeOfId(lockId: string): string | undefined {
  const match = /^(.+)\/providers\/Microsoft\.Authorization\/locks\/[^/]+$/i.exec(lockId);
  return match?.[1];
}

const sameId = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();

/** The resources a lock locks: the one whose id is its scope, or the ones its scope was computed from. */
export function lockTargets(lock: LockSubject, subjects: readonly LockSubject[]): LockSubject[] {
  const scope = lock.lock?.scope;
  return subjects.filter((s) => s !== lock && (scope !== undefined ? sameId(s.id, scope) : (lock.lock?.scopeFrom ?? []).includes(s.urn)));
}

/** Whether Pulumi would delete it in Azure when it leaves the stack: false only when known to be retained. */
const deletable = (s: LockSubject) => s.retainOnDelete === false;

/** Every way the subjects break the lock rules. Subjects may come from several stacks: a lock in one covers children made by another. */
export function lockFindings(subjects: readonly LockSubject[]): LockFinding[] {
  const out: LockFinding[] = [];
  const locks = subjects.filter(isLock);
  for (const lock of locks) {
    for (const target of lockTargets(lock, subjects)) {
      const reason = LOCK_FORBIDDEN_TYPES[target.type];
      if (reason) out.push({ kind: "forbidden", lock, target, reason });
    }
    const scope = lock.lock?.scope ?? lockTargets(lock, subjects).find((t) => t.id)?.id;
    if (!scope) continue;
    for (const resource of subjects) {
      if (isLock(resource) || !deletable(resource)) continue;
      if (resource.id && isWithin(resource.id, scope) && !sameId(resource.id, scope)) {
        out.push({ kind: "deletes-under-lock", lock, resource, how: "below" });
      } else if ((resource.connectsTo ?? []).some((target) => isWithin(target, scope))) {
        out.push({ kind: "deletes-under-lock", lock, resource, how: "private endpoint" });
      }
    }
  }
  for (const resource of subjects) {
    const reason = LOCK_REQUIRED_TYPES[resource.type];
    if (!reason) continue;
    const own = locks.filter((lock) => lockTargets(lock, subjects).includes(resource));
    if (own.length === 0) {
      // Its id unknown (a real preview of a new resource) and a lock pointing at nothing known: can't tell.
      const unresolved = locks.some((lock) => lockTargets(lock, subjects).length === 0);
      if (resource.id === undefined && unresolved) continue;
      out.push({ kind: "missing", resource, reason });
      continue;
    }
    // One good lock is enough; otherwise name what is wrong with the first.
    const problems = own.map((lock) => ({ lock, problem: lockProblem(lock) }));
    if (problems.some((p) => p.problem === undefined)) continue;
    out.push({ kind: "lock-not-kept", lock: problems[0].lock, resource, problem: problems[0].problem! });
  }
  return out;
}

function lockProblem(lock: LockSubject): "level" | "protect" | "retainOnDelete" | undefined {
  // A ReadOnly lock also refuses POST operations: listing keys, backup configuration, restores.
  if (lock.lock?.level !== "CanNotDelete") return "level";
  if (!lock.protect) return "protect";
  if (lock.retainOnDelete === false) return "retainOnDelete";
  return undefined;
}
