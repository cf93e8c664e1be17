import * as fs from "node:fs";
import * as path from "node:path";
import { NAME_RULES } from "../../domain/azure/names";
import { radiusDelivery } from "../../domain/eduroam/delivery";
import { loadRegion } from "../../tenants/validation/load-region";
import { DEFAULT_PLATFORM_FILE, DEFAULT_TENANTS_DIR } from "../../tenants/paths";
import { copyExampleRegion, type FixtureRegion } from "../helpers/region-fixture";
import { vpnPreSharedKey } from "../../domain/azure/generated-secrets";
import { ofType, only, previewFiles, type PreviewedRegion, type Resource } from "../helpers/preview-fixture";
import type { StackPreview } from "../../scripts/preview/preview-file";

type Json = Record<string, any>;

describe("the platform stack of the example region", () => {
  let region: PreviewedRegion;
  let platform: StackPreview;
  beforeAll(async () => {
    region = await previewFiles(undefined, undefined, new Set(["senja"]));
    platform = region.read("platform");
  });
  afterAll(() => region.remove());

  it("hardens the backup vault against ransomware", () => {
    const vault = only(ofType(platform, "azure-native:recoveryservices:Vault"), "recovery vault");
    const props = vault.inputs.properties as Json;
    expect(props.securitySettings.softDeleteSettings.softDeleteState).toBe("AlwaysON");
    expect(props.securitySettings.immutabilitySettings.state).toBe("Locked");
    expect(props.redundancySettings).toEqual({ standardTierStorageRedundancy: "GeoRedundant", crossRegionRestore: "Enabled" });
    expect(props.publicNetworkAccess).toBe("Disabled");
    expect(vault.options).toMatchObject({ protect: true, retainOnDelete: true });
  });

  it("puts the Resource Guard in a resource group the backup operators do not control", () => {
    const vault = only(ofType(platform, "azure-native:recoveryservices:Vault"), "recovery vault");
    const guard = only(ofType(platform, "azure-native:dataprotection:ResourceGuard"), "resource guard");
    expect(guard.inputs.resourceGroupName).not.toBe(vault.inputs.resourceGroupName);
    const proxy = only(ofType(platform, "azure-native:recoveryservices:ResourceGuardProxy"), "guard proxy");
    expect((proxy.inputs.properties as Json).resourceGuardResourceId).toBe(guard.id);
    const backupRoles = ofType(platform, "azure-native:authorization:RoleAssignment").filter((r) => String(r.inputs.scope).endsWith(String(guard.inputs.resourceGroupName)));
    expect(backupRoles.map((r) => r.name).sort()).toEqual(["rg-backup-guard-platform-readers-reader", "rg-backup-guard-platform-security-contributor"]);
  });

  it("creates a backup policy per tier and workload with the platform file's retention", () => {
    const policies = ofType(platform, "azure-native:recoveryservices:ProtectionPolicy");
    expect(policies.map((p) => p.inputs.policyName).sort()).toEqual(["grunnmur-extended-files", "grunnmur-extended-vms", "grunnmur-standard-files", "grunnmur-standard-vms"]);
    const standardFiles = policies.find((p) => p.inputs.policyName === "grunnmur-standard-files")!;
    expect((standardFiles.inputs.properties as Json).retentionPolicy.dailySchedule.retentionDuration).toEqual({ count: 30, durationType: "Days" });
  });

  it("protects and retains every stateful resource, and locks the vault and the workspace but not the key vault or the hubs", () => {
    const stateful = ["azure-native:recoveryservices:Vault", "azure-native:operationalinsights:Workspace", "azure-native:keyvault:Vault", "azure-native:dataprotection:ResourceGuard"];
    const locks = ofType(platform, "azure-native:authorization:ManagementLockByScope");
    const locked = locks.map((l) => l.inputs.scope);
    for (const type of stateful) {
      for (const resource of ofType(platform, type)) {
        expect({ type, ...resource.options }).toMatchObject({ type, protect: true, retainOnDelete: true });
      }
    }
    const ids = (type: string) => ofType(platform, type).map((r) => r.id);
    expect(locked.sort()).toEqual([...ids("azure-native:recoveryservices:Vault"), ...ids("azure-native:operationalinsights:Workspace")].sort());
    // The locks stay with what they lock when the stack lets go of it.
    for (const lock of locks) expect({ scope: lock.inputs.scope, level: lock.inputs.level, ...lock.options }).toMatchObject({ level: "CanNotDelete", protect: true, retainOnDelete: true });
    // Tenant stacks delete their peerings below the hubs; RADIUS grants come and go below the key vault.
    expect(ids("azure-native:network:VirtualNetwork").filter((id) => locked.includes(id))).toEqual([]);
    expect(ids("azure-native:keyvault:Vault").filter((id) => locked.includes(id))).toEqual([]);
  });

  it("keeps logs at least 180 days, for eduroam's six months", () => {
    expect(only(ofType(platform, "azure-native:operationalinsights:Workspace"), "workspace").inputs.retentionInDays).toBe(180);
  });

  it("has public IPs only for the firewall, VPN gateway, Bastion and RADIUS servers", () => {
    const owners = ofType(platform, "azure-native:network:PublicIPAddress").map((ip) => String(ip.parent).split("::")[2].split("$").pop());
    expect(owners.sort()).toEqual(
      ["grunnmur:compute:RadiusServers", "grunnmur:compute:RadiusServers", "grunnmur:network:Bastion", "grunnmur:network:Firewall", "grunnmur:network:VpnGateway"].sort(),
    );
  });

  it("gives every ordinary hub subnet an NSG, in both regions, and keeps the internet out", () => {
    // The two hubs; the shared-services spoke is checked with its services (shared-services.test.ts).
    const vnets = ofType(platform, "azure-native:network:VirtualNetwork").filter((v) => v.name.startsWith("hub"));
    expect(vnets).toHaveLength(2);
    const nsgs = new Map(ofType(platform, "azure-native:network:NetworkSecurityGroup").map((n) => [n.id, n]));
    for (const vnet of vnets) {
      for (const subnet of vnet.inputs.subnets as Json[]) {
        const managed = ["GatewaySubnet", "AzureFirewallSubnet", "AzureBastionSubnet"].includes(subnet.name);
        expect({ subnet: subnet.name, nsg: Boolean(subnet.networkSecurityGroup) }).toEqual({ subnet: subnet.name, nsg: !managed });
        if (!managed) {
          const rules = nsgs.get(subnet.networkSecurityGroup.id)!.inputs.securityRules as Json[];
          expect(rules.some((r) => r.access === "Deny" && r.sourceAddressPrefix === "Internet")).toBe(true);
          expect(rules.filter((r) => r.access === "Allow" && ["*", "Internet", "0.0.0.0/0"].includes(r.sourceAddressPrefix))).toEqual([]);
        }
      }
    }
  });

  it("isolates tenants in the firewall: spoke-to-spoke denied first, one rule group per tenant", () => {
    const groups = ofType(platform, "azure-native:network:FirewallPolicyRuleCollectionGroup");
    const isolation = groups.find((g) => g.inputs.ruleCollectionGroupName === "rcg-isolation")!;
    expect(isolation.inputs.priority).toBe(200);
    const deny = (isolation.inputs.ruleCollections as Json[])[0];
    expect(deny.action.type).toBe("Deny");
    expect(deny.rules[0]).toMatchObject({ sourceAddresses: ["10.96.0.0/15"], destinationAddresses: ["10.96.0.0/15"] });
    const tenantGroups = groups.filter((g) => g !== isolation);
    expect(tenantGroups).toHaveLength(9);
    expect(tenantGroups.every((g) => (g.inputs.priority as number) > 200)).toBe(true);
    expect(new Set(tenantGroups.map((g) => g.inputs.priority)).size).toBe(9);
  });

  it("connects each municipality site with an IKEv2 tunnel whose key is never in the preview", () => {
    const connections = ofType(platform, "azure-native:network:VirtualNetworkGatewayConnection");
    expect(connections.map((c) => c.name)).toContain("site-senja-finnsnes-radhus");
    for (const c of connections) {
      expect(c.inputs).toMatchObject({ connectionType: "IPsec", connectionProtocol: "IKEv2", sharedKey: "[secret]" });
    }
  });

  it("requires MFA for administrators and Azure management, excluding the break-glass group", () => {
    const policies = ofType(platform, "azuread:index/conditionalAccessPolicy:ConditionalAccessPolicy");
    const breakGlass = ofType(platform, "azuread:index/group:Group").find((g) => String(g.inputs.displayName).endsWith("break-glass"))!;
    expect(policies).toHaveLength(2);
    for (const p of policies) {
      expect((p.inputs.grantControls as Json).builtInControls).toEqual(["mfa"]);
      expect((p.inputs.conditions as Json).users.excludedGroups).toEqual([breakGlass.id]);
    }
    expect(policies.map((p) => (p.inputs.conditions as Json).applications.includedApplications[0]).sort()).toEqual(["797f4846-ba00-4fd7-ba43-dac1f8f63013", "All"]);
  });

  it("grants roles to groups only, except the RADIUS servers' own identities on the Key Vault", () => {
    for (const ra of ofType(platform, "azure-native:authorization:RoleAssignment")) {
      // Besides the RADIUS servers, the remediating policy assignments' own identities (docs/governance.md).
      const expected = ra.name.startsWith("radius-") || ra.name.startsWith("policy-guardrails-") ? "ServicePrincipal" : "Group";
      expect({ name: ra.name, type: ra.inputs.principalType }).toEqual({ name: ra.name, type: expected });
      expect(String(ra.inputs.roleDefinitionId)).not.toMatch(/8e3af657-a8ff-443c-a75c-2fe8c4bcb635$/); // never Owner
    }
  });

  it("sends diagnostics of the firewall, gateways, vaults and public IPs to the central workspace", () => {
    const workspace = only(ofType(platform, "azure-native:operationalinsights:Workspace"), "workspace");
    const targets = new Set(ofType(platform, "azure-native:monitor:DiagnosticSetting").map((d) => {
      expect(d.inputs.workspaceId).toBe(workspace.id);
      return d.inputs.resourceUri;
    }));
    const needing = ["AzureFirewall", "VirtualNetworkGateway", "BastionHost", "PublicIPAddress", "VirtualNetwork", "NetworkSecurityGroup"].flatMap((t) =>
      ofType(platform, `azure-native:network:${t}`),
    );
    needing.push(...ofType(platform, "azure-native:keyvault:Vault"), ...ofType(platform, "azure-native:recoveryservices:Vault"));
    expect(needing.filter((r) => !targets.has(r.id)).map((r) => r.name)).toEqual([]);
  });

  it("creates a Network Watcher per region under Azure's own names, before any virtual network, and keeps it on removal", () => {
    const watchers = ofType(platform, "azure-native:network:NetworkWatcher");
    expect(watchers.map((w) => [w.inputs.networkWatcherName, w.inputs.location]).sort()).toEqual([
      ["NetworkWatcher_norwayeast", "norwayeast"],
      ["NetworkWatcher_norwaywest", "norwaywest"],
    ]);
    const group = only(ofType(platform, "azure-native:resources:ResourceGroup").filter((g) => g.inputs.resourceGroupName === "NetworkWatcherRG"), "NetworkWatcherRG");
    for (const w of [...watchers, group]) expect(w.options.retainOnDelete).toBe(true);
    // Each hub's virtual network is in a group that waits for that region's watcher.
    for (const vnet of ofType(platform, "azure-native:network:VirtualNetwork")) {
      const rg = only(ofType(platform, "azure-native:resources:ResourceGroup").filter((g) => g.inputs.resourceGroupName === vnet.inputs.resourceGroupName), "vnet group");
      const watcher = only(watchers.filter((w) => w.inputs.location === vnet.inputs.location), "watcher");
      expect(rg.options.dependsOn).toContain(watcher.urn);
    }
  });

  it("makes every VPN site's pre-shared key itself and writes it to the platform Key Vault through Resource Manager", () => {
    const connections = ofType(platform, "azure-native:network:VirtualNetworkGatewayConnection");
    const randoms = ofType(platform, "random:index/randomPassword:RandomPassword");
    const copies = ofType(platform, "azure-native:keyvault:Secret");
    const vault = only(ofType(platform, "azure-native:keyvault:Vault"), "platform vault");
    expect(connections.length).toBeGreaterThan(5);
    for (const connection of connections) {
      const [, slug, site] = /^site-(.+?)-(.+)$/.exec(connection.name) ?? [];
      const spec = vpnPreSharedKey(slug, site);
      expect({ connection: connection.name, matches: spec.logicalName }).toEqual({ connection: connection.name, matches: `vpn-psk-${connection.name.slice("site-".length)}` });
      const random = only(randoms.filter((r) => r.name === spec.logicalName), spec.logicalName);
      expect(random.inputs).toMatchObject({ length: 48, special: false });
      // The key is a secret in the inputs Azure gets, and comes from that random value.
      expect(connection.inputs.sharedKey).toBe("[secret]");
      expect(connection.options.dependsOn).toContain(random.urn);
      const copy = only(copies.filter((c) => c.inputs.secretName === spec.secretName), spec.secretName);
      expect(copy.inputs).toMatchObject({ vaultName: vault.inputs.vaultName, properties: "[secret]" });
      expect(copy.options.dependsOn).toEqual(expect.arrayContaining([random.urn]));
      expect(copy.parent).toBe(connection.parent);
    }
    // The vault refuses public network access; the copies are ARM writes, which that does not stop.
    expect((vault.inputs.properties as Json).publicNetworkAccess).toBe("Disabled");
  });

  it("keeps everything in Norwegian regions", () => {
    const locations = new Set(platform.resources.map((r) => r.inputs.location).filter((l) => l !== undefined));
    expect([...locations].sort()).toEqual(["global", "norwayeast", "norwaywest"]);
  });

  it("exports what tenant stacks need", () => {
    expect(Object.keys(platform.outputs)).toEqual(
      expect.arrayContaining(["hubVnetId", "firewallPrivateIp", "dnsResolverInboundIp", "privateDnsZoneIds", "recoveryVaultId", "backupPolicyIds", "workspaceId", "radiusPublicAddresses"]),
    );
    expect(platform.outputs.firewallPrivateIp).toBe("10.95.1.4");
    expect((platform.outputs.radiusPublicAddresses as string[]).every((a) => /^\d+\.\d+\.\d+\.\d+$/.test(a))).toBe(true);
  });

  it("keeps every generated name within Azure's limits", () => {
    const limits: Record<string, [string, number]> = {
      "azure-native:keyvault:Vault": ["vaultName", NAME_RULES.keyVault.maxLength],
      "azure-native:recoveryservices:Vault": ["vaultName", NAME_RULES.recoveryVault.maxLength],
      "azure-native:operationalinsights:Workspace": ["workspaceName", NAME_RULES.logWorkspace.maxLength],
      "azure-native:resources:ResourceGroup": ["resourceGroupName", NAME_RULES.resourceGroup.maxLength],
      "azure-native:network:VirtualNetwork": ["virtualNetworkName", NAME_RULES.virtualNetwork.maxLength],
    };
    for (const r of platform.resources) {
      const limit = limits[r.type];
      if (limit) expect(String(r.inputs[limit[0]]).length).toBeLessThanOrEqual(limit[1]);
    }
  });
});

