import type { PolicyCase } from "../../helpers/policy-cases";
import { find, platformStack, resource, tags, withInputs, withoutResource, withResources } from "../../helpers/policy-fixtures";
import { workloadEnv, workloadStack } from "../../helpers/workload-fixtures";

const env = workloadEnv();
const windowsVm = "virtual machine vm-senja-ephorte-app";
const linuxVm = "virtual machine vm-senja-intranett-web";
const PIP = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/publicIPAddresses/pip-x";

/** The stack with intranett-web's NIC in the zone's subnet (its tags unchanged), and a public IP when given. */
function linuxNicIn(zone: string, publicIp?: string) {
  const stack = workloadStack();
  const subnet = { id: `${find(stack, "spoke").id}/subnets/snet-grunnmur-senja-${zone}` };
  return withInputs(stack, "intranett-web-nic", { ipConfigurations: [{ name: "ipconfig", subnet, privateIPAllocationMethod: "Dynamic", ...(publicIp ? { publicIPAddress: { id: publicIp } } : {}) }] });
}

/** A platform NIC with a public address, tagged as `service`. */
function platformNic(service: string) {
  const nic = resource("platform", "azure-native:network:NetworkInterface", "radius-1-nic", {
    resourceGroupName: "rg-grunnmur-radius-prod-noe",
    location: "norwayeast",
    networkInterfaceName: "nic-rad-grunnmur-prod-noe-1",
    ipConfigurations: [{ name: "ipconfig", subnet: { id: "/subscriptions/x/resourceGroups/rg-grunnmur-hub-prod-noe/providers/Microsoft.Network/virtualNetworks/vnet-grunnmur-hub-prod-noe/subnets/snet-radius" }, publicIPAddress: { id: PIP } }],
    tags: tags("platform", service),
  });
  return () => withResources(platformStack(), nic);
}

const VM01 = "NSM 2.2.3; MCSB NS-1";
const VM02 = "MCSB DP-4";
const VM03 = "MCSB PV-4";
const VM04 = "MCSB BR-1; NSM 2.9";
const VM05 = "NSM 2.2.3; GDPR art. 9; grunnmur baseline VM-05";
const VM06 = "MCSB IM-6; NSM 2.6.7";
const VM07 = "MCSB PV-3; grunnmur baseline VM-07";
const VM08 = "MCSB LT-3; NSM 3.2.1";

