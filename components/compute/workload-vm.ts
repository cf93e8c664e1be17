/**
 * One of a municipality's servers (docs/workloads.md): the VM with its NIC in
 * the zone's subnet, Entra ID sign-in and the Azure Monitor Agent, the
 * platform's data collection rule, a weekly patch window, and its backup. A
 * retired VM keeps only its protected item, with protection stopped and its
 * recovery points kept until they expire.
 *
 * Every child's name begins with the component's (the VM's is the same), so when the component gets
 * an alias (a VM renamed with renamedFrom) the engine gives each child the
 * inherited alias and nothing is replaced.
 *
 * Azure facts beside the settings they explain:
 * - Trusted Launch needs a Gen2 image and a supported size (the B, Dsv5 and
 *   Esv5 sizes of domain/compute/sizes.ts are;
 *   https://learn.microsoft.com/azure/virtual-machines/trusted-launch).
 * - Encryption at host needs the subscription's feature
 *   Microsoft.Compute/EncryptionAtHost registered, once, before the first VM
 *   (https://learn.microsoft.com/azure/virtual-machines/disks-enable-host-based-encryption-portal).
 * - Entra ID sign-in: extension AADLoginForWindows / AADSSHLoginForLinux of
 *   publisher Microsoft.Azure.ActiveDirectory, and a system-assigned identity
 *   (https://learn.microsoft.com/entra/identity/devices/howto-vm-sign-in-azure-ad-windows,
 *   https://learn.microsoft.com/entra/identity/devices/howto-vm-sign-in-azure-ad-linux).
 * - Azure Monitor Agent: AzureMonitorWindowsAgent / AzureMonitorLinuxAgent of
 *   publisher Microsoft.Azure.Monitor, with automatic upgrade, sending what a
 *   data collection rule associated with the VM names
 *   (https://learn.microsoft.com/azure/azure-monitor/agents/azure-monitor-agent-manage).
 * - Scheduled patching: patchMode AutomaticByPlatform and
 *   bypassPlatformSafetyChecksOnUserSchedule true, or Azure autopatches a VM
 *   whose schedule goes away
 *   (https://learn.microsoft.com/azure/update-manager/prerequsite-for-schedule-patching);
 *   Windows' AutomaticByPlatform needs provisionVMAgent and enableAutomaticUpdates.
 * - Backup names and "stop protection, retain data" (protectionState
 *   ProtectionStopped without a policy):
 *   https://learn.microsoft.com/azure/backup/backup-azure-arm-userestapi-backupazurevms.
 */
import * as pulumi from "@pulumi/pulumi";
import * as compute from "@pulumi/azure-native/compute";
import * as maintenance from "@pulumi/azure-native/maintenance";
import * as monitor from "@pulumi/azure-native/monitor";
import * as network from "@pulumi/azure-native/network";
import * as recoveryservices from "@pulumi/azure-native/recoveryservices";
import type { CommonArgs, ComponentOutputs } from "../shared/common-args";
import { addDiagnostics } from "../shared/diagnostics";
import { addLock } from "../shared/lock";
import { generateSecret, type SecretVault } from "../security/generated-secret";
import { vmAdminPassword } from "../../domain/azure/generated-secrets";
import { maintenanceSchedule } from "../../domain/compute/maintenance";
import { vmBackupNames } from "../../domain/compute/names";
import type { PlannedVm } from "../../domain/compute/workload-plan";

/** The local administrator: Windows and Linux both refuse "admin" and "administrator". */
export const VM_ADMIN_USERNAME = "grunnmuradmin";

export interface WorkloadVmBackupArgs {
  readonly vaultResourceGroupName: pulumi.Input<string>;
  readonly vaultName: pulumi.Input<string>;
  /** The tier's `vms` policy; unused once the VM is retired. */
  readonly policyId: pulumi.Input<string>;
  /** The vault's subscription, when not the VM's provider's (never so today: the vault is in the VM's subscription). */
  readonly provider?: pulumi.ProviderResource;
}

