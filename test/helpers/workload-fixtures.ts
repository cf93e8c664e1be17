/**
 * Workload VMs for policy tests, built by hand in the shapes of
 * docs/workloads.md: senja's safe tenant stack plus a Windows VM of a
 * sensitive system in the secure zone (ephorte-app) and a Linux VM in the
 * general zone (intranett-web), each with its NIC, extensions, data
 * collection rule association, maintenance configuration and assignment, and
 * protected item; and senja's file as the policies read it.
 */
import { MOCK_SUBSCRIPTION_ID } from "../../scripts/preview/arm-ids";
import type { CheckedResource, CheckedStack } from "../../scripts/preview/preview-file";
import type { PolicyEnvironment, StackFile, WorkloadRules } from "../../policies/core/environment";
import { OS_IMAGES } from "../../domain/compute/images";
import { TODAY } from "./policy-cases";
import { find, FIREWALL_IP, HUB_VNET_ID, LOCATION, resource, safeTenantResources, tags, WORKSPACE_ID, type Inputs } from "./policy-fixtures";

const SUB = `/subscriptions/${MOCK_SUBSCRIPTION_ID}`;
const STACK = "senja";
export const WORKLOADS_RG = "rg-grunnmur-senja-workloads-prod-noe";
const BACKUP_RG = "rg-grunnmur-backup-prod-noe";
const VAULT = "rsv-grunnmur-prod-noe";
export const VM_POLICY = (tier: string) => `${SUB}/resourceGroups/${BACKUP_RG}/providers/Microsoft.RecoveryServices/vaults/${VAULT}/backupPolicies/grunnmur-${tier}-vms`;
export const VM_DCR_ID = `${SUB}/resourceGroups/rg-grunnmur-logging-prod-noe/providers/Microsoft.Insights/dataCollectionRules/dcr-grunnmur-vms-prod-noe`;
export const SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHk3ZWZmZWN0aXZlbHlBbkV4YW1wbGVLZXlGb3JUZXN0cw platform-break-glass";
const SUBNETS = { general: "10.96.60.0/24", secure: "10.96.61.0/26" };

export const SENJA_WORKLOADS: StackFile = {
  file: "tenants/senja.yaml",
  waivers: [],
  backup: true,
  backupTier: "extended",
  systems: {
    office365: { sensitive: false, vms: {} },
    ephorte: { sensitive: true, zone: "secure", vms: { app: { state: "migrating" } } },
    intranett: { sensitive: false, zone: "general", vms: { web: { state: "running", backupTier: "standard" } } },
  },
};

export const PLATFORM_WORKLOADS: WorkloadRules = { sizes: ["Standard_B2ms", "Standard_D4s_v5", "Standard_E4s_v5"], images: ["windows-server-2022", "ubuntu-24.04"] };

/** Today, senja's file with its systems, and the platform's workload rules. */
export function workloadEnv(file: Partial<StackFile> = {}, workloads: WorkloadRules = PLATFORM_WORKLOADS): PolicyEnvironment {
  const senja = { ...SENJA_WORKLOADS, ...file };
  return { today: TODAY, stackFile: (stack) => (stack === STACK ? senja : undefined), workloads: () => workloads };
}

function workloadTags(system: string, zone: string): Record<string, string> {
  return { ...tags(STACK, "workloads"), "grunnmur:system": system, "grunnmur:zone": zone };
}

export interface VmSpec {
  readonly system: string;
  readonly vm: string;
  readonly zone: "general" | "secure";
  readonly os: "windows" | "linux";
  readonly size: string;
  readonly image: keyof typeof OS_IMAGES;
  readonly tier: string;
}

