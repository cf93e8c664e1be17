import * as fs from "node:fs";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import type { StackPreview } from "../../scripts/preview/preview-file";
import { copyExampleRegion, type FixtureRegion } from "../helpers/region-fixture";
import { ofType, only, previewFiles, type PreviewedRegion, type Resource } from "../helpers/preview-fixture";
import { localToday } from "../../tenants/validation/date-rules";

type Json = Record<string, any>;

describe("tenant stacks of the example region", () => {
  let region: PreviewedRegion;
  let platform: StackPreview;
  beforeAll(async () => {
    region = await previewFiles(undefined, undefined, new Set(["senja", "alta", "bardu", "nordreisa"]));
    platform = region.read("platform");
  });
  afterAll(() => region.remove());

  const subnetNames = (p: StackPreview) => (only(ofType(p, "azure-native:network:VirtualNetwork"), "spoke").inputs.subnets as Json[]).map((s) => s.name);

  it("creates a subnet only for the zones a municipality subscribes to", () => {
    expect(subnetNames(region.read("bardu"))).toEqual(["snet-grunnmur-bardu-prod-noe-general", "snet-grunnmur-bardu-prod-noe-endpoints"]);
    expect(subnetNames(region.read("alta"))).toContain("snet-grunnmur-alta-prod-noe-exam");
    expect(subnetNames(region.read("alta"))).not.toContain("snet-grunnmur-alta-prod-noe-secure");
    expect(subnetNames(region.read("senja"))).toContain("snet-grunnmur-senja-prod-noe-secure");
  });

  it("creates senja's migrating ePhorte server and nothing for its planned ones", () => {
    const vms = ofType(region.read("senja"), "azure-native:compute:VirtualMachine");
    expect(vms.map((v) => [v.name, v.inputs.vmName, (v.inputs.hardwareProfile as Json).vmSize])).toEqual([["ephorte-app", "vm-senja-ephorte-app", "Standard_D4s_v5"]]);
    const nic = only(ofType(region.read("senja"), "azure-native:network:NetworkInterface"), "network interface");
    expect((nic.inputs.ipConfigurations as Json[])[0].subnet.id).toMatch(/\/subnets\/snet-grunnmur-senja-prod-noe-secure$/);
  });

  it("creates three resource groups, tagged for the municipality", () => {
    const groups = ofType(region.read("senja"), "azure-native:resources:ResourceGroup");
    expect(groups.map((g) => g.inputs.resourceGroupName).sort()).toEqual([
      "rg-grunnmur-senja-data-prod-noe",
      "rg-grunnmur-senja-network-prod-noe",
      "rg-grunnmur-senja-workloads-prod-noe",
    ]);
    for (const g of groups) expect(g.inputs.tags).toMatchObject({ "grunnmur:tenant": "senja", "grunnmur:cost-centre": "1410-IKT" });
  });

  it("routes every zone through the hub firewall and blocks internet egress from the secure zone", () => {
    const senja = region.read("senja");
    const firewallIp = platform.outputs.firewallPrivateIp;
    const tables = new Map(ofType(senja, "azure-native:network:RouteTable").map((t) => [t.id, t]));
    const vnet = only(ofType(senja, "azure-native:network:VirtualNetwork"), "spoke");
    for (const subnet of vnet.inputs.subnets as Json[]) {
      const table = tables.get(subnet.routeTable.id)!;
      // The hub's service subnets too: their peering route is more specific than 0.0.0.0/0.
      const services = platform.outputs.hubServicePrefixes as Record<string, string>;
      expect(table.inputs.routes).toEqual([
        { name: "default-via-hub-firewall", addressPrefix: "0.0.0.0/0", nextHopType: "VirtualAppliance", nextHopIpAddress: firewallIp },
        { name: "hub-radius-via-hub-firewall", addressPrefix: services.radius, nextHopType: "VirtualAppliance", nextHopIpAddress: firewallIp },
        { name: "hub-shared-via-hub-firewall", addressPrefix: services.shared, nextHopType: "VirtualAppliance", nextHopIpAddress: firewallIp },
        // And each shared service's subnet (platform.yaml sharedServices).
        ...Object.entries(platform.outputs.sharedServicePrefixes as Record<string, string>).map(([key, prefix]) => ({ name: `shared-${key}-via-hub-firewall`, addressPrefix: prefix, nextHopType: "VirtualAppliance", nextHopIpAddress: firewallIp })),
      ]);
      expect(table.inputs.disableBgpRoutePropagation).toBe(true);
    }
    const nsgs = new Map(ofType(senja, "azure-native:network:NetworkSecurityGroup").map((n) => [n.id, n]));
    const secure = (vnet.inputs.subnets as Json[]).find((s) => s.name.endsWith("-secure"))!;
    const rules = nsgs.get(secure.networkSecurityGroup.id)!.inputs.securityRules as Json[];
    expect(rules).toContainEqual(expect.objectContaining({ direction: "Outbound", access: "Deny", destinationAddressPrefix: "Internet" }));
    expect(vnet.inputs.dhcpOptions).toEqual({ dnsServers: [platform.outputs.dnsResolverInboundIp] });
  });

  it("peers only with the hub, in both directions", () => {
    for (const stack of ["senja", "alta", "bardu", "nordreisa"]) {
      const p = region.read(stack);
      const spokeId = only(ofType(p, "azure-native:network:VirtualNetwork"), "spoke").id;
      const peerings = ofType(p, "azure-native:network:VirtualNetworkPeering");
      expect(peerings.map((x) => (x.inputs.remoteVirtualNetwork as Json).id).sort()).toEqual([platform.outputs.hubVnetId, spokeId].sort());
      const hubSide = peerings.find((x) => (x.inputs.remoteVirtualNetwork as Json).id === spokeId)!;
      expect(hubSide.inputs).toMatchObject({ virtualNetworkName: "vnet-grunnmur-hub-prod-noe", allowGatewayTransit: true });
    }
  });

  it("grants roles only inside the municipality's own resource groups, to its own groups", () => {
    for (const stack of ["senja", "alta", "bardu", "nordreisa"]) {
      const p = region.read(stack);
      const ownGroups = ofType(p, "azure-native:resources:ResourceGroup").map((g) => g.id!);
      const ownPrincipals = ofType(p, "azuread:index/group:Group").map((g) => g.id);
      const assignments = ofType(p, "azure-native:authorization:RoleAssignment");
      expect(assignments.length).toBeGreaterThan(0);
      for (const ra of assignments) {
        const scope = String(ra.inputs.scope);
        expect({ stack, scopeInside: ownGroups.some((g) => scope === g || scope.startsWith(`${g}/`)) }).toEqual({ stack, scopeInside: true });
        expect(ownPrincipals).toContain(ra.inputs.principalId);
        expect(ra.inputs.principalType).toBe("Group");
      }
    }
  });

  it("builds storage that is private, keyless and recoverable, and protects it from deletion", () => {
    const senja = region.read("senja");
    const account = only(ofType(senja, "azure-native:storage:StorageAccount"), "storage account");
    expect(account.inputs).toMatchObject({
      allowBlobPublicAccess: false,
      allowSharedKeyAccess: false,
      publicNetworkAccess: "Disabled",
      minimumTlsVersion: "TLS1_2",
      enableHttpsTrafficOnly: true,
      networkRuleSet: { defaultAction: "Deny" },
      encryption: { requireInfrastructureEncryption: true },
    });
    expect(account.options).toMatchObject({ protect: true, retainOnDelete: true });
    const shares = ofType(senja, "azure-native:storage:FileShare");
    expect(shares.map((s) => [s.inputs.shareName, s.inputs.shareQuota]).sort()).toEqual([["felles", 500], ["helse", 200]]);
    for (const share of shares) expect(share.options).toMatchObject({ protect: true, retainOnDelete: true });
    expect(only(ofType(senja, "azure-native:storage:FileServiceProperties"), "file service").inputs).toMatchObject({
      shareDeleteRetentionPolicy: { enabled: true },
      protocolSettings: { smb: { versions: "SMB3.1.1", channelEncryption: "AES-256-GCM" } },
    });
    expect(only(ofType(senja, "azure-native:storage:BlobServiceProperties"), "blob service").inputs).toMatchObject({
      isVersioningEnabled: true,
      deleteRetentionPolicy: { enabled: true },
      containerDeleteRetentionPolicy: { enabled: true },
    });
    const endpoint = only(ofType(senja, "azure-native:network:PrivateEndpoint"), "private endpoint");
    expect(endpoint.inputs.subnet).toMatchObject({ id: `${only(ofType(senja, "azure-native:network:VirtualNetwork"), "spoke").id}/subnets/snet-grunnmur-senja-prod-noe-endpoints` });
    expect(ofType(senja, "azure-native:authorization:ManagementLockByScope").map((l) => l.inputs.scope)).toContain(account.id);
  });

  it("protects every share with the platform vault's policy for the municipality's tier", () => {
    // Shares only: its VMs' items are under their VM policy (test/integration/workload-vms.test.ts).
    const items = ofType(region.read("senja"), "azure-native:recoveryservices:ProtectedItem").filter((i) => (i.inputs.properties as Json).protectedItemType === "AzureFileShareProtectedItem");
    const policy = (platform.outputs.backupPolicyIds as Json).extended.files;
    expect(items.map((i) => i.inputs.protectedItemName).sort()).toEqual(["AzureFileShare;felles", "AzureFileShare;helse"]);
    for (const item of items) {
      expect((item.inputs.properties as Json).policyId).toBe(policy);
      expect(item.inputs.vaultName).toBe(platform.outputs.recoveryVaultName);
      expect(item.options).toMatchObject({ protect: true, retainOnDelete: true });
    }
  });

  it("puts the municipality's groups in its own administrative unit and invites its external admins", () => {
    const senja = region.read("senja");
    const unit = only(ofType(senja, "azuread:index/administrativeUnit:AdministrativeUnit"), "administrative unit");
    const groups = ofType(senja, "azuread:index/group:Group");
    expect(groups.map((g) => g.inputs.displayName).sort()).toEqual(["grunnmur-senja-admins", "grunnmur-senja-readers", "grunnmur-senja-users"]);
    for (const g of groups) expect(g.inputs.administrativeUnitIds).toEqual([unit.id]);
    const invitation = only(ofType(senja, "azuread:index/invitation:Invitation"), "invitation");
    expect(invitation.inputs.userEmailAddress).toBe("drift@leverandor.example");
    const member = only(ofType(senja, "azuread:index/groupMember:GroupMember"), "guest membership");
    expect(member.inputs.groupObjectId).toBe(groups.find((g) => g.inputs.displayName === "grunnmur-senja-admins")!.id);
  });

  it("sets a monthly budget with alerts at 80 % and 100 % to the file's recipients", () => {
    const budget = only(ofType(region.read("senja"), "azure-native:consumption:Budget"), "budget");
    expect(budget.inputs).toMatchObject({ amount: 45000, timeGrain: "Monthly", category: "Cost" });
    const notifications = Object.values(budget.inputs.notifications as Json);
    expect(notifications.map((n: Json) => n.threshold).sort()).toEqual([100, 80]);
    for (const n of notifications as Json[]) expect(n.contactEmails).toEqual(["it@senja.kommune.no", "okonomi@senja.kommune.no"]);
    expect((budget.inputs.filter as Json).dimensions.values).toHaveLength(3);
  });

  it("starts the budget this month or in the month the file says the municipality joins, and never moves it", () => {
    const thisMonth = localToday().slice(0, 7);
    const start = (slug: string) => (only(ofType(region.read(slug), "azure-native:consumption:Budget"), "budget").inputs.timePeriod as Json).startDate;
    // senja joined 2026-11, in the past: a past month would be refused by Azure.
    expect(start("senja")).toBe(`${thisMonth > "2026-11" ? thisMonth : "2026-11"}-01T00:00:00Z`);
    expect(only(ofType(region.read("senja"), "azure-native:consumption:Budget"), "budget").options.ignoreChanges).toEqual(["timePeriod.startDate"]);
  });

  it("links no spoke to the private DNS zones: the spoke resolves through its hub's resolver, whose VNet the zones link to", () => {
    for (const stack of ["senja", "alta", "bardu", "nordreisa"]) {
      expect({ stack, links: ofType(region.read(stack), "azure-native:privatedns:VirtualNetworkLink").length }).toEqual({ stack, links: 0 });
      const vnets = ofType(region.read(stack), "azure-native:network:VirtualNetwork");
      for (const v of vnets) expect({ stack, dns: (v.inputs.dhcpOptions as Json)?.dnsServers }).toEqual({ stack, dns: [platform.outputs.dnsResolverInboundIp] });
    }
    // Every zone links the hub VNet, where the resolver answers for the spokes.
    const hubLinks = ofType(platform, "azure-native:privatedns:VirtualNetworkLink").filter((l) => (l.inputs.virtualNetwork as Json)?.id === platform.outputs.hubVnetId);
    expect(new Set(hubLinks.map((l) => l.inputs.privateZoneName)).size).toBe(Object.keys(platform.outputs.privateDnsZoneIds as Json).length);
  });

  it("sends diagnostics of the network and storage to the central workspace", () => {
    const senja = region.read("senja");
    const targets = new Set(ofType(senja, "azure-native:monitor:DiagnosticSetting").map((d) => d.inputs.resourceUri));
    for (const type of ["network:VirtualNetwork", "network:NetworkSecurityGroup", "storage:StorageAccount"]) {
      for (const r of ofType(senja, `azure-native:${type}`)) expect({ type, covered: targets.has(r.id) }).toEqual({ type, covered: true });
    }
    expect(ofType(senja, "azure-native:monitor:DiagnosticSetting").every((d) => d.inputs.workspaceId === platform.outputs.workspaceId)).toBe(true);
  });

  it("has no public IP in a tenant stack", () => {
    for (const stack of ["senja", "alta", "bardu"]) expect(ofType(region.read(stack), "azure-native:network:PublicIPAddress")).toEqual([]);
  });

  describe("where each resource is deployed", () => {
    const TENANT_SUBSCRIPTION = "00000000-0000-4000-8000-000000005544";
    const HUB_SIDE = new Set(["azure-native:privatedns:VirtualNetworkLink"]);
    const isHubSide = (r: Resource) => HUB_SIDE.has(r.type) || r.name === "spoke-from-hub";
    const subscriptionOfId = (id: string | null) => /^\/subscriptions\/([^/]+)/.exec(id ?? "")?.[1];

    it("creates everything of a municipality in the platform's subscription through the default provider", () => {
      for (const stack of ["senja", "alta", "bardu"]) {
        const p = region.read(stack);
        expect({ stack, providers: ofType(p, "pulumi:providers:azure-native").map((r) => r.name) }).toEqual({ stack, providers: [] });
        expect({ stack, explicit: p.resources.filter((r) => r.provider !== null).map((r) => r.name) }).toEqual({ stack, explicit: [] });
        for (const r of p.resources.filter((x) => x.custom && x.type.startsWith("azure-native:"))) {
          expect({ name: r.name, subscription: subscriptionOfId(r.id) }).toEqual({ name: r.name, subscription: platform.outputs.subscriptionId });
        }
      }
    });

    it("creates a municipality's own-subscription resources there, and the hub side of its spoke in the platform's", () => {
      const nordreisa = region.read("nordreisa");
      const providers = new Map(ofType(nordreisa, "pulumi:providers:azure-native").map((p) => [p.name, p]));
      expect([...providers.keys()].sort()).toEqual(["platform-subscription", "tenant-subscription"]);
      expect(providers.get("tenant-subscription")!.inputs.subscriptionId).toBe(TENANT_SUBSCRIPTION);
      expect(providers.get("platform-subscription")!.inputs.subscriptionId).toBe(platform.outputs.subscriptionId);

      const azure = nordreisa.resources.filter((r) => r.custom && r.type.startsWith("azure-native:"));
      const hubSide = azure.filter(isHubSide);
      // The hub's peering only: spokes link to no private DNS zone (docs/network-scale.md).
      expect(hubSide).toHaveLength(1);
      // The VMs' admin passwords go to the platform Key Vault, as every generated secret does (docs/workloads.md).
      const inPlatformSubscription = (r: (typeof azure)[number]) => isHubSide(r) || r.type === "azure-native:keyvault:Secret";
      expect(azure.filter((r) => r.type === "azure-native:keyvault:Secret").map((r) => r.name).sort()).toEqual(
        azure.filter((r) => r.type === "azure-native:compute:VirtualMachine" && r.inputs.osProfile !== undefined && JSON.stringify(r.inputs.osProfile).includes("[secret]")).map((r) => `${r.name}-admin-password`).sort(),
      );
      for (const r of azure) {
        const expected = inPlatformSubscription(r)
          ? { provider: "platform-subscription", subscription: platform.outputs.subscriptionId }
          : { provider: "tenant-subscription", subscription: TENANT_SUBSCRIPTION };
        expect({ name: r.name, provider: r.provider?.name, subscription: r.provider?.subscriptionId, inId: subscriptionOfId(r.id) }).toEqual({
          name: r.name,
          ...expected,
          inId: expected.subscription,
        });
      }
      // Entra ID objects are in the directory, not a subscription; providers have none themselves.
      for (const r of nordreisa.resources.filter((x) => x.custom && !x.type.startsWith("azure-native:"))) expect({ name: r.name, provider: r.provider }).toEqual({ name: r.name, provider: null });
    });

    it("creates the Network Watcher in a municipality's own subscription under Azure's names, before its spoke; none in the platform's", () => {
      const nordreisa = region.read("nordreisa");
      const watcher = only(ofType(nordreisa, "azure-native:network:NetworkWatcher"), "watcher");
      expect(watcher.inputs).toMatchObject({ networkWatcherName: "NetworkWatcher_norwayeast", location: "norwayeast" });
      expect(watcher.provider?.name).toBe("tenant-subscription");
      expect(watcher.options.retainOnDelete).toBe(true);
      const groups = ofType(nordreisa, "azure-native:resources:ResourceGroup");
      expect(only(groups.filter((g) => g.inputs.resourceGroupName === "NetworkWatcherRG"), "NetworkWatcherRG").provider?.name).toBe("tenant-subscription");
      const spokeGroup = only(groups.filter((g) => g.name === "rg-network"), "network group");
      expect(spokeGroup.options.dependsOn).toContain(watcher.urn);
      expect(ofType(region.read("senja"), "azure-native:network:NetworkWatcher")).toEqual([]);
    });

    it("gives a municipality with its own subscription its own vault there, hardened and guarded as the platform's", () => {
      const platformVault = only(ofType(platform, "azure-native:recoveryservices:Vault"), "platform vault");
      const nordreisa = region.read("nordreisa");
      const vault = only(ofType(nordreisa, "azure-native:recoveryservices:Vault"), "tenant vault");
      expect(vault.id).toBe(`/subscriptions/${TENANT_SUBSCRIPTION}/resourceGroups/rg-grunnmur-nordreisa-backup-prod-noe/providers/Microsoft.RecoveryServices/vaults/rsv-grunnmur-nordreisa-prod-noe`);
      expect(vault.inputs.properties).toEqual(platformVault.inputs.properties);
      expect(vault.options).toMatchObject({ protect: true, retainOnDelete: true });
      expect(ofType(nordreisa, "azure-native:authorization:ManagementLockByScope").map((l) => l.inputs.scope)).toContain(vault.id);
      // The same tiers as the platform's vault, and the platform's Resource Guard, out of the municipality's subscription.
      const policyNames = (p: StackPreview) => ofType(p, "azure-native:recoveryservices:ProtectionPolicy").map((x) => x.inputs.policyName).sort();
      expect(policyNames(nordreisa)).toEqual(policyNames(platform));
      const proxy = only(ofType(nordreisa, "azure-native:recoveryservices:ResourceGuardProxy"), "guard proxy");
      expect(proxy.inputs).toMatchObject({ vaultName: vault.inputs.vaultName, properties: { resourceGuardResourceId: platform.outputs.resourceGuardId } });
      expect(ofType(nordreisa, "azure-native:dataprotection:ResourceGuard")).toEqual([]);
      const files = ofType(nordreisa, "azure-native:recoveryservices:ProtectionPolicy").find((x) => x.inputs.policyName === "grunnmur-standard-files")!;
      const account = only(ofType(nordreisa, "azure-native:storage:StorageAccount"), "storage account");
      const container = only(ofType(nordreisa, "azure-native:recoveryservices:ProtectionContainer"), "container");
      expect(container.inputs).toMatchObject({ vaultName: vault.inputs.vaultName, resourceGroupName: vault.inputs.resourceGroupName, properties: { sourceResourceId: account.id } });
      // Its file shares and its VMs are protected in its own vault, each under its tier's policy for the workload.
      const vms = ofType(nordreisa, "azure-native:recoveryservices:ProtectionPolicy").find((x) => x.inputs.policyName === "grunnmur-standard-vms")!;
      const items = ofType(nordreisa, "azure-native:recoveryservices:ProtectedItem");
      expect(items.length).toBeGreaterThan(1);
      for (const item of items) {
        const isVm = (item.inputs.properties as Json).protectedItemType === "Microsoft.Compute/virtualMachines";
        expect(item.inputs).toMatchObject({ vaultName: vault.inputs.vaultName, properties: { policyId: isVm ? vms.id : files.id } });
        expect(item.options).toMatchObject({ retainOnDelete: true, ...(isVm ? {} : { protect: true }) });
      }
      // Its budget counts the vault's resource group with the other three.
      const budget = only(ofType(nordreisa, "azure-native:consumption:Budget"), "budget");
      expect((budget.inputs.filter as Json).dimensions.values).toContain(vault.inputs.resourceGroupName);
      expect((budget.inputs.filter as Json).dimensions.values).toHaveLength(4);
    });

    it("keeps a municipality in the platform's subscription on the platform's vault", () => {
      for (const stack of ["senja", "alta", "bardu"]) {
        const p = region.read(stack);
        expect(ofType(p, "azure-native:recoveryservices:Vault")).toEqual([]);
        for (const item of ofType(p, "azure-native:recoveryservices:ProtectedItem")) expect(item.inputs.vaultName).toBe(platform.outputs.recoveryVaultName);
      }
    });
  });

  it("exports what a reviewer needs", () => {
    const outputs = region.read("senja").outputs;
    expect(outputs).toMatchObject({ addressSpace: "10.96.60.0/23", zones: ["general", "secure"], fileEndpoint: expect.stringMatching(/^https:\/\/st[a-z0-9]+\.file\.core\.windows\.net\/$/) });
    expect(Object.keys(outputs.groupIds as Json).sort()).toEqual(["admins", "readers", "users"]);
  });
});

