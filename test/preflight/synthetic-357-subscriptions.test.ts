/**
 * The 357-municipality synthetic region (`npm run synth -- --size 357`): every
 * hub has a shared tenant subscription, and the scale plan read from its files
 * (domain/preflight/scale-region.ts) fits every limit, role assignments per
 * subscription well under Azure's 4,000.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { tenantSubscriptionOf } from "../../domain/azure/tenant-subscription";
import { hubOf } from "../../domain/network/hub-placement";
import { effectiveLimits } from "../../domain/preflight/limits";
import { roleAssignmentsPerSubscription, scaleFindings, scaleUsage, tenantRoleAssignments } from "../../domain/preflight/scale-plan";
import { scaleRegionOf } from "../../domain/preflight/scale-region";
import { hubTenantSubscriptionId, writeSyntheticRegion } from "../../scripts/bench/synthetic-region";
import type { Region } from "../../tenants/region";
import { DEFAULT_PLATFORM_FILE } from "../../tenants/paths";
import { loadRegion } from "../../tenants/validation/load-region";

const limits = effectiveLimits();
const FACTS = { platformSubscription: "platform", platformRoleAssignments: 200, privateDnsZones: 8, fixedRuleGroupsPerPolicy: 2, serviceRoutesPerHub: 2 };

function synthetic(count: number): { region: Region; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `grunnmur-synth-${count}-`));
  const { tenantsDir, platformFile } = writeSyntheticRegion(dir, count, DEFAULT_PLATFORM_FILE);
  const load = loadRegion({ tenantsDir, platformFile });
  if (!load.region) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`synthetic region of ${count} invalid: ${load.diagnostics.slice(0, 3).map((d) => `${d.file} ${d.path.join(".")}: ${d.message}`).join("; ")}`);
  }
  return { region: load.region, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

describe("the 357-municipality synthetic region's subscriptions", () => {
  let r357: Region;
  let r356: Region;
  const cleanup: Array<() => void> = [];
  beforeAll(() => {
    const a = synthetic(357);
    // 357 is every municipality there is: N+1 is the 357th joining a region of 356.
    const b = synthetic(356);
    cleanup.push(a.remove, b.remove);
    r357 = a.region;
    r356 = b.region;
  }, 60_000);
  afterAll(() => cleanup.forEach((f) => f()));

  it("puts every municipality in its hub's shared subscription, none in the platform's", () => {
    const hubs = ["main", ...Object.keys(r357.platform.network.hubs ?? {}).sort()];
    expect(hubs).toHaveLength(9);
    expect(r357.platform.network.hub.tenantSubscriptionId).toBe(hubTenantSubscriptionId(0));
    const subs = r357.tenants.map((t) => tenantSubscriptionOf(r357.platform, t.spec));
    expect(subs.every((s) => s !== undefined)).toBe(true);
    expect(new Set(subs).size).toBe(9);
    for (const t of r357.tenants) {
      const hub = hubOf(r357.platform, t.spec);
      const expected = hub === "main" ? r357.platform.network.hub.tenantSubscriptionId : r357.platform.network.hubs![hub].tenantSubscriptionId;
      expect(tenantSubscriptionOf(r357.platform, t.spec)).toBe(expected);
    }
  });

  it("fits every limit of the scale plan, with role assignments per subscription well under 4,000", () => {
    const plan = scaleRegionOf(r357.platform, r357.tenants.map((t) => t.spec), FACTS);
    const usage = scaleUsage(plan, limits);
    expect(scaleFindings(usage)).toEqual([]);
    const roles = roleAssignmentsPerSubscription(plan, limits);
    // The platform's own and one per hub.
    expect(roles).toHaveLength(10);
    const busiest = Math.max(...roles.map((u) => u.used));
    expect(limits.roleAssignments.value).toBe(4000);
    // No hub serves more than 50 municipalities, each with ten assignments.
    expect(busiest).toBeLessThanOrEqual(50 * tenantRoleAssignments(true));
    expect(roles.reduce((n, u) => n + u.used, 0)).toBe(200 + 357 * tenantRoleAssignments(true));
  });

  it("changes nobody's subscription when municipality 357 joins", () => {
    const before = new Map(r356.tenants.map((t) => [t.spec.slug, tenantSubscriptionOf(r356.platform, t.spec)]));
    const after = new Map(r357.tenants.map((t) => [t.spec.slug, tenantSubscriptionOf(r357.platform, t.spec)]));
    expect(before.size).toBe(356);
    const moved = [...before].filter(([slug, sub]) => after.get(slug) !== sub).map(([slug]) => slug);
    expect(moved).toEqual([]);
  });
});
