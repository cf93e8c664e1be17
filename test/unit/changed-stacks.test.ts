import { changedStacks } from "../../scripts/ci/changed-stacks";

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
});