export const workloadCases: PolicyCase[] = [
  {
    policy: "vm-nic-no-public-ip",
    fails: "gives a workload VM's network interface a public IP",
    passing: () => workloadStack(),
    failing: () => linuxNicIn("general", PIP),
    message: `network interface nic-senja-intranett-web: ipConfigurations["ipconfig"].publicIPAddress is set; remove it and reach the VM through Azure Bastion, publish it through the hub firewall (NSM 2.2.3; MCSB NS-1)`,
  },
  {
    policy: "vm-nic-no-public-ip",
    fails: "gives a platform NIC other than the eduroam RADIUS servers' a public IP",
    passing: platformNic("wifi"),
    failing: platformNic("platform"),
    message: `network interface nic-rad-grunnmur-prod-noe-1: ipConfigurations["ipconfig"].publicIPAddress is set; remove it and reach the VM through Azure Bastion, publish it through the hub firewall (NSM 2.2.3; MCSB NS-1)`,
  },
  {
    policy: "vm-encryption-at-host",
    fails: "has a workload VM without encryption at host",
    passing: () => workloadStack(),
    failing: () => withInputs(workloadStack(), "ephorte-app", { securityProfile: { encryptionAtHost: undefined } }),
    message: `virtual machine vm-senja-ephorte-app: securityProfile.encryptionAtHost is not set (unset means off); set it to true (MCSB DP-4)`,
  },
  {
    policy: "vm-trusted-launch",
    fails: "has a standard (not Trusted Launch) VM",
    passing: () => workloadStack(),
    failing: () => withInputs(workloadStack(), "ephorte-app", { securityProfile: { securityType: "Standard" } }),
    message: `virtual machine vm-senja-ephorte-app: securityProfile.securityType is "Standard"; set it to "TrustedLaunch" (MCSB PV-4)`,
  },
  {
    policy: "vm-trusted-launch",
    fails: "turns the virtual TPM off",
    passing: () => workloadStack(),
    failing: () => withInputs(workloadStack(), "intranett-web", { securityProfile: { uefiSettings: { vTpmEnabled: false } } }),
    message: `virtual machine vm-senja-intranett-web: securityProfile.uefiSettings.vTpmEnabled is false; set it to true (MCSB PV-4)`,
  },
  {
    policy: "vm-backup-protected",
    fails: "has a workload VM without a protected item",
    passing: () => workloadStack(),
    failing: () => withoutResource(workloadStack(), "intranett-web-backup"),
    message: `virtual machine vm-senja-intranett-web: no recoveryservices ProtectedItem protects it; add one (properties.protectedItemType "Microsoft.Compute/virtualMachines", sourceResourceId the VM's id) with its tier's VM policy grunnmur-standard-vms (MCSB BR-1; NSM 2.9)`,
    passingEnv: env,
    failingEnv: env,
  },
  {
    policy: "vm-backup-protected",
    fails: "protects a VM under another tier's policy than the file's backup.tier",
    passing: () => workloadStack(),
    failing: () => workloadStack({ windows: { tier: "standard" } }),
    message: `virtual machine vm-senja-ephorte-app: protected item vm;iaasvmcontainerv2;rg-grunnmur-senja-workloads-prod-noe;vm-senja-ephorte-app has properties.policyId "/subscriptions/00000000-0000-4000-8000-000000000000/resourceGroups/rg-grunnmur-backup-prod-noe/providers/Microsoft.RecoveryServices/vaults/rsv-grunnmur-prod-noe/backupPolicies/grunnmur-standard-vms"; set it to its tier's VM policy grunnmur-extended-vms (backup tier extended) from the platform's backupPolicyIds (MCSB BR-1; NSM 2.9)`,
    passingEnv: env,
    failingEnv: env,
  },
  {
    policy: "vm-backup-protected",
    fails: "ignores the VM's own backupTier",
    passing: () => workloadStack(),
    failing: () => workloadStack({ linux: { tier: "extended" } }),
    message: `virtual machine vm-senja-intranett-web: protected item vm;iaasvmcontainerv2;rg-grunnmur-senja-workloads-prod-noe;vm-senja-intranett-web has properties.policyId "/subscriptions/00000000-0000-4000-8000-000000000000/resourceGroups/rg-grunnmur-backup-prod-noe/providers/Microsoft.RecoveryServices/vaults/rsv-grunnmur-prod-noe/backupPolicies/grunnmur-extended-vms"; set it to its tier's VM policy grunnmur-standard-vms (backup tier standard) from the platform's backupPolicyIds (MCSB BR-1; NSM 2.9)`,
    passingEnv: env,
    failingEnv: env,
  },
  {
    policy: "vm-secure-zone-sensitive-only",
    fails: "puts a VM of a system not marked sensitive in the secure zone",
    passing: () => workloadStack(),
    failing: () => workloadStack({ linux: { zone: "secure" } }),
    message: `virtual machine vm-senja-intranett-web: is in the secure zone but is of system intranett, which tenants/senja.yaml does not mark sensitive; only systems with sensitive: true may have VMs there: move it to the general zone, or mark the system sensitive if it holds special-category data (NSM 2.2.3; GDPR art. 9; grunnmur baseline VM-05)`,
    passingEnv: env,
    failingEnv: env,
  },
  {
    policy: "vm-secure-zone-sensitive-only",
    fails: "has a VM in the secure subnet whose tag says general",
    passing: () => workloadStack(),
    failing: () => linuxNicIn("secure"),
    message: `virtual machine vm-senja-intranett-web: its tag grunnmur:zone is "general" but its network interface is in the secure zone; set the tag to where the VM is (NSM 2.2.3; GDPR art. 9; grunnmur baseline VM-05)`,
    passingEnv: env,
    failingEnv: env,
  },
  {
    policy: "vm-linux-no-password-ssh",
    fails: "lets a Linux VM accept SSH passwords",
    passing: () => workloadStack(),
    failing: () => withInputs(workloadStack(), "intranett-web", { osProfile: { linuxConfiguration: { disablePasswordAuthentication: false } } }),
    message: `virtual machine vm-senja-intranett-web: osProfile.linuxConfiguration.disablePasswordAuthentication is false; set it to true (MCSB IM-6; NSM 2.6.7)`,
  },
  {
    policy: "vm-linux-no-password-ssh",
    fails: "gives a Linux VM an admin password",
    passing: () => workloadStack(),
    failing: () => withInputs(workloadStack(), "intranett-web", { osProfile: { adminPassword: "[secret]" } }),
    message: `virtual machine vm-senja-intranett-web: osProfile.adminPassword is set on a Linux VM; remove it and give the platform's break-glass key in osProfile.linuxConfiguration.ssh.publicKeys (MCSB IM-6; NSM 2.6.7)`,
  },
  {
    policy: "vm-allowed-size-and-image",
    fails: "uses a size platform.yaml does not allow",
    passing: () => workloadStack(),
    failing: () => workloadStack({ linux: { size: "Standard_D8s_v5" } }),
    message: `virtual machine vm-senja-intranett-web: hardwareProfile.vmSize is "Standard_D8s_v5"; use one of platform.yaml's workloads.sizes: Standard_B2ms, Standard_D4s_v5, Standard_E4s_v5 (MCSB PV-3; grunnmur baseline VM-07)`,
    passingEnv: env,
    failingEnv: env,
  },
  {
    policy: "vm-allowed-size-and-image",
    fails: "runs an image platform.yaml does not allow",
    passing: () => workloadStack(),
    failing: () => workloadStack({ linux: { image: "rhel-9" } }),
    message: `virtual machine vm-senja-intranett-web: storageProfile.imageReference is {"publisher":"RedHat","offer":"RHEL","sku":"9-lvm-gen2","version":"latest"}; use the reference of one of platform.yaml's workloads.images from domain/compute/images.ts: windows-server-2022, ubuntu-24.04 (MCSB PV-3; grunnmur baseline VM-07)`,
    passingEnv: env,
    failingEnv: env,
  },
  {
    policy: "vm-allowed-size-and-image",
    fails: "runs a custom image",
    passing: () => workloadStack(),
    failing: () => withInputs(workloadStack(), "intranett-web", { storageProfile: { imageReference: { publisher: undefined, offer: undefined, sku: undefined, version: undefined, id: "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/mine" } } }),
    message: `virtual machine vm-senja-intranett-web: storageProfile.imageReference is {"id":"/subscriptions/x/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/mine"}; use the reference of one of platform.yaml's workloads.images from domain/compute/images.ts: windows-server-2022, ubuntu-24.04 (MCSB PV-3; grunnmur baseline VM-07)`,
    passingEnv: env,
    failingEnv: env,
  },
  {
    policy: "vm-monitoring-agent",
    fails: "has a VM without the Azure Monitor Agent",
    passing: () => workloadStack(),
    failing: () => withoutResource(workloadStack(), "ephorte-app-monitor-agent"),
    message: `virtual machine vm-senja-ephorte-app: has no Azure Monitor Agent; add a compute VirtualMachineExtension with vmName "vm-senja-ephorte-app", publisher "Microsoft.Azure.Monitor", type "AzureMonitorWindowsAgent" or "AzureMonitorLinuxAgent" and enableAutomaticUpgrade true (MCSB LT-3; NSM 3.2.1)`,
  },
  {
    policy: "vm-monitoring-agent",
    fails: "has a VM without a data collection rule association",
    passing: () => workloadStack(),
    failing: () => withoutResource(workloadStack(), "intranett-web-dcr"),
    message: `virtual machine vm-senja-intranett-web: no monitor DataCollectionRuleAssociation links it to a data collection rule; associate it (resourceUri the VM's id) with the platform's vmDataCollectionRuleId (MCSB LT-3; NSM 3.2.1)`,
  },
];

