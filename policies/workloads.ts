/**
 * Workload rules (VM-01 … VM-08): the municipalities' own servers on the
 * platform (docs/workloads.md). A VM is reached only privately, runs a known
 * image on an allowed size with its disks encrypted at the host and its boot
 * chain measured, is backed up under its tier's VM policy, sends its logs to
 * the central workspace, and sits in the secure zone only when its system
 * holds special-category data.
 *
 * A workload VM is every VM of a tenant stack, and any VM tagged
 * `grunnmur:service: workloads`: the tag is not needed to be judged, so
 * leaving it out hides nothing. The platform's own VMs (the eduroam RADIUS
 * servers) are not workloads; VM-01, VM-03 and VM-06 hold for them too.
 */
import { SHARED_SERVICE_TAG_PREFIX } from "../domain/cost/shared-service-allocation";
import type { PolicyResource } from "@pulumi/policy";
import { lastName } from "../domain/azure/arm-id";
import { OS_IMAGES, type OsImage } from "../domain/compute/images";
import { VM_SIZES } from "../domain/compute/sizes";
import { WORKLOAD_ZONES } from "../tenants/schema/tenant";
import { resourcePolicy, stackKindOf, stackPolicy, type GrunnmurPolicy } from "./core/define";
import type { PolicyEnvironment, StackFile, SystemFile } from "./core/environment";
import { describeResource, expectEqual } from "./core/messages";
import { dependsThrough, idOf, ofType, refersTo, refValue, STACK_TYPE } from "./core/stack-facts";
import { knownList, knownString, peek, sameText, show, UNKNOWN } from "./core/values";

export const VIRTUAL_MACHINE = "azure-native:compute:VirtualMachine";
export const NETWORK_INTERFACE = "azure-native:network:NetworkInterface";
export const VM_EXTENSION = "azure-native:compute:VirtualMachineExtension";
export const DCR_ASSOCIATION = "azure-native:monitor:DataCollectionRuleAssociation";
export const PROTECTED_ITEM = "azure-native:recoveryservices:ProtectedItem";
export const PROTECTION_POLICY = "azure-native:recoveryservices:ProtectionPolicy";
const VIRTUAL_NETWORK = "azure-native:network:VirtualNetwork";

export const SERVICE_TAG = "grunnmur:service";
export const SYSTEM_TAG = "grunnmur:system";
export const ZONE_TAG = "grunnmur:zone";
export const WORKLOADS_SERVICE = "workloads";
/** The service tag of the platform's eduroam RADIUS servers (stacks/platform/program.ts), the one exemption of VM-01. */
export const RADIUS_SERVICE = "wifi";

type Props = Record<string, any>;

function tagOf(props: Props, key: string): string | undefined {
  return knownString(() => props.tags?.[key]);
}

/** A tenant stack's VM, or any VM tagged as a workload or as a shared service's (grunnmur:service shared-<key>). */
export function isWorkloadVm(stack: string, props: Props): boolean {
  const service = tagOf(props, SERVICE_TAG);
  return stackKindOf(stack) === "tenant" || sameText(service, WORKLOADS_SERVICE) || (service?.startsWith(SHARED_SERVICE_TAG_PREFIX) ?? false);
}

function workloadVms(stack: string, resources: readonly PolicyResource[]): PolicyResource[] {
  return ofType(resources, VIRTUAL_MACHINE).filter((vm) => isWorkloadVm(stack, vm.props));
}

function label(r: PolicyResource): string {
  return describeResource(r.type, r.props, r.name);
}

/** The Azure name of a VM: its vmName, else its id's last name, else the logical name. */
function vmNameOf(vm: PolicyResource): string | undefined {
  return knownString(() => vm.props.vmName) ?? (idOf(vm) ? lastName(idOf(vm)!) : undefined);
}

export interface FileVm {
  readonly system: string;
  readonly vm: string;
  readonly systemFile: SystemFile;
  readonly backupTier?: string;
}

