/**
 * A tenant file cannot send the deploy identity into another subscription:
 * azure.subscriptionId counts only when platform.yaml registers it for that
 * municipality (tenants/validation/subscription-rules.ts).
 */
import { formatPath } from "../../tenants/validation/diagnostic";
import { loadRegion } from "../../tenants/validation/load-region";
import { basePlatform, baseTenant, makeRegion, type Json } from "../helpers/region-fixture";

const SENJA_SUB = "00000000-0000-4000-8000-000000005530";
const ALTA_SUB = "00000000-0000-4000-8000-000000005601";

function problems(senjaSub: string | undefined, registry: Record<string, string>): string[] {
  const senja: Json = { ...baseTenant("senja", "5530", 1), ...(senjaSub ? { azure: { subscriptionId: senjaSub } } : {}) };
  const alta: Json = { ...baseTenant("alta", "5601", 2), azure: { subscriptionId: ALTA_SUB } };
  const region = makeRegion({ senja, alta }, { ...basePlatform(), subscriptions: registry });
  try {
    const load = loadRegion({ tenantsDir: region.tenantsDir, platformFile: region.platformFile });
    return load.diagnostics.map((d) => `${d.file.endsWith("platform.yaml") ? "platform " : ""}${formatPath(d.path)}: ${d.message}`);
  } finally {
    region.remove();
  }
}

describe("a municipality's own subscription", () => {
  it("is accepted when platform.yaml registers it for that municipality", () => {
    expect(problems(SENJA_SUB, { senja: SENJA_SUB, alta: ALTA_SUB })).toEqual([]);
    expect(problems(undefined, { alta: ALTA_SUB })).toEqual([]);
  });

  it("is refused when it is another municipality's", () => {
    expect(problems(ALTA_SUB, { alta: ALTA_SUB })).toEqual([
      expect.stringMatching(new RegExp(`^azure\\.subscriptionId: ${ALTA_SUB} is alta's subscription \\(subscriptions\\.alta in .*platform\\.yaml\\); the regional team registers`)),
    ]);
  });

  it("is refused when nobody registered it, or another one is registered for the municipality", () => {
    const other = "00000000-0000-4000-8000-0000000000ff";
    expect(problems(other, { alta: ALTA_SUB })).toEqual([expect.stringMatching(new RegExp(`^azure\\.subscriptionId: ${other} is not registered for senja in `))]);
    expect(problems(other, { senja: SENJA_SUB, alta: ALTA_SUB })).toEqual([
      expect.stringMatching(new RegExp(`^azure\\.subscriptionId: ${other} is not the subscription .* registers for senja \\(subscriptions\\.senja: ${SENJA_SUB}\\)`)),
    ]);
  });

  it("cannot be its hub's shared tenant subscription, which holds its neighbours' resources", () => {
    const HUB_SUB = "00000000-0000-4000-8000-00000000a000";
    const base = basePlatform() as { network: Json & { hub: Json } };
    const platform = { ...base, network: { ...base.network, hub: { ...base.network.hub, tenantSubscriptionId: HUB_SUB } }, subscriptions: { alta: ALTA_SUB } };
    const senja: Json = { ...baseTenant("senja", "5530", 1), azure: { subscriptionId: HUB_SUB } };
    const alta: Json = { ...baseTenant("alta", "5601", 2), azure: { subscriptionId: ALTA_SUB } };
    const region = makeRegion({ senja, alta }, platform);
    try {
      const found = loadRegion({ tenantsDir: region.tenantsDir, platformFile: region.platformFile }).diagnostics.map((d) => `${d.file.endsWith("platform.yaml") ? "platform " : ""}${formatPath(d.path)}: ${d.message}`);
      expect(found).toEqual([
        expect.stringMatching(new RegExp(`^platform network\\.hub\\.tenantSubscriptionId: ${HUB_SUB} is the own subscription .*senja\\.yaml names \\(azure\\.subscriptionId\\); a hub's shared subscription cannot also be a municipality's own`)),
        expect.stringMatching(new RegExp(`^azure\\.subscriptionId: ${HUB_SUB} is hub main's shared tenant subscription \\(network\\.hub\\.tenantSubscriptionId in .*platform\\.yaml\\), not a subscription of senja's own; the regional team registers`)),
      ]);
    } finally {
      region.remove();
    }
  });

  it("is registered for one municipality only", () => {
    expect(problems(SENJA_SUB, { senja: SENJA_SUB, alta: SENJA_SUB })).toEqual(
      expect.arrayContaining([`platform subscriptions.alta: ${SENJA_SUB} is registered for senja already; a subscription belongs to one municipality`]),
    );
  });
});
