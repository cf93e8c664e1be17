/**
 * Names Azure accepts, per resource type, from Microsoft Learn's "Naming rules
 * and restrictions for Azure resources". domain/azure/names.ts makes names that
 * fit; these rules check every name a stack sends, also those written by hand
 * (a tenant's workloads, an edited resource list).
 */
import { inputAt, isRecord, ofTypes, preflightRule, quote, type PreflightResource, type PreflightRule, type PreflightStack, type Problem } from "./rule";

const NAME_RULES_URL = "https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules";

/** Where a type keeps its Azure name, and how a message calls it. */
interface NamedType {
  readonly property: string;
  readonly subject: string;
}

interface NameSpec {
  readonly types: Readonly<Record<string, NamedType>>;
  readonly min: number;
  readonly max: number;
  /** The characters and their order, without the length. */
  readonly pattern: RegExp;
  /** What Azure allows, as the report says it. */
  readonly allowed: string;
}

/** Why a name is refused, for the value column: its length or its characters. */
function describe(name: string, spec: Pick<NameSpec, "min" | "max" | "pattern">): string | undefined {
  const length = [...name].length;
  if (length < spec.min || length > spec.max) return `${quote(name)} (${length} characters)`;
  if (!spec.pattern.test(name)) return quote(name);
  return undefined;
}

/** A rule over the name property of some types: its length and its characters. */
export function nameRule(meta: Omit<PreflightRule, "check">, spec: NameSpec): PreflightRule {
  return preflightRule(meta, function* (stack) {
    for (const resource of ofTypes(stack, ...Object.keys(spec.types))) {
      const { property, subject } = spec.types[resource.type];
      const name = inputAt(resource, property);
      if (typeof name !== "string") continue;
      const value = describe(name, spec);
      if (value) yield { resource, subject, azureName: name, property, value, allowed: spec.allowed };
    }
  });
}

// Alphanumerics, underscores, periods and hyphens; start alphanumeric; end alphanumeric or underscore.
const NETWORK_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;
const NETWORK_ALLOWED = "letters, digits, underscores, periods and hyphens, starting with a letter or digit and ending with a letter, digit or underscore";

export const resourceGroupName = nameRule(
  { id: "PF-01", name: "name-resource-group", summary: "A resource group's name is 1-90 letters, digits, underscores, parentheses, hyphens and periods, and does not end in a period.", reference: `${NAME_RULES_URL}#microsoftresources` },
  {
    types: { "azure-native:resources:ResourceGroup": { property: "resourceGroupName", subject: "resource group" } },
    min: 1,
    max: 90,
    pattern: /^[\p{L}\p{N}_().-]*[\p{L}\p{N}_()-]$/u,
    allowed: "1-90 letters, digits, underscores, parentheses, hyphens and periods, not ending in a period",
  },
);

export const storageAccountName = nameRule(
  { id: "PF-02", name: "name-storage-account", summary: "A storage account's name is 3-24 lower-case letters and digits.", reference: `${NAME_RULES_URL}#microsoftstorage` },
  { types: { "azure-native:storage:StorageAccount": { property: "accountName", subject: "storage account" } }, min: 3, max: 24, pattern: /^[a-z0-9]+$/, allowed: "3-24 lower-case letters and digits" },
);

const keyVaultPattern = /^[A-Za-z](?!.*--)[A-Za-z0-9-]*[A-Za-z0-9]$/;
export const keyVaultName = nameRule(
  { id: "PF-03", name: "name-key-vault", summary: "A key vault's name is 3-24 letters, digits and hyphens, starts with a letter, ends with a letter or digit, and has no two hyphens in a row.", reference: `${NAME_RULES_URL}#microsoftkeyvault` },
  {
    types: { "azure-native:keyvault:Vault": { property: "vaultName", subject: "key vault" } },
    min: 3,
    max: 24,
    pattern: keyVaultPattern,
    allowed: "3-24 letters, digits and hyphens, starting with a letter, ending with a letter or digit, no consecutive hyphens",
  },
);