/**
 * The tenant file's entry for a VM resource: its system from the tag
 * `grunnmur:system` when set, and the VM key from its logical name
 * `<system>-<vm>` (or its Azure name `vm-<slug>-<system>-<vm>`).
 */
export function fileVmOf(file: StackFile | undefined, stack: string, vm: { name: string; props: Props }): FileVm | undefined {
  const systems = file?.systems;
  if (!systems) return undefined;
  const tagged = tagOf(vm.props, SYSTEM_TAG);
  const vmName = knownString(() => vm.props.vmName);
  const matches = (system: string, key: string) => {
    const stem = `${system}-${key}`.toLowerCase();
    const logical = vm.name.toLowerCase();
    return logical === stem || logical.endsWith(`-${stem}`) || (vmName !== undefined && vmName.toLowerCase() === `vm-${stack}-${stem}`);
  };
  const candidates = Object.entries(systems).filter(([key]) => tagged === undefined || sameText(key, tagged));
  for (const [system, systemFile] of candidates) {
    for (const [key, spec] of Object.entries(systemFile.vms)) {
      if (matches(system, key)) return { system, vm: key, systemFile, backupTier: spec.backupTier ?? file?.backupTier };
    }
  }
  return undefined;
}

/** The system a VM belongs to: its tag, else the file's system its name matches. */
function systemOf(file: StackFile | undefined, stack: string, vm: PolicyResource): string | undefined {
  return tagOf(vm.props, SYSTEM_TAG) ?? fileVmOf(file, stack, vm)?.system;
}

// --- VM-01 -------------------------------------------------------------------

const VM01 = "NSM 2.2.3; MCSB NS-1";

/**
 * Every NIC, in every stack: a server is reached through Azure Bastion and
 * the hub firewall, never on an address of its own. The one exemption is by
 * design: the eduroam RADIUS servers of the platform stack (tag
 * `grunnmur:service: wifi`, components/eduroam/radius-servers.ts) have a
 * public address each, because the national eduroam proxies reach them over
 * the internet (RADIUS over UDP, with their own NSG rules). A tenant stack
 * has no such exemption, whatever its tags.
 */
export const nicNoPublicIp = () =>
  resourcePolicy<Props>(
    {
      id: "VM-01",
      name: "vm-nic-no-public-ip",
      source: VM01,
      title: "No network interface has a public IP address: servers are reached through Azure Bastion and the hub firewall (the platform's eduroam RADIUS servers excepted by design).",
      enforcementLevel: "mandatory",
    },
    [NETWORK_INTERFACE],
    (r, report) => {
      if (r.stackKind === "platform" && sameText(tagOf(r.props, SERVICE_TAG), RADIUS_SERVICE)) return;
      const configs = knownList<Props>(() => r.props.ipConfigurations);
      for (const config of configs) {
        const pip = peek(() => config.publicIPAddress);
        if (pip === undefined || pip === null) continue;
        report(`${r.label}: ipConfigurations[${show(peek(() => config.name))}].publicIPAddress is set; remove it and reach the VM through Azure Bastion, publish it through the hub firewall (${VM01})`);
      }
    },
  );

// --- VM-02, VM-03 ---------------------------------------------------------------

const VM02 = "MCSB DP-4";

export const encryptionAtHost = () =>
  resourcePolicy<Props>(
    {
      id: "VM-02",
      name: "vm-encryption-at-host",
      source: VM02,
      title: "Workload VMs encrypt their disks, caches and temporary disk at the host.",
      enforcementLevel: "mandatory",
    },
    [VIRTUAL_MACHINE],
    (r, report) => {
      if (!isWorkloadVm(r.stack, r.props)) return;
      expectEqual(report, r.label, "securityProfile.encryptionAtHost", peek(() => r.props.securityProfile?.encryptionAtHost), true, VM02, "unset means off");
    },
  );

const VM03 = "MCSB PV-4";

