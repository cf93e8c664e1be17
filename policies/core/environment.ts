/**
 * What policies know beyond the resources: today's date and what each stack's
 * own file says (waivers, restore tests). The offline runner builds it from
 * the validated region; the pack (policies/index.ts) reads the same files.
 */
import { hubKeyOfStack, PLATFORM_STACK } from "../../stacks/contract";
import type { Region } from "../../tenants/region";
import type { Waiver } from "../../tenants/schema/fields";

export interface StackFile {
  /** The tenant or platform file, as shown in messages. */
  readonly file: string;
  readonly waivers: readonly Waiver[];
  /** Whether the stack's owner subscribes to backup. */
  readonly backup: boolean;
  /** The date of the last test restore, YYYY-MM-DD, when recorded. */
  readonly lastRestoreTest?: string;
  /** The tenant's backup tier (`backup.tier`), the default of its VMs' `backupTier`. */
  readonly backupTier?: string;
  /** The tenant's systems (`systems.<key>`): whether each is sensitive, its zone and VMs; empty for the platform. */
  readonly systems?: Readonly<Record<string, SystemFile>>;
}

/** What a tenant file says about one system, for the workload policies (VM-01 …). */
export interface SystemFile {
  readonly sensitive: boolean;
  /** `hosting.zone`, when the system is hosted on the platform. */
  readonly zone?: string;
  /** `hosting.vms.<key>`: its backup tier as written (undefined: the file's `backup.tier`) and its state. */
  readonly vms: Readonly<Record<string, { readonly backupTier?: string; readonly state: string }>>;
}

/** What the platform file allows a workload VM to be (`workloads.sizes`, `workloads.images`). */
export interface WorkloadRules {
  readonly sizes: readonly string[];
  /** Keys of domain/compute/images.ts. */
  readonly images: readonly string[];
}

export interface PolicyEnvironment {
  /** YYYY-MM-DD; waivers and restore tests are judged against it. */
  readonly today: string;
  /** The file behind a stack; undefined for a stack without one (a hand-made resource list). */
  readonly stackFile: (stack: string) => StackFile | undefined;
  /** The platform file's workload rules; undefined without a platform file, or when it allows no VMs. */
  readonly workloads?: () => WorkloadRules | undefined;
}

/** Today in the local calendar (Norway), as YYYY-MM-DD. */
export function isoToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Whole days from `from` to `to`, both YYYY-MM-DD. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** An environment without files: policies that need them have nothing to check. */
export function environmentWithoutFiles(today = isoToday()): PolicyEnvironment {
  return { today, stackFile: () => undefined };
}

/** The environment of a validated region: each stack's waivers and restore test from its own file. */
export function regionEnvironment(region: Region, today = isoToday()): PolicyEnvironment {
  const files = new Map<string, StackFile>();
  files.set(PLATFORM_STACK, { file: region.platformFile, waivers: region.platform.waivers, backup: false });
  for (const tenant of region.tenants) {
    files.set(tenant.spec.slug, {
      file: tenant.file,
      waivers: tenant.spec.waivers,
      backup: tenant.spec.services.includes("backup"),
      lastRestoreTest: tenant.spec.backup?.lastRestoreTest,
      backupTier: tenant.spec.backup?.tier,
      systems: Object.fromEntries(
        Object.entries(tenant.spec.systems ?? {}).map(([key, system]) => [
          key,
          {
            sensitive: system.sensitive,
            zone: system.hosting?.zone,
            vms: Object.fromEntries(Object.entries(system.hosting?.vms ?? {}).map(([vm, spec]) => [vm, { backupTier: spec.backupTier, state: spec.state }])),
          },
        ]),
      ),
    });
  }
  const workloads = region.platform.workloads;
  const rules: WorkloadRules | undefined = workloads ? { sizes: [...workloads.sizes], images: [...workloads.images] } : undefined;
  // A hub stack's file is the platform's: platform.yaml network.hubs.
  const platformFile = files.get(PLATFORM_STACK);
  return { today, stackFile: (stack) => files.get(stack) ?? (hubKeyOfStack(stack) !== undefined ? platformFile : undefined), workloads: () => rules };
}
