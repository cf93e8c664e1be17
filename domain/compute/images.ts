/**
 * The OS images a municipality's VM may run: Marketplace references of Gen2
 * images (Trusted Launch needs Gen2), by the key a tenant file names. Pure data.
 */

export type OsFamily = "windows" | "linux";

export interface OsImage {
  readonly key: string;
  readonly description: string;
  readonly os: OsFamily;
  readonly reference: { readonly publisher: string; readonly offer: string; readonly sku: string; readonly version: string };
}

export const OS_IMAGES = {
  "windows-server-2022": {
    key: "windows-server-2022",
    description: "Windows Server 2022 Datacenter: Azure Edition",
    os: "windows",
    reference: { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2022-datacenter-azure-edition", version: "latest" },
  },
  "windows-server-2025": {
    key: "windows-server-2025",
    description: "Windows Server 2025 Datacenter: Azure Edition",
    os: "windows",
    reference: { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2025-datacenter-azure-edition", version: "latest" },
  },
  "ubuntu-24.04": {
    key: "ubuntu-24.04",
    description: "Ubuntu Server 24.04 LTS",
    os: "linux",
    reference: { publisher: "Canonical", offer: "ubuntu-24_04-lts", sku: "server", version: "latest" },
  },
  "rhel-9": {
    key: "rhel-9",
    description: "Red Hat Enterprise Linux 9 (LVM, Gen2)",
    os: "linux",
    reference: { publisher: "RedHat", offer: "RHEL", sku: "9-lvm-gen2", version: "latest" },
  },
} as const satisfies Record<string, OsImage>;

export type OsImageKey = keyof typeof OS_IMAGES;

export const OS_IMAGE_KEYS = Object.keys(OS_IMAGES) as [OsImageKey, ...OsImageKey[]];
