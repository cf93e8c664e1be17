/**
 * A catalogue service charged by use (chargedTo: users): its platform cost goes
 * only to the members that use it, by the platform's key among them, and the
 * platform's total stays what it was.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { chargeByUse, chargedByUseOf, servicesUsed } from "../../domain/cost/charged-by-use";
import { estimateCosts } from "../../domain/cost/estimate";
import { DEFAULT_ASSUMPTIONS } from "../../domain/cost/meters";
import { loadCatalogue } from "../../scripts/commands/cost";
import { REPO_ROOT } from "../../tenants/paths";
import { catalogueSchema } from "../../tenants/schema/catalogue";
import { platformSchema } from "../../tenants/schema/platform";
import { basePlatform } from "../helpers/region-fixture";

const VPN = [{ key: "vpn-site", platformCost: ["vpn"] }];
const fortySixty = { key: "equal-population", equalPercent: 40, populationPercent: 60 } as const;

describe("which catalogue services a member uses", () => {
  it.each<[string, Parameters<typeof servicesUsed>[0], string[]]>([
    ["a member with a VPN site uses vpn-site", { services: ["storage"], siteCount: 1 }, ["network", "storage", "vpn-site"]],
    ["a member without sites does not", { services: ["storage", "backup"], siteCount: 0 }, ["backup", "network", "storage"]],
    ["a subscriber of a shared service uses shared-services", { sharedServices: ["min-ansattside"] }, ["network", "shared-services"]],
  ])("%s", (_, use, expected) => expect(servicesUsed(use)).toEqual(expected));
});

describe("splitting a service among its users", () => {
  const members = [
    { slug: "tromso", population: 78000, uses: [] },
    { slug: "alta", population: 21900, uses: ["vpn-site"] },
    { slug: "gamvik", population: 1100, uses: ["vpn-site"] },
    { slug: "bardu", population: 4000, uses: [] },
  ];

  it("gives the whole cost to the users by the key among them, and nothing to the others", () => {
    const split = chargeByUse({ vpn: 3329, firewall: 11000 }, VPN, members, fortySixty);
    expect(split.byService).toEqual({ "vpn-site": 3329 });
    // Among alta and gamvik: 20 % + 60 % × 21900/23000 each for alta = 77.13 %, the rest gamvik.
    const alta = Math.round(3329 * (0.2 + (0.6 * 21900) / 23000));
    expect(split.byMember).toEqual({ tromso: {}, alta: { "vpn-site": alta }, gamvik: { "vpn-site": 3329 - alta }, bardu: {} });
  });

  it("charges nobody by use while nobody uses it, so all pay it in the general split", () => {
    const split = chargeByUse({ vpn: 3329 }, VPN, members.map((m) => ({ ...m, uses: [] })), fortySixty);
    expect(split).toEqual({ byService: {}, byMember: { tromso: {}, alta: {}, gamvik: {}, bardu: {} } });
  });
});

describe("a service charged by use in the region's estimate", () => {
  const platform = platformSchema.parse({
    ...basePlatform(),
    prices: {
      ...(basePlatform().prices as object),
      items: { "vpn-gateway-vpngw1az": { description: "VPN Gateway", unit: "hour", nok: 4.5 }, "bastion-basic": { description: "Bastion", unit: "hour", nok: 2.2 } },
    },
  });
  const tagged = (type: string, name: string, service: string, sku: string) => ({ type, name, inputs: { sku: { name: sku }, tags: { "grunnmur:service": service } } });
  const previews = {
    platform: { stack: "platform", resources: [tagged("azure-native:network:VirtualNetworkGateway", "hub-vpn", "vpn", "VpnGw1AZ"), tagged("azure-native:network:BastionHost", "hub-bastion", "network", "Basic")] },
    tenants: [
      { stack: "alta", resources: [] },
      { stack: "bardu", resources: [] },
      { stack: "gamvik", resources: [] },
    ],
  };
  const tenants = [
    { slug: "alta", displayName: "Alta kommune", population: 21900, uses: servicesUsed({ siteCount: 2 }) },
    { slug: "bardu", displayName: "Bardu kommune", population: 4000, uses: servicesUsed({ siteCount: 0 }) },
    { slug: "gamvik", displayName: "Gamvik kommune", population: 1100, uses: servicesUsed({ siteCount: 1 }) },
  ];
  const byUse = estimateCosts(platform, previews, tenants, DEFAULT_ASSUMPTIONS, VPN);
  const byAll = estimateCosts(platform, previews, tenants, DEFAULT_ASSUMPTIONS);
  const member = (report: typeof byUse, slug: string) => report.members.find((m) => m.slug === slug)!;
  // 730 hours at NOK 4.5.
  const gateway = 3285;

  it("charges a member without VPN sites no share of the VPN gateway", () => {
    expect(member(byUse, "bardu").chargedByUseMonthly).toEqual({});
    expect(member(byUse, "tromso").chargedByUseMonthly).toEqual({});
    // Bardu's share is its share of the Bastion alone (730 × 2.2 = 1606), less than it was with the gateway.
    expect(member(byUse, "bardu").platformShareMonthly).toBeLessThan(member(byAll, "bardu").platformShareMonthly);
  });

  it("charges the members with sites all of it", () => {
    expect(byUse.chargedByUseMonthly).toEqual({ "vpn-site": gateway });
    expect(member(byUse, "alta").chargedByUseMonthly["vpn-site"] + member(byUse, "gamvik").chargedByUseMonthly["vpn-site"]).toBe(gateway);
  });

  it("leaves the platform's and the region's totals unchanged, and the shares add up to them", () => {
    expect(byUse.platformMonthly).toBe(byAll.platformMonthly);
    expect(byUse.platformMonthly).toBe(gateway + 1606);
    expect(byUse.region.monthly).toBe(byAll.region.monthly);
    expect(byUse.members.reduce((a, m) => a + m.platformShareMonthly, 0)).toBe(byUse.platformMonthly);
  });
});

describe("the catalogue option", () => {
  const service = { name: "VPN site", description: "A tunnel to the hub", creates: ["connection"], costDrivers: ["the gateway"] };

  it("is on for the VPN gateway in the example catalogue", () => {
    expect(chargedByUseOf(loadCatalogue(path.join(REPO_ROOT, "catalogue.yaml")))).toEqual([{ key: "vpn-site", platformCost: ["vpn"] }]);
  });

  it("defaults to charging all members", () => {
    expect(catalogueSchema.parse({ services: { "vpn-site": service } }).services["vpn-site"]).toMatchObject({ chargedTo: "all", platformCost: [] });
  });

  it("needs the platform resources to charge", () => {
    const result = catalogueSchema.safeParse({ services: { "vpn-site": { ...service, chargedTo: "users" } } });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["services.vpn-site.platformCost", "chargedTo: users needs the platform resources to charge: list their grunnmur:service tags, e.g. platformCost: [vpn]"],
    ]);
  });

  it("names the file and the field when a catalogue file asks for users without the resources", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-catalogue-"));
    try {
      const file = path.join(dir, "catalogue.yaml");
      fs.writeFileSync(file, "services:\n  vpn-site:\n    name: VPN site\n    description: A tunnel to the hub\n    creates: [connection]\n    costDrivers: [the gateway]\n    chargedTo: users\n");
      expect(() => loadCatalogue(file)).toThrow(/catalogue\.yaml.*services\.vpn-site\.platformCost.*chargedTo: users needs the platform resources to charge/s);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a shared service's tag, which its subscribers pay already", () => {
    const result = catalogueSchema.safeParse({ services: { "vpn-site": { ...service, chargedTo: "users", platformCost: ["shared-min-ansattside"] } } });
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["services.vpn-site.platformCost.0", "must not be a shared service's tag (shared-<key>): platform.yaml sharedServices are already paid by their subscribers"],
    ]);
  });

  it("charges a platform resource to the users of one service only", () => {
    const result = catalogueSchema.safeParse({ services: { "vpn-a": { ...service, chargedTo: "users", platformCost: ["vpn"] }, "vpn-b": { ...service, chargedTo: "users", platformCost: ["vpn"] } } });
    expect(result.error?.issues.map((i) => i.message)).toEqual(["the tag vpn is already charged to the users of vpn-a; a platform resource can be charged to the users of one service only"]);
  });
});
