/**
 * Shared services the platform hosts once (platform.yaml sharedServices): in the
 * generated firewall rules a subscriber's zone reaches its service, a
 * non-subscriber's does not, nor a zone the subscriber left out; the isolation
 * group stays as it was; the spokes and the hub route the services through the
 * firewall; the files are validated.
 */
import { cidr, containsIp, parseIp } from "../../domain/network/cidr";
import {
  isolationRuleCollectionGroup,
  tenantRuleCollectionGroup,
  type ApplicationRule,
  type NetworkRule,
  type RuleCollectionGroupSpec,
  type SharedServiceAddresses,
  type TenantFirewallInput,
} from "../../domain/network/firewall-rules";
import { gatewaySubnetRouteTable, hubServiceRouteTable, routesCover, spokeRoutes } from "../../domain/network/routes";
import { sharedServicePrefixes, sharedServiceRouteTable, sharedServiceSecurityRules, subscriptionsOf } from "../../domain/network/shared-services";
import { loadRegion } from "../../tenants/validation/load-region";
import { basePlatform, baseTenant, makeRegion, type Json } from "../helpers/region-fixture";

const POOL = "10.96.0.0/15";
const SPOKE = "10.95.8.0/22";
const SERVICES = { "min-ansattside": { subnet: "10.95.8.0/26", ports: [443] }, eksamen: { subnet: "10.95.8.64/26", ports: [443, 8443] } };
const HUB: SharedServiceAddresses = { dnsResolver: "10.95.1.68", sharedServices: "10.95.0.0/24", radius: "10.95.1.32/27" };

function tenant(slug: string, kommunenummer: string, space: string, zones: TenantFirewallInput["zones"], subscribed: Record<string, { zones: string[] }>): TenantFirewallInput {
  return {
    slug,
    kommunenummer,
    addressSpace: space,
    zones,
    allowedEgress: {},
    sitePrefixes: [],
    sharedServices: { spoke: SPOKE, subscriptions: subscriptionsOf(subscribed, SERVICES, zones) },
  };
}

// Senja subscribes general and secure, Alta general only (not its exam zone), Bardu nothing.
const senja = tenant("senja", "5530", "10.96.60.0/23", { general: "10.96.60.0/24", secure: "10.96.61.0/26" }, { "min-ansattside": { zones: ["general", "secure"] } });
const alta = tenant("alta", "5601", "10.96.202.0/23", { general: "10.96.202.0/24", exam: "10.96.203.64/26" }, { "min-ansattside": { zones: ["general"] } });
const bardu = tenant("bardu", "5520", "10.96.40.0/23", { general: "10.96.40.0/24" }, {});
const groups: RuleCollectionGroupSpec[] = [isolationRuleCollectionGroup(POOL), ...[senja, alta, bardu].map((t) => tenantRuleCollectionGroup(t, HUB))];

const within = (addresses: readonly string[], ip: string) => addresses.some((a) => a === "*" || containsIp(cidr(a.includes("/") ? a : `${a}/32`), parseIp(ip)!));

/**
 * Azure Firewall's order: every network rule first, by group and collection
 * priority; then application rules (a TLS connection's SNI is a host name, so a
 * web rule for "*" matches it). No match: denied.
 */
function verdict(from: string, to: string, port: number): "Allow" | "Deny" {
  const collections = [...groups]
    .sort((a, b) => a.priority - b.priority)
    .flatMap((g) => [...g.ruleCollections].sort((a, b) => a.priority - b.priority));
  for (const c of collections) {
    for (const r of c.rules.filter((x): x is NetworkRule => x.ruleType === "NetworkRule")) {
      const protocolOk = r.ipProtocols.includes("TCP") || r.ipProtocols.includes("Any");
      const portOk = r.destinationPorts.includes("*") || r.destinationPorts.includes(String(port));
      if (protocolOk && portOk && within(r.sourceAddresses, from) && within(r.destinationAddresses, to)) return c.action.type;
    }
  }
  for (const c of collections) {
    for (const r of c.rules.filter((x): x is ApplicationRule => x.ruleType === "ApplicationRule")) {
      if (within(r.sourceAddresses, from) && r.protocols.some((p) => p.port === port) && r.targetFqdns.includes("*")) return c.action.type;
    }
  }
  return "Deny";
}

const PORTAL = "10.95.8.10";
const EXAM_SERVICE = "10.95.8.70";

