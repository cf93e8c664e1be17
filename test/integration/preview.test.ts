import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadRegion } from "../../tenants/validation/load-region";
import { DEFAULT_PLATFORM_FILE, DEFAULT_TENANTS_DIR } from "../../tenants/paths";
import { previewRegion, type RegionPreview } from "../../scripts/preview/run-preview";
import { runInWorker, runPool } from "../../scripts/preview/pool";
import type { StackPreview } from "../../scripts/preview/preview-file";
import type { Region } from "../../tenants/region";

const ARM_ID = /^\/subscriptions\/[0-9a-f-]{36}(\/resourceGroups\/[\w.-]+)?(\/providers\/[\w.]+\/[\w]+\/[\w.;-]+(\/[\w]+\/[\w.;-]+)*)*$/;

describe("offline preview of the example region", () => {
  let outDir: string;
  let region: Region;
  let preview: RegionPreview;
  const read = (stack: string): StackPreview => JSON.parse(fs.readFileSync(path.join(outDir, `${stack}.json`), "utf8"));
  const ofType = (p: StackPreview, type: string) => p.resources.filter((r) => r.type === type);

  beforeAll(async () => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-preview-"));
    const load = loadRegion({ tenantsDir: DEFAULT_TENANTS_DIR, platformFile: DEFAULT_PLATFORM_FILE });
    if (!load.region) throw new Error("example region is invalid");
    region = load.region;
    preview = await previewRegion(region, { outDir });
  });
  afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

  it("previews the platform and every tenant without failures", () => {
    expect(preview.platform.ok).toBe(true);
    expect(preview.tenants.filter((t) => !t.ok)).toEqual([]);
    expect(fs.readdirSync(outDir).sort()).toEqual(["platform.json", ...region.tenants.map((t) => `${t.spec.slug}.json`)].sort());
  });

  it("writes each stack in the documented shape", () => {
    const senja = read("senja");
    expect(senja.stack).toBe("senja");
    for (const resource of senja.resources) {
      expect(Object.keys(resource).sort()).toEqual(["custom", "id", "inputs", "name", "options", "parent", "provider", "type", "urn"]);
      expect(Object.keys(resource.options)).toEqual(
        expect.arrayContaining(["protect", "retainOnDelete", "dependsOn", "ignoreChanges", "aliases"]),
      );
    }
  });

  it("builds hub networks in both regions with Azure's required subnet names", () => {
    const platform = read("platform");
    const vnets = ofType(platform, "azure-native:network:VirtualNetwork").filter((v) => v.name.startsWith("hub"));
    expect(vnets.map((v) => v.inputs.location).sort()).toEqual(["norwayeast", "norwaywest"]);
    const primary = vnets.find((v) => v.inputs.location === "norwayeast")!;
    const subnetNames = (primary.inputs.subnets as Array<{ name: string }>).map((s) => s.name);
    expect(subnetNames).toEqual(expect.arrayContaining(["GatewaySubnet", "AzureFirewallSubnet", "AzureBastionSubnet"]));
    expect(primary.inputs.addressSpace).toEqual({ addressPrefixes: ["10.95.0.0/22"] });
  });

  it("gives every ordinary subnet an NSG and none to Azure-managed subnets", () => {
    for (const stack of ["platform", "senja", "alta"]) {
      for (const vnet of ofType(read(stack), "azure-native:network:VirtualNetwork")) {
        for (const subnet of vnet.inputs.subnets as Array<{ name: string; networkSecurityGroup?: { id: string } }>) {
          const managed = ["GatewaySubnet", "AzureFirewallSubnet", "AzureBastionSubnet"].includes(subnet.name);
          expect({ subnet: subnet.name, nsg: Boolean(subnet.networkSecurityGroup?.id) }).toEqual({ subnet: subnet.name, nsg: !managed });
        }
      }
    }
  });

  it("places each spoke at its allocated address space with one subnet per subscribed zone", () => {
    const subnetsOf = (stack: string) => {
      const [vnet] = ofType(read(stack), "azure-native:network:VirtualNetwork");
      return { space: vnet.inputs.addressSpace, subnets: (vnet.inputs.subnets as Array<{ name: string; addressPrefix: string }>).map((s) => `${s.name} ${s.addressPrefix}`) };
    };
    expect(subnetsOf("alta")).toEqual({
      space: { addressPrefixes: ["10.96.202.0/23"] },
      subnets: ["snet-grunnmur-alta-prod-noe-general 10.96.202.0/24", "snet-grunnmur-alta-prod-noe-exam 10.96.203.64/26", "snet-grunnmur-alta-prod-noe-endpoints 10.96.203.128/27"],
    });
    // Bardu subscribes to neither the secure nor the exam zone.
    expect(subnetsOf("bardu").subnets.map((s) => s.split(" ")[0])).toEqual(["snet-grunnmur-bardu-prod-noe-general", "snet-grunnmur-bardu-prod-noe-endpoints"]);
  });

  it("returns Azure-shaped ids that flow between resources", () => {
    const senja = read("senja");
    for (const resource of senja.resources.filter((r) => r.type.startsWith("azure-native:"))) expect(resource.id).toMatch(ARM_ID);
    const [vnet] = ofType(senja, "azure-native:network:VirtualNetwork");
    const nsgIds = ofType(senja, "azure-native:network:NetworkSecurityGroup").map((n) => n.id);
    const used = (vnet.inputs.subnets as Array<{ networkSecurityGroup: { id: string } }>).map((s) => s.networkSecurityGroup.id);
    expect(used.sort()).toEqual(nsgIds.sort());
  });

  it("feeds the platform outputs to tenants through the StackReference", () => {
    expect(read("senja").outputs.hubVnetId).toBe(read("platform").outputs.hubVnetId);
    expect(String(read("senja").outputs.hubVnetId)).toMatch(/virtualNetworks\/vnet-grunnmur-hub-prod-noe$/);
  });

  it("records options: parents, dependencies and ignored changes, without azure-native's API-version aliases", () => {
    const senja = read("senja");
    const [vnet] = ofType(senja, "azure-native:network:VirtualNetwork");
    expect(vnet.parent).toMatch(/grunnmur:network:VirtualNetwork::spoke$/);
    expect(vnet.options.ignoreChanges).toEqual(["virtualNetworkPeerings"]);
    expect(vnet.options.dependsOn.some((urn) => urn.endsWith("ResourceGroup::rg-network"))).toBe(true);
    expect(senja.resources.flatMap((r) => r.options.aliases)).toEqual([]);
  });

  it("tags every taggable Azure resource with tenant, service, cost centre and environment", () => {
    const taggable = ["resources:ResourceGroup", "network:VirtualNetwork", "network:NetworkSecurityGroup", "network:RouteTable", "storage:StorageAccount", "network:PrivateEndpoint"];
    const alta = read("alta").resources;
    for (const type of taggable) expect({ type, count: alta.filter((r) => r.type === `azure-native:${type}`).length }).not.toEqual({ type, count: 0 });
    for (const resource of alta.filter((r) => taggable.includes(r.type.replace("azure-native:", "")) || r.inputs.tags !== undefined)) {
      expect(resource.inputs.tags).toMatchObject({
        "grunnmur:tenant": "alta",
        "grunnmur:cost-centre": "1310-DIGI",
        "grunnmur:environment": "prod",
        "grunnmur:service": expect.any(String),
      });
    }
  });
});

