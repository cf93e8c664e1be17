/**
 * Members' VMs as the tenant stack gives them to Azure (docs/workloads.md),
 * previewed offline: every default of the design for Windows and Linux, what
 * each state makes, and that reordering or renaming replaces nothing.
 */
import { basePlatform, baseTenant, makeRegion, type FixtureRegion, type Json } from "../helpers/region-fixture";
import { ofType, only, previewFiles, type PreviewedRegion, type Resource } from "../helpers/preview-fixture";
import type { StackPreview } from "../../scripts/preview/preview-file";

const SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeWorkloadKeyForTestsOnly0000 platform-break-glass";
const WINDOWS_REF = { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2022-datacenter-azure-edition", version: "latest" };

function platform(): Json {
  const p = basePlatform() as any;
  p.workloads = { sizes: ["Standard_B2s", "Standard_D2s_v5"], linuxAdminSshPublicKey: SSH_KEY };
  p.prices.items["vm-d2s-v5"] = { description: "VM D2s v5", unit: "hour", nok: 1 };
  return p;
}

const windowsVm = (over: Json = {}): Json => ({
  size: "Standard_D2s_v5",
  image: "windows-server-2022",
  dataDisks: { arkiv: { lun: 0, sizeGb: 512 }, logg: { lun: 1, sizeGb: 64, sku: "StandardSSD_LRS" } },
  patchWindow: { day: "Sunday", start: "02:00" },
  backupTier: "standard",
  state: "running",
  ...over,
});
const linuxVm = (over: Json = {}): Json => ({ size: "Standard_B2s", image: "ubuntu-24.04", patchWindow: { day: "Saturday", start: "23:00", hours: 2 }, backupTier: "standard", state: "migrating", ...over });

function tenant(systems: Json): Json {
  return { ...baseTenant("tana", "5628", 1), systems };
}
const system = (vms: Json): Json => ({ name: "System", vendor: "Vendor", runsOn: "local-datacentre", hosting: { zone: "general", vms } });

async function preview(systems: Json): Promise<{ region: FixtureRegion; previewed: PreviewedRegion; stack: StackPreview }> {
  const region = makeRegion({ tana: tenant(systems) }, platform());
  const previewed = await previewFiles(region.tenantsDir, region.platformFile);
  return { region, previewed, stack: previewed.read("tana") };
}

const named = (p: StackPreview, type: string, name: string): Resource => only(p.resources.filter((r) => r.type === type && r.name === name), `${type} ${name}`);
const VM = "azure-native:compute:VirtualMachine";
const ITEM = "azure-native:recoveryservices:ProtectedItem";
/** URNs of the workload resources; the parent chain is part of each. */
const workloadUrns = (p: StackPreview) => p.resources.filter((r) => r.urn.includes("grunnmur:compute:WorkloadVm")).map((r) => r.urn).sort();

describe("workload VMs", () => {
  let first: Awaited<ReturnType<typeof preview>>;
  let reordered: Awaited<ReturnType<typeof preview>>;
  let changed: Awaited<ReturnType<typeof preview>>;
  beforeAll(async () => {
    first = await preview({
      arkiv: system({ app: windowsVm(), next: windowsVm({ state: "planned" }) }),
      gis: system({ web: linuxVm() }),
    });
    // The same VMs, systems and VMs in the other order.
    reordered = await preview({
      gis: system({ web: linuxVm() }),
      arkiv: system({ next: windowsVm({ state: "planned" }), app: windowsVm({ dataDisks: { logg: { lun: 1, sizeGb: 64, sku: "StandardSSD_LRS" }, arkiv: { lun: 0, sizeGb: 512 } } }) }),
    });
    // app renamed to server; web retired.
    changed = await preview({
      arkiv: system({ server: windowsVm({ renamedFrom: "app" }), next: windowsVm({ state: "planned" }) }),
      gis: system({ web: linuxVm({ state: "retired" }) }),
    });
  }, 180_000);
  afterAll(() => {
    for (const p of [first, reordered, changed]) {
      p?.previewed.remove();
      p?.region.remove();
    }
  });

  it("gives a Windows VM every default of the design", () => {
    const vm = named(first.stack, VM, "arkiv-app");
    const nic = named(first.stack, "azure-native:network:NetworkInterface", "arkiv-app-nic");
    expect(vm.inputs).toMatchObject({
      resourceGroupName: "rg-grunnmur-tana-workloads-prod-noe",
      vmName: "vm-tana-arkiv-app",
      hardwareProfile: { vmSize: "Standard_D2s_v5" },
      storageProfile: {
        imageReference: WINDOWS_REF,
        osDisk: { createOption: "FromImage", diskSizeGB: 128, managedDisk: { storageAccountType: "Premium_LRS" } },
        dataDisks: [
          { lun: 0, diskSizeGB: 512, createOption: "Empty", managedDisk: { storageAccountType: "Premium_LRS" } },
          { lun: 1, diskSizeGB: 64, createOption: "Empty", managedDisk: { storageAccountType: "StandardSSD_LRS" } },
        ],
      },
      securityProfile: { encryptionAtHost: true, securityType: "TrustedLaunch", uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } },
      identity: { type: "SystemAssigned" },
      networkProfile: { networkInterfaces: [{ id: nic.id, primary: true }] },
      diagnosticsProfile: { bootDiagnostics: { enabled: true } },
      tags: { "grunnmur:tenant": "tana", "grunnmur:service": "workloads", "grunnmur:system": "arkiv", "grunnmur:zone": "general" },
    });
    expect((vm.inputs.diagnosticsProfile as any).bootDiagnostics.storageUri).toBeUndefined();
    const configs = nic.inputs.ipConfigurations as Json[];
    expect(configs).toHaveLength(1);
    expect(configs[0].subnet).toEqual({ id: expect.stringMatching(/\/subnets\/snet-grunnmur-tana-prod-noe-general$/) });
    expect(configs[0].publicIPAddress).toBeUndefined();
  });

  it("keeps the Windows admin password a secret, in the platform Key Vault", () => {
    const vm = named(first.stack, VM, "arkiv-app");
    // The SDK lifts a secret to the top-level input that holds it: all of osProfile is secret in state and previews.
    expect(vm.inputs.osProfile).toBe("[secret]");
    expect(JSON.stringify(first.stack)).not.toContain("offlinexx");
    const secret = named(first.stack, "azure-native:keyvault:Secret", "arkiv-app-admin-password");
    expect(secret.inputs).toMatchObject({ secretName: "generated-vmadmin-tana-arkiv-app", resourceGroupName: "rg-grunnmur-shared-prod-noe", properties: "[secret]" });
  });

  it("gives a Linux VM key-only SSH with the platform's break-glass key and no password", () => {
    const vm = named(first.stack, VM, "gis-web");
    expect(vm.inputs.osProfile).toMatchObject({
      linuxConfiguration: {
        disablePasswordAuthentication: true,
        ssh: { publicKeys: [{ keyData: SSH_KEY }] },
        patchSettings: { patchMode: "AutomaticByPlatform", automaticByPlatformSettings: { bypassPlatformSafetyChecksOnUserSchedule: true } },
      },
    });
    expect((vm.inputs.osProfile as Json).adminPassword).toBeUndefined();
    expect(vm.inputs.storageProfile).toMatchObject({ imageReference: { publisher: "Canonical", offer: "ubuntu-24_04-lts", sku: "server" } });
  });

  it("gives each VM Entra ID sign-in, the monitoring agent, the platform's data collection rule and its patch window", () => {
    const types = (name: string) =>
      ofType(first.stack, "azure-native:compute:VirtualMachineExtension").filter((e) => e.name.startsWith(name)).map((e) => [e.inputs.publisher, e.inputs.type, e.inputs.enableAutomaticUpgrade ?? false]);
    expect(types("arkiv-app")).toEqual(expect.arrayContaining([["Microsoft.Azure.ActiveDirectory", "AADLoginForWindows", false], ["Microsoft.Azure.Monitor", "AzureMonitorWindowsAgent", true]]));
    expect(types("gis-web")).toEqual(expect.arrayContaining([["Microsoft.Azure.ActiveDirectory", "AADSSHLoginForLinux", false], ["Microsoft.Azure.Monitor", "AzureMonitorLinuxAgent", true]]));
    const platformDcr = only(ofType(first.previewed.read("platform"), "azure-native:monitor:DataCollectionRule"), "data collection rule");
    const vm = named(first.stack, VM, "arkiv-app");
    expect(named(first.stack, "azure-native:monitor:DataCollectionRuleAssociation", "arkiv-app-dcr").inputs).toMatchObject({ resourceUri: vm.id, dataCollectionRuleId: platformDcr.id });
    const config = named(first.stack, "azure-native:maintenance:MaintenanceConfiguration", "arkiv-app-patch-window");
    expect(config.inputs).toMatchObject({
      maintenanceScope: "InGuestPatch",
      timeZone: "W. Europe Standard Time",
      recurEvery: "1Week Sunday",
      duration: "03:00",
      startDateTime: expect.stringMatching(/^\d{4}-\d{2}-\d{2} 02:00$/),
      installPatches: { rebootSetting: "IfRequired", windowsParameters: { classificationsToInclude: expect.arrayContaining(["Critical", "Security"]) } },
    });
    expect(config.options.ignoreChanges).toContain("startDateTime");
    expect(named(first.stack, "azure-native:maintenance:ConfigurationAssignment", "arkiv-app-patch-assignment").inputs).toMatchObject({
      providerName: "Microsoft.Compute",
      resourceType: "virtualMachines",
      resourceName: "vm-tana-arkiv-app",
      maintenanceConfigurationId: config.id,
    });
  });

  it("protects each VM under its tier's VM policy in the platform vault, kept when removed from code", () => {
    const platformStack = first.previewed.read("platform");
    const item = named(first.stack, ITEM, "arkiv-app-backup");
    expect(item.inputs).toMatchObject({
      fabricName: "Azure",
      containerName: "iaasvmcontainer;iaasvmcontainerv2;rg-grunnmur-tana-workloads-prod-noe;vm-tana-arkiv-app",
      protectedItemName: "vm;iaasvmcontainerv2;rg-grunnmur-tana-workloads-prod-noe;vm-tana-arkiv-app",
      vaultName: platformStack.outputs.recoveryVaultName,
      properties: { protectedItemType: "Microsoft.Compute/virtualMachines", sourceResourceId: named(first.stack, VM, "arkiv-app").id, policyId: (platformStack.outputs.backupPolicyIds as any).standard.vms },
    });
    expect(item.options).toMatchObject({ protect: true, retainOnDelete: true });
  });

  it("creates nothing for a planned VM", () => {
    expect(first.stack.resources.filter((r) => r.name.startsWith("arkiv-next"))).toEqual([]);
  });

  it("changes no URN when systems, VMs or disks are reordered", () => {
    expect(workloadUrns(reordered.stack)).toEqual(workloadUrns(first.stack));
    expect(named(reordered.stack, VM, "arkiv-app").inputs).toEqual(named(first.stack, VM, "arkiv-app").inputs);
  });

  it("gives a renamed VM an alias from its old name and the same Azure resources", () => {
    const component = only(changed.stack.resources.filter((r) => r.type === "grunnmur:compute:WorkloadVm" && r.name === "arkiv-server"), "renamed component");
    expect(component.options.aliases).toContainEqual(expect.objectContaining({ name: "arkiv-app" }));
    const before = first.stack.resources.filter((r) => r.name.startsWith("arkiv-app"));
    const after = changed.stack.resources.filter((r) => r.name.startsWith("arkiv-server"));
    // Each child keeps its suffix after the component's name, so the engine's inherited alias finds its old URN.
    expect(after.map((r) => `${r.type} ${r.name.replace("arkiv-server", "arkiv-app")}`).sort()).toEqual(before.map((r) => `${r.type} ${r.name}`).sort());
    for (const r of after) {
      const old = before.find((b) => b.type === r.type && b.name === r.name.replace("arkiv-server", "arkiv-app"))!;
      expect({ name: r.name, inputs: r.inputs }).toEqual({ name: r.name, inputs: old.inputs });
    }
  });

  it("removes a retired VM but keeps its protected item, with protection stopped", () => {
    expect(changed.stack.resources.filter((r) => r.name.startsWith("gis-web") && r.type !== ITEM && r.type !== "grunnmur:compute:WorkloadVm")).toEqual([]);
    const before = named(first.stack, ITEM, "gis-web-backup");
    const after = named(changed.stack, ITEM, "gis-web-backup");
    expect(after.urn).toBe(before.urn);
    expect(after.inputs).toMatchObject({ containerName: before.inputs.containerName, protectedItemName: before.inputs.protectedItemName });
    expect(after.inputs.properties).toEqual({ protectedItemType: "Microsoft.Compute/virtualMachines", sourceResourceId: named(first.stack, VM, "gis-web").id, protectionState: "ProtectionStopped" });
    expect(after.options).toMatchObject({ protect: true, retainOnDelete: true });
  });
});