/** A VM and everything docs/workloads.md gives it, each set safely. */
export function workloadVm(spoke: CheckedResource, spec: VmSpec): CheckedResource[] {
  const key = `${spec.system}-${spec.vm}`;
  const vmName = `vm-${STACK}-${key}`;
  const t = workloadTags(spec.system, spec.zone);
  const r = (type: string, name: string, inputs: Inputs, options?: Partial<CheckedResource["options"]>) => resource(STACK, type, name, inputs, options);
  const nic = r("azure-native:network:NetworkInterface", `${key}-nic`, {
    resourceGroupName: WORKLOADS_RG,
    location: LOCATION,
    networkInterfaceName: `nic-${STACK}-${key}`,
    ipConfigurations: [{ name: "ipconfig", subnet: { id: `${spoke.id}/subnets/snet-grunnmur-${STACK}-${spec.zone}` }, privateIPAllocationMethod: "Dynamic" }],
    tags: t,
  });
  const patchSettings = { patchMode: "AutomaticByPlatform", automaticByPlatformSettings: { bypassPlatformSafetyChecksOnUserSchedule: true } };
  const osProfile =
    spec.os === "windows"
      ? { computerName: key.slice(0, 15), adminUsername: "vmadmin", adminPassword: "[secret]", windowsConfiguration: { patchSettings } }
      : {
          computerName: key,
          adminUsername: "vmadmin",
          linuxConfiguration: { disablePasswordAuthentication: true, ssh: { publicKeys: [{ path: "/home/vmadmin/.ssh/authorized_keys", keyData: SSH_KEY }] }, patchSettings },
        };
  const vm = r("azure-native:compute:VirtualMachine", key, {
    resourceGroupName: WORKLOADS_RG,
    location: LOCATION,
    vmName,
    hardwareProfile: { vmSize: spec.size },
    storageProfile: {
      imageReference: { ...OS_IMAGES[spec.image].reference },
      osDisk: { createOption: "FromImage", diskSizeGB: 128, managedDisk: { storageAccountType: "Premium_LRS" } },
      dataDisks: [{ lun: 0, diskSizeGB: 256, createOption: "Empty", managedDisk: { storageAccountType: "Premium_LRS" } }],
    },
    securityProfile: { encryptionAtHost: true, securityType: "TrustedLaunch", uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } },
    identity: { type: "SystemAssigned" },
    networkProfile: { networkInterfaces: [{ id: nic.id, primary: true }] },
    osProfile,
    diagnosticsProfile: { bootDiagnostics: { enabled: true } },
    tags: t,
  });
  const ext = (name: string, publisher: string, type: string, version: string) =>
    r("azure-native:compute:VirtualMachineExtension", `${key}-${name}`, {
      resourceGroupName: WORKLOADS_RG,
      location: LOCATION,
      vmName,
      vmExtensionName: type,
      publisher,
      type,
      typeHandlerVersion: version,
      autoUpgradeMinorVersion: true,
      enableAutomaticUpgrade: true,
      tags: t,
    });
  const windows = spec.os === "windows";
  const maintenance = r("azure-native:maintenance:MaintenanceConfiguration", `${key}-maintenance`, {
    resourceGroupName: WORKLOADS_RG,
    location: LOCATION,
    resourceName: `mc-${STACK}-${key}`,
    maintenanceScope: "InGuestPatch",
    extensionProperties: { InGuestPatchMode: "User" },
    window: { startDateTime: "2026-11-29 02:00", duration: "03:00", timeZone: "W. Europe Standard Time", recurEvery: "1Week Sunday" },
    installPatches: windows
      ? { rebootSetting: "IfRequired", windowsParameters: { classificationsToInclude: ["Critical", "Security"] } }
      : { rebootSetting: "IfRequired", linuxParameters: { classificationsToInclude: ["Critical", "Security"] } },
    tags: t,
  });
  const container = `iaasvmcontainer;iaasvmcontainerv2;${WORKLOADS_RG};${vmName}`;
  return [
    nic,
    vm,
    ext("aad-login", "Microsoft.Azure.ActiveDirectory", windows ? "AADLoginForWindows" : "AADSSHLoginForLinux", windows ? "2.0" : "1.0"),
    ext("monitor-agent", "Microsoft.Azure.Monitor", windows ? "AzureMonitorWindowsAgent" : "AzureMonitorLinuxAgent", "1.0"),
    r("azure-native:monitor:DataCollectionRuleAssociation", `${key}-dcr`, { resourceUri: vm.id, associationName: `dcra-${key}`, dataCollectionRuleId: VM_DCR_ID }),
    maintenance,
    r("azure-native:maintenance:ConfigurationAssignment", `${key}-patch-window`, {
      resourceGroupName: WORKLOADS_RG,
      location: LOCATION,
      providerName: "Microsoft.Compute",
      resourceType: "virtualMachines",
      resourceName: vmName,
      configurationAssignmentName: `mca-${key}`,
      maintenanceConfigurationId: maintenance.id,
    }),
    r(
      "azure-native:recoveryservices:ProtectedItem",
      `${key}-backup`,
      {
        resourceGroupName: BACKUP_RG,
        vaultName: VAULT,
        fabricName: "Azure",
        containerName: container,
        protectedItemName: `vm;iaasvmcontainerv2;${WORKLOADS_RG};${vmName}`,
        properties: { protectedItemType: "Microsoft.Compute/virtualMachines", sourceResourceId: vm.id, policyId: VM_POLICY(spec.tier) },
        tags: t,
      },
      { protect: true, retainOnDelete: true },
    ),
  ];
}

export const WINDOWS_VM: VmSpec = { system: "ephorte", vm: "app", zone: "secure", os: "windows", size: "Standard_D4s_v5", image: "windows-server-2022", tier: "extended" };
export const LINUX_VM: VmSpec = { system: "intranett", vm: "web", zone: "general", os: "linux", size: "Standard_B2ms", image: "ubuntu-24.04", tier: "standard" };

/** Senja's safe stack with a secure subnet, its workloads resource group and both VMs; `change` edits a VM's spec. */
export function workloadStack(change: { windows?: Partial<VmSpec>; linux?: Partial<VmSpec> } = {}): CheckedStack {
  const base = safeTenantResources(STACK);
  const spoke = find({ stack: STACK, resources: base, outputs: {} }, "spoke");
  const subnets = spoke.inputs.subnets as Inputs[];
  const withSecure = {
    ...spoke,
    inputs: { ...spoke.inputs, addressSpace: { addressPrefixes: ["10.96.60.0/23"] }, subnets: [...subnets, { ...subnets[0], name: `snet-grunnmur-${STACK}-secure`, addressPrefix: SUBNETS.secure }] },
  };
  const resources = [
    ...base.map((r) => (r.name === "spoke" ? withSecure : r)),
    resource(STACK, "azure-native:resources:ResourceGroup", "workloads", { resourceGroupName: WORKLOADS_RG, location: LOCATION, tags: tags(STACK, "workloads") }),
    ...workloadVm(withSecure, { ...WINDOWS_VM, ...change.windows }),
    ...workloadVm(withSecure, { ...LINUX_VM, ...change.linux }),
  ];
  return { stack: STACK, resources, outputs: { hubVnetId: HUB_VNET_ID, logAnalyticsWorkspaceId: WORKSPACE_ID, firewallPrivateIp: FIREWALL_IP, subnets: SUBNETS } };
}
