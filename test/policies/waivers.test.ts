import { loadCommandRegion } from "../../scripts/region";
import { createPolicies } from "../../policies/pack";
import { checkStack } from "../../scripts/check/run-policies";
import { withWaivers } from "../../policies/waivers";
import { regionEnvironment } from "../../policies/core/environment";
import { TODAY } from "../helpers/policy-cases";
import { tenantStack, withInputs } from "../helpers/policy-fixtures";
import { baseTenant, basePlatform, makeRegion, type Json } from "../helpers/region-fixture";
import { senjaFile } from "./cases/backup";

const publicBlobs = () => withInputs(tenantStack(), "files", { allowBlobPublicAccess: true });
const MESSAGE = "storage account stgrunnmursenjaprod: allowBlobPublicAccess is true; set it to false (CIS 9.3.8)";
const waiver = (expires: string, resource = "files") => ({
  policy: "storage-no-public-blob-access",
  resource,
  reason: "The public web archive must serve files anonymously until the new portal launches",
  granted: "2026-03-01",
  expires,
});

/** senja's file with these waivers (and no backup, so no restore-test finding). */
const senjaWaivers = (...waivers: ReturnType<typeof waiver>[]) => senjaFile({ backup: false, waivers });

describe("waivers", () => {
  it("move a violation of the named policy on the named resource to the waived list, with its reason", async () => {
    const env = senjaWaivers(waiver("2027-01-31"));
    const report = await checkStack(publicBlobs(), { policies: createPolicies(env), env });
    expect(report.violations).toEqual([]);
    expect(report.waived).toEqual([
      expect.objectContaining({
        policy: "storage-no-public-blob-access",
        resource: "files",
        message: MESSAGE,
        waiver: { reason: waiver("").reason, expires: "2027-01-31", file: "tenants/senja.yaml" },
      }),
    ]);
  });

  it("may name the resource by its URN", async () => {
    const env = senjaWaivers(waiver("2027-01-31", "urn:pulumi:senja::grunnmur::azure-native:storage:StorageAccount::files"));
    expect((await checkStack(publicBlobs(), { policies: createPolicies(env), env })).summary).toMatchObject({ mandatory: 0, waived: 1 });
  });

  it("waive nothing for another resource", async () => {
    const env = senjaWaivers(waiver("2027-01-31", "other-account"));
    const report = await checkStack(publicBlobs(), { policies: createPolicies(env), env });
    expect(report.violations.map((v) => v.message)).toEqual([MESSAGE]);
  });

  it("waive nothing once expired, and fail the check themselves", async () => {
    const env = senjaWaivers(waiver("2026-11-01"));
    const report = await checkStack(publicBlobs(), { policies: createPolicies(env), env });
    expect(report.violations.map((v) => [v.enforcement, v.policy])).toEqual([
      ["mandatory", "storage-no-public-blob-access"],
      ["mandatory", "waiver-not-expired"],
    ]);
  });

  it("hide the waived violation from Pulumi when the pack runs inside pulumi preview", async () => {
    const env = senjaWaivers(waiver("2027-01-31"));
    const wrapped = withWaivers(createPolicies(env), env);
    // Run without the offline runner's own waiver handling: what Pulumi would be told.
    const report = await checkStack(publicBlobs(), { policies: wrapped, env: { today: TODAY, stackFile: () => undefined } });
    expect(report.violations).toEqual([]);
    const unwaived = await checkStack(publicBlobs(), { policies: withWaivers(createPolicies(env), senjaWaivers()), env: { today: TODAY, stackFile: () => undefined } });
    expect(unwaived.violations.map((v) => v.message)).toEqual([MESSAGE]);
  });
});

describe("waivers in tenant and platform files", () => {
  function load(edit: (senja: Json, platform: Json) => void) {
    const senja = baseTenant("senja", "5530", 1);
    const platform = basePlatform();
    edit(senja, platform);
    const region = makeRegion({ senja }, platform);
    try {
      return loadCommandRegion({ tenantsDir: region.tenantsDir, platformFile: region.platformFile });
    } finally {
      region.remove();
    }
  }

  it("are read into the policy environment of their stack", () => {
    const result = load((senja, platform) => {
      senja.waivers = [waiver("2027-01-31")];
      platform.waivers = [{ ...waiver("2027-02-28", "bastion-ip"), policy: "network-no-public-ip-in-tenant" }];
    });
    expect(result.diagnostics).toEqual([]);
    const env = regionEnvironment(result.region!, TODAY);
    expect(env.stackFile("senja")?.waivers).toEqual([waiver("2027-01-31")]);
    expect(env.stackFile("platform")?.waivers.map((w) => w.resource)).toEqual(["bastion-ip"]);
  });

  it("must name a policy of the pack, with a suggestion for a misspelt one", () => {
    const result = load((senja) => {
      senja.waivers = [{ ...waiver("2027-01-31"), policy: "storage-no-public-blob-acess" }];
    });
    expect(result.diagnostics.map((d) => `${d.path.join(".")}: ${d.message}`)).toEqual([
      'waivers.0.policy: "storage-no-public-blob-acess" is not a policy of the pack; did you mean "storage-no-public-blob-access"? the names are listed by "npx grunnmur check --help" and in policies/README.md',
    ]);
  });

  it("in the platform file must name a policy of the pack too", () => {
    const result = load((_senja, platform) => {
      platform.waivers = [{ ...waiver("2027-02-28", "bastion-ip"), policy: "network-no-publicip-in-tenant" }];
    });
    expect(result.diagnostics.map((d) => `${d.file} ${d.path.join(".")}`)).toEqual([expect.stringMatching(/platform\.yaml waivers\.0\.policy$/)]);
    expect(result.diagnostics[0].message).toMatch(/^"network-no-publicip-in-tenant" is not a policy of the pack; did you mean "network-no-public-ip-in-tenant"\?/);
  });

  it("must give a reason and an expiry date", () => {
    const result = load((senja) => {
      senja.waivers = [{ policy: "storage-no-public-blob-access", resource: "files", reason: "because", granted: "2026-03-01", expires: "soon" }];
    });
    expect(result.diagnostics.map((d) => `${d.path.join(".")}: ${d.message}`).sort()).toEqual([
      "waivers.0.expires: must be a date written as YYYY-MM-DD",
      "waivers.0.reason: must explain in a sentence why the policy does not fit here and what limits the risk",
    ]);
  });
});
