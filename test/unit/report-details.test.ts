/** What the report shows of a change: an added resource's Azure name and key inputs, a RADIUS configuration as a diff of its files. */
import { diffStack } from "../../scripts/report/diff";
import { renderReport } from "../../scripts/report/markdown";
import { azureName, keyInputs, MAX_RULES_SHOWN } from "../../scripts/report/resource-summary";
import { treeDiff, unifiedDiff } from "../../scripts/report/file-diff";
import { bundleFromUserData, radiusBundle, userDataFromBundle } from "../../domain/eduroam/user-data";
import type { StackPreview } from "../../scripts/preview/preview-file";

type Resource = StackPreview["resources"][number];

function resource(name: string, type: string, inputs: Record<string, unknown>): Resource {
  return { urn: `urn:pulumi:platform::grunnmur::${type}::${name}`, type, name, custom: true, parent: null, id: null, inputs, options: { protect: false, retainOnDelete: false, dependsOn: [], ignoreChanges: [], replaceOnChanges: [], deleteBeforeReplace: false, aliases: [] } };
}
const stack = (resources: Resource[]): StackPreview => ({ stack: "platform", generatedBy: "test", resources, outputs: {} });

describe("an added resource's Azure name and key inputs", () => {
  it.each([
    ["azure-native:storage:StorageAccount", { accountName: "stsenja01", resourceGroupName: "rg-x" }, "stsenja01"],
    ["azure-native:storage:FileShare", { accountName: "stsenja01", shareName: "skole", resourceGroupName: "rg-x" }, "skole"],
    ["azure-native:network:FirewallPolicyRuleCollectionGroup", { firewallPolicyName: "afwp-x", ruleCollectionGroupName: "rcg-senja", resourceGroupName: "rg-x" }, "rcg-senja"],
    ["azure-native:resources:ResourceGroup", { resourceGroupName: "rg-senja-data" }, "rg-senja-data"],
    ["azure-native:network:Subnet", { virtualNetworkName: "vnet-x", subnetName: "snet-general", resourceGroupName: "rg-x" }, "snet-general"],
  ])("names a %s by its own name input, not its parents'", (type, inputs, name) => {
    expect(azureName({ type, inputs })).toBe(name);
  });

  it("gives a spoke's address space, an NSG's rules and a VM's size", () => {
    expect(keyInputs({ type: "azure-native:network:VirtualNetwork", inputs: { addressSpace: { addressPrefixes: ["10.96.60.0/23"] } } })).toEqual(["address space: 10.96.60.0/23"]);
    const rule = { name: "allow-https", priority: 100, access: "Allow", direction: "Inbound", protocol: "Tcp", sourceAddressPrefix: "10.96.60.0/24", destinationAddressPrefix: "*", destinationPortRange: "443" };
    expect(keyInputs({ type: "azure-native:network:NetworkSecurityGroup", inputs: { securityRules: [rule] } })).toEqual(["security rules: 1 rule: allow-https 100 Allow Inbound Tcp 10.96.60.0/24 → *:443"]);
    const many = Array.from({ length: MAX_RULES_SHOWN + 2 }, (_, i) => ({ ...rule, name: `r${i}` }));
    expect(keyInputs({ type: "azure-native:network:NetworkSecurityGroup", inputs: { securityRules: many } })[0]).toMatch(new RegExp(`^security rules: ${MAX_RULES_SHOWN + 2} rules: r0 .*; and 2 more$`));
    expect(keyInputs({ type: "azure-native:compute:VirtualMachine", inputs: { hardwareProfile: { vmSize: "Standard_D4s_v5" }, storageProfile: { dataDisks: [{ diskSizeGB: 512 }] } } })).toEqual(["size: Standard_D4s_v5", "data disks: 512 GB"]);
  });

  it("gives a firewall rule group's collections and rules", () => {
    const inputs = {
      ruleCollections: [{ name: "senja-web", priority: 300, action: { type: "Allow" }, rules: [{ name: "web", ruleType: "NetworkRule", sourceAddresses: ["10.96.60.0/24"], destinationAddresses: ["*"], destinationPorts: ["80", "443"] }] }],
    };
    expect(keyInputs({ type: "azure-native:network:FirewallPolicyRuleCollectionGroup", inputs })).toEqual(["rule collection senja-web (Allow, priority 300): 1 rule: web: 10.96.60.0/24 → *:80,443"]);
  });

  it("shows them in the report's row of an added resource", () => {
    const vnet = resource("spoke", "azure-native:network:VirtualNetwork", { virtualNetworkName: "vnet-grunnmur-senja-prod-noe", addressSpace: { addressPrefixes: ["10.96.60.0/23"] } });
    const text = renderReport({ diffs: [diffStack("platform", stack([]), stack([vnet]))], extras: new Map() });
    expect(text).toContain("| added | spoke | network:VirtualNetwork | Azure name `vnet-grunnmur-senja-prod-noe`<br/>address space: 10.96.60.0/23 |");
  });
});

