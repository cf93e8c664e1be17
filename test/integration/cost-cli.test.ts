import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../../tenants/paths";
import { SERVICES } from "../../tenants/schema/tenant";
import { loadCatalogue } from "../../scripts/commands/cost";
import { DEFAULT_PLATFORM_FILE, DEFAULT_TENANTS_DIR } from "../../tenants/paths";
import { loadRegion } from "../../tenants/validation/load-region";
import { previewFileText } from "../../scripts/preview/preview-file";
import { runCli } from "../helpers/cli";

describe("grunnmur cost on the example region", () => {
  let outDir: string;
  let json: {
    members: Array<{ slug: string; ownMonthlyByService: Record<string, number>; totalMonthly: number; totalYearly: number; ownMonthly: number; platformShareMonthly: number; chargedByUseMonthly: Record<string, number> }>;
    region: { monthly: number; yearly: number };
    platformMonthly: number;
    platformMonthlyByService: Record<string, number>;
    chargedByUseMonthly: Record<string, number>;
  };
  let table: string;
  beforeAll(async () => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-cost-"));
    const run = await runCli(["cost", "--out", outDir]);
    expect(run.code).toBe(0);
    table = run.stdout;
    json = JSON.parse(fs.readFileSync(path.join(outDir, "cost.json"), "utf8"));
  });
  afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

  it("prints a row per member and the region", () => {
    for (const slug of ["tromso (host)", "senja", "alta", "bardu", "gamvik", "kvaenangen", "nordreisa", "skjervoy", "kafjord", "storfjord", "region"]) {
      expect(table).toMatch(new RegExp(`^${slug.replace(/[()]/g, "\\$&")}\\s`, "m"));
    }
  });

  it("shows each municipality's hosting: senja's migrating ePhorte VM, priced from its preview as from its file", () => {
    expect(table).toMatch(/hosting NOK\/month/);
    const senja = json.members.find((m) => m.slug === "senja")!;
    // D4s v5 Windows, 128 + 512 GB Premium, backup, logs and Defender for Servers P1 (NOK 54, platform.yaml
    // governance.defender); its planned Profil and Familia VMs cost nothing yet.
    expect(senja.ownMonthlyByService.workloads).toBe(4997);
    // The stacks have their VMs: nothing is priced from a file alone, and the preview gives the file's figure.
    expect(table).not.toContain("Hosting priced from the tenant files' VMs");
  });

  it("writes JSON whose per-tenant totals add up exactly to the region total", () => {
    expect(json.members.reduce((a, m) => a + m.totalMonthly, 0)).toBe(json.region.monthly);
    expect(json.members.reduce((a, m) => a + m.totalYearly, 0)).toBe(json.region.yearly);
    expect(json.members.reduce((a, m) => a + m.platformShareMonthly, 0)).toBe(json.platformMonthly);
    expect(json.platformMonthly).toBeGreaterThan(0);
  });

  it("writes CSV, Markdown and an SVG chart next to the JSON", () => {
    const csv = fs.readFileSync(path.join(outDir, "cost.csv"), "utf8").trim().split("\n");
    expect(csv).toHaveLength(1 + json.members.length);
    const md = fs.readFileSync(path.join(outDir, "cost.md"), "utf8");
    expect(md).toContain("![Cost per inhabitant per year per municipality, against seed 000's NOK 15](cost.svg)");
    expect(md).toContain("## Not included");
    expect(md).toContain("two datacentres in Tromsø at about NOK 1 700 000 a year");
    const svg = fs.readFileSync(path.join(outDir, "cost.svg"), "utf8");
    expect(svg.startsWith("<svg")).toBe(true);
    expect((svg.match(/<rect /g) ?? []).length).toBe(2 + 2 * json.members.length);
  });

  it("charges the VPN gateway only to the members with VPN sites: bardu has none, and the host no member file", () => {
    // VpnGw1AZ and its public IP: 730 h × NOK 4.5 + 730 h × NOK 0.06 = NOK 3 328.80 a month.
    expect(json.platformMonthlyByService.vpn).toBe(3329);
    expect(json.chargedByUseMonthly).toEqual({ "vpn-site": 3329 });
    const payers = json.members.filter((m) => m.chargedByUseMonthly["vpn-site"] !== undefined).map((m) => m.slug);
    expect(payers).toEqual(["alta", "gamvik", "kafjord", "kvaenangen", "nordreisa", "senja", "skjervoy", "storfjord"]);
    expect(json.members.reduce((a, m) => a + (m.chargedByUseMonthly["vpn-site"] ?? 0), 0)).toBe(3329);
    // Among the eight by 40/60: alta 5 % + 60 % × 21 900 / 50 200 of the gateway.
    expect(json.members.find((m) => m.slug === "alta")!.chargedByUseMonthly["vpn-site"]).toBe(Math.round(3329 * (0.05 + (0.6 * 21900) / 50200)));
  });

  it("prints the table's figures in the one number format", () => {
    expect(table).toMatch(/^bardu\s+4 000\s/m);
    expect(table).toMatch(/^Shared platform NOK \d{1,3}( \d{3})* a month, split 40 % equally, 60 % by population; vpn-site \(NOK 3 329\) only among the members that use it\.$/m);
    expect(table).not.toMatch(/\d,\d{3}/);
  });

  it("refuses an unknown format, naming the valid ones", async () => {
    const run = await runCli(["cost", "--format", "pdf"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--format must be one of table, csv, json, markdown");
  });

  it("fails on a broken preview file, naming it", async () => {
    const previews = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-broken-"));
    try {
      // Every stack has a preview of nothing, and senja's is cut off half-way.
      const slugs = loadRegion({ tenantsDir: DEFAULT_TENANTS_DIR, platformFile: DEFAULT_PLATFORM_FILE }).region!.tenants.map((t) => t.spec.slug);
      for (const stack of ["platform", ...slugs]) fs.writeFileSync(path.join(previews, `${stack}.json`), previewFileText({ stack, generatedBy: "test", resources: [], outputs: {} }));
      const file = path.join(previews, "senja.json");
      fs.writeFileSync(file, fs.readFileSync(file, "utf8").slice(0, 20));
      const run = await runCli(["cost", "--previews", previews, "--out", path.join(previews, "cost")]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`${file}: not valid JSON (`);
      expect(fs.existsSync(path.join(previews, "cost"))).toBe(false);
    } finally {
      fs.rmSync(previews, { recursive: true, force: true });
    }
  });

  it("refuses previews of some tenants only, since they cannot price the whole platform", async () => {
    const previews = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-scoped-"));
    try {
      const scope = { tenants: ["senja"], regionTenants: ["senja", "bardu"] };
      fs.writeFileSync(path.join(previews, "platform.json"), JSON.stringify({ stack: "platform", generatedBy: "test", resources: [], outputs: {}, scope }));
      const run = await runCli(["cost", "--previews", previews]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/platform\.json covers only senja \(a preview made with --only or --changed-since\)/);
    } finally {
      fs.rmSync(previews, { recursive: true, force: true });
    }
  });
});

describe("the service catalogue", () => {
  it("describes every service a tenant file can subscribe to, plus the network and the platform", () => {
    const catalogue = loadCatalogue(path.join(REPO_ROOT, "catalogue.yaml"));
    expect(Object.keys(catalogue.services)).toEqual(expect.arrayContaining([...SERVICES, "network", "platform", "vpn-site"]));
  });
});
