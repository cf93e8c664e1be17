/**
 * The attack corpus for tenant isolation (issue 14, classes 5 and 6). Each
 * attack takes the example region's captured previews (platform, senja, alta),
 * changes them as an attacker with a change to a tenant file or to the code
 * would, and states the exact finding the policy pack then reports. The
 * unchanged previews pass with no mandatory finding, so every finding below is
 * the attack's. The last part reads the platform preview itself: traffic
 * between sites, hub services and spokes is routed through the firewall.
 */
import type { CapturedResource, StackPreview } from "../../scripts/preview/preview-file";
import { violationsOf } from "../helpers/policy-cases";
import { ofType, only, previewFiles, type PreviewedRegion } from "../helpers/preview-fixture";
import { MOCK_SUBSCRIPTION_ID } from "../../scripts/preview/arm-ids";
import { BUILT_IN_ROLES } from "../../domain/azure/roles";

type Json = Record<string, any>;
type Finding = { policy: string; message: string };
type Attack = readonly [string, "platform" | "senja", (stack: Json) => void, Finding];

const FIREWALL_IP = "10.95.1.4";
const SUBSCRIPTION = `/subscriptions/${MOCK_SUBSCRIPTION_ID}`;
const NW03 = "NSM 2.2.3; MCSB NS-1";
const VIA_FIREWALL = `nextHopType "VirtualAppliance" and nextHopIpAddress "${FIREWALL_IP}", the hub firewall`;
const NSG_FIX = "remove the rule or set sourceAddressPrefix to the site's own address range, and reach servers through Azure Bastion (NSM 2.5.2)";
const ONLY_BREAK_GLASS = "only the break-glass group (the platform's output breakGlassGroupId) may hold";
const OWN_RANGES = "a tenant's rules name only its own zones and sites and the shared services";
const NSG = "network security group nsg-grunnmur-senja-prod-noe-general";
const ROUTES = "route table rt-grunnmur-senja-prod-noe-general";
const ACCOUNT = "storage account stsenjatromso";

const byName = (stack: Json, type: string, name: string): Json => {
  const found = stack.resources.find((r: Json) => r.type === type && r.name === name);
  if (!found) throw new Error(`${stack.stack} has no ${type} ${name}`);
  return found;
};
const nsg = (stack: Json) => byName(stack, "azure-native:network:NetworkSecurityGroup", "spoke-general");
const routeTable = (stack: Json) => byName(stack, "azure-native:network:RouteTable", "spoke-general");
const group = (stack: Json, slug: string) => byName(stack, "azure-native:network:FirewallPolicyRuleCollectionGroup", `hub-firewall-rcg-${slug}`);
const inbound = (name: string, extra: Json) => ({ name, priority: 300, direction: "Inbound", access: "Allow", protocol: "Tcp", sourcePortRange: "*", destinationAddressPrefix: "*", ...extra });
const addRule = (rule: Json) => (stack: Json) => nsg(stack).inputs.securityRules.push(rule);
const networkRule = (name: string, sourceAddresses: string[], destinationAddresses: string[]) => ({ ruleType: "NetworkRule", name, ipProtocols: ["Any"], sourceAddresses, destinationAddresses, destinationPorts: ["*"] });
const roleAssignment = (stack: string, name: string, scope: string, principalId: string, role: keyof typeof BUILT_IN_ROLES): CapturedResource => ({
  urn: `urn:pulumi:${stack}::grunnmur::azure-native:authorization:RoleAssignment::${name}`,
  type: "azure-native:authorization:RoleAssignment",
  name,
  custom: true,
  parent: null,
  id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
  inputs: { roleAssignmentName: name, scope, principalId, principalType: "Group", roleDefinitionId: `${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/${BUILT_IN_ROLES[role]}` },
  options: { protect: false, retainOnDelete: false, dependsOn: [], ignoreChanges: [], replaceOnChanges: [], deleteBeforeReplace: false, aliases: [] },
});