describe("a RADIUS configuration change as a diff of the generated files", () => {
  const tree = (clients: string) => ({ "clients.conf": clients, "mods-enabled/eap": "eap {\n  default_eap_type = peap\n}\n" });
  const userData = (clients: string) => userDataFromBundle(radiusBundle(tree(clients), "kv-grunnmur", {}));

  it("reads a userData back into the files it was made from", () => {
    const bundle = bundleFromUserData(userData("client ap-1 {\n  ipaddr = 10.96.60.10\n}\n"));
    expect(bundle?.files).toEqual(tree("client ap-1 {\n  ipaddr = 10.96.60.10\n}\n"));
    expect(bundle?.keyVault).toBe("kv-grunnmur");
    expect(bundleFromUserData("bm90IGEgYnVuZGxl")).toBeUndefined();
  });

  it("diffs files line by line with context", () => {
    expect(unifiedDiff("a.conf", "one\ntwo\nthree\n", "one\nTWO\nthree\n")).toBe(["--- a/a.conf", "+++ b/a.conf", "@@ -1,3 +1,3 @@", " one", "-two", "+TWO", " three"].join("\n"));
    expect(unifiedDiff("a.conf", "same\n", "same\n")).toBe("");
    expect(unifiedDiff("new.conf", undefined, "x\n")).toBe(["--- /dev/null", "+++ b/new.conf", "@@ -0,0 +1,1 @@", "+x"].join("\n"));
    expect(treeDiff({ a: "1\n", b: "2\n" }, { a: "1\n", b: "3\n", c: "4\n" }).map((d) => d.file)).toEqual(["b", "c"]);
  });

  it("shows a changed userData as the changed FreeRADIUS file, not base64", () => {
    const before = resource("radius-1", "azure-native:compute:VirtualMachine", { userData: userData("client ap-1 {\n  ipaddr = 10.96.60.10\n}\n") });
    const after = { ...before, inputs: { userData: userData("client ap-1 {\n  ipaddr = 10.96.60.10\n}\nclient ap-2 {\n  ipaddr = 10.96.60.11\n}\n") } };
    const text = renderReport({ diffs: [diffStack("platform", stack([before]), stack([after]))], extras: new Map() });
    expect(text).toContain("| changed | radius-1 | compute:VirtualMachine | `userData`: the RADIUS configuration, see its diff below |");
    expect(text).toContain("RADIUS configuration of radius-1: 1 generated file changed (clients.conf)");
    expect(text).toContain(["```diff", "--- a/clients.conf", "+++ b/clients.conf", "@@ -1,3 +1,6 @@", " client ap-1 {", "   ipaddr = 10.96.60.10", " }", "+client ap-2 {", "+  ipaddr = 10.96.60.11", "+}", "```"].join("\n"));
    expect(text).not.toContain(String(after.inputs.userData).slice(0, 40));
  });
});
