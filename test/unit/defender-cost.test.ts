/** Defender for Cloud in the cost model: each protected resource costs its plan's price item, only with the plan on. */
import { DEFAULT_ASSUMPTIONS, metersFor, type MeterContext } from "../../domain/cost/meters";
import { defenderPlan } from "../../domain/governance/defender";
import { platformSchema } from "../../tenants/schema/platform";
import { loadRegion } from "../../tenants/validation/load-region";
import { DEFAULT_PLATFORM_FILE, DEFAULT_TENANTS_DIR } from "../../tenants/paths";

const defender = Object.fromEntries((["servers", "storage", "keyVaults", "resourceManager"] as const).map((k) => defenderPlan(k, "P2")).map((p) => [p.protects, p.priceItem]));
const on: MeterContext = { assumptions: DEFAULT_ASSUMPTIONS, tenantCount: 3, defender };
const off: MeterContext = { assumptions: DEFAULT_ASSUMPTIONS, tenantCount: 3 };
const items = (type: string, inputs: Record<string, unknown>, ctx: MeterContext) => metersFor({ type, inputs }, ctx).map((m) => `${m.item} ${m.quantity}`);

describe("Defender for Cloud's cost lines", () => {
  it.each([
    ["azure-native:storage:StorageAccount", {}, ["defender-storage 1"]],
    ["azure-native:keyvault:Vault", {}, ["key-vault-operations 10", "defender-key-vault 1"]],
    ["azure-native:compute:VirtualMachine", { hardwareProfile: { vmSize: "Standard_B2s" } }, ["vm-b2s 730", "defender-servers-p2 1"]],
    ["azure-native:security:Pricing", { pricingName: "Arm" }, ["defender-resource-manager 1"]],
    ["azure-native:security:Pricing", { pricingName: "StorageAccounts" }, []],
  ])("%s %j costs %j with the plans on", (type, inputs, expected) => {
    expect(items(type, inputs, on)).toEqual(expected);
  });

  it("adds nothing without governance.defender", () => {
    expect(items("azure-native:storage:StorageAccount", {}, off)).toEqual([]);
    expect(items("azure-native:security:Pricing", { pricingName: "Arm" }, off)).toEqual([]);
  });

  it("has every Defender price item in the example platform.yaml, labelled unverified", () => {
    const load = loadRegion({ tenantsDir: DEFAULT_TENANTS_DIR, platformFile: DEFAULT_PLATFORM_FILE });
    const prices = load.region!.platform.prices.items;
    for (const plan of [defenderPlan("servers", "P1"), defenderPlan("servers", "P2"), defenderPlan("storage", "P1"), defenderPlan("keyVaults", "P1"), defenderPlan("resourceManager", "P1")]) {
      expect(prices[plan.priceItem]?.description).toMatch(/unverified/);
    }
    expect(platformSchema.parse(load.region!.platform).governance?.defender.plans).toEqual(["servers", "storage", "keyVaults", "resourceManager"]);
  });
});