export const trustedLaunch = () =>
  resourcePolicy<Props>(
    {
      id: "VM-03",
      name: "vm-trusted-launch",
      source: VM03,
      title: "Every VM boots with Trusted Launch: secure boot and a virtual TPM, so a tampered boot chain is refused and measured.",
      enforcementLevel: "mandatory",
    },
    [VIRTUAL_MACHINE],
    (r, report) => {
      const security = peek(() => r.props.securityProfile) as Props | undefined | typeof UNKNOWN;
      const read = (f: (s: Props) => unknown) => (security === undefined || security === null || security === UNKNOWN ? undefined : peek(() => f(security)));
      expectEqual(report, r.label, "securityProfile.securityType", read((s) => s.securityType), "TrustedLaunch", VM03, "unset means a standard VM");
      expectEqual(report, r.label, "securityProfile.uefiSettings.secureBootEnabled", read((s) => s.uefiSettings?.secureBootEnabled), true, VM03);
      expectEqual(report, r.label, "securityProfile.uefiSettings.vTpmEnabled", read((s) => s.uefiSettings?.vTpmEnabled), true, VM03);
    },
  );

// --- VM-06 ---------------------------------------------------------------------

const VM06 = "MCSB IM-6; NSM 2.6.7";
const LINUX_PUBLISHERS = ["canonical", "redhat", "debian", "suse", "almalinux", "resf"];

function imageOf(props: Props): OsImage | undefined {
  const ref = peek(() => props.storageProfile?.imageReference) as Props | undefined | typeof UNKNOWN;
  if (!ref || ref === UNKNOWN) return undefined;
  return (Object.values(OS_IMAGES) as OsImage[]).find((image) => sameReference(ref, image));
}

function isLinux(props: Props): boolean {
  const linux = peek(() => props.osProfile?.linuxConfiguration);
  if (linux !== undefined && linux !== null) return true;
  if (imageOf(props)?.os === "linux") return true;
  const publisher = knownString(() => props.storageProfile?.imageReference?.publisher);
  return publisher !== undefined && LINUX_PUBLISHERS.includes(publisher.toLowerCase());
}

export const linuxNoPasswordSsh = () =>
  resourcePolicy<Props>(
    {
      id: "VM-06",
      name: "vm-linux-no-password-ssh",
      source: VM06,
      title: "Linux VMs refuse password sign-in over SSH and have no admin password: people sign in with Entra ID, the platform team with its break-glass key.",
      enforcementLevel: "mandatory",
    },
    [VIRTUAL_MACHINE],
    (r, report) => {
      if (!isLinux(r.props)) return;
      expectEqual(report, r.label, "osProfile.linuxConfiguration.disablePasswordAuthentication", peek(() => r.props.osProfile?.linuxConfiguration?.disablePasswordAuthentication), true, VM06, "unset means passwords are allowed");
      const password = peek(() => r.props.osProfile?.adminPassword);
      if (password !== undefined && password !== null && password !== "") {
        report(`${r.label}: osProfile.adminPassword is set on a Linux VM; remove it and give the platform's break-glass key in osProfile.linuxConfiguration.ssh.publicKeys (${VM06})`);
      }
    },
  );

// --- VM-07 ---------------------------------------------------------------------

const VM07 = "MCSB PV-3; grunnmur baseline VM-07";

function sameReference(ref: Props, image: OsImage): boolean {
  const r = image.reference;
  return (["publisher", "offer", "sku", "version"] as const).every((k) => sameText(knownString(() => ref[k]), r[k]));
}

