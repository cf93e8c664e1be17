/**
 * Acceptance: the example region passes the pack offline, and a reviewer who
 * edits a tenant's captured resources into something unsafe is told, by
 * `grunnmur check --resources`, what each edit broke.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "../helpers/cli";
import { copyExampleRegion } from "../helpers/region-fixture";
import { find, OWNER_ROLE, resource, safePlatformResources, safeTenantResources, WORKSPACE_ID } from "../helpers/policy-fixtures";
import { MOCK_SUBSCRIPTION_ID } from "../../scripts/preview/arm-ids";
import type { CheckedResource, CheckedStack } from "../../scripts/preview/preview-file";

type StackJson = CheckedStack & { policy?: { summary: { mandatory: number; advisory: number } } };

describe("policy checks of the example region", () => {
  let outDir: string;
  let preview: { code: number; stdout: string; stderr: string };
  const read = (stack: string): StackJson => JSON.parse(fs.readFileSync(path.join(outDir, `${stack}.json`), "utf8"));
  const write = (name: string, stack: StackJson) => {
    const file = path.join(outDir, name);
    fs.writeFileSync(file, JSON.stringify(stack, null, 2));
    return file;
  };
  const ofType = (stack: StackJson, type: string) => stack.resources.filter((r) => r.type === type) as CheckedResource[];

  /**
   * senja as previewed, plus what a tenant with storage has once the tenant
   * program creates it (safe, from the fixtures) where the preview has none yet.
   */
  function senjaWithStorage(): StackJson {
    const senja = read("senja");
    const resources = [...senja.resources] as CheckedResource[];
    if (ofType(senja, "azure-native:storage:StorageAccount").length === 0) {
      const safe = safeTenantResources("senja");
      resources.push(...["files", "files-blob", "files-file", "share-felles", "files-diagnostics"].map((name) => safe.find((r) => r.name === name)!));
    }
    return { ...senja, resources, outputs: { logAnalyticsWorkspaceId: WORKSPACE_ID, ...senja.outputs } };
  }

  beforeAll(async () => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-policy-"));
    preview = await runCli(["preview", "--out", outDir]);
  });
  afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

  it("grunnmur preview reports no mandatory violation and writes each stack's report into its file", () => {
    expect(preview.stderr).toBe("");
    expect(preview.code).toBe(0);
    expect(preview.stdout).toMatch(/Policy check: 10 stacks, 0 mandatory, \d+ advisory, 0 waived/);
    expect(preview.stdout).toContain("Region preflight: 19 rules over all stacks, 0 findings; tightest limit: public IP addresses in subscription 00000000-0000-4000-8000-000000000000 in norwayeast, 5 of 10 (50%)");
    expect(preview.stdout).toContain("  peerings on vnet-grunnmur-hub-prod-noe: 11 of 500");
    for (const stack of ["platform", "senja", "alta", "bardu"]) {
      expect(read(stack).policy?.summary.mandatory).toBe(0);
    }
  });

  it("grunnmur check passes senja's resources with storage set up safely", async () => {
    const run = await runCli(["check", "--resources", write("senja-safe.json", senjaWithStorage())]);
    expect(run.stdout).toMatch(/Policy check senja: (no violations|0 mandatory)/);
    expect(run.code).toBe(0);
  });

  it("grunnmur check fails senja's resources after seven unsafe edits and names each", async () => {
    const stack = senjaWithStorage();
    const resources = stack.resources as CheckedResource[];
    const account = ofType(stack, "azure-native:storage:StorageAccount")[0];
    const accountName = String(account.inputs.accountName);
    const nsg = ofType(stack, "azure-native:network:NetworkSecurityGroup")[0];
    const vnet = ofType(stack, "azure-native:network:VirtualNetwork")[0];
    const altaVnet = ofType(read("alta"), "azure-native:network:VirtualNetwork")[0];
    const subscription = `/subscriptions/${MOCK_SUBSCRIPTION_ID}`;

    // 1. public blobs, 7. not protected
    Object.assign(account, { inputs: { ...account.inputs, allowBlobPublicAccess: true }, options: { ...account.options, protect: false } });
    // 2. RDP from anywhere
    const rdp = { name: "allow-rdp-anywhere", priority: 300, direction: "Inbound", access: "Allow", protocol: "Tcp", sourceAddressPrefix: "*", sourcePortRange: "*", destinationAddressPrefix: "*", destinationPortRange: "3389" };
    Object.assign(nsg, { inputs: { ...nsg.inputs, securityRules: [...((nsg.inputs.securityRules as unknown[]) ?? []), rdp] } });
    // 6. a resource outside Norway
    Object.assign(vnet, { inputs: { ...vnet.inputs, location: "westeurope" } });
    const vault = find({ stack: "platform", resources: safePlatformResources(), outputs: {} }, "backup");
    resources.push(
      // 3. a peering to another tenant's network
      resource("senja", "azure-native:network:VirtualNetworkPeering", "spoke-to-alta", {
        resourceGroupName: vnet.inputs.resourceGroupName,
        virtualNetworkName: vnet.inputs.virtualNetworkName,
        virtualNetworkPeeringName: "peer-senja-to-alta",
        remoteVirtualNetwork: { id: altaVnet.id },
      }),
      // 4. Owner on the subscription
      resource("senja", "azure-native:authorization:RoleAssignment", "owner-on-subscription", { scope: subscription, principalId: "x", principalType: "Group", roleDefinitionId: OWNER_ROLE }),
      // 5. a backup vault whose backups can be changed
      resource(
        "senja",
        "azure-native:recoveryservices:Vault",
        "backup",
        { ...vault.inputs, vaultName: "rsv-grunnmur-senja", properties: { ...(vault.inputs.properties as object), securitySettings: { immutabilitySettings: { state: "Disabled" } } } },
        { protect: true, retainOnDelete: true },
      ),
    );

    const run = await runCli(["check", "--resources", write("senja-unsafe.json", { ...stack, resources })]);
    expect(run.code).toBe(1);
    for (const message of [
      `storage account ${accountName}: allowBlobPublicAccess is true; set it to false (CIS 9.3.8)`,
      `network security group ${String(nsg.inputs.networkSecurityGroupName)}: rule allow-rdp-anywhere allows inbound TCP port 3389 (RDP, CIS 7.1) from "*"`,
      `virtual network peering peer-senja-to-alta: remoteVirtualNetwork.id is "${altaVnet.id}"; a spoke peers with the hub vnet-grunnmur-hub-prod-noe only, never with another tenant's network (NSM 2.2.3; NSM 2.5.1)`,
      `role assignment owner-on-subscription: assigns Owner at subscription scope "${subscription}"`,
      'Recovery Services vault rsv-grunnmur-senja: properties.securitySettings.immutabilitySettings.state is "Disabled"; set it to "Locked" (Azure Policy d6f6f560)',
      `virtual network ${String(vnet.inputs.virtualNetworkName)}: location is "westeurope"; set it to "norwayeast" ("norwaywest" only for disaster-recovery copies) (Archive Act; Digdir guidance)`,
      `storage account ${accountName}: options.protect is false; set it to true (grunnmur baseline DL-01)`,
    ]) {
      expect(run.stdout).toContain(message);
    }
    expect(run.stdout).toMatch(/^Policy check senja: \d+ mandatory/m);
  });
});

