/**
 * Subscription vending needs both sides: the tenant file asks
 * (azure.subscription.create) and the platform team approves in platform.yaml
 * (governance.subscriptionVending.vend). Either alone fails validation.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { copyExampleRegion } from "../helpers/region-fixture";
import { loadRegion } from "../../tenants/validation/load-region";
import { formatDiagnostic } from "../../tenants/validation/diagnostic";

const VENDING = "  subscriptionVending:\n    billingScope: /providers/Microsoft.Billing/billingAccounts/1234/enrollmentAccounts/5678\n    vend: [APPROVED]\n";

function validate(request: boolean, approved: string | undefined): string[] {
  const fixture = copyExampleRegion();
  try {
    if (approved !== undefined) {
      const text = fs.readFileSync(fixture.platformFile, "utf8");
      if (!/^governance:\n/m.test(text)) throw new Error("the example platform has no governance section");
      fs.writeFileSync(fixture.platformFile, text.replace(/^governance:\n/m, `governance:\n${VENDING.replace("APPROVED", approved)}`));
    }
    if (request) {
      const file = path.join(fixture.tenantsDir, "gamvik.yaml");
      fs.writeFileSync(file, `${fs.readFileSync(file, "utf8")}\nazure:\n  subscription:\n    create: true\n`);
    }
    const load = loadRegion({ tenantsDir: fixture.tenantsDir, platformFile: fixture.platformFile });
    return load.diagnostics.map(formatDiagnostic);
  } finally {
    fixture.remove();
  }
}

describe("subscription vending: a tenant asks, the platform team approves", () => {
  it.each([
    ["asked and approved", true, "gamvik", []],
    ["neither", false, undefined, []],
  ])("passes when %s", (_what, request, approved, expected) => {
    expect(validate(request, approved)).toEqual(expected);
  });

  it("fails a request the platform team has not approved, naming the file, the field and how to approve", () => {
    const [finding, ...rest] = validate(true, undefined);
    expect(rest).toEqual([]);
    expect(finding).toMatch(/gamvik\.yaml:\d+:\d+ azure\.subscription\.create: asks for a subscription of its own, which the platform team has not approved/);
    expect(finding).toMatch(/governance\.subscriptionVending/);
  });

  it("fails a request approved for another tenant", () => {
    const findings = validate(true, "senja");
    expect(findings.some((f) => /gamvik\.yaml.*not approved/.test(f))).toBe(true);
    expect(findings.some((f) => /platform\.yaml.*approves a subscription for senja, whose tenant file does not ask for one/.test(f))).toBe(true);
  });
});