export const allowedSizeAndImage = (env: PolicyEnvironment) =>
  resourcePolicy<Props>(
    {
      id: "VM-07",
      name: "vm-allowed-size-and-image",
      source: VM07,
      title: "Workload VMs run only a size of platform.yaml's workloads.sizes and an image of its workloads.images, by its Marketplace reference in domain/compute/images.ts.",
      enforcementLevel: "mandatory",
    },
    [VIRTUAL_MACHINE],
    (r, report) => {
      if (!isWorkloadVm(r.stack, r.props)) return;
      // Without a platform file (a hand-made resource list), everything grunnmur knows.
      const rules = env.workloads?.();
      const sizes = rules?.sizes ?? VM_SIZES.map((s) => s.name);
      const images = (rules?.images ?? Object.keys(OS_IMAGES)).map((key): OsImage | undefined => OS_IMAGES[key as keyof typeof OS_IMAGES]).filter((i): i is OsImage => i !== undefined);
      const size = peek(() => r.props.hardwareProfile?.vmSize);
      if (size !== UNKNOWN && !(typeof size === "string" && sizes.some((s) => sameText(s, size)))) {
        report(`${r.label}: hardwareProfile.vmSize is ${show(size)}; use one of platform.yaml's workloads.sizes: ${sizes.join(", ")} (${VM07})`);
      }
      const ref = peek(() => r.props.storageProfile?.imageReference) as Props | undefined | typeof UNKNOWN;
      if (ref === UNKNOWN) return;
      // A gallery or custom image beside a Marketplace reference is a different image: only the reference may be set.
      const custom = ["id", "sharedGalleryImageId", "communityGalleryImageId"].some((k) => peek(() => ref?.[k]) !== undefined && peek(() => ref?.[k]) !== null);
      if (!ref || custom || !images.some((image) => sameReference(ref, image))) {
        const shown = ref ? show(Object.fromEntries(Object.entries(ref).filter(([, v]) => v !== undefined))) : "not set";
        report(`${r.label}: storageProfile.imageReference is ${shown}; use the reference of one of platform.yaml's workloads.images from domain/compute/images.ts: ${images.map((i) => i.key).join(", ")} (${VM07})`);
      }
    },
  );

// --- VM-04 ---------------------------------------------------------------------

const VM04 = "MCSB BR-1; NSM 2.9";
const VM_ITEM_TYPE = "Microsoft.Compute/virtualMachines";

/** The platform's (and a tenant vault's) VM policy of a tier is named `grunnmur-<tier>-vms` (components/backup/recovery-vault.ts). */
export function vmBackupPolicyName(tier: string): string {
  return `grunnmur-${tier}-vms`;
}

export const vmBackedUp = (env: PolicyEnvironment) =>
  stackPolicy(
    {
      id: "VM-04",
      name: "vm-backup-protected",
      source: VM04,
      title:
        "Every workload VM is protected by Azure Backup: a ProtectedItem of the same stack whose sourceResourceId is the VM and whose policyId is its tier's VM policy (the VM's backupTier, else the file's backup.tier).",
      enforcementLevel: "mandatory",
    },
    "any",
    ({ stack, resources }, report) => {
      const file = env.stackFile(stack);
      const items = ofType(resources, PROTECTED_ITEM).filter((item) => {
        const type = knownString(() => item.props.properties?.protectedItemType);
        return type === undefined || sameText(type, VM_ITEM_TYPE);
      });
      const policies = ofType(resources, PROTECTION_POLICY);
      for (const vm of workloadVms(stack, resources)) {
        const tier = fileVmOf(file, stack, vm)?.backupTier;
        const wanted = tier ? vmBackupPolicyName(tier) : undefined;
        const what = wanted ? `its tier's VM policy ${wanted}` : "a VM backup policy (grunnmur-<tier>-vms)";
        const nameOk = (name: string) => (wanted ? sameText(name, wanted) : /^grunnmur-.+-vms$/i.test(name));
        const mine = items.filter((item) => refersTo(item, "properties", () => item.props.properties?.sourceResourceId, vm));
        if (mine.length === 0) {
          report(
            `${label(vm)}: no recoveryservices ProtectedItem protects it; add one (properties.protectedItemType "${VM_ITEM_TYPE}", sourceResourceId the VM's id) with ${what} (${VM04})`,
            vm.urn,
          );
          continue;
        }
        const verdicts = mine.map((item) => {
          const policyId = refValue(() => item.props.properties?.policyId);
          if (policyId === UNKNOWN) {
            // Still to be created: judged by the policy it came from, if the stack creates it.
            const from = policies.find((p) => dependsThrough(item, "properties", p));
            const name = from ? knownString(() => from.props.policyName) : undefined;
            return { item, ok: name === undefined || nameOk(name), shown: name ? `from the policy ${name}` : "unknown" };
          }
          if (policyId === undefined) return { item, ok: false, shown: "not set" };
          return { item, ok: isBackupPolicyId(policyId) && nameOk(lastName(policyId)), shown: show(policyId) };
        });
        if (verdicts.some((v) => v.ok)) continue;
        for (const v of verdicts) {
          report(`${label(vm)}: ${label(v.item)} has properties.policyId ${v.shown}; set it to ${what}${tier ? ` (backup tier ${tier})` : ""} from the platform's backupPolicyIds (${VM04})`, v.item.urn);
        }
      }
    },
  );

