/**
 * The VMs a change adds or retires in a stack, for the pull-request comment:
 * each added VM with its zone, size, monthly cost and backup tier; a VM removed
 * while its protected item stays is retired, its backups kept until they
 * expire, so its backup storage is no saving. Pure over two previews.
 */
import type { StackPreview } from "../preview/preview-file";
import { DEFAULT_ASSUMPTIONS, metersFor, type MeterContext } from "../../domain/cost/meters";
import { isVmProtectedItem, linkVmBackups, previewedVmDisks, VM_TYPE } from "../../domain/cost/workloads";

type Resource = StackPreview["resources"][number];

export const RETIRED_NOTE = "retired: VM removed, backups kept until they expire";

export interface WorkloadChange {
  readonly kind: "added" | "retired";
  readonly name: string;
  readonly zone: string;
  readonly size: string;
  readonly backupTier: string;
  /** What the change does to the month's cost: an added VM's whole cost, a retired VM's saving (negative). */
  readonly monthlyNok: number;
  /** A retired VM's backup storage, which stays until the recovery points expire. */
  readonly backupKeptNok?: number;
}

/** Backup tier of a VM: its protected item's policy (grunnmur-<tier>-vms, components/backup/recovery-vault.ts), else a grunnmur:backup-tier tag. */
function tierOf(vm: Resource, item: Resource | undefined): string {
  const policyId = (item?.inputs.properties as Record<string, unknown> | undefined)?.policyId;
  const fromPolicy = typeof policyId === "string" ? /grunnmur-([a-z0-9-]+)-vms$/i.exec(policyId)?.[1] : undefined;
  return fromPolicy ?? (vm.inputs.tags as Record<string, string> | undefined)?.["grunnmur:backup-tier"] ?? "—";
}

const tag = (r: Resource, key: string) => (r.inputs.tags as Record<string, string> | undefined)?.[key] ?? "—";

export function workloadChanges(before: StackPreview | undefined, after: StackPreview | undefined, prices: Readonly<Record<string, { nok: number }>>, tenantCount = 1): WorkloadChange[] {
  const beforeResources = before?.resources ?? [];
  const afterResources = after?.resources ?? [];
  const beforeUrns = new Set(beforeResources.map((r) => r.urn));
  const afterUrns = new Set(afterResources.map((r) => r.urn));
  const priced = (resources: readonly Resource[], ctx: MeterContext) => resources.reduce((sum, r) => sum + metersFor(r, ctx).reduce((a, m) => a + m.quantity * (prices[m.item]?.nok ?? 0), 0), 0);
  const itemsOf = (resources: readonly Resource[], vm: Resource, link: ReturnType<typeof linkVmBackups>) => resources.filter((r) => isVmProtectedItem(r) && link(r).vm === vm.name);

  const out: WorkloadChange[] = [];
  const linkAfter = linkVmBackups(afterResources, previewedVmDisks(beforeResources));
  const ctxAfter: MeterContext = { assumptions: DEFAULT_ASSUMPTIONS, tenantCount, vmBackup: linkAfter };
  for (const vm of afterResources.filter((r) => r.type === VM_TYPE && !beforeUrns.has(r.urn))) {
    const items = itemsOf(afterResources, vm, linkAfter);
    out.push({
      kind: "added",
      name: vm.name,
      zone: tag(vm, "grunnmur:zone"),
      size: String((vm.inputs.hardwareProfile as Record<string, unknown> | undefined)?.vmSize ?? "—"),
      backupTier: tierOf(vm, items[0]),
      monthlyNok: priced([vm, ...items], ctxAfter),
    });
  }
  const linkBefore = linkVmBackups(beforeResources);
  const ctxBefore: MeterContext = { assumptions: DEFAULT_ASSUMPTIONS, tenantCount, vmBackup: linkBefore };
  for (const vm of beforeResources.filter((r) => r.type === VM_TYPE && !afterUrns.has(r.urn))) {
    const items = itemsOf(beforeResources, vm, linkBefore);
    const kept = afterResources.filter((r) => items.some((i) => i.urn === r.urn));
    if (kept.length === 0) continue;
    const costBefore = priced([vm, ...items], ctxBefore);
    const backupKeptNok = priced(kept, ctxAfter);
    out.push({
      kind: "retired",
      name: vm.name,
      zone: tag(vm, "grunnmur:zone"),
      size: String((vm.inputs.hardwareProfile as Record<string, unknown> | undefined)?.vmSize ?? "—"),
      backupTier: tierOf(vm, items[0]),
      monthlyNok: backupKeptNok - costBefore,
      backupKeptNok,
    });
  }
  return out.sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
}