describe("adding a tenant to the platform", () => {
  let fixture: FixtureRegion;
  let before: PreviewedRegion;
  let after: PreviewedRegion;
  beforeAll(async () => {
    fixture = copyExampleRegion();
    before = await previewFiles(fixture.tenantsDir, fixture.platformFile, new Set());
    const lyngen = fs
      .readFileSync(path.join(fixture.tenantsDir, "storfjord.yaml"), "utf8")
      .replace(/storfjord/g, "lyngen")
      .replace(/Storfjord/g, "Lyngen")
      .replace('"5538"', '"5536"')
      .replace('"910000128"', '"910000136"')
      .replace(/172\.20\.38/g, "172.20.36")
      .replace("203.0.113.38", "203.0.113.36")
      .replace("vlan: 138", "vlan: 136");
    fs.writeFileSync(path.join(fixture.tenantsDir, "lyngen.yaml"), lyngen);
    // The regional team registers the new municipality's domain, which proves its realm.
    const platformText = fs.readFileSync(fixture.platformFile, "utf8");
    fs.writeFileSync(fixture.platformFile, platformText.replace(/^domains:\n/m, "domains:\n  lyngen: [lyngen.kommune.no]\n"));
    after = await previewFiles(fixture.tenantsDir, fixture.platformFile, new Set());
  });
  afterAll(() => {
    before.remove();
    after.remove();
    fixture.remove();
  });

  it("adds only the new tenant's rule group and site, and changes only the RADIUS configuration and the hub's routes in place", () => {
    const byUrn = (p: StackPreview) => new Map(p.resources.map((r) => [r.urn, r]));
    const a = byUrn(before.read("platform"));
    const b = byUrn(after.read("platform"));
    const added = [...b.keys()].filter((urn) => !a.has(urn));
    const removed = [...a.keys()].filter((urn) => !b.has(urn));
    const changed = [...b.entries()].filter(([urn, r]) => a.has(urn) && JSON.stringify(a.get(urn)!.inputs) !== JSON.stringify(r.inputs));
    expect(removed).toEqual([]);
    expect(added.map((urn) => urn.split("::").pop()).sort()).toEqual([
      // Its alerting (platform.yaml alerting): its action group, its alerts and its change query.
      "ag-lyngen",
      "backup-job-failed-lyngen",
      "changes-lyngen",
      "hub-firewall-rcg-lyngen",
      "lyngen",
      // The access point's generated RADIUS secret: its random value and its Key Vault copy.
      "radius-client-lyngen-radhus-wlc",
      "radius-client-lyngen-radhus-wlc",
      // Each RADIUS server may read exactly the new tenant's two secrets.
      "radius-kv-platform-generated-radius-lyngen-radhus-wlc-radius-1-key-vault-secrets-user",
      "radius-kv-platform-generated-radius-lyngen-radhus-wlc-radius-2-key-vault-secrets-user",
      "radius-kv-platform-lyngen-ldap-radius-bind-radius-1-key-vault-secrets-user",
      "radius-kv-platform-lyngen-ldap-radius-bind-radius-2-key-vault-secrets-user",
      "restore-points-missing-lyngen",
      "site-lyngen-radhus",
      "site-lyngen-radhus",
      // The site's generated pre-shared key: random value and Key Vault copy.
      "vpn-psk-lyngen-radhus",
      "vpn-psk-lyngen-radhus",
      "vpn-tunnel-down-lyngen",
    ]);
    expect(added.every((urn) => urn.includes("grunnmur:network:TenantAttachment"))).toBe(true);
    // The realm list travels in the RADIUS servers' userData, which Azure updates without replacing the VMs.
    const changedInputs = changed.map(([, r]: [string, Resource]) => ({
      name: r.name,
      keys: Object.keys(r.inputs).filter((k) => JSON.stringify(r.inputs[k]) !== JSON.stringify(a.get(r.urn)!.inputs[k])),
    }));
    // Each hub route table gains the new spoke's route (a pool route would lose to its peering route), nothing else.
    const routeTables = ["hub-dr-gateway", "hub-dr-radius", "hub-dr-shared", "hub-gateway", "hub-radius", "hub-shared"];
    expect(changedInputs).toEqual([
      { name: "radius-1", keys: ["userData"] },
      { name: "radius-2", keys: ["userData"] },
      ...routeTables.map((name) => ({ name, keys: ["routes"] })),
    ]);
    for (const [urn, table] of changed.filter(([, r]) => r.type === "azure-native:network:RouteTable")) {
      const names = (t: Resource) => (t.inputs.routes as Array<{ name: string }>).map((route) => route.name);
      expect(names(table).filter((n) => !names(a.get(urn)!).includes(n))).toEqual(["spoke-lyngen"]);
      expect(names(a.get(urn)!).filter((n) => !names(table).includes(n))).toEqual([]);
    }
  });
});

