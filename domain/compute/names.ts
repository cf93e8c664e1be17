/**
 * Names of a municipality's VMs: Pulumi logical names from the file's stable
 * keys (`<system>-<vm>`, never list positions, so reordering the file changes
 * no URN), the VM's Azure name, and a Windows computer name of at most 15
 * characters. Pure.
 *
 * A VM renamed in the file (`renamedFrom`) keeps the Azure names of the key it
 * had: Azure cannot rename a VM, its NIC or its computer name, so a new name
 * would replace the server. Its logical names are the new key's, with an alias
 * from the old (stacks/tenant/program.ts).
 *
 * Limits: a VM name 1-64 characters (Linux) and a Windows computer name 1-15,
 * letters, digits and hyphens ("Naming rules and restrictions for Azure
 * resources", https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftcompute).
 */
import { createHash } from "node:crypto";

export const VM_NAME_MAX = 64;
export const WINDOWS_COMPUTER_NAME_MAX = 15;

/** The component's logical name: `<system>-<vm>`; its children add a suffix (`-nic`, `-vm`, ...). */
export function workloadVmLogicalName(systemKey: string, vmKey: string): string {
  return `${systemKey}-${vmKey}`;
}

const hash = (text: string, length: number) => BigInt(`0x${createHash("sha256").update(text).digest("hex")}`).toString(36).slice(0, length);

/** A name cut to `max` characters keeps a hash of the whole, so two long names never become one. */
function fitted(name: string, max: number): string {
  if (name.length <= max) return name;
  const tail = `-${hash(name, 6)}`;
  return `${name.slice(0, max - tail.length).replace(/-+$/, "")}${tail}`;
}

/** `vm-<slug>-<system>-<vm>`, at most 64 characters. */
export function vmAzureName(slug: string, systemKey: string, vmKey: string): string {
  return fitted(`vm-${slug}-${systemKey}-${vmKey}`, VM_NAME_MAX);
}

/** `nic-<slug>-<system>-<vm>`: network interface names take 80, and follow the VM's. */
export function nicAzureName(slug: string, systemKey: string, vmKey: string): string {
  return fitted(`nic-${slug}-${systemKey}-${vmKey}`, 80);
}

/** The maintenance configuration's name: one per VM, its patch window. */
export function maintenanceConfigurationName(slug: string, systemKey: string, vmKey: string): string {
  return fitted(`mc-${slug}-${systemKey}-${vmKey}`, 80);
}

/**
 * A Windows computer name: up to five letters of the slug, a hyphen and seven
 * base-36 characters of a hash of slug, system and VM (e.g. `senja-0k3x9a2`):
 * 13 characters at most, deterministic, and distinct within a tenant unless
 * two keys collide in 36^7 (about 7.8e10), which tests check for the example region.
 * It starts with a letter, so it is never all digits.
 */
export function windowsComputerName(slug: string, systemKey: string, vmKey: string): string {
  return `${slug.replace(/-/g, "").slice(0, 5)}-${hash(`${slug}/${systemKey}/${vmKey}`, 7).padStart(7, "0")}`;
}

/** Linux computer (host) name: the VM key's system and VM, readable, within 64. */
export function linuxComputerName(slug: string, systemKey: string, vmKey: string): string {
  return fitted(`${slug}-${systemKey}-${vmKey}`, VM_NAME_MAX);
}

/** The Windows admin password's secret: `generated-vmadmin-<slug>-<system>-<vm>` (Key Vault takes 127). */
export function vmAdminSecretName(slug: string, systemKey: string, vmKey: string): string {
  return fitted(`generated-vmadmin-${slug}-${systemKey}-${vmKey}`, 127);
}

/**
 * Azure Backup's names for an Azure VM in a vault: the container
 * `iaasvmcontainer;iaasvmcontainerv2;<rg>;<vm>` and the item
 * `vm;iaasvmcontainerv2;<rg>;<vm>` in fabric `Azure` ("Back up an Azure VM
 * using Azure Backup via REST API",
 * https://learn.microsoft.com/azure/backup/backup-azure-arm-userestapi-backupazurevms;
 * the REST example "Protected Items - Create Or Update" uses
 * `IaasVMContainer;iaasvmcontainerv2;netsdktestrg;netvmtestv2vm1`).
 */
export function vmBackupNames(vmResourceGroupName: string, vmName: string): { readonly fabricName: "Azure"; readonly containerName: string; readonly protectedItemName: string } {
  return {
    fabricName: "Azure",
    containerName: `iaasvmcontainer;iaasvmcontainerv2;${vmResourceGroupName};${vmName}`,
    protectedItemName: `vm;iaasvmcontainerv2;${vmResourceGroupName};${vmName}`,
  };
}