describe("preflight in grunnmur check", () => {
  it("fails a preview file edited into a storage account name with capitals, with exit 1 and the rule's finding", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-preflight-"));
    const account = resource("senja", "azure-native:storage:StorageAccount", "files", { ...find({ stack: "senja", resources: safeTenantResources("senja"), outputs: {} }, "files").inputs, accountName: "StGrunnmurSenja" });
    const stack = { stack: "senja", resources: [account], outputs: {} };
    const file = path.join(dir, "senja.json");
    fs.writeFileSync(file, JSON.stringify(stack, null, 2));
    const run = await runCli(["check", "--resources", file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/mandatory\s+PF-02\s+name-storage-account\s+files\s+storage account StGrunnmurSenja: accountName is "StGrunnmurSenja"; Azure allows 3-24 lower-case letters and digits \(https:\/\/learn\.microsoft\.com\/azure\/azure-resource-manager\/management\/resource-name-rules#microsoftstorage\)/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("grunnmur check", () => {
  it("lists every policy with its enforcement level in --help", async () => {
    const run = await runCli(["check", "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/ST-03\s+storage-no-public-blob-access\s+mandatory/);
    expect(run.stdout).toMatch(/TG-01\s+tags-cost-allocation\s+advisory/);
    expect(run.stdout).toMatch(/PF-02\s+name-storage-account\s+mandatory/);
  });

  it("asks for --resources when it is missing", async () => {
    const run = await runCli(["check"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--resources FILE.json is required");
  });

  it("explains a file it cannot read as a stack", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-bad-")), "bad.json");
    fs.writeFileSync(file, JSON.stringify({ stack: "senja", resources: [{ type: "azure-native:storage:StorageAccount" }] }));
    const run = await runCli(["check", "--resources", file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${file} resources[0].name:`);
  });
});

describe("grunnmur check --policy-config", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-config-"));
  const write = (name: string, data: unknown) => {
    fs.writeFileSync(path.join(dir, name), JSON.stringify(data));
    return path.join(dir, name);
  };
  // A hand-written list: one network security group without the cost centre tag (TG-01, advisory).
  const untagged = write("untagged.json", {
    stack: "senja",
    resources: [{ type: "azure-native:network:NetworkSecurityGroup", name: "nsg", inputs: { networkSecurityGroupName: "nsg-test", location: "norwayeast", securityRules: [], tags: { "grunnmur:tenant": "senja", "grunnmur:service": "network", "grunnmur:environment": "prod" } } }],
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("passes an advisory finding by default", async () => {
    expect((await runCli(["check", "--resources", untagged])).code).toBe(0);
  });

  it("fails it when the configuration makes the policy mandatory", async () => {
    const run = await runCli(["check", "--resources", untagged, "--policy-config", write("strict.json", { "tags-cost-allocation": "mandatory" })]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^mandatory\s+TG-01\s+tags-cost-allocation\s+nsg\s+network security group nsg-test: tags lack "grunnmur:cost-centre"/m);
  });

  it("rejects a configuration that names no policy of the pack", async () => {
    const run = await runCli(["check", "--resources", untagged, "--policy-config", write("typo.json", { "tags-cost-alocation": "mandatory" })]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('"tags-cost-alocation" is not a policy of the pack');
  });
});

describe("grunnmur preview with an expired waiver", () => {
  it("prints the mandatory violation and exits 1", async () => {
    const region = copyExampleRegion();
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-waiver-"));
    try {
      const file = path.join(region.tenantsDir, "bardu.yaml");
      fs.appendFileSync(
        file,
        ["waivers:", "  - policy: network-subnet-has-nsg", "    resource: spoke", "    reason: The old file server subnet moves in the spring migration", "    granted: 2019-06-03", "    expires: 2020-01-31", ""].join("\n"),
      );
      const run = await runCli(["preview", "--only", "bardu", "--out", outDir, "--tenants", region.tenantsDir, "--platform", region.platformFile]);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain("waiver-not-expired");
      expect(run.stdout).toContain(`waivers[0] (network-subnet-has-nsg on spoke) expired on 2020-01-31`);
      expect(run.stdout).toMatch(/mandatory violations in bardu/);
    } finally {
      region.remove();
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  });
});

describe("grunnmur preview with a platform limit the region goes over", () => {
  it("prints the region preflight finding as a mandatory row and exits 1", async () => {
    const region = copyExampleRegion();
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-limits-"));
    try {
      fs.appendFileSync(region.platformFile, "\nlimits:\n  peerings: 9\n");
      const run = await runCli(["preview", "--out", outDir, "--tenants", region.tenantsDir, "--platform", region.platformFile]);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/mandatory\s+PF-33\s+peerings-per-virtual-network\s+platform\s+hub\s+peerings on vnet-grunnmur-hub-prod-noe: 11 \(/);
      expect(run.stdout).toContain("Region preflight: 19 rules over all stacks, 1 finding; tightest limit: peerings on vnet-grunnmur-hub-prod-noe, 11 of 9 (122%)");
      // Recorded with the platform's other violations, so the PR report shows it; no other stack gets it.
      const platform = JSON.parse(fs.readFileSync(path.join(outDir, "platform.json"), "utf8"));
      expect(platform.policy.violations.filter((v: { rule: string }) => v.rule === "PF-33")).toEqual([
        expect.objectContaining({ policy: "peerings-per-virtual-network", enforcement: "mandatory", resource: "hub", message: expect.stringContaining("peerings on vnet-grunnmur-hub-prod-noe: 11") }),
      ]);
      expect(platform.policy.summary.mandatory).toBe(1);
      const bardu = JSON.parse(fs.readFileSync(path.join(outDir, "bardu.json"), "utf8"));
      expect(bardu.policy.violations.map((v: { rule: string }) => v.rule)).not.toContain("PF-33");
    } finally {
      region.remove();
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  });

  it("does not run the region preflight over part of the region", async () => {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-limits-only-"));
    try {
      const run = await runCli(["preview", "--only", "bardu", "--out", outDir]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("Region preflight: not run; it counts over every stack, and --only or --changed-since previews part of the region.");
    } finally {
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  });
});