describe("a DR firewall when the platform file asks for one", () => {
  it("runs a second firewall in Norway West with the same isolation and tenant rules", async () => {
    const fixture = copyExampleRegion();
    try {
      fs.writeFileSync(fixture.platformFile, fs.readFileSync(fixture.platformFile, "utf8").replace("firewall: false", "firewall: true"));
      const p = await previewFiles(fixture.tenantsDir, fixture.platformFile, new Set());
      const platform = p.read("platform");
      p.remove();
      const firewalls = ofType(platform, "azure-native:network:AzureFirewall");
      expect(firewalls.map((f) => f.inputs.location).sort()).toEqual(["norwayeast", "norwaywest"]);
      const groups = ofType(platform, "azure-native:network:FirewallPolicyRuleCollectionGroup");
      const byPolicy = (name: string) => groups.filter((g) => String(g.inputs.firewallPolicyName).includes(name)).map((g) => g.inputs.ruleCollectionGroupName).sort();
      expect(byPolicy("-now")).toEqual(byPolicy("-noe"));
      expect(byPolicy("-now")).toContain("rcg-isolation");

      // Norway West has no availability zones: Azure refuses zones and ZRS there.
      const west = platform.resources.filter((r) => r.inputs.location === "norwaywest");
      expect(west.map((r) => r.type)).toEqual(expect.arrayContaining(["azure-native:network:AzureFirewall", "azure-native:network:PublicIPAddress", "azure-native:network:VirtualNetwork"]));
      const zonal = west.filter((r) => r.inputs.zones !== undefined || /ZRS/.test(JSON.stringify(r.inputs.sku ?? "")) || /ZRS/.test(JSON.stringify(r.inputs.storageProfile ?? "")));
      expect(zonal.map((r) => r.name)).toEqual([]);
      // ...while the same resources in Norway East are zone-redundant.
      expect(only(firewalls.filter((f) => f.inputs.location === "norwayeast"), "east firewall").inputs.zones).toEqual(["1", "2", "3"]);
    } finally {
      fixture.remove();
    }
  });
});

