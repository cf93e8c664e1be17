import { gatewaySubnetRouteTable, hubServiceRouteTable, MAX_ROUTES_PER_TABLE, routesCover, routesOverlapping, spokeRoutes, type HubRoutingInput } from "../../domain/network/routes";
import { hubFirewallAddress, hubNetworkPlan, hubServicePrefixes, hubSubnetLayout } from "../../domain/network/hub-layout";
import { DENY_VNET_INBOUND_PRIORITY } from "../../domain/network/security-rules";

const layout = hubSubnetLayout("10.95.0.0/22");
const prefix = (key: string) => layout.find((s) => s.key === key)!.addressPrefix;
const input: HubRoutingInput = {
  firewallPrivateIp: "10.95.1.4",
  tenantPool: "10.96.0.0/15",
  spokes: { senja: "10.96.60.0/23", alta: "10.96.202.0/23" },
  sitePrefixes: ["10.10.0.0/16", "172.20.40.0/24", "198.51.100.0/24"],
  services: hubServicePrefixes(layout),
};
const plan = hubNetworkPlan("10.95.0.0/22", { ...input, nationalProxyAddresses: ["192.0.2.11"] });
const planned = (key: string) => plan.find((s) => s.key === key)!;

describe("the hub's routes", () => {
  it("take the firewall's address from AzureFirewallSubnet, and reach the shared-services and RADIUS subnets through it", () => {
    expect(hubFirewallAddress(layout)).toBe("10.95.1.4");
    expect(hubServicePrefixes(layout)).toEqual({ shared: prefix("shared"), radius: prefix("radius") });
  });

  describe("GatewaySubnet", () => {
    const table = gatewaySubnetRouteTable(input);

    it("sends the pool and each spoke, exactly, to the firewall: a pool route alone loses to the spokes' more specific peering routes", () => {
      expect(table.routes.map((r) => [r.name, r.addressPrefix])).toEqual([
        ["tenant-pool", "10.96.0.0/15"],
        ["spoke-alta", "10.96.202.0/23"],
        ["spoke-senja", "10.96.60.0/23"],
        ["hub-radius", prefix("radius")],
        ["hub-shared", prefix("shared")],
      ]);
      expect(table.routes.every((r) => r.nextHopType === "VirtualAppliance" && r.nextHopIpAddress === "10.95.1.4")).toBe(true);
    });

    it("keeps Azure's rules for the gateway: no 0.0.0.0/0, BGP propagation on, nothing over the gateway's own range", () => {
      expect(table.routes.map((r) => r.addressPrefix)).not.toContain("0.0.0.0/0");
      expect(table.disableBgpRoutePropagation).toBe(false);
      expect(routesOverlapping(table.routes, prefix("gateway"))).toEqual([]);
    });
  });

  describe("a hub service subnet", () => {
    const table = hubServiceRouteTable(input);

    it("sends its answers to spokes and sites back through the firewall, with the VPN's routes kept out", () => {
      expect(table.disableBgpRoutePropagation).toBe(true);
      for (const target of ["10.96.60.0/23", "10.96.202.0/23", ...input.sitePrefixes]) expect({ target, routed: routesCover(table.routes, target) }).toEqual({ target, routed: true });
    });

    it("gives a site outside the private ranges a route of its own, and has no default route", () => {
      expect(table.routes.map((r) => r.name)).toContain("site-198-51-100-0-24");
      expect(table.routes.filter((r) => r.name.startsWith("site-")).map((r) => r.addressPrefix)).toEqual(["198.51.100.0/24"]);
      expect(table.routes.map((r) => r.addressPrefix)).not.toContain("0.0.0.0/0");
    });

    it("stops at Azure's limit of routes per table, naming the way out", () => {
      const many = Object.fromEntries(Array.from({ length: MAX_ROUTES_PER_TABLE }, (_, i) => [`t${i}`, `10.${96 + Math.floor(i / 128)}.${(i % 128) * 2}.0/23`]));
      expect(() => hubServiceRouteTable({ ...input, spokes: many })).toThrow(`Azure allows ${MAX_ROUTES_PER_TABLE} per route table, so a region this size needs a second hub`);
    });
  });

  it("gives a spoke a default route and a route per hub service, all to the firewall", () => {
    expect(spokeRoutes("10.95.1.4", hubServicePrefixes(layout))).toEqual([
      { name: "default-via-hub-firewall", addressPrefix: "0.0.0.0/0", nextHopType: "VirtualAppliance", nextHopIpAddress: "10.95.1.4" },
      { name: "hub-radius-via-hub-firewall", addressPrefix: prefix("radius"), nextHopType: "VirtualAppliance", nextHopIpAddress: "10.95.1.4" },
      { name: "hub-shared-via-hub-firewall", addressPrefix: prefix("shared"), nextHopType: "VirtualAppliance", nextHopIpAddress: "10.95.1.4" },
    ]);
  });
});

describe("the hub's subnets", () => {
  it.each([
    ["shared", "service", true],
    ["firewall", "none", false],
    ["bastion", "none", false],
    ["gateway", "gateway", false],
    ["radius", "service", true],
    ["dns-inbound", "none", true],
  ] as const)("%s: routing %s, NSG %s", (key, routing, nsg) => {
    const subnet = planned(key);
    expect(subnet.routing).toBe(routing);
    expect(subnet.routeTable !== undefined).toBe(routing !== "none");
    expect(subnet.securityRules !== undefined).toBe(nsg);
  });

  it.each(["shared", "radius", "dns-inbound"])("%s denies VNet traffic after the flows it lists, and allows nothing from the internet", (key) => {
    const rules = planned(key).securityRules!;
    const deny = rules.find((r) => r.name === "deny-vnet-inbound")!;
    expect(deny).toMatchObject({ direction: "Inbound", access: "Deny", sourceAddressPrefix: "VirtualNetwork", priority: DENY_VNET_INBOUND_PRIORITY });
    expect(rules.filter((r) => r.access === "Allow").every((r) => r.priority < DENY_VNET_INBOUND_PRIORITY)).toBe(true);
    expect(rules.filter((r) => r.access === "Allow" && r.sourceAddressPrefix === "Internet")).toEqual([]);
    expect(new Set(rules.map((r) => `${r.direction}/${r.priority}`)).size).toBe(rules.length);
  });

  it("lets the RADIUS servers reach the Key Vault's private endpoint, and admins in through Bastion only", () => {
    const allows = planned("shared").securityRules!.filter((r) => r.access === "Allow");
    expect(allows.map((r) => [r.name, r.sourceAddressPrefix, r.destinationPortRange])).toEqual([
      ["allow-key-vault-from-radius", prefix("radius"), "443"],
      ["allow-within-shared-services", prefix("shared"), "*"],
      ["allow-ssh-from-bastion", prefix("bastion"), "22"],
    ]);
  });

  it("admits DNS to the whole resolver subnet, the endpoint's backends included", () => {
    const [dns] = planned("dns-inbound").securityRules!;
    expect(dns).toMatchObject({ name: "allow-dns-from-sites-and-spokes", access: "Allow", destinationAddressPrefix: prefix("dns-inbound"), destinationPortRange: "53", protocol: "*" });
  });
});