describe("preview failures", () => {
  it("reports a failing tenant by name and keeps the other tenants' results", async () => {
    const load = loadRegion({ tenantsDir: DEFAULT_TENANTS_DIR, platformFile: DEFAULT_PLATFORM_FILE });
    const region = load.region!;
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-fail-"));
    const [a, b] = region.tenants;
    try {
      const platform = await runInWorker(
        { kind: "platform", stack: "platform", input: { platform: region.platform, tenants: region.tenants, secretMode: "placeholder" }, outFile: path.join(outDir, "platform.json") },
        60_000,
      );
      const good = platform.outputs!;
      const results = await runPool(
        [
          { kind: "tenant", stack: a.spec.slug, input: { platform: region.platform, tenant: a, platformStackName: "org/grunnmur/platform", secretMode: "placeholder", today: "2026-12-02" }, platformOutputs: good, outFile: path.join(outDir, "a.json") },
          // A platform without its outputs: the tenant's StackReference.requireOutput fails.
          { kind: "tenant", stack: b.spec.slug, input: { platform: region.platform, tenant: b, platformStackName: "org/grunnmur/platform", secretMode: "placeholder", today: "2026-12-02" }, platformOutputs: {}, outFile: path.join(outDir, "b.json") },
        ],
        { concurrency: 2, timeoutMs: 60_000 },
      );
      expect(results[0]).toMatchObject({ stack: a.spec.slug, ok: true });
      expect(results[1]).toMatchObject({ stack: b.spec.slug, ok: false });
      expect(results[1].error).toMatch(/Required output '\w+' does not exist on stack 'org\/grunnmur\/platform'/);
      expect(fs.existsSync(path.join(outDir, "a.json"))).toBe(true);
      expect(fs.existsSync(path.join(outDir, "b.json"))).toBe(false);
    } finally {
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  });
});