/** Class 5: traffic between sites, hub and spokes goes through the firewall (routes, NSGs, peering). */
const ROUTING_ATTACKS: readonly Attack[] = [
  [
    "a spoke route straight to the internet",
    "senja",
    (s) => routeTable(s).inputs.routes.push({ name: "direct", addressPrefix: "0.0.0.0/0", nextHopType: "Internet" }),
    { policy: "network-spoke-routes-through-firewall", message: `${ROUTES}: route direct sends "0.0.0.0/0" to "Internet"; every route of a spoke has ${VIA_FIREWALL} (${NW03})` },
  ],
  [
    "the default route to a machine of the tenant's own instead of the firewall",
    "senja",
    (s) => (routeTable(s).inputs.routes[0].nextHopIpAddress = "10.96.60.4"),
    {
      policy: "network-spoke-routes-through-firewall",
      message: `${ROUTES}: route default-via-hub-firewall sends "0.0.0.0/0" to "VirtualAppliance" "10.96.60.4"; every route of a spoke has ${VIA_FIREWALL} (${NW03})`,
    },
  ],
  [
    "routes learned over the VPN let into a spoke",
    "senja",
    (s) => (routeTable(s).inputs.disableBgpRoutePropagation = false),
    { policy: "network-spoke-routes-through-firewall", message: `${ROUTES}: disableBgpRoutePropagation is false; set it to true, or routes learned over the VPN lead around the hub firewall (${NW03})` },
  ],
  [
    "a spoke subnet taken off its route table",
    "senja",
    (s) => delete byName(s, "azure-native:network:VirtualNetwork", "spoke").inputs.subnets[0].routeTable,
    {
      policy: "network-spoke-routes-through-firewall",
      message: `virtual network vnet-grunnmur-senja-prod-noe: subnet snet-grunnmur-senja-prod-noe-general has no route table; give it the spoke's route table, whose 0.0.0.0/0 route has ${VIA_FIREWALL} (${NW03})`,
    },
  ],
  [
    "gateway transit offered on the spoke's side of the peering",
    "senja",
    (s) => (byName(s, "azure-native:network:VirtualNetworkPeering", "spoke-to-hub").inputs.allowGatewayTransit = true),
    {
      policy: "network-spoke-no-gateway-transit",
      message: `virtual network peering to-hub: allowGatewayTransit is true on the spoke's side; set it to false: only the hub offers its gateway, or a gateway in the spoke would carry traffic around the hub firewall (${NW03})`,
    },
  ],
  [
    "the hub told to use the spoke's gateway",
    "senja",
    (s) => (byName(s, "azure-native:network:VirtualNetworkPeering", "spoke-from-hub").inputs.useRemoteGateways = "true"),
    { policy: "network-spoke-no-gateway-transit", message: `virtual network peering to-senja: useRemoteGateways is "true" on the hub's side; set it to false: the hub never uses a spoke's gateway (${NW03})` },
  ],
  [
    'an NSG allow from "internet" in lower case',
    "senja",
    addRule(inbound("allow-ssh", { direction: "inbound", access: "allow", protocol: "tcp", sourceAddressPrefix: "internet", destinationPortRange: "22" })),
    { policy: "network-no-inbound-from-internet", message: `${NSG}: rule allow-ssh allows inbound TCP port 22 (SSH, CIS 7.2) from "internet"; ${NSG_FIX}` },
  ],
  [
    'an NSG allow of the port range "0-65535"',
    "senja",
    addRule(inbound("allow-everything", { sourceAddressPrefix: "*", destinationPortRange: "0-65535" })),
    { policy: "network-no-inbound-from-internet", message: `${NSG}: rule allow-everything allows inbound TCP port 3389 (RDP, CIS 7.1) from "*"; ${NSG_FIX}` },
  ],
  [
    "an NSG allow from 0.0.0.0/1 and 128.0.0.0/1",
    "senja",
    addRule(inbound("allow-halves", { sourceAddressPrefixes: ["0.0.0.0/1", "128.0.0.0/1"], destinationPortRange: "443" })),
    {
      policy: "network-no-inbound-from-internet",
      message: `${NSG}: rule allow-halves allows inbound TCP port 443 (HTTPS, CIS 7.4) from ["0.0.0.0/1", "128.0.0.0/1"] (together 3702390784 public addresses, more than the 65536 allowed); ${NSG_FIX}`,
    },
  ],
  [
    "an NSG allow from the AzureCloud service tag",
    "senja",
    addRule(inbound("allow-azure", { sourceAddressPrefix: "AzureCloud", destinationPortRanges: [3389] })),
    {
      policy: "network-no-inbound-from-internet",
      message: `${NSG}: rule allow-azure allows inbound TCP port 3389 (RDP, CIS 7.1) from "AzureCloud" (a service tag of public addresses Azure shares between its customers); ${NSG_FIX}`,
    },
  ],
];