export interface WorkloadVmArgs extends CommonArgs {
  /** What the file asks for, from domain/compute/workload-plan.ts. */
  readonly vm: PlannedVm;
  /** The tenant's `workloads` resource group. */
  readonly resourceGroupName: pulumi.Input<string>;
  readonly location: string;
  /** The VM's subscription: a retired VM's id is built from it, since the VM is gone. */
  readonly subscriptionId: pulumi.Input<string>;
  /** The zone's subnet of the spoke. */
  readonly subnetResourceId: pulumi.Input<string>;
  /** The platform's data collection rule for VMs (platform output vmDataCollectionRuleId). */
  readonly dataCollectionRuleResourceId: pulumi.Input<string>;
  readonly backup: WorkloadVmBackupArgs;
  /** Where a Windows VM's admin password is kept. */
  readonly secretVault: SecretVault;
  /** The platform's break-glass SSH public key, for Linux. */
  readonly linuxAdminSshPublicKey: string;
  /** YYYY-MM-DD: the first patch window falls after it. */
  readonly today: string;
}

export class WorkloadVm extends pulumi.ComponentResource implements ComponentOutputs {
  public readonly resourceId: pulumi.Output<string>;
  public readonly name: pulumi.Output<string>;
  /** The VM's managed identity; undefined when retired. */
  public readonly principalId: pulumi.Output<string> | undefined;

  constructor(name: string, args: WorkloadVmArgs, opts?: pulumi.ComponentResourceOptions) {
    super("grunnmur:compute:WorkloadVm", name, {}, opts);
    const plan = args.vm;
    const tags = { ...args.tags, "grunnmur:system": plan.systemKey, "grunnmur:zone": plan.zone };
    const windows = plan.os === "windows";

    const protectedItem = (sourceResourceId: pulumi.Input<string>, active: boolean) => {
      const names = pulumi.output(args.resourceGroupName).apply((rg) => vmBackupNames(rg, plan.names.vm));
      return new recoveryservices.ProtectedItem(
        `${name}-backup`,
        {
          resourceGroupName: args.backup.vaultResourceGroupName,
          vaultName: args.backup.vaultName,
          fabricName: "Azure",
          containerName: names.containerName,
          protectedItemName: names.protectedItemName,
          properties: active
            ? { protectedItemType: "Microsoft.Compute/virtualMachines", sourceResourceId, policyId: args.backup.policyId }
            : // Stop protection, retain data: recovery points stay until the policy's retention ends.
              { protectedItemType: "Microsoft.Compute/virtualMachines", sourceResourceId, protectionState: "ProtectionStopped" },
          tags,
        },
        // Removing it from code must never delete recovery points (as file-share-backup.ts).
        { parent: this, protect: true, retainOnDelete: true, provider: args.backup.provider },
      );
    };

    if (plan.resources === "backup-only") {
      const vmId = pulumi.interpolate`/subscriptions/${args.subscriptionId}/resourceGroups/${args.resourceGroupName}/providers/Microsoft.Compute/virtualMachines/${plan.names.vm}`;
      protectedItem(vmId, false);
      this.resourceId = vmId;
      this.name = pulumi.output(plan.names.vm);
      this.principalId = undefined;
      this.registerOutputs({ resourceId: this.resourceId, name: this.name });
      return;
    }

    const nic = new network.NetworkInterface(
      `${name}-nic`,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        networkInterfaceName: plan.names.nic,
        // No public address: the zone reaches the internet, if at all, through the hub firewall.
        ipConfigurations: [{ name: "ipconfig", subnet: { id: args.subnetResourceId }, privateIPAllocationMethod: "Dynamic", primary: true }],
        tags,
      },
      { parent: this },
    );

