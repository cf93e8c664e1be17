/**
 * The example region's previews, every stack seen together: a lock in one stack
 * covers what another creates below it (the hub's peerings come from the
 * tenant stacks), which no single stack's policy check can see.
 */
import { isLock, lockFindings, LOCK_REQUIRED_TYPES, lockTargets } from "../../domain/azure/locks";
import type { StackPreview } from "../../scripts/preview/preview-file";
import { cloudResources, destroySubjectOf } from "../../scripts/offboarding/plan";
import { previewFiles, type PreviewedRegion } from "../helpers/preview-fixture";

describe("locks in the example region's previews", () => {
  let region: PreviewedRegion;
  let stacks: StackPreview[];
  beforeAll(async () => {
    region = await previewFiles();
    stacks = [region.result.platform, ...region.result.tenants].map((r) => region.read(r.stack));
  });
  afterAll(() => region.remove());

  const all = () => stacks.flatMap((s) => cloudResources(s).map(destroySubjectOf));

  it("keep every rule across all stacks: nothing any stack deletes lies below a lock, and every stateful resource has a kept lock", () => {
    expect(lockFindings(all())).toEqual([]);
  });

  it("lock no virtual network, so tenant stacks can remove their hub peerings", () => {
    const subjects = all();
    const locked = subjects.filter(isLock).flatMap((lock) => lockTargets(lock, subjects));
    expect(locked.filter((t) => t.type === "azure-native:network:VirtualNetwork")).toEqual([]);
    // Tenant peerings below the hub do exist, so a lock there would matter.
    expect(subjects.filter((s) => s.type === "azure-native:network:VirtualNetworkPeering" && /vnet-grunnmur-hub-/.test(s.id ?? "")).length).toBeGreaterThan(1);
  });

  it("lock each storage account, vault and workspace with a CanNotDelete lock that is protected and retained", () => {
    const subjects = all();
    const stateful = subjects.filter((s) => LOCK_REQUIRED_TYPES[s.type]);
    expect(new Set(stateful.map((s) => s.type))).toEqual(
      new Set(["azure-native:storage:StorageAccount", "azure-native:recoveryservices:Vault", "azure-native:operationalinsights:Workspace"]),
    );
    for (const resource of stateful) {
      const locks = subjects.filter((l) => isLock(l) && lockTargets(l, subjects).includes(resource));
      expect({ resource: resource.id, locks: locks.map((l) => ({ level: l.lock?.level, protect: l.protect, retainOnDelete: l.retainOnDelete })) }).toEqual({
        resource: resource.id,
        locks: [{ level: "CanNotDelete", protect: true, retainOnDelete: true }],
      });
      expect({ resource: resource.id, protect: resource.protect, retainOnDelete: resource.retainOnDelete }).toEqual({ resource: resource.id, protect: true, retainOnDelete: true });
    }
  });
});