describe("stability of tenant stacks", () => {
  let fixture: FixtureRegion;
  beforeEach(() => {
    fixture = copyExampleRegion();
  });
  afterEach(() => fixture.remove());

  const editSenja = (change: (doc: Json) => void) => {
    const file = path.join(fixture.tenantsDir, "senja.yaml");
    const doc = parse(fs.readFileSync(file, "utf8")) as Json;
    change(doc);
    fs.writeFileSync(file, stringify(doc));
  };
  const previewSenja = async () => {
    const p = await previewFiles(fixture.tenantsDir, fixture.platformFile, new Set(["senja"]));
    const senja = p.read("senja");
    p.remove();
    return senja;
  };
  const reverseKeys = (obj: Json) => Object.fromEntries(Object.entries(obj).reverse());

  it("keeps every URN when the file's lists and maps are reordered", async () => {
    const before = await previewSenja();
    editSenja((doc) => {
      doc.services = [...doc.services].reverse();
      doc.storage.shares = reverseKeys(doc.storage.shares);
      doc.systems = reverseKeys(doc.systems);
      doc.budget.alertRecipients = [...doc.budget.alertRecipients].reverse();
      doc.wifi.accessPoints = reverseKeys(doc.wifi.accessPoints);
    });
    const after = await previewSenja();
    expect(after.resources.map((r) => r.urn)).toEqual(before.resources.map((r) => r.urn));
  });

  it("adds exactly one share (and its backup) when a share is added", async () => {
    const before = await previewSenja();
    editSenja((doc) => {
      doc.storage.shares.skole = { quotaGb: 50 };
    });
    const after = await previewSenja();
    const beforeUrns = new Set(before.resources.map((r) => r.urn));
    const added = after.resources.filter((r) => !beforeUrns.has(r.urn));
    expect(added.map((r) => [r.type, r.name]).sort()).toEqual([
      ["azure-native:recoveryservices:ProtectedItem", "backup-files-skole"],
      ["azure-native:storage:FileShare", "storage-share-skole"],
    ]);
    expect(after.resources.length).toBe(before.resources.length + 2);
  });

  it("keeps a renamed share's Azure name and identity through an alias", async () => {
    editSenja((doc) => {
      doc.storage.shares.dokumenter = { ...doc.storage.shares.felles, previousKey: "felles" };
      delete doc.storage.shares.felles;
    });
    const after = await previewSenja();
    const share = after.resources.find((r) => r.name === "storage-share-dokumenter")!;
    expect(share.inputs.shareName).toBe("felles");
    expect(share.options.aliases).toEqual([expect.objectContaining({ name: "storage-share-felles" })]);
    const item = after.resources.find((r) => r.name === "backup-files-dokumenter")!;
    expect(item.options.aliases).toEqual([expect.objectContaining({ name: "backup-files-felles" })]);
  });
});