describe("shared services in the firewall rules", () => {
  it("lets a subscriber's zone reach the service on its port", () => {
    expect(verdict("10.96.60.20", PORTAL, 443)).toBe("Allow");
    expect(verdict("10.96.61.20", PORTAL, 443)).toBe("Allow");
    expect(verdict("10.96.202.20", PORTAL, 443)).toBe("Allow");
  });

  it("does not let a non-subscriber's zone reach it, even with its web rule for any host", () => {
    expect(verdict("10.96.40.20", PORTAL, 443)).toBe("Deny");
    expect(verdict("10.96.40.20", PORTAL, 80)).toBe("Deny");
  });

  it("does not let a subscriber's unsubscribed zone reach it", () => {
    expect(verdict("10.96.203.70", PORTAL, 443)).toBe("Deny");
  });

  it("gives a subscriber nothing on other ports, nor a service it does not subscribe to", () => {
    expect(verdict("10.96.60.20", PORTAL, 22)).toBe("Deny");
    expect(verdict("10.96.60.20", EXAM_SERVICE, 443)).toBe("Deny");
  });

  it("writes one allow per subscribed service, TCP, the subscribed zones to the service subnet", () => {
    const rules = groups.find((g) => g.key === "senja")!.ruleCollections[0].rules.filter((r) => r.name.startsWith("shared-"));
    expect(rules).toEqual([
      {
        ruleType: "NetworkRule",
        name: "shared-min-ansattside",
        description: expect.any(String),
        ipProtocols: ["TCP"],
        sourceAddresses: ["10.96.60.0/24", "10.96.61.0/26"],
        destinationAddresses: ["10.95.8.0/26"],
        destinationPorts: ["443"],
      },
    ]);
    expect(groups.find((g) => g.key === "bardu")!.ruleCollections[0].rules.some((r) => r.name.startsWith("shared-"))).toBe(false);
  });

  it("leaves the isolation group as it was, and the tenants still apart", () => {
    expect(groups[0]).toEqual(isolationRuleCollectionGroup(POOL));
    expect(verdict("10.96.60.20", "10.96.202.20", 443)).toBe("Deny");
    // The shared spoke is outside the pool, so the isolation deny never touches it.
    expect(containsIp(cidr(POOL), parseIp(PORTAL)!)).toBe(false);
  });

  it("changes nothing for a tenant when the platform has no shared-services spoke", () => {
    const { sharedServices: _, ...plain } = bardu;
    expect(tenantRuleCollectionGroup(plain, HUB).ruleCollections.map((c) => c.name)).toEqual(["bardu-network", "bardu-web"]);
  });
});

describe("shared services in the network", () => {
  it("routes each service subnet from a tenant spoke through the firewall", () => {
    const routes = spokeRoutes("10.95.1.4", { shared: "10.95.0.0/24" }, sharedServicePrefixes(SERVICES));
    expect(routes.filter((r) => r.name.startsWith("shared-"))).toEqual([
      { name: "shared-eksamen-via-hub-firewall", addressPrefix: "10.95.8.64/26", nextHopType: "VirtualAppliance", nextHopIpAddress: "10.95.1.4" },
      { name: "shared-min-ansattside-via-hub-firewall", addressPrefix: "10.95.8.0/26", nextHopType: "VirtualAppliance", nextHopIpAddress: "10.95.1.4" },
    ]);
  });

  it("routes the shared spoke through the firewall from the hub's gateway and service subnets", () => {
    const input = { firewallPrivateIp: "10.95.1.4", tenantPool: POOL, spokes: {}, sitePrefixes: [], services: {}, sharedServicesSpoke: SPOKE };
    for (const table of [gatewaySubnetRouteTable(input), hubServiceRouteTable(input)]) {
      expect(table.routes).toContainEqual({ name: "shared-services-spoke", addressPrefix: SPOKE, nextHopType: "VirtualAppliance", nextHopIpAddress: "10.95.1.4" });
    }
    expect(gatewaySubnetRouteTable({ ...input, sharedServicesSpoke: undefined }).routes.some((r) => r.name === "shared-services-spoke")).toBe(false);
  });

  it("sends a service subnet's traffic, and its answers to the pool, through the firewall", () => {
    const table = sharedServiceRouteTable("10.95.1.4", POOL);
    expect(routesCover(table.routes, "0.0.0.0/0")).toBe(true);
    expect(table.routes.every((r) => r.nextHopIpAddress === "10.95.1.4")).toBe(true);
    expect(table.routes.map((r) => r.addressPrefix)).toEqual(["0.0.0.0/0", POOL]);
  });

  it("admits only the subscribers' zones on the service's ports in its NSG, and denies the rest", () => {
    const rules = sharedServiceSecurityRules(SERVICES["min-ansattside"], ["10.96.202.0/24", "10.96.60.0/24", "10.96.61.0/26"]);
    expect(rules[0]).toMatchObject({ access: "Allow", direction: "Inbound", protocol: "Tcp", sourceAddressPrefixes: ["10.96.202.0/24", "10.96.60.0/24", "10.96.61.0/26"], destinationPortRanges: ["443"] });
    expect(rules.slice(1).map((r) => [r.name, r.access])).toEqual([["deny-internet-inbound", "Deny"], ["deny-vnet-inbound", "Deny"]]);
    expect(sharedServiceSecurityRules(SERVICES["min-ansattside"], []).every((r) => r.access === "Deny")).toBe(true);
  });
});

