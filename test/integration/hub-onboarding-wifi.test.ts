/**
 * Onboarding a municipality WITH eduroam on another hub: Hasvik (5616) on hub
 * finnmark, with an access point and an LDAP backend whose bind password is a
 * Pulumi config secret (set on the hub's stack, which copies it into Key Vault). Its RADIUS part reaches
 * the core's servers in hub finnmark's bundle (domain/eduroam/delivery.ts,
 * hubRadiusDelivery), which the hub's stack writes into the platform Key Vault
 * and grants the servers' reads on; the platform's RADIUS servers receive
 * exactly what they received before. Whole previews before and after show it,
 * and the report shows the bundle's change as file diffs.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { gunzipSync } from "node:zlib";
import { runCli } from "../helpers/cli";
import { ofType, previewFiles, type PreviewedRegion, type Resource } from "../helpers/preview-fixture";
import { copyExampleRegion, type FixtureRegion } from "../helpers/region-fixture";
import { diffRegion } from "../../scripts/report/diff";
import type { StackPreview } from "../../scripts/preview/preview-file";
import { hasvikFromGamvik, readPreviewDir as readDir, withFinnmarkHub } from "../helpers/finnmark-region";

const BUNDLE_SECRET = "radius-bundle-hub-finnmark";

/** A second hub for Finnmark, and Hasvik's domain registered beforehand, as the platform team does before its file comes. */
const platformWithHub = (yaml: string) =>
  withFinnmarkHub(yaml).replace("  gamvik: [gamvik.kommune.no]\n", "  gamvik: [gamvik.kommune.no]\n  hasvik: [hasvik.kommune.no]\n");

/** Gamvik's file, made Hasvik's, with Wi-Fi: an access point at its site and its directory over LDAPS. */
const hasvik = (gamvik: string) =>
  `${hasvikFromGamvik(gamvik).replace(/^services: \[storage, backup\]$/m, "services: [storage, backup, wifi]")}wifi:
  realm: hasvik.kommune.no
  vlan: 140
  accessPoints:
    breivikbotn-wlc:
      address: 192.168.61.10
  userBackend:
    kind: ldap
    server: ldaps.hasvik.kommune.no
    baseDn: OU=Users,DC=hasvik,DC=kommune,DC=no
    bindDn: CN=svc-radius,OU=Service,DC=hasvik,DC=kommune,DC=no
    bindPassword: { pulumiConfig: hasvikLdapBind }
`;


const radiusVms = (platform: StackPreview) => ofType(platform, "azure-native:compute:VirtualMachine").filter((r) => /^radius-\d+$/.test(r.name));
const serverInputs = (vm: Resource) => ({ name: vm.name, userData: vm.inputs.userData, customData: (vm.inputs.osProfile as { customData?: unknown }).customData });
const bundleSecret = (hub: StackPreview) => ofType(hub, "azure-native:keyvault:Secret").find((r) => r.name === BUNDLE_SECRET);
const bundleFiles = (secret: Resource | undefined): Record<string, string> =>
  JSON.parse(gunzipSync(Buffer.from(String((secret!.inputs.properties as { value: string }).value), "base64")).toString("utf8")).files;
const scopeOf = (r: Resource) => String(r.inputs.scope ?? "");
const readsOn = (stack: StackPreview, secretName: string) => ofType(stack, "azure-native:authorization:RoleAssignment").filter((r) => scopeOf(r).endsWith(`/secrets/${secretName}`));

