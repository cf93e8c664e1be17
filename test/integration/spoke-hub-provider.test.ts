/**
 * The hub side of a spoke (the hub's peering, the private DNS zone links) is in
 * the platform's subscription, whatever provider the spoke itself inherits
 * (components/network/spoke.ts, hubProvider).
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import type { CapturedResource } from "../../scripts/preview/preview-file";
import { PLATFORM_SUBSCRIPTION_ID, TENANT_SUBSCRIPTION_ID } from "../helpers/component-child";

function runScenario(name: string): CapturedResource[] | { error: string } {
  const child = path.join(__dirname, "..", "helpers", "component-child.js");
  const run = spawnSync(process.execPath, [child, name], { encoding: "utf8" });
  return JSON.parse(run.stdout) as CapturedResource[] | { error: string };
}

describe("a spoke in a municipality's own subscription", () => {
  const resources = runScenario("spoke-of-own-subscription") as CapturedResource[];
  const placed = (r: CapturedResource) => ({ name: r.name, provider: r.provider?.name, subscription: r.provider?.subscriptionId, inId: r.id?.split("/")[2] });

  it("creates the hub's peering and the DNS zone links through the platform subscription's provider", () => {
    const hubSide = resources.filter((r) => r.name === "spoke-from-hub" || r.type === "azure-native:privatedns:VirtualNetworkLink");
    expect(hubSide.map(placed)).toEqual(
      ["spoke-dns-file", "spoke-from-hub"].map((name) => ({ name, provider: "platform-subscription", subscription: PLATFORM_SUBSCRIPTION_ID, inId: PLATFORM_SUBSCRIPTION_ID })),
    );
  });

  it("creates everything else through the provider it inherits", () => {
    const own = resources.filter((r) => r.custom && r.type.startsWith("azure-native:") && r.name !== "spoke-from-hub" && r.type !== "azure-native:privatedns:VirtualNetworkLink");
    expect(own.map((r) => r.name)).toEqual(expect.arrayContaining(["spoke", "spoke-to-hub", "spoke-general"]));
    for (const r of own) expect(placed(r)).toEqual({ name: r.name, provider: "tenant-subscription", subscription: TENANT_SUBSCRIPTION_ID, inId: TENANT_SUBSCRIPTION_ID });
  });

  it('refuses hubProvider "default" under an explicit provider, which would put the hub side in the spoke\'s subscription', () => {
    expect(runScenario("spoke-of-own-subscription-with-default-hub-provider")).toEqual({
      error:
        'spoke spoke: hubProvider is "default", but the spoke is created through an explicit azure-native provider, so the hub side would inherit it and land in the spoke\'s subscription; pass the platform subscription\'s provider as hubProvider',
    });
  });
});
