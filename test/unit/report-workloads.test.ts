import { diffStack } from "../../scripts/report/diff";
import { renderReport, summary } from "../../scripts/report/markdown";
import { RETIRED_NOTE, workloadChanges } from "../../scripts/report/workloads";
import type { StackPreview } from "../../scripts/preview/preview-file";

type Resource = StackPreview["resources"][number];

const COMPONENT = "urn:pulumi:senja::grunnmur::grunnmur:compute:WorkloadVm::";
function resource(name: string, type: string, inputs: Record<string, unknown>, parent: string | null = null): Resource {
  return { urn: `urn:pulumi:senja::grunnmur::${type}::${name}`, type, name, custom: true, parent, id: null, inputs, options: { protect: false, retainOnDelete: false, dependsOn: [], ignoreChanges: [], replaceOnChanges: [], deleteBeforeReplace: false, aliases: [] } };
}
const stack = (resources: Resource[]): StackPreview => ({ stack: "senja", generatedBy: "test", resources, outputs: {} });

/** A workload VM and its protected item as docs/workloads.md describes them. */
function workload(key: string, size: string, zone: string, dataGb: number) {
  const vm = resource(
    key,
    "azure-native:compute:VirtualMachine",
    {
      hardwareProfile: { vmSize: size },
      storageProfile: { osDisk: { diskSizeGB: 128, managedDisk: { storageAccountType: "Premium_LRS" } }, dataDisks: [{ lun: 0, diskSizeGB: dataGb, createOption: "Empty", managedDisk: { storageAccountType: "Premium_LRS" } }] },
      osProfile: { windowsConfiguration: { patchSettings: { patchMode: "AutomaticByPlatform" } } },
      tags: { "grunnmur:service": "workloads", "grunnmur:zone": zone },
    },
    `${COMPONENT}${key}`,
  );
  const item = resource(
    `${key}-backup`,
    "azure-native:recoveryservices:ProtectedItem",
    { properties: { protectedItemType: "Microsoft.Compute/virtualMachines", policyId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/v/backupPolicies/grunnmur-extended-vms" } },
    `${COMPONENT}${key}`,
  );
  return { vm, item };
}

const prices = {
  "vm-d4s-v5": { nok: 2 },
  "windows-licence": { nok: 0.5 },
  "disk-premium-ssd": { nok: 1 },
  "update-manager": { nok: 0 },
  "log-ingestion": { nok: 10 },
  "backup-instance": { nok: 100 },
  "backup-storage-grs": { nok: 1 },
};
// 730×2 + 4×730×0.5 + (128+512) + 2×10 = 3580 running; 100 + (640 × 0.5 × 1.5 = 480) backup.
const RUNNING = 3580;
const BACKUP_STORAGE = 480;

describe("workloads in the pull-request comment", () => {
  const ephorte = workload("ephorte-app", "Standard_D4s_v5", "secure", 512);

  it("lists an added VM with its zone, size, monthly cost and backup tier", () => {
    const before = stack([]);
    const after = stack([ephorte.vm, ephorte.item]);
    const changes = workloadChanges(before, after, prices);
    expect(changes).toEqual([{ kind: "added", name: "ephorte-app", zone: "secure", size: "Standard_D4s_v5", backupTier: "extended", monthlyNok: RUNNING + 100 + BACKUP_STORAGE }]);
    const diff = diffStack("senja", before, after);
    // The stack's cost comes from estimateCosts in the command (scripts/report/cost.ts); here only its rendering.
    const extras = { costBefore: 0, costAfter: RUNNING + 100 + BACKUP_STORAGE, violations: [], workloads: changes };
    const text = renderReport({ diffs: [diff], extras: new Map([["senja", extras]]) });
    expect(text).toContain("| VM | zone | size | backup tier | NOK/month |");
    expect(text).toContain("| added: ephorte-app | secure | Standard_D4s_v5 | extended | +NOK 4 160 |");
    expect(text).toContain("| Cost change | +NOK 4 160 a month |");
  });

  it("reports a VM removed while its protected item stays as retired, its backup storage no saving", () => {
    const before = stack([ephorte.vm, ephorte.item]);
    const after = stack([ephorte.item]);
    const changes = workloadChanges(before, after, prices);
    expect(changes).toEqual([
      { kind: "retired", name: "ephorte-app", zone: "secure", size: "Standard_D4s_v5", backupTier: "extended", monthlyNok: -(RUNNING + 100), backupKeptNok: BACKUP_STORAGE },
    ]);
    const costBefore = RUNNING + 100 + BACKUP_STORAGE;
    const costAfter = BACKUP_STORAGE;
    const extras = { costBefore, costAfter, violations: [], workloads: changes };
    const diffs = [diffStack("senja", before, after)];
    const text = renderReport({ diffs, extras: new Map([["senja", extras]]) });
    expect(text).toContain(`| **retired**: ephorte-app | secure | Standard_D4s_v5 | extended | −NOK 3 680; ${RETIRED_NOTE} (backup storage NOK 480/month stays) |`);
    expect(summary({ diffs, extras: new Map([["senja", extras]]) })).toContain("| Cost change | −NOK 3 680 a month |");
    expect(diffs[0].changes.map((c) => [c.kind, c.name, Boolean(c.blocking)])).toEqual([["removed", "ephorte-app", false]]);
  });

  it("does not call a VM removed with its backups retired", () => {
    expect(workloadChanges(stack([ephorte.vm, ephorte.item]), stack([]), prices)).toEqual([]);
  });
});