describe("onboarding a municipality with eduroam on another hub", () => {
  let base: FixtureRegion;
  let changed: FixtureRegion;
  let before: PreviewedRegion;
  let after: PreviewedRegion;
  beforeAll(async () => {
    base = copyExampleRegion();
    changed = copyExampleRegion();
    for (const r of [base, changed]) fs.writeFileSync(r.platformFile, platformWithHub(fs.readFileSync(r.platformFile, "utf8")));
    fs.writeFileSync(path.join(changed.tenantsDir, "hasvik.yaml"), hasvik(fs.readFileSync(path.join(changed.tenantsDir, "gamvik.yaml"), "utf8")));
    before = await previewFiles(base.tenantsDir, base.platformFile);
    after = await previewFiles(changed.tenantsDir, changed.platformFile);
  }, 600_000);
  afterAll(() => {
    for (const r of [before, after]) r?.remove();
    for (const r of [base, changed]) r?.remove();
  });

  it("gives the platform's RADIUS servers exactly the userData and customData they had, and changes no platform output", () => {
    const [was, is] = [before, after].map((r) => radiusVms(r.read("platform")).map(serverInputs));
    expect(is).toHaveLength(2);
    expect(is).toEqual(was);
    expect(after.read("platform").outputs).toEqual(before.read("platform").outputs);
  });

  it("replaces a RADIUS server when its bootstrap changes, which Azure cannot change in place", () => {
    for (const vm of radiusVms(after.read("platform"))) {
      expect({ name: vm.name, replaceOnChanges: vm.options.replaceOnChanges, deleteBeforeReplace: vm.options.deleteBeforeReplace }).toEqual({ name: vm.name, replaceOnChanges: ["osProfile.customData"], deleteBeforeReplace: true });
    }
  });

  it("changes only its hub's stack and its own: the core's return routes to its access points' sites are the hub stack's", () => {
    const diffs = diffRegion(readDir(before.outDir), readDir(after.outDir)).filter((d) => d.status !== "unchanged");
    expect(diffs.map((d) => d.stack)).toEqual(["hub-finnmark", "hasvik"]);
    expect(after.read("platform").resources).toEqual(before.read("platform").resources);
    // The return route to its site, in the core's RADIUS route table, through the hub's firewall.
    const routes = after.read("hub-finnmark").resources.filter((r) => r.type === "azure-native:network:Route" && r.name.startsWith("hasvik-"));
    expect(routes.map((r) => [r.inputs.routeTableName, r.inputs.addressPrefix])).toEqual([[after.read("platform").outputs.radiusRouteTableName, "192.168.61.0/24"]]);
  });

  it("puts its files in hub finnmark's bundle, which the hub's stack writes into the platform Key Vault", () => {
    const hub = after.read("hub-finnmark");
    const secret = bundleSecret(hub)!;
    expect(secret.inputs.secretName).toBe(BUNDLE_SECRET);
    expect(secret.inputs.vaultName).toBe(after.read("platform").outputs.keyVaultName);
    const added = Object.keys(bundleFiles(secret)).filter((p) => !(p in bundleFiles(bundleSecret(before.read("hub-finnmark")))));
    expect(added).toEqual(["clients.d/hasvik.conf", "inner-tunnel.d/authenticate/hasvik", "inner-tunnel.d/authorize/hasvik", "mods-enabled/tenant_hasvik", "realms.d/hasvik.conf"]);
    expect(bundleSecret(after.read("platform"))).toBeUndefined();
  });

  it("grants the servers' reads on its secrets and on the bundle in the hub's stack, and none in the platform's", () => {
    const hub = after.read("hub-finnmark");
    for (const name of ["generated-radius-hasvik-breivikbotn-wlc", "pulumi-config-hasvikLdapBind", BUNDLE_SECRET]) {
      expect({ name, reads: readsOn(hub, name).length }).toEqual({ name, reads: 2 });
      expect({ name, reads: readsOn(after.read("platform"), name).length }).toEqual({ name, reads: 0 });
    }
    const secretNames = (stack: StackPreview) => ofType(stack, "azure-native:keyvault:Secret").map((s) => s.inputs.secretName);
    expect(secretNames(hub)).toEqual(expect.arrayContaining(["generated-radius-hasvik-breivikbotn-wlc", "pulumi-config-hasvikLdapBind"]));
    // The bind password is copied from the hub stack's config, masked in the preview like every secret value.
    const copy = ofType(hub, "azure-native:keyvault:Secret").find((s) => s.inputs.secretName === "pulumi-config-hasvikLdapBind")!;
    expect(copy.inputs.properties).toBe("[secret]");
    expect(secretNames(after.read("platform")).filter((name) => String(name).includes("hasvik"))).toEqual([]);
  });

  it("shows the change of the hub's bundle in the report as a diff of the generated files", async () => {
    const report = await runCli([
      "report", "--baseline", before.outDir, "--current", after.outDir,
      "--tenants", changed.tenantsDir, "--platform", changed.platformFile,
      "--baseline-tenants", base.tenantsDir, "--baseline-platform", base.platformFile,
    ]);
    expect(report.code).toBe(0);
    expect(report.stdout).toContain(`RADIUS configuration of ${BUNDLE_SECRET}: 5 generated files changed`);
    expect(report.stdout).toContain("+++ b/realms.d/hasvik.conf");
    expect(report.stdout).not.toMatch(/RADIUS configuration of radius-\d/);
  });
});
