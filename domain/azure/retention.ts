/**
 * What `pulumi state unprotect --all` followed by `pulumi destroy` does to a
 * stack, and what would make it lose data or stop halfway. After the unprotect,
 * the destroy deletes in Azure everything not marked retainOnDelete and only
 * forgets the rest (https://www.pulumi.com/docs/iac/concepts/options/retainondelete/).
 * Three Azure facts decide whether that is safe:
 * - azure-native deletes a resource group with everything in it, retained or
 *   not (pulumi/pulumi-azure-native#2522), so a retained resource needs a
 *   retained resource group;
 * - Azure deletes no subnet that still has resources in it
 *   (https://learn.microsoft.com/azure/virtual-network/virtual-network-manage-subnet#delete-a-subnet),
 *   so a retained private endpoint needs a retained virtual network;
 * - a lock refuses to delete anything below it (domain/azure/locks.ts).
 * Pure: `grunnmur offboard` checks a tenant's preview with it before it runs anything.
 */
import { isWithin, parseArmId } from "./arm-id";
import { lockFindings, type LockSubject } from "./locks";

export interface DestroySubject extends LockSubject {
  /** For a private endpoint: the id of the subnet it sits in. */
  readonly subnetId?: string;
}

export type DestroyHazard =
  | { readonly kind: "protected-not-retained"; readonly resource: DestroySubject }
  | { readonly kind: "group-takes-retained"; readonly group: DestroySubject; readonly resource: DestroySubject }
  | { readonly kind: "subnet-kept-busy"; readonly endpoint: DestroySubject; readonly network: DestroySubject }
  | { readonly kind: "deletes-under-lock"; readonly lock: DestroySubject; readonly resource: DestroySubject };

const RESOURCE_GROUP = "azure-native:resources:ResourceGroup";
const VIRTUAL_NETWORK = "azure-native:network:VirtualNetwork";

export const retained = (s: LockSubject) => s.retainOnDelete === true;

/** The parent resource group's id of an ARM id, e.g. /subscriptions/x/resourceGroups/rg-a. */
function groupIdOf(id: string): string | undefined {
  const parsed = parseArmId(id);
  return parsed?.subscriptionId && parsed.resourceGroup ? `/subscriptions/${parsed.subscriptionId}/resourceGroups/${parsed.resourceGroup}` : undefined;
}

/** Everything that would go wrong if the stack of `subjects` were unprotected and destroyed. */
export function destroyHazards(subjects: readonly DestroySubject[]): DestroyHazard[] {
  const out: DestroyHazard[] = [];
  for (const resource of subjects) {
    if (resource.protect && !retained(resource)) out.push({ kind: "protected-not-retained", resource });
  }
  const groups = subjects.filter((s) => s.type === RESOURCE_GROUP && s.id && !retained(s));
  for (const resource of subjects) {
    if (!retained(resource) || !resource.id) continue;
    const groupId = groupIdOf(resource.id);
    const group = groups.find((g) => groupId !== undefined && isWithin(groupId, g.id!));
    if (group) out.push({ kind: "group-takes-retained", group, resource });
  }
  const networks = subjects.filter((s) => s.type === VIRTUAL_NETWORK && s.id && !retained(s));
  for (const endpoint of subjects) {
    if (!retained(endpoint) || !endpoint.subnetId) continue;
    const network = networks.find((n) => isWithin(endpoint.subnetId!, n.id!));
    if (network) out.push({ kind: "subnet-kept-busy", endpoint, network });
  }
  for (const f of lockFindings(subjects)) {
    if (f.kind === "deletes-under-lock") out.push({ kind: "deletes-under-lock", lock: f.lock, resource: f.resource });
  }
  return out;
}