export const recoveryVaultName = nameRule(
  { id: "PF-04", name: "name-recovery-services-vault", summary: "A Recovery Services vault's name is 2-50 letters, digits and hyphens, starting with a letter.", reference: `${NAME_RULES_URL}#microsoftrecoveryservices` },
  { types: { "azure-native:recoveryservices:Vault": { property: "vaultName", subject: "Recovery Services vault" } }, min: 2, max: 50, pattern: /^[A-Za-z][A-Za-z0-9-]*$/, allowed: "2-50 letters, digits and hyphens, starting with a letter" },
);

export const virtualNetworkName = nameRule(
  { id: "PF-05", name: "name-virtual-network", summary: "A virtual network's name is 2-64 letters, digits, underscores, periods and hyphens, starting alphanumeric and ending alphanumeric or underscore.", reference: `${NAME_RULES_URL}#microsoftnetwork` },
  { types: { "azure-native:network:VirtualNetwork": { property: "virtualNetworkName", subject: "virtual network" } }, min: 2, max: 64, pattern: NETWORK_NAME, allowed: `2-64 ${NETWORK_ALLOWED}` },
);

/** Every subnet a stack sends: inline in a virtual network, or a Subnet resource of its own. */
export interface SubnetView {
  readonly resource: PreflightResource;
  readonly vnet: string;
  readonly name: unknown;
  readonly inputs: Readonly<Record<string, unknown>>;
}

export function subnetsOf(stack: PreflightStack): SubnetView[] {
  const found: SubnetView[] = [];
  for (const resource of ofTypes(stack, "azure-native:network:VirtualNetwork")) {
    const vnet = String(resource.inputs.virtualNetworkName ?? resource.name);
    const subnets = resource.inputs.subnets;
    if (!Array.isArray(subnets)) continue;
    for (const subnet of subnets.filter(isRecord)) found.push({ resource, vnet, name: subnet.name, inputs: subnet });
  }
  for (const resource of ofTypes(stack, "azure-native:network:Subnet")) {
    found.push({ resource, vnet: String(resource.inputs.virtualNetworkName ?? ""), name: resource.inputs.subnetName, inputs: resource.inputs });
  }
  return found;
}

export const subnetName = preflightRule(
  { id: "PF-06", name: "name-subnet", summary: "A subnet's name is 1-80 letters, digits, underscores, periods and hyphens, starting alphanumeric and ending alphanumeric or underscore.", reference: `${NAME_RULES_URL}#microsoftnetwork` },
  function* (stack): Iterable<Problem> {
    for (const subnet of subnetsOf(stack)) {
      if (typeof subnet.name !== "string") continue;
      const value = describe(subnet.name, { min: 1, max: 80, pattern: NETWORK_NAME });
      if (value) yield { resource: subnet.resource, subject: "subnet", azureName: subnet.name, within: `virtual network ${subnet.vnet}`, property: "name", value, allowed: `1-80 ${NETWORK_ALLOWED}` };
    }
  },
);

const network80 = (id: string, name: string, what: string, type: string, property: string) =>
  nameRule(
    { id, name, summary: `A ${what}'s name is 1-80 letters, digits, underscores, periods and hyphens, starting alphanumeric and ending alphanumeric or underscore.`, reference: `${NAME_RULES_URL}#microsoftnetwork` },
    { types: { [type]: { property, subject: what } }, min: 1, max: 80, pattern: NETWORK_NAME, allowed: `1-80 ${NETWORK_ALLOWED}` },
  );

export const networkSecurityGroupName = network80("PF-07", "name-network-security-group", "network security group", "azure-native:network:NetworkSecurityGroup", "networkSecurityGroupName");
export const publicIpName = network80("PF-08", "name-public-ip-address", "public IP address", "azure-native:network:PublicIPAddress", "publicIpAddressName");
export const routeTableName = network80("PF-09", "name-route-table", "route table", "azure-native:network:RouteTable", "routeTableName");
export const firewallPolicyName = network80("PF-11", "name-firewall-policy", "firewall policy", "azure-native:network:FirewallPolicy", "firewallPolicyName");

