import { VM_SIZES } from "../../domain/compute/sizes";
import { VCPUS_PER_SIZE } from "../../domain/preflight/firewall-and-quotas";

describe("the vCPU table of PF-45", () => {
  it("knows every size members' workloads may use, with its vCPUs", () => {
    for (const size of VM_SIZES) expect({ size: size.name, vcpus: VCPUS_PER_SIZE[size.name]?.vcpus }).toEqual({ size: size.name, vcpus: size.vcpus });
  });

  it("keeps its own entries for the sizes it knew before", () => {
    expect(VCPUS_PER_SIZE.Standard_B2s).toEqual({ vcpus: 2, reference: "https://learn.microsoft.com/azure/virtual-machines/sizes-b-series-burstable" });
    expect(VCPUS_PER_SIZE.Standard_B2ls_v2.vcpus).toBe(2);
  });
});