function isBackupPolicyId(id: string): boolean {
  return /\/providers\/Microsoft\.RecoveryServices\/vaults\/[^/]+\/backupPolicies\/[^/]+$/i.test(id);
}

// --- VM-05 ---------------------------------------------------------------------

const VM05 = "NSM 2.2.3; GDPR art. 9; grunnmur baseline VM-05";

/** The NICs a VM names in networkProfile.networkInterfaces. */
function nicsOf(vm: PolicyResource, resources: readonly PolicyResource[]): PolicyResource[] {
  const refs = knownList<Props>(() => vm.props.networkProfile?.networkInterfaces);
  return ofType(resources, NETWORK_INTERFACE).filter((nic) => {
    const id = idOf(nic);
    const byValue = refs.some((ref) => {
      const value = peek(() => ref.id);
      return typeof value === "string" && id !== undefined && sameText(value, id);
    });
    return byValue || dependsThrough(vm, "networkProfile", nic);
  });
}

/** The zone of a subnet id: by the stack's own VNet and output `subnets` (zone → CIDR), else by its name `snet-…-<zone>`. */
function zoneOfSubnet(subnetId: string, resources: readonly PolicyResource[]): string | undefined {
  const subnetName = lastName(subnetId);
  const zones = peek(() => ofType(resources, STACK_TYPE)[0]?.props.subnets) as Record<string, unknown> | undefined | typeof UNKNOWN;
  if (zones && zones !== UNKNOWN) {
    for (const vnet of ofType(resources, VIRTUAL_NETWORK)) {
      const subnet = knownList<Props>(() => vnet.props.subnets).find((s) => sameText(knownString(() => s.name), subnetName));
      const prefix = subnet ? knownString(() => subnet.addressPrefix) : undefined;
      const zone = prefix ? Object.entries(zones).find(([, cidr]) => cidr === prefix)?.[0] : undefined;
      if (zone) return zone;
    }
  }
  return WORKLOAD_ZONES.find((zone) => subnetName.toLowerCase().endsWith(`-${zone}`));
}

export const secureZoneSensitiveOnly = (env: PolicyEnvironment) =>
  stackPolicy(
    {
      id: "VM-05",
      name: "vm-secure-zone-sensitive-only",
      source: VM05,
      title:
        "A VM is in the secure zone only for a system its tenant file marks sensitive: judged by its NIC's subnet (its tag grunnmur:zone when the subnet is unknown), its system by its tag grunnmur:system or its name <system>-<vm>.",
      enforcementLevel: "mandatory",
    },
    "tenant",
    ({ stack, resources }, report) => {
      const file = env.stackFile(stack);
      // Without the region's files (a hand-written list to `grunnmur check`) there is no
      // inventory to judge by, as for the backup rules; `grunnmur preview` always has them.
      if (!file) return;
      for (const vm of workloadVms(stack, resources)) {
        const subnetIds = nicsOf(vm, resources).flatMap((nic) =>
          knownList<Props>(() => nic.props.ipConfigurations).map((c) => knownString(() => c.subnet?.id)).filter((id): id is string => id !== undefined),
        );
        const fromSubnets = subnetIds.map((id) => zoneOfSubnet(id, resources)).filter((z): z is string => z !== undefined);
        const zone = fromSubnets.find((z) => z === "secure") ?? fromSubnets[0] ?? tagOf(vm.props, ZONE_TAG);
        const tagged = tagOf(vm.props, ZONE_TAG);
        if (fromSubnets.length > 0 && tagged && !fromSubnets.some((z) => sameText(z, tagged))) {
          report(`${label(vm)}: its tag ${ZONE_TAG} is "${tagged}" but its network interface is in the ${fromSubnets.join(", ")} zone; set the tag to where the VM is (${VM05})`, vm.urn);
        }
        if (!sameText(zone, "secure")) continue;
        const system = systemOf(file, stack, vm);
        const systemFile = system ? Object.entries(file?.systems ?? {}).find(([key]) => sameText(key, system))?.[1] : undefined;
        if (systemFile?.sensitive) continue;
        const where = file?.file ?? "the tenant file";
        const why = system === undefined ? `belongs to no system of ${where} (tag ${SYSTEM_TAG} or a name <system>-<vm>)` : systemFile ? `is of system ${system}, which ${where} does not mark sensitive` : `is of system ${system}, which ${where} does not list`;
        report(`${label(vm)}: is in the secure zone but ${why}; only systems with sensitive: true may have VMs there: move it to the general zone, or mark the system sensitive if it holds special-category data (${VM05})`, vm.urn);
      }
    },
  );