describe("the eduroam configuration on the platform's RADIUS servers", () => {
  it("carries every tenant realm in the servers' userData and only static bootstrap in customData", async () => {
    const region = await previewFiles(undefined, undefined, new Set());
    try {
      // The RADIUS servers; the shared services' VMs are WorkloadVms of their own.
      const vms = ofType(region.read("platform"), "azure-native:compute:VirtualMachine").filter((vm) => vm.parent?.endsWith("grunnmur:compute:RadiusServers::radius"));
      expect(vms).toHaveLength(2);
      const bundle = JSON.parse(require("node:zlib").gunzipSync(Buffer.from(String(vms[0].inputs.userData), "base64")).toString("utf8"));
      const tree = JSON.stringify(bundle.files);
      for (const realm of ["senja.kommune.no", "alta.kommune.no", "nordreisa.kommune.no"]) expect(tree).toContain(realm);
      expect(bundle.keyVault).toBe("kv-tromso-grunnmur-prod");
      const customData = Buffer.from(String((vms[0].inputs.osProfile as Json).customData), "base64").toString("utf8");
      expect(customData.startsWith("#cloud-config")).toBe(true);
      expect(customData).not.toContain("senja");
      expect(vms[1].inputs.userData).toBe(vms[0].inputs.userData);
      // Exactly what the real-FreeRADIUS tests install, so they test what the servers run.
      const delivery = radiusDelivery(loadRegion({ tenantsDir: DEFAULT_TENANTS_DIR, platformFile: DEFAULT_PLATFORM_FILE }).region!, { keyVaultName: "kv-tromso-grunnmur-prod" })!;
      expect(vms[0].inputs.userData).toBe(delivery.userData);
      expect(customData).toBe(delivery.bootstrap);
    } finally {
      region.remove();
    }
  });
});