const VM = { size: "Standard_B2s", image: "ubuntu-24.04", backupTier: "standard", patchWindow: { day: "Tuesday", start: "02:00" }, state: "planned" };
function platformWith(spoke: string | undefined, services: Json): Json {
  const base = basePlatform();
  const network = base.network as Json;
  return {
    ...base,
    network: spoke ? { ...network, sharedServicesSpoke: { addressSpace: spoke } } : network,
    workloads: { sizes: ["Standard_B2s"], linuxAdminSshPublicKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEXAMPLEONLYnotarealkeyEXAMPLEONLYnotareal test" },
    sharedServices: services,
  };
}
const portal = (extra: Json = {}): Json => ({ name: "Min ansattside", description: "Employee portal", subnet: "10.95.8.0/26", ports: [443], allocation: { key: "population" }, workloads: { web: VM }, ...extra });

function validate(platform: Json, tenants: Record<string, Json>): string[] {
  const region = makeRegion(tenants, platform);
  try {
    return loadRegion({ tenantsDir: region.tenantsDir, platformFile: region.platformFile }).diagnostics.map((d) => `${d.file.split("/").pop()} ${d.path.join(".")}: ${d.message}`);
  } finally {
    region.remove();
  }
}

describe("shared services in the files", () => {
  const subscriber = (zones: string[], key = "min-ansattside"): Json => ({ ...baseTenant("alta", "5601", 1), sharedServices: { [key]: { zones } } });

  it("accepts a service in its spoke and a subscription from the general zone", () => {
    expect(validate(platformWith("10.95.8.0/22", { "min-ansattside": portal() }), { alta: subscriber(["general"]) })).toEqual([]);
  });

  it("needs the spoke, outside the pool and the hubs, and each subnet inside it, apart from the others", () => {
    expect(validate(platformWith(undefined, { "min-ansattside": portal() }), {})).toContainEqual(expect.stringMatching(/^platform\.yaml sharedServices: needs network\.sharedServicesSpoke\.addressSpace/));
    expect(validate(platformWith("10.96.0.0/22", {}), {})).toContainEqual(expect.stringMatching(/sharedServicesSpoke\.addressSpace: 10\.96\.0\.0\/22 overlaps the tenant pool/));
    expect(validate(platformWith("10.95.0.0/22", {}), {})).toContainEqual(expect.stringMatching(/sharedServicesSpoke\.addressSpace: 10\.95\.0\.0\/22 overlaps the hub/));
    const messages = validate(platformWith("10.95.8.0/22", { aa: portal({ subnet: "10.95.12.0/26" }), bb: portal(), cc: portal({ subnet: "10.95.8.32/27" }) }), {});
    expect(messages).toContainEqual(expect.stringMatching(/sharedServices\.aa\.subnet: 10\.95\.12\.0\/26 is not inside network\.sharedServicesSpoke\.addressSpace/));
    expect(messages).toContainEqual(expect.stringMatching(/sharedServices\.cc\.subnet: 10\.95\.8\.32\/27 overlaps 10\.95\.8\.0\/26, the subnet of shared service bb/));
  });

  it("checks the service's VMs against the platform's sizes and backup tiers", () => {
    const messages = validate(platformWith("10.95.8.0/22", { "min-ansattside": portal({ workloads: { web: { ...VM, size: "Standard_D4s_v5", backupTier: "gold" } } }) }), {});
    expect(messages).toContainEqual(expect.stringMatching(/workloads\.web\.size: is Standard_D4s_v5, which workloads\.sizes does not allow/));
    expect(messages).toContainEqual(expect.stringMatching(/workloads\.web\.backupTier: is gold, which backup\.tiers does not define/));
  });

  it("refuses a subscription to a service the platform does not have, or from a zone the tenant lacks", () => {
    const platform = platformWith("10.95.8.0/22", { "min-ansattside": portal() });
    expect(validate(platform, { alta: subscriber(["general"], "eksamen") })).toContainEqual(expect.stringMatching(/^alta\.yaml sharedServices\.eksamen: is no shared service of .*platform\.yaml; the services are min-ansattside/));
    expect(validate(platform, { alta: subscriber(["general", "secure"]) })).toContainEqual(expect.stringMatching(/^alta\.yaml sharedServices\.min-ansattside\.zones\.1: is secure, but network\.zones\.secure is not set in this file/));
  });
});
