/**
 * The VM sizes a municipality's workload may use, with what the cost model and
 * the vCPU quota need: vCPUs, memory, and the price item (platform.yaml
 * prices.items) that bills its hours. The platform file's `workloads.sizes`
 * picks the allowed ones from this table. Pure data.
 */

export interface VmSize {
  readonly name: string;
  readonly vcpus: number;
  readonly memoryGb: number;
  /** The prices.items key of its hourly price. */
  readonly priceItem: string;
  /** Learn's page stating its vCPUs and memory. */
  readonly reference: string;
}

const size = (name: string, vcpus: number, memoryGb: number, reference: string): VmSize => ({
  name,
  vcpus,
  memoryGb,
  priceItem: `vm-${name.replace(/^Standard_/, "").toLowerCase().replace(/_/g, "-")}`,
  reference,
});

// vCPUs and memory from Learn's size pages.
const B = "https://learn.microsoft.com/azure/virtual-machines/sizes/general-purpose/bv1-series";
const DSV5 = "https://learn.microsoft.com/azure/virtual-machines/sizes/general-purpose/dsv5-series";
const ESV5 = "https://learn.microsoft.com/azure/virtual-machines/sizes/memory-optimized/esv5-series";
export const VM_SIZES: readonly VmSize[] = [
  size("Standard_B2s", 2, 4, B),
  size("Standard_B2ms", 2, 8, B),
  size("Standard_B4ms", 4, 16, B),
  size("Standard_D2s_v5", 2, 8, DSV5),
  size("Standard_D4s_v5", 4, 16, DSV5),
  size("Standard_D8s_v5", 8, 32, DSV5),
  size("Standard_E4s_v5", 4, 32, ESV5),
  size("Standard_E8s_v5", 8, 64, ESV5),
];

export function vmSize(name: string): VmSize | undefined {
  return VM_SIZES.find((s) => s.name.toLowerCase() === name.toLowerCase());
}