export const privateEndpointName = nameRule(
  { id: "PF-10", name: "name-private-endpoint", summary: "A private endpoint's name is 2-64 letters, digits, underscores, periods and hyphens, starting alphanumeric and ending alphanumeric or underscore.", reference: `${NAME_RULES_URL}#microsoftnetwork` },
  { types: { "azure-native:network:PrivateEndpoint": { property: "privateEndpointName", subject: "private endpoint" } }, min: 2, max: 64, pattern: NETWORK_NAME, allowed: `2-64 ${NETWORK_ALLOWED}` },
);

// Virtual machines: no spaces, control characters or ~ ! @ # $ % ^ & * ( ) = + _ [ ] { } \ | ; : . ' " , < > / ?
// (a period is allowed inside a Linux name), and no name ends with a period or a hyphen.
const VM_FORBIDDEN = /[\s\p{Cc}~!@#$%^&*()=+_[\]{}\\|;:'",<>/?]/u;
const vmNameValid = (name: string, windows: boolean) => !VM_FORBIDDEN.test(name) && !/[.-]$/.test(name) && !(windows && name.includes("."));
const VM_CHARACTERS = "letters, digits, hyphens and (Linux only) periods, not ending in a period or hyphen";

/** Windows when the VM says so: a Windows configuration, or a Windows OS disk. */
export function isWindowsVm(vm: PreflightResource): boolean {
  return isRecord(inputAt(vm, "osProfile.windowsConfiguration")) || inputAt(vm, "storageProfile.osDisk.osType") === "Windows";
}

export const virtualMachineName = preflightRule(
  { id: "PF-12", name: "name-virtual-machine", summary: "A virtual machine's name is 1-64 characters (Linux; 1-15 for Windows) without spaces, underscores or punctuation other than hyphens and periods, and does not end in a period or hyphen.", reference: `${NAME_RULES_URL}#microsoftcompute` },
  function* (stack): Iterable<Problem> {
    for (const vm of ofTypes(stack, "azure-native:compute:VirtualMachine")) {
      const name = vm.inputs.vmName;
      if (typeof name !== "string") continue;
      const windows = isWindowsVm(vm);
      const max = 64;
      const length = [...name].length;
      if (length < 1 || length > max || !vmNameValid(name, windows)) {
        yield { resource: vm, subject: "virtual machine", azureName: name, property: "vmName", value: length > max ? `${quote(name)} (${length} characters)` : quote(name), allowed: `1-${max} ${VM_CHARACTERS}` };
      }
    }
  },
);

export const computerName = preflightRule(
  {
    id: "PF-13",
    name: "name-computer-name",
    summary: "A virtual machine's computer name (osProfile.computerName, else its name) is 1-15 characters on Windows and 1-64 on Linux, with the characters a VM name may have.",
    reference: `${NAME_RULES_URL}#microsoftcompute`,
  },
  function* (stack): Iterable<Problem> {
    for (const vm of ofTypes(stack, "azure-native:compute:VirtualMachine")) {
      const given = inputAt(vm, "osProfile.computerName");
      // Without a computer name Azure uses the VM's name.
      const name = typeof given === "string" ? given : vm.inputs.vmName;
      if (typeof name !== "string") continue;
      const windows = isWindowsVm(vm);
      const max = windows ? 15 : 64;
      const length = [...name].length;
      if (length < 1 || length > max || !vmNameValid(name, windows)) {
        yield {
          resource: vm,
          subject: `${windows ? "Windows" : "Linux"} virtual machine`,
          azureName: String(vm.inputs.vmName ?? vm.name),
          property: typeof given === "string" ? "osProfile.computerName" : "the computer name (vmName, as osProfile.computerName is not set)",
          value: length > max ? `${quote(name)} (${length} characters)` : quote(name),
          allowed: `1-${max} ${VM_CHARACTERS}`,
        };
      }
    }
  },
);

export const NAME_PREFLIGHT_RULES: readonly PreflightRule[] = [
  resourceGroupName,
  storageAccountName,
  keyVaultName,
  recoveryVaultName,
  virtualNetworkName,
  subnetName,
  networkSecurityGroupName,
  publicIpName,
  routeTableName,
  privateEndpointName,
  firewallPolicyName,
  virtualMachineName,
  computerName,
];