/** Class 6: the policy pack enforces the isolation it promises. */
const ENFORCEMENT_ATTACKS: readonly Attack[] = [
  [
    "an any-to-any rule in a tenant's firewall group",
    "platform",
    (p) => group(p, "senja").inputs.ruleCollections[0].rules.push(networkRule("anything", ["*"], ["*"])),
    {
      policy: "network-firewall-rules-stay-in-tenant",
      message: `rule collection group rcg-senja: rule anything (collection senja-network) allows "*" to "*": any source to any destination; name the zones, sites or services it is for (${NW03})`,
    },
  ],
  [
    "alta's firewall group opening a way into senja's general zone",
    "platform",
    (p) => group(p, "alta").inputs.ruleCollections[0].rules.push(networkRule("to-senja", ["10.96.202.0/24"], ["10.96.60.0/24"])),
    {
      policy: "network-firewall-rules-stay-in-tenant",
      message: `rule collection group rcg-alta: rule to-senja (collection alta-network) uses "10.96.60.0/24" as a destination, which overlaps "10.96.60.0/24", a source in senja's group rcg-senja; ${OWN_RANGES} (${NW03})`,
    },
  ],
  [
    "alta's firewall group naming senja's town hall network as its own site",
    "platform",
    (p) => group(p, "alta").inputs.ruleCollections[0].rules.push(networkRule("own-sites-to-spoke-2", ["10.10.0.0/16"], ["10.96.202.0/24"])),
    {
      policy: "network-firewall-rules-stay-in-tenant",
      message: `rule collection group rcg-alta: rule own-sites-to-spoke-2 (collection alta-network) uses "10.10.0.0/16" as a source, which overlaps "10.10.0.0/16", a source in senja's group rcg-senja; ${OWN_RANGES} (${NW03})`,
    },
  ],
  [
    "the isolation group moved behind the tenants' groups",
    "platform",
    (p) => (group(p, "isolation").inputs.priority = 65000),
    {
      policy: "network-firewall-isolation-group",
      message: `rule collection group rcg-isolation of firewall policy afwp-grunnmur-prod-noe: priority is 65000, but rcg-alta has 15601; give rcg-isolation the lowest priority number of the policy's groups, so its deny is evaluated first (${NW03})`,
    },
  ],
  [
    "the isolation group removed",
    "platform",
    (p) => (p.resources = p.resources.filter((r: Json) => r.name !== "hub-firewall-rcg-isolation")),
    {
      policy: "network-firewall-isolation-group",
      message: `firewall policy afwp-grunnmur-prod-noe: has no rule collection group rcg-isolation; add it (domain/network/firewall-rules.ts) so traffic between municipalities' spokes is denied before any tenant's rules (${NW03})`,
    },
  ],
  [
    "Owner on the subscription for the platform's network group",
    "platform",
    (p) => p.resources.push(roleAssignment("platform", "network-owner", SUBSCRIPTION, p.outputs.platformGroupIds.network, "Owner")),
    {
      policy: "identity-no-privileged-role-above-resource-group",
      message: `role assignment network-owner: assigns Owner at subscription scope "${SUBSCRIPTION}" to "${"<network>"}"; ${ONLY_BREAK_GLASS} Owner above a resource group: scope the role to a resource group (CIS 5; MCSB PA-1; NSM 2.6.1)`,
    },
  ],
  [
    "Contributor on the subscription for a tenant's admins",
    "senja",
    (s) => s.resources.push(roleAssignment("senja", "admins-contributor", SUBSCRIPTION, s.outputs.groupIds.admins, "Contributor")),
    {
      policy: "identity-no-privileged-role-above-resource-group",
      message: `role assignment admins-contributor: assigns Contributor at subscription scope "${SUBSCRIPTION}" to "${"<admins>"}"; ${ONLY_BREAK_GLASS} Contributor above a resource group: scope the role to a resource group (CIS 5; MCSB PA-1; NSM 2.6.1)`,
    },
  ],
  [
    "every identity in the directory made contributor on senja's shares",
    "senja",
    (s) => (byName(s, "azure-native:storage:StorageAccount", "storage").inputs.azureFilesIdentityBasedAuthentication.defaultSharePermission = "StorageFileDataSmbShareElevatedContributor"),
    {
      policy: "storage-share-default-permission-none",
      message: `${ACCOUNT}: azureFilesIdentityBasedAuthentication.defaultSharePermission is "StorageFileDataSmbShareElevatedContributor"; set it to "None" (and give the municipality's groups an SMB share role) (CIS 9.1; MCSB PA-7)`,
    },
  ],
  [
    "SFTP with local users on senja's storage account",
    "senja",
    (s) => Object.assign(byName(s, "azure-native:storage:StorageAccount", "storage").inputs, { isLocalUserEnabled: true, isSftpEnabled: true }),
    { policy: "storage-no-local-users-or-sftp", message: `${ACCOUNT}: isLocalUserEnabled is true; set it to false (CIS 9.3.1.3; MCSB IM-1)` },
  ],
  [
    'share soft delete kept for "7" days, as a string',
    "senja",
    (s) => (byName(s, "azure-native:storage:FileServiceProperties", "storage-file").inputs.shareDeleteRetentionPolicy.days = "7"),
    { policy: "storage-file-soft-delete-smb", message: `file service of ${ACCOUNT}: shareDeleteRetentionPolicy.days is "7"; set it to 14 or more (CIS 9.1)` },
  ],
  [
    "the storage account's location left out",
    "senja",
    (s) => delete byName(s, "azure-native:storage:StorageAccount", "storage").inputs.location,
    {
      policy: "location-norway-only",
      message: `${ACCOUNT}: location is not set (azure-native then takes the resource group's, which the resource does not show); set it to "norwayeast" ("norwaywest" only for disaster-recovery copies) (Archive Act; Digdir guidance)`,
    },
  ],
  [
    "retainOnDelete dropped from the storage account",
    "senja",
    (s) => delete byName(s, "azure-native:storage:StorageAccount", "storage").options.retainOnDelete,
    { policy: "stateful-resources-protected", message: `${ACCOUNT}: options.retainOnDelete is not set; set it to true (grunnmur baseline DL-01)` },
  ],
];

