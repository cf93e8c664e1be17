import { batches, changedStacks } from "../../scripts/ci/changed-stacks";
import { everyStack } from "../../scripts/commands/changed";
import { DEFAULT_TENANTS_DIR } from "../../tenants/paths";

const tenants = new Set(["senja", "alta", "bardu"]);

describe("stacks a change affects", () => {
  it("previews a changed tenant and the platform, nobody else", () => {
    const result = changedStacks(["tenants/senja.yaml"], tenants);
    expect(result).toEqual({ platform: true, tenants: new Set(["senja"]), removedTenants: new Set() });
  });

  it("previews every stack when shared code or platform settings change", () => {
    expect(changedStacks(["components/network/spoke.ts"], tenants).tenants).toBe("all");
    expect(changedStacks(["platform.yaml", "tenants/senja.yaml"], tenants).tenants).toBe("all");
    expect(changedStacks(["package-lock.json"], tenants).tenants).toBe("all");
  });

  it("previews nothing for documentation and tests", () => {
    expect(changedStacks(["README.md", "test/unit/cidr.test.ts", ".github/workflows/drift.yml"], tenants)).toEqual({
      platform: false,
      tenants: new Set(),
      removedTenants: new Set(),
    });
  });

  it("notes a deleted tenant file so the report can show what it loses", () => {
    expect(changedStacks(["tenants/gamvik.yaml"], tenants)).toEqual({ platform: true, tenants: new Set(), removedTenants: new Set(["gamvik"]) });
  });

  it("previews only the stack whose own Pulumi.<stack>.yaml changed", () => {
    expect(changedStacks(["Pulumi.senja.yaml"], tenants)).toEqual({ platform: false, tenants: new Set(["senja"]), removedTenants: new Set() });
    expect(changedStacks(["Pulumi.platform.yaml"], tenants)).toEqual({ platform: true, tenants: new Set(), removedTenants: new Set() });
    expect(changedStacks(["Pulumi.yaml"], tenants).tenants).toBe("all");
  });
});

describe("every stack, for a first deploy", () => {
  it("is the platform and each tenant file", () => {
    const all = everyStack(DEFAULT_TENANTS_DIR);
    expect([all.platform, all.tenants]).toEqual([true, "all"]);
    expect(all.all).toContain("senja");
  });
});

describe("batches of stacks for CI matrices", () => {
  it("splits 357 tenants into groups that stay under GitHub's 256 jobs per matrix", () => {
    const many = Array.from({ length: 357 }, (_, i) => `t${i}`);
    const groups = batches(many, 10);
    expect(groups).toHaveLength(36);
    expect(groups.flatMap((g) => g.split(" "))).toEqual(many);
    expect(groups.every((g) => g.split(" ").length <= 10)).toBe(true);
  });

  it("gives an empty list for no stacks, so a workflow's guard skips the matrix", () => {
    expect(batches([], 10)).toEqual([]);
    expect(batches(["alta", "bardu", "senja"], 2)).toEqual(["alta bardu", "senja"]);
  });

  it("refuses a batch size that is not a whole number of at least 1", () => {
    expect(() => batches(["alta"], 0)).toThrow("the batch size must be a whole number of at least 1");
  });
});
