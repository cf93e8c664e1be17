/** The report's offboarding wording: the leaving tenant first, retained resources as still billed, the real reason for a block. */
import { leavingNotices } from "../../scripts/commands/report";
import { diffStack } from "../../scripts/report/diff";
import { renderReport, summary, type RegionCost } from "../../scripts/report/markdown";
import { retainedMonthly } from "../../scripts/report/cost";
import type { CostReport } from "../../domain/cost/estimate";
import type { StackPreview } from "../../scripts/preview/preview-file";

type Resource = StackPreview["resources"][number];

function resource(name: string, type: string, inputs: Record<string, unknown>, options: { protect?: boolean; retainOnDelete?: boolean } = {}): Resource {
  return {
    urn: `urn:pulumi:gamvik::grunnmur::${type}::${name}`,
    type,
    name,
    custom: true,
    parent: null,
    id: null,
    inputs,
    options: { protect: options.protect ?? false, retainOnDelete: options.retainOnDelete ?? false, dependsOn: [], ignoreChanges: [], replaceOnChanges: [], deleteBeforeReplace: false, aliases: [] },
  };
}
const stack = (resources: Resource[], outputs: Record<string, unknown> = {}): StackPreview => ({ stack: "gamvik", generatedBy: "test", resources, outputs });

const account = resource("storage", "azure-native:storage:StorageAccount", { accountName: "stgamvik" }, { protect: true, retainOnDelete: true });
const vault = resource("backup-vault", "azure-native:recoveryservices:Vault", { vaultName: "rsv-gamvik" }, { protect: true, retainOnDelete: true });
const nsg = resource("spoke-general", "azure-native:network:NetworkSecurityGroup", { networkSecurityGroupName: "nsg-gamvik-general", securityRules: [] });
const leaving = { leaving: true, offboarding: { since: "2026-01-15", approved: "2026-02-01", dataExportedTo: "Gamvik kommune's own file server" } };
const TODAY = { today: "2026-11-23" };

describe("offboarding in the pull-request report", () => {
  it("announces a leaving tenant at the top, before the blocking lines and the summary table", () => {
    const before = stack([account]);
    const after = stack([account, nsg], leaving);
    const diffs = [diffStack("gamvik", before, after, TODAY)];
    const text = summary({ diffs, extras: new Map(), leaving: leavingNotices(new Map([["gamvik", before]]), new Map([["gamvik", after]])) });
    const lines = text.split("\n");
    expect(lines[2]).toBe(
      "> **Offboarding: gamvik is marked as leaving by this change** (leaving on 2026-01-15, approved 2026-02-01, data exported to Gamvik kommune's own file server). It takes no new resources; its storage and backups are retained (still billed) when its stack goes.",
    );
    expect(text.indexOf("Offboarding: gamvik")).toBeLessThan(text.indexOf("Blocking:"));
    expect(text.indexOf("Blocking:")).toBeLessThan(text.indexOf("| Stacks changed"));
  });

  it("says a tenant leaving on main leaves when its stack goes, and names no tenant that is not leaving", () => {
    const notices = leavingNotices(new Map([["gamvik", stack([account], leaving)], ["alta", stack([])]]), new Map([["alta", stack([])]]));
    expect(notices).toEqual([{ stack: "gamvik", since: "2026-01-15", approved: "2026-02-01", dataExportedTo: "Gamvik kommune's own file server", onMain: true, stackRemoved: true }]);
    const text = summary({ diffs: [], extras: new Map(), leaving: notices });
    expect(text).toContain("> **Offboarding: gamvik is leaving the platform** (leaving on 2026-01-15");
    expect(text).toContain("This change removes its stack; its retained storage and backups stay in Azure, still billed, until deleted by hand.");
  });

  it("lists retained storage and backups as retained (still billed), not as removed with a saving", () => {
    const before = stack([account, vault, nsg], leaving);
    const diffs = [diffStack("gamvik", before, undefined, TODAY)];
    expect(diffs[0].changes.map((c) => [c.kind, c.name, c.retained, c.blocking])).toEqual([
      ["removed", "spoke-general", false, undefined],
      ["removed", "backup-vault", true, undefined],
      ["removed", "storage", true, undefined],
    ]);
    // The baseline's prices of the three: only the network security group's cost goes away.
    const lines = [
      { stack: "gamvik", resource: "storage", type: account.type, monthlyNok: 300 },
      { stack: "gamvik", resource: "backup-vault", type: vault.type, monthlyNok: 200 },
      { stack: "gamvik", resource: "spoke-general", type: nsg.type, monthlyNok: 10 },
    ];
    const retained = retainedMonthly({ lines } as unknown as CostReport, diffs).get("gamvik");
    expect(retained).toBe(500);
    const cost: RegionCost = { before: 10_510, after: 10_000, retained: 500, municipalities: [] };
    const text = renderReport({ diffs, extras: new Map([["gamvik", { costBefore: 510, costAfter: 500, violations: [] }]]), cost });
    expect(text).toContain("| Resources | 0 added, 0 changed, 0 replaced, 1 removed, 2 retained (still billed) |");
    expect(text).toContain("| retained (still billed) | storage | storage:StorageAccount | removed from the stack, kept in Azure (retainOnDelete): still billed until deleted by hand |");
    expect(text).toContain("| retained (still billed) | backup-vault | recoveryservices:Vault |");
    expect(text).toContain("| removed | spoke-general | network:NetworkSecurityGroup |");
    expect(text).toContain("of what it removes, NOK 500 a month is retained (still billed) until deleted by hand, so the bill changes by −NOK 10 |");
    expect(text).toContain("<b>gamvik</b>: removed, 0 added, 0 changed, 0 replaced, 1 removed, 2 retained (still billed), cost −NOK 10/month");
  });

  it("names the real reason in the blocking headline: a leaving tenant takes no new resources", () => {
    const diffs = [diffStack("gamvik", stack([account], leaving), stack([account, nsg], leaving), TODAY)];
    const text = summary({ diffs, extras: new Map() });
    expect(text).toContain("> **Blocking: 1 change: a leaving tenant takes no new resources.** Add nothing to a tenant marked as leaving; each line says what.");
    expect(text).not.toContain("mark gamvik as leaving");
    expect(text).not.toContain("would lose data");
  });

  it("names data loss in the headline only when data would be lost, and each reason once", () => {
    const before = stack([account]);
    const diffs = [diffStack("gamvik", before, stack([nsg], leaving), TODAY)];
    const text = summary({ diffs, extras: new Map() });
    expect(text).toContain("> **Blocking: 2 changes: would delete data; a leaving tenant takes no new resources.**");
  });

  it("tells a change that marks the tenant as leaving and removes its data at once to merge the marking first", () => {
    const diff = diffStack("gamvik", stack([account]), stack([], leaving), TODAY);
    expect(diff.changes[0].blocking).toBe(
      "storage (storage:StorageAccount) would be deleted although it is protected; gamvik is marked as leaving by this change, but not yet on main; merge the marking first, then remove its resources in a later pull request",
    );
  });
});