// --- VM-08 ---------------------------------------------------------------------

const VM08 = "MCSB LT-3; NSM 3.2.1";
const MONITOR_PUBLISHER = "Microsoft.Azure.Monitor";
const MONITOR_TYPES = ["AzureMonitorWindowsAgent", "AzureMonitorLinuxAgent"];

export const monitoringAgent = () =>
  stackPolicy(
    {
      id: "VM-08",
      name: "vm-monitoring-agent",
      source: VM08,
      title:
        "Every workload VM has the Azure Monitor Agent (a VirtualMachineExtension of publisher Microsoft.Azure.Monitor) and a DataCollectionRuleAssociation to a data collection rule, in the same stack.",
      enforcementLevel: "mandatory",
    },
    "any",
    ({ stack, resources }, report) => {
      const extensions = ofType(resources, VM_EXTENSION).filter((ext) => {
        const publisher = knownString(() => ext.props.publisher);
        const type = knownString(() => ext.props.type);
        return sameText(publisher, MONITOR_PUBLISHER) && MONITOR_TYPES.some((t) => sameText(t, type));
      });
      const associations = ofType(resources, DCR_ASSOCIATION);
      for (const vm of workloadVms(stack, resources)) {
        const name = vmNameOf(vm);
        const group = knownString(() => vm.props.resourceGroupName);
        const agent = extensions.some((ext) => {
          const extVm = refValue(() => ext.props.vmName);
          if (typeof extVm === "string") return sameText(extVm, name) && (!group || !knownString(() => ext.props.resourceGroupName) || sameText(knownString(() => ext.props.resourceGroupName), group));
          return dependsThrough(ext, "vmName", vm);
        });
        if (!agent) {
          report(
            `${label(vm)}: has no Azure Monitor Agent; add a compute VirtualMachineExtension with vmName ${show(name)}, publisher "${MONITOR_PUBLISHER}", type "AzureMonitorWindowsAgent" or "AzureMonitorLinuxAgent" and enableAutomaticUpgrade true (${VM08})`,
            vm.urn,
          );
        }
        const associated = associations.some((a) => refersTo(a, "resourceUri", () => a.props.resourceUri, vm) && refValue(() => a.props.dataCollectionRuleId) !== undefined);
        if (!associated) {
          report(`${label(vm)}: no monitor DataCollectionRuleAssociation links it to a data collection rule; associate it (resourceUri the VM's id) with the platform's vmDataCollectionRuleId (${VM08})`, vm.urn);
        }
      }
    },
  );

export function workloadPolicies(env: PolicyEnvironment): GrunnmurPolicy[] {
  return [nicNoPublicIp(), encryptionAtHost(), trustedLaunch(), vmBackedUp(env), secureZoneSensitiveOnly(env), linuxNoPasswordSsh(), allowedSizeAndImage(env), monitoringAgent()];
}

