import { diffStack } from "../../scripts/report/diff";
import { hubMove } from "../../scripts/report/hub-move";
import { renderReport } from "../../scripts/report/markdown";
import type { StackPreview } from "../../scripts/preview/preview-file";

const stack = (name: string, outputs: Record<string, unknown>): StackPreview => ({ stack: name, generatedBy: "test", resources: [], outputs });

describe("a tenant moving to another hub", () => {
  it("is a blocking change that names both hubs and how to keep the tenant where it is", () => {
    const diff = diffStack("alta", stack("alta", { hub: "main" }), stack("alta", { hub: "finnmark" }));
    const blocking = diff.changes.filter((c) => c.blocking);
    expect(blocking).toHaveLength(1);
    expect(blocking[0]).toMatchObject({ type: "stack output", name: "hub", inputs: [{ key: "hub", before: "main", after: "finnmark" }] });
    expect(blocking[0].blocking).toMatch(/^alta moves from hub main to hub finnmark: its spoke peering, VPN tunnels and firewall rules are rebuilt/);
    expect(blocking[0].blocking).toContain("network.hub: main in tenants/alta.yaml");
  });

  it("reads a baseline from before hubs as the primary hub", () => {
    expect(hubMove("alta", stack("alta", {}), stack("alta", { hub: "main" }))).toBeUndefined();
    expect(hubMove("alta", stack("alta", {}), stack("alta", { hub: "finnmark" }))?.before).toBe("main");
  });

  it("is no move for a tenant that stays, joins or leaves, nor for the platform", () => {
    expect(hubMove("alta", stack("alta", { hub: "finnmark" }), stack("alta", { hub: "finnmark" }))).toBeUndefined();
    expect(hubMove("alta", undefined, stack("alta", { hub: "finnmark" }))).toBeUndefined();
    expect(hubMove("alta", stack("alta", { hub: "finnmark" }), undefined)).toBeUndefined();
    expect(hubMove("platform", stack("platform", { hub: "a" }), stack("platform", { hub: "b" }))).toBeUndefined();
    expect(diffStack("alta", stack("alta", { hub: "finnmark" }), stack("alta", { hub: "finnmark" })).status).toBe("unchanged");
  });

  it("shows as blocking in the rendered report", () => {
    const diffs = [diffStack("alta", stack("alta", { hub: "main" }), stack("alta", { hub: "finnmark" }))];
    const text = renderReport({ diffs, extras: new Map() });
    expect(text).toMatch(/Blocking: 1 change/);
    expect(text).toContain("alta moves from hub main to hub finnmark");
  });
});
