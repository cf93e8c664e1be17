/**
 * What each migration wave brings onto the platform: the VMs of its systems
 * (systems.*.hosting), the Azure resources they add (docs/workloads.md), their
 * monthly cost and backup storage; and whether a system would move before a
 * system it depends on that the platform cannot reach. Pure.
 */
import { backupStorageGb, movedVmMeters, type WorkloadVm } from "../cost/workloads";
import type { InventorySystem, MigrationPlan } from "./waves";

/** The Azure resources one VM adds, from docs/workloads.md "What every VM gets". */
export interface VmResources {
  readonly virtualMachine: 1;
  readonly networkInterface: 1;
  /** Managed disks: the OS disk and each data disk (created with the VM). */
  readonly disks: number;
  /** Entra ID sign-in and the Azure Monitor Agent. */
  readonly extensions: 2;
  readonly dataCollectionRuleAssociation: 1;
  /** The maintenance configuration (its patch window) and its assignment to the VM. */
  readonly maintenance: 2;
  readonly protectedItem: 1;
  /** The admin password secret in Key Vault, Windows only. */
  readonly secret: 0 | 1;
  readonly total: number;
}

export function vmResources(vm: Pick<WorkloadVm, "os" | "disks">): VmResources {
  const counts = { virtualMachine: 1, networkInterface: 1, disks: vm.disks.length, extensions: 2, dataCollectionRuleAssociation: 1, maintenance: 2, protectedItem: 1, secret: vm.os === "windows" ? 1 : 0 } as const;
  return { ...counts, total: Object.values(counts).reduce<number>((a, b) => a + b, 0) };
}

export interface WaveWorkloads {
  readonly wave: number;
  readonly waveStart: string;
  /** The VMs (`<system>-<vm>`) the wave's systems run on the platform once moved. */
  readonly vms: string[];
  readonly resources: number;
  readonly monthlyNok: number;
  readonly backupGb: number;
}

/**
 * Per wave, the VMs its systems run once moved (every VM of theirs but the
 * retired ones), what they add and cost a month running. A price item the
 * price table lacks is an error naming it.
 */
export function waveWorkloads(plan: MigrationPlan, vms: readonly WorkloadVm[], prices: Readonly<Record<string, { nok: number }>>): WaveWorkloads[] {
  return plan.waves.map((wave, i) => {
    const systems = new Set(wave.map((s) => s.key));
    const moving = vms.filter((vm) => systems.has(vm.system) && vm.state !== "retired");
    let monthly = 0;
    for (const vm of moving) {
      for (const m of movedVmMeters(vm)) {
        const p = prices[m.item];
        if (!p) throw new Error(`VM ${vm.key} needs the price item "${m.item}", which platform.yaml prices.items does not have; add it`);
        monthly += m.quantity * p.nok;
      }
    }
    return {
      wave: i + 1,
      waveStart: wave[0]?.waveStart ?? "",
      vms: moving.map((vm) => vm.key),
      resources: moving.reduce((a, vm) => a + vmResources(vm).total, 0),
      monthlyNok: Math.round(monthly),
      backupGb: moving.reduce((a, vm) => a + backupStorageGb(vm.disks), 0),
    };
  });
}

export interface DependencyFinding {
  readonly system: string;
  readonly dependsOn: string;
  readonly message: string;
}

export interface DependencyCheck {
  /** A system would run on the platform while a system it depends on is out of reach. */
  readonly problems: DependencyFinding[];
  /** The same, but reachable through the tenant's VPN sites. */
  readonly throughVpn: DependencyFinding[];
}

const where = (s: InventorySystem) => (s.runsOn === "on-premises" ? "on premises" : "in the local datacentre");

/**
 * A system on the platform must reach every system it depends on. SaaS and
 * systems already on the platform are reachable. A dependency that stays on
 * premises or in the local datacentre (canMove: false), or has not moved yet
 * while the system already has (runsOn: shared-platform, or a VM migrating or
 * running), is reachable only through the VPN: a problem when the tenant file
 * has no VPN site. Dependencies that move are ordered by the waves.
 */
export function checkDependencies(systems: Readonly<Record<string, InventorySystem>>, vms: readonly WorkloadVm[], plan: MigrationPlan, vpnSites: number): DependencyCheck {
  const waveOf = new Map(plan.waves.flat().map((s) => [s.key, s.wave]));
  const started = (key: string) => systems[key]?.runsOn === "shared-platform" || vms.some((vm) => vm.system === key && (vm.state === "migrating" || vm.state === "running"));
  const problems: DependencyFinding[] = [];
  const throughVpn: DependencyFinding[] = [];
  for (const key of Object.keys(systems).sort()) {
    const s = systems[key];
    const wave = waveOf.get(key);
    if (wave === undefined && !started(key)) continue;
    for (const dep of s.dependsOn) {
      const d = systems[dep];
      if (!d || d.runsOn === "saas" || d.runsOn === "shared-platform" || started(dep)) continue;
      const stays = !waveOf.has(dep);
      if (!stays && !started(key)) continue; // it moves in an earlier wave
      const when = started(key) ? "already runs on the platform" : `moves in wave ${wave}`;
      const depState = stays ? `stays ${where(d)}` : `is still ${where(d)} (it moves in wave ${waveOf.get(dep)})`;
      const base = `${key} ${when} but depends on ${dep}, which ${depState}`;
      if (vpnSites > 0) throughVpn.push({ system: key, dependsOn: dep, message: `${base}: reachable through the VPN (${vpnSites} site${vpnSites === 1 ? "" : "s"})` });
      else
        problems.push({
          system: key,
          dependsOn: dep,
          message: `${base}, and the tenant file has no VPN site, so the platform cannot reach it: add a site under sites, or move ${dep} first`,
        });
    }
  }
  return { problems, throughVpn };
}