describe("attacks on tenant isolation, against the example region's previews", () => {
  let region: PreviewedRegion;
  const previews: Record<string, StackPreview> = {};
  beforeAll(async () => {
    region = await previewFiles(undefined, undefined, new Set(["senja", "alta"]));
    for (const stack of ["platform", "senja", "alta"]) previews[stack] = region.read(stack);
  });
  afterAll(() => region.remove());

  const copy = (stack: string): Json => JSON.parse(JSON.stringify(previews[stack]));
  const mandatory = async (stack: Json): Promise<Finding[]> =>
    (await violationsOf(stack as StackPreview)).filter((v) => v.enforcement === "mandatory").map((v) => ({ policy: v.policy, message: v.message }));
  /** Placeholders for ids the mock engine makes up, filled in from the preview. */
  const expected = (finding: Finding, stack: Json): Finding => ({
    ...finding,
    message: finding.message.replace("<network>", stack.outputs.platformGroupIds?.network).replace("<admins>", stack.outputs.groupIds?.admins),
  });

  it("starts from previews without a mandatory finding", async () => {
    for (const stack of ["platform", "senja", "alta"]) expect({ stack, findings: await mandatory(copy(stack)) }).toEqual({ stack, findings: [] });
  });

  describe("class 5: traffic between sites, hub and spokes goes through the firewall", () => {
    it("has at least three attacks", () => expect(ROUTING_ATTACKS.length).toBeGreaterThanOrEqual(3));
    it.each(ROUTING_ATTACKS.map((a) => [a[0], a] as const))("catches %s", async (_what, [, target, mutate, finding]) => {
      const stack = copy(target);
      mutate(stack);
      expect(await mandatory(stack)).toContainEqual(expected(finding, stack));
    });
  });

  describe("class 6: the policy pack enforces the isolation it promises", () => {
    it("has at least three attacks", () => expect(ENFORCEMENT_ATTACKS.length).toBeGreaterThanOrEqual(3));
    it.each(ENFORCEMENT_ATTACKS.map((a) => [a[0], a] as const))("catches %s", async (_what, [, target, mutate, finding]) => {
      const stack = copy(target);
      mutate(stack);
      expect(await mandatory(stack)).toContainEqual(expected(finding, stack));
    });
  });

  describe("the platform's routes", () => {
    const tableOf = (vnet: Json, subnetName: string): Json | undefined => {
      const subnet = (vnet.inputs.subnets as Json[]).find((s) => s.name === subnetName);
      return subnet?.routeTable ? ofType(previews.platform, "azure-native:network:RouteTable").find((t) => t.id === subnet.routeTable.id) : undefined;
    };
    const hub = () => only(ofType(previews.platform, "azure-native:network:VirtualNetwork").filter((v) => v.name === "hub"), "primary hub");
    const toFirewall = (table: Json | undefined, prefix: string) =>
      (table?.inputs.routes as Json[] | undefined)?.some((r) => r.addressPrefix === prefix && r.nextHopType === "VirtualAppliance" && r.nextHopIpAddress === FIREWALL_IP) ?? false;

    it("sends the tenant pool and every spoke from GatewaySubnet to the firewall, with no default route and BGP propagation on", () => {
      const gateway = tableOf(hub(), "GatewaySubnet");
      expect(gateway?.inputs.disableBgpRoutePropagation).toBe(false);
      expect(toFirewall(gateway, previews.platform.outputs.tenantPool as string)).toBe(true);
      for (const tenant of ["senja", "alta"]) expect({ tenant, routed: toFirewall(gateway, previews[tenant].outputs.addressSpace as string) }).toEqual({ tenant, routed: true });
      expect((gateway!.inputs.routes as Json[]).map((r) => r.addressPrefix)).not.toContain("0.0.0.0/0");
      // Sites reach the hub's services through the firewall too.
      for (const prefix of Object.values(previews.platform.outputs.hubServicePrefixes as Record<string, string>)) expect(toFirewall(gateway, prefix)).toBe(true);
    });

    it("sends spoke and site traffic of the hub's service subnets back through the firewall", () => {
      for (const subnet of ["snet-grunnmur-hub-prod-noe-shared", "snet-grunnmur-hub-prod-noe-radius"]) {
        const table = tableOf(hub(), subnet);
        expect({ subnet, bgp: table?.inputs.disableBgpRoutePropagation }).toEqual({ subnet, bgp: true });
        for (const tenant of ["senja", "alta"]) expect({ subnet, tenant, routed: toFirewall(table, previews[tenant].outputs.addressSpace as string) }).toEqual({ subnet, tenant, routed: true });
        // senja's town hall 10.10.0.0/16 and alta's sites lie in 10.0.0.0/8.
        expect({ subnet, sites: toFirewall(table, "10.0.0.0/8") }).toEqual({ subnet, sites: true });
      }
    });

    it("sends a spoke's traffic to the hub's services through the firewall as well, so both directions meet it", () => {
      const routes = routeTable(copy("senja")).inputs.routes as Json[];
      for (const prefix of Object.values(previews.platform.outputs.hubServicePrefixes as Record<string, string>)) {
        expect(routes).toContainEqual(expect.objectContaining({ addressPrefix: prefix, nextHopType: "VirtualAppliance", nextHopIpAddress: FIREWALL_IP }));
      }
    });

    it("leaves Azure's own subnets and the DNS resolver's without a route table", () => {
      for (const subnet of ["AzureFirewallSubnet", "AzureBastionSubnet", "snet-grunnmur-hub-prod-noe-dns-inbound"]) expect({ subnet, table: tableOf(hub(), subnet) }).toEqual({ subnet, table: undefined });
    });

    it("denies VNet traffic into every hub NSG after the flows it lists", () => {
      for (const nsgResource of ofType(previews.platform, "azure-native:network:NetworkSecurityGroup")) {
        const rules = nsgResource.inputs.securityRules as Json[];
        expect({ nsg: nsgResource.name, deny: rules.find((r) => r.name === "deny-vnet-inbound") }).toEqual({
          nsg: nsgResource.name,
          deny: expect.objectContaining({ access: "Deny", direction: "Inbound", sourceAddressPrefix: "VirtualNetwork", priority: 4010 }),
        });
        expect(rules.filter((r) => r.access === "Allow").every((r) => r.priority < 4010)).toBe(true);
      }
    });
  });
});