    const patchSettings = { patchMode: "AutomaticByPlatform", automaticByPlatformSettings: { bypassPlatformSafetyChecksOnUserSchedule: true } };
    const password = windows
      ? generateSecret(vmAdminPassword(name, plan.names.adminSecret!), args.secretVault, this)
      : undefined;
    // The VM's logical name is the component's, `<system>-<vm>` (docs/workloads.md; the policy pack finds its file entry by it).
    const vm = new compute.VirtualMachine(
      name,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        vmName: plan.names.vm,
        hardwareProfile: { vmSize: plan.size },
        identity: { type: "SystemAssigned" },
        storageProfile: {
          imageReference: { ...plan.image.reference },
          osDisk: {
            name: `${plan.names.vm}-os`,
            createOption: "FromImage",
            caching: "ReadWrite",
            diskSizeGB: plan.osDiskGb,
            managedDisk: { storageAccountType: plan.osDiskSku },
            deleteOption: "Delete",
          },
          dataDisks: plan.dataDisks.map((d) => ({
            name: `${plan.names.vm}-data-${d.key}`,
            lun: d.lun,
            diskSizeGB: d.sizeGb,
            createOption: "Empty",
            managedDisk: { storageAccountType: d.sku },
            deleteOption: "Delete",
          })),
        },
        osProfile: windows
          ? {
              computerName: plan.names.computer,
              adminUsername: VM_ADMIN_USERNAME,
              adminPassword: password!.value,
              windowsConfiguration: { provisionVMAgent: true, enableAutomaticUpdates: true, patchSettings },
            }
          : {
              computerName: plan.names.computer,
              adminUsername: VM_ADMIN_USERNAME,
              linuxConfiguration: {
                disablePasswordAuthentication: true,
                provisionVMAgent: true,
                ssh: { publicKeys: [{ path: `/home/${VM_ADMIN_USERNAME}/.ssh/authorized_keys`, keyData: args.linuxAdminSshPublicKey }] },
                patchSettings,
              },
            },
        networkProfile: { networkInterfaces: [{ id: nic.id, primary: true }] },
        securityProfile: { encryptionAtHost: true, securityType: "TrustedLaunch", uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } },
        // Managed boot diagnostics storage: no storageUri.
        diagnosticsProfile: { bootDiagnostics: { enabled: true } },
        tags,
      },
      { parent: this, dependsOn: password ? [password.copy] : [] },
    );

    const extension = (key: string, publisher: string, type: string, typeHandlerVersion: string, extra: { enableAutomaticUpgrade?: boolean } = {}) =>
      new compute.VirtualMachineExtension(
        `${name}-${key}`,
        {
          resourceGroupName: args.resourceGroupName,
          location: args.location,
          vmName: vm.name,
          vmExtensionName: type,
          publisher,
          type,
          typeHandlerVersion,
          autoUpgradeMinorVersion: true,
          ...extra,
          tags,
        },
        { parent: this },
      );
    extension("entra-login", "Microsoft.Azure.ActiveDirectory", windows ? "AADLoginForWindows" : "AADSSHLoginForLinux", windows ? "2.0" : "1.0");
    const agent = extension("monitor-agent", "Microsoft.Azure.Monitor", windows ? "AzureMonitorWindowsAgent" : "AzureMonitorLinuxAgent", "1.0", { enableAutomaticUpgrade: true });

    new monitor.DataCollectionRuleAssociation(
      `${name}-dcr`,
      {
        resourceUri: vm.id,
        associationName: "dcra-grunnmur-vm",
        dataCollectionRuleId: args.dataCollectionRuleResourceId,
        description: "The platform's data collection rule for VMs: events, syslog and counters to the central workspace.",
      },
      { parent: this, dependsOn: [agent] },
    );

    const schedule = maintenanceSchedule(plan.patchWindow, plan.os, args.today);
    const config = new maintenance.MaintenanceConfiguration(
      `${name}-patch-window`,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        resourceName: plan.names.maintenanceConfiguration,
        maintenanceScope: schedule.maintenanceScope,
        visibility: schedule.visibility,
        extensionProperties: { ...schedule.extensionProperties },
        startDateTime: schedule.startDateTime,
        duration: schedule.duration,
        timeZone: schedule.timeZone,
        recurEvery: schedule.recurEvery,
        installPatches: {
          rebootSetting: schedule.installPatches.rebootSetting,
          windowsParameters: schedule.installPatches.windowsParameters && { classificationsToInclude: [...schedule.installPatches.windowsParameters.classificationsToInclude] },
          linuxParameters: schedule.installPatches.linuxParameters && { classificationsToInclude: [...schedule.installPatches.linuxParameters.classificationsToInclude] },
        },
        tags,
      },
      // The first window's date comes from the day of the run: only its creation sets it.
      { parent: this, ignoreChanges: ["startDateTime"] },
    );
    new maintenance.ConfigurationAssignment(
      `${name}-patch-assignment`,
      {
        resourceGroupName: args.resourceGroupName,
        location: args.location,
        providerName: "Microsoft.Compute",
        resourceType: "virtualMachines",
        resourceName: vm.name,
        configurationAssignmentName: plan.names.maintenanceConfiguration,
        maintenanceConfigurationId: config.id,
      },
      { parent: this },
    );

    protectedItem(vm.id, true);
    addDiagnostics(name, vm.id, args.diagnostics, "metrics", this);
    // domain/azure/locks.ts forbids locking a VM: its extensions and assignments are below it.
    addLock(name, vm.id, args.lock, this);

    this.resourceId = vm.id;
    this.name = vm.name;
    this.principalId = vm.identity.apply((id) => id?.principalId ?? "");
    this.registerOutputs({ resourceId: this.resourceId, name: this.name });
  }
}
