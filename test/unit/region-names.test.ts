import { findCollisions, type RegionName } from "../../domain/azure/region-names";

const entry = (namespace: string, name: string, tenant: number, same?: string): RegionName => ({ namespace, name, what: "x", owner: { tenant }, path: ["slug"], hint: "h", ...(same ? { same } : {}) });
const shown = (groups: ReturnType<typeof findCollisions>) => groups.map((g) => g.map((e) => `${e.namespace} ${e.name} ${(e.owner as { tenant: number }).tenant}`));

describe("name collisions in a region", () => {
  it("groups every entry with the same name in one namespace, groups in the order their names were first given", () => {
    const names = [
      entry("pulumi:stacks", "b", 0),
      entry("pulumi:stacks", "a", 1),
      entry("pulumi:stacks", "a", 2),
      entry("pulumi:stacks", "b", 3),
      entry("pulumi:stacks", "c", 4),
      entry("pulumi:stacks", "b", 5),
    ];
    expect(shown(findCollisions(names))).toEqual([
      ["pulumi:stacks b 0", "pulumi:stacks b 3", "pulumi:stacks b 5"],
      ["pulumi:stacks a 1", "pulumi:stacks a 2"],
    ]);
  });

  it("orders groups by first name given, across namespaces", () => {
    const names = [entry("n1", "a", 0), entry("n2", "b", 1), entry("n1", "c", 2), entry("n1", "a", 3), entry("n2", "b", 4), entry("n1", "c", 5)];
    expect(shown(findCollisions(names)).map((g) => g[0])).toEqual(["n1 a 0", "n2 b 1", "n1 c 2"]);
  });

  it("keeps namespaces apart", () => {
    expect(findCollisions([entry("pulumi:urn:a", "x", 0), entry("pulumi:urn:b", "x", 1)])).toEqual([]);
  });

  it("compares Azure and Entra ID names without case, Pulumi's with case", () => {
    const names = [entry("azure:storage-accounts", "StSenja", 0), entry("azure:storage-accounts", "stsenja", 1), entry("entra:groups", "G", 0), entry("entra:groups", "g", 1), entry("pulumi:stacks", "S", 0), entry("pulumi:stacks", "s", 1)];
    expect(shown(findCollisions(names))).toEqual([
      ["azure:storage-accounts StSenja 0", "azure:storage-accounts stsenja 1"],
      ["entra:groups G 0", "entra:groups g 1"],
    ]);
  });

  it("counts entries that are one resource (the same `same`) once", () => {
    expect(findCollisions([entry("pulumi:urn:platform", "grant", 0, "kv/s"), entry("pulumi:urn:platform", "grant", 1, "kv/s")])).toEqual([]);
    expect(findCollisions([entry("pulumi:urn:platform", "grant", 0, "kv/s"), entry("pulumi:urn:platform", "grant", 1, "kv/t")])).toHaveLength(1);
  });
});
