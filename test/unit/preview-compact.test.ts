/** `grunnmur preview`'s compact output: one line per stack, each finding once with its stacks, progress on long runs. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { compactTable, findingCounts, groupedFindings, previousUrns, progressReporter, PROGRESS_FROM } from "../../scripts/commands/preview";
import type { PreviewResult } from "../../scripts/preview/job";
import { writePreviewFile, type PolicyReport, type Violation } from "../../scripts/preview/preview-file";

const result = (stack: string, resourceCount: number, ok = true): PreviewResult => ({ stack, ok, resourceCount, typeCounts: { "azure-native:network:VirtualNetwork": 1, "azure-native:storage:StorageAccount": 2 }, durationMs: 100, peakRssMb: 50 });

const restoreTest = (stack: string): Violation => ({
  policy: "backup-restore-tested",
  rule: "BK-07",
  enforcement: "advisory",
  resource: stack,
  urn: `urn:pulumi:${stack}::grunnmur::pulumi:pulumi:Stack::grunnmur-${stack}`,
  message: `tenants/${stack}.yaml: backup.lastRestoreTest is not set; restore a sample of this municipality's data, check it, and record the date (NSM 2.9.3)`,
} as Violation);

function report(violations: Violation[]): PolicyReport {
  const mandatory = violations.filter((v) => v.enforcement === "mandatory").length;
  return { violations, waived: [], summary: { mandatory, advisory: violations.length - mandatory, waived: 0, policies: 40, resources: 50 } };
}

const SLUGS = ["alta", "bardu", "gamvik", "kafjord", "kvaenangen", "nordreisa", "senja", "skjervoy", "storfjord"];

describe("the compact preview", () => {
  it("prints one line per stack with its resources, adds and findings, and no resource types", () => {
    const rows = [
      { result: result("platform", 264), adds: 0, report: report([]) },
      ...SLUGS.map((s, i) => ({ result: result(s, 54 + i), adds: i === 0 ? undefined : i, report: report([restoreTest(s)]) })),
      { result: result("broken", 0, false) },
    ];
    const lines = compactTable(rows).split("\n");
    // Header, rule, then exactly one line per stack.
    expect(lines).toHaveLength(2 + rows.length);
    expect(lines[0]).toMatch(/^stack\s+status\s+resources\s+adds\s+findings$/);
    expect(lines[2]).toMatch(/^platform\s+ok\s+264\s+0\s+none$/);
    expect(lines[3]).toMatch(/^alta\s+ok\s+54\s+all \(first preview here\)\s+1 advisory$/);
    expect(lines[4]).toMatch(/^bardu\s+ok\s+55\s+1\s+1 advisory$/);
    expect(lines[lines.length - 1]).toMatch(/^broken\s+FAILED\s+0\s+—\s+—$/);
    expect(lines.join("\n")).not.toContain("VirtualNetwork");
  });

  it("counts a stack's findings by enforcement", () => {
    expect(findingCounts(report([]))).toBe("none");
    expect(findingCounts({ ...report([]), summary: { mandatory: 2, advisory: 0, waived: 1, policies: 1, resources: 1 } })).toBe("2 mandatory, 1 waived");
    expect(findingCounts(undefined)).toBe("not checked");
  });

  it("groups a finding nine stacks share into one, with the list of stacks", () => {
    const reports = SLUGS.map((stack) => ({ stack, report: report([restoreTest(stack)]) }));
    const text = groupedFindings(reports);
    expect(text.split("\n")).toEqual([
      "Policy findings (1 distinct; each once, with the stacks it is in; <stack> stands for each stack's own name):",
      `  advisory BK-07 backup-restore-tested, <stack> (9 stacks: ${SLUGS.join(", ")})`,
      "    tenants/<stack>.yaml: backup.lastRestoreTest is not set; restore a sample of this municipality's data, check it, and record the date (NSM 2.9.3)",
    ]);
  });

  it("keeps different findings apart, mandatory first, and a finding of one stack with its own name", () => {
    const open = { ...restoreTest("senja"), policy: "storage-no-public-access", rule: "ST-01", enforcement: "mandatory", resource: "stgrunnmursenja", message: "storage account stgrunnmursenja: allowBlobPublicAccess is true; set it to false (CIS 9.3.8)" } as Violation;
    const text = groupedFindings([
      { stack: "senja", report: report([restoreTest("senja"), open]) },
      { stack: "alta", report: report([restoreTest("alta")]) },
      { stack: "bardu", report: report([]) },
    ]);
    expect(text.split("\n").slice(1)).toEqual([
      "  mandatory ST-01 storage-no-public-access, stgrunnmursenja (senja)",
      "    storage account stgrunnmursenja: allowBlobPublicAccess is true; set it to false (CIS 9.3.8)",
      "  advisory BK-07 backup-restore-tested, <stack> (2 stacks: senja, alta)",
      "    tenants/<stack>.yaml: backup.lastRestoreTest is not set; restore a sample of this municipality's data, check it, and record the date (NSM 2.9.3)",
    ]);
    expect(groupedFindings([{ stack: "bardu", report: report([]) }])).toBe("");
  });

  it("shows progress on a long run at each tenth, and none on a short one", () => {
    const lines: string[] = [];
    const progress = progressReporter(357, (l) => lines.push(l), Date.now());
    for (let done = 1; done <= 357; done++) progress(done, done > 100 ? 1 : 0);
    expect(lines).toHaveLength(10);
    expect(lines[0]).toMatch(/^ {3}36\/357 stacks previewed \(\d+ s\)$/);
    expect(lines[9]).toMatch(/^ {2}357\/357 stacks previewed, 1 failed \(\d+ s\)$/);
    const short: string[] = [];
    const quiet = progressReporter(PROGRESS_FROM, (l) => short.push(l));
    for (let done = 1; done <= PROGRESS_FROM; done++) quiet(done, 0);
    expect(short).toEqual([]);
  });

  it("reads the last preview's URNs in the folder, so adds count only what is new", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-compact-"));
    try {
      const options = { protect: false, retainOnDelete: false, dependsOn: [], ignoreChanges: [], replaceOnChanges: [], deleteBeforeReplace: false, aliases: [] };
      const r = (name: string) => ({ urn: `urn:pulumi:senja::grunnmur::azure-native:network:VirtualNetwork::${name}`, type: "azure-native:network:VirtualNetwork", name, custom: true, parent: null, id: null, inputs: {}, options });
      writePreviewFile(path.join(dir, "senja.json"), { stack: "senja", generatedBy: "test", resources: [r("a"), r("b")], outputs: {} });
      const urns = previousUrns(dir, ["senja", "alta"]);
      expect([...urns.keys()]).toEqual(["senja"]);
      expect([...urns.get("senja")!].sort()).toEqual([r("a").urn, r("b").urn]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
