/**
 * A municipality with its own subscription and a waiver on a hub other than
 * the primary: its hub's stack places the subscription in the management
 * groups, turns Defender on there and makes the waiver's exemptions, so
 * onboarding it changes that hub's stack and its own, not the platform's. A municipality of the primary hub with its own
 * subscription (Nordreisa) is still placed by the platform.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { previewFiles, type PreviewedRegion } from "../helpers/preview-fixture";
import { copyExampleRegion, type FixtureRegion } from "../helpers/region-fixture";
import { violationsOf } from "../helpers/policy-cases";
import { diffRegion } from "../../scripts/report/diff";
import type { StackPreview } from "../../scripts/preview/preview-file";
import { hasvikFromGamvik, readPreviewDir as readDir, withFinnmarkHub } from "../helpers/finnmark-region";

const HASVIK_SUBSCRIPTION = "00000000-0000-4000-8000-000000005616";

/** Gamvik's file, made Hasvik's, with a subscription of its own and a waiver. */
const hasvik = (gamvik: string) =>
  hasvikFromGamvik(gamvik) +
  `\nazure:\n  subscriptionId: "${HASVIK_SUBSCRIPTION}"\n` +
  "\nwaivers:\n  - policy: storage-no-shared-key-access\n    resource: files\n    reason: The archive system's vendor needs this until its upgrade in spring; traffic stays inside the spoke.\n    granted: 2026-11-01\n    expires: 2027-06-30\n";

describe("a municipality with its own subscription on another hub", () => {
  let base: FixtureRegion;
  let changed: FixtureRegion;
  let before: PreviewedRegion;
  let after: PreviewedRegion;
  beforeAll(async () => {
    base = copyExampleRegion();
    changed = copyExampleRegion();
    for (const r of [base, changed]) fs.writeFileSync(r.platformFile, withFinnmarkHub(fs.readFileSync(r.platformFile, "utf8")));
    const gamvik = fs.readFileSync(path.join(changed.tenantsDir, "gamvik.yaml"), "utf8");
    expect(gamvik).not.toMatch(/^azure:/m);
    fs.writeFileSync(path.join(changed.tenantsDir, "hasvik.yaml"), hasvik(gamvik));
    // The regional team registers the subscription in the same pull request (platform.yaml subscriptions).
    const platformYaml = fs.readFileSync(changed.platformFile, "utf8");
    fs.writeFileSync(changed.platformFile, platformYaml.replace("subscriptions:\n", `subscriptions:\n  hasvik: "${HASVIK_SUBSCRIPTION}"\n`));
    expect(fs.readFileSync(changed.platformFile, "utf8")).toContain(`hasvik: "${HASVIK_SUBSCRIPTION}"`);
    before = await previewFiles(base.tenantsDir, base.platformFile);
    after = await previewFiles(changed.tenantsDir, changed.platformFile);
  }, 600_000);
  afterAll(() => {
    for (const r of [before, after]) r?.remove();
    for (const r of [base, changed]) r?.remove();
  });

  const of = (stack: StackPreview, type: string) => stack.resources.filter((r) => r.type === `azure-native:${type}`);

  it("changes only its hub's stack and its own", () => {
    const changedStacks = diffRegion(readDir(before.outDir), readDir(after.outDir)).filter((d) => d.status !== "unchanged").map((d) => d.stack);
    expect(changedStacks).toEqual(["hub-finnmark", "hasvik"]);
    expect(after.read("platform").outputs).toEqual(before.read("platform").outputs);
  });

  it("is placed in the municipalities' group and has Defender on, by its hub's stack, under its attachment", () => {
    const hub = after.read("hub-finnmark");
    const placements = of(hub, "management:ManagementGroupSubscription");
    expect(placements.map((p) => [p.name, p.inputs.groupId, p.options.retainOnDelete])).toEqual([["subscription-hasvik-place", "tromso-grunnmur-municipalities", true]]);
    const component = hub.resources.find((r) => r.type === "grunnmur:governance:SubscriptionGovernance");
    expect(component?.urn).toContain("grunnmur:network:TenantAttachment$grunnmur:governance:SubscriptionGovernance::subscription-hasvik");
    expect(placements[0].urn).toContain("grunnmur:governance:SubscriptionGovernance$");
    // Written in its subscription, through a provider of it.
    const provider = hub.resources.find((r) => r.type === "pulumi:providers:azure-native" && r.name === "subscription-hasvik-provider");
    expect(provider?.inputs.subscriptionId).toBe(HASVIK_SUBSCRIPTION);
    const pricings = of(hub, "security:Pricing");
    expect(pricings.length).toBeGreaterThan(0);
    expect(pricings.every((p) => String(p.inputs.scopeId) === `subscriptions/${HASVIK_SUBSCRIPTION}`)).toBe(true);
    // As many plans as the platform turns on in its own subscription.
    const platformPricings = of(after.read("platform"), "security:Pricing").filter((p) => String(p.name).startsWith("defender-platform-"));
    expect(pricings.map((p) => p.inputs.pricingName).sort()).toEqual(platformPricings.map((p) => p.inputs.pricingName).sort());
    expect(of(hub, "security:SecurityContact")).toHaveLength(1);
    // No continuous export here: the tenant stack exports its own subscription's findings.
    expect(of(hub, "security:Automation")).toEqual([]);
  });

  it("exempts its waiver on its resource groups in its own subscription, from its hub's stack", () => {
    const exemptions = of(after.read("hub-finnmark"), "authorization:PolicyExemption");
    expect(exemptions.length).toBeGreaterThan(0);
    expect(exemptions.every((e) => String(e.inputs.scope).startsWith(`/subscriptions/${HASVIK_SUBSCRIPTION}/resourceGroups/rg-grunnmur-hasvik-`))).toBe(true);
    // Its own subscription holds its vault's group (backup) too.
    expect(exemptions.some((e) => String(e.inputs.scope).includes("rg-grunnmur-hasvik-backup-"))).toBe(true);
    expect(of(after.read("platform"), "authorization:PolicyExemption").some((e) => String(e.inputs.scope).includes("hasvik"))).toBe(false);
  });

  it("leaves the platform placing its own, the primary hub's municipalities' and not this one", () => {
    const platform = after.read("platform");
    const placed = of(platform, "management:ManagementGroupSubscription").map((p) => p.name).sort();
    expect(placed).toContain("management-groups-place-nordreisa");
    expect(placed).not.toContain("management-groups-place-hasvik");
    expect(platform.resources.some((r) => r.name === "governance-hasvik")).toBe(false);
  });

  it("passes the policy pack in its hub's stack with no mandatory finding", async () => {
    const mandatory = (await violationsOf(after.read("hub-finnmark"))).filter((v) => v.enforcement === "mandatory");
    expect(mandatory.map((v) => `${v.policy}: ${v.message}`)).toEqual([]);
  });
});
