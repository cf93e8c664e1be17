import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runInWorker } from "../../scripts/preview/pool";
import { OFFLINE_PLATFORM_STACK_NAME } from "../../scripts/preview/run-preview";
import { loadRegion } from "../../tenants/validation/load-region";
import { DEFAULT_PLATFORM_FILE, DEFAULT_TENANTS_DIR } from "../../tenants/paths";

// The worker's speed-ups (deferring the SDK's function serialiser and azure-native's package root, skipping azure-native's
// own type aliases, the SDK's source positions and promise bookkeeping) must not change a byte of what it writes.
describe("the preview worker's shortcuts", () => {
  const SWITCHES = ["GRUNNMUR_EAGER_SDK", "GRUNNMUR_PROVIDER_ALIASES", "GRUNNMUR_SDK_BOOKKEEPING"];
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "grunnmur-shortcuts-"));
  });
  afterAll(() => {
    for (const name of SWITCHES) delete process.env[name];
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function previewBothStacks(label: string, shortcuts: boolean) {
    // Workers inherit this process's environment when they are forked.
    for (const name of SWITCHES) {
      if (shortcuts) delete process.env[name];
      else process.env[name] = "1";
    }
    const region = loadRegion({ tenantsDir: DEFAULT_TENANTS_DIR, platformFile: DEFAULT_PLATFORM_FILE }).region!;
    const senja = region.tenants.find((t) => t.spec.slug === "senja")!;
    const platformFile = path.join(dir, `${label}-platform.json`);
    const tenantFile = path.join(dir, `${label}-senja.json`);
    const platform = await runInWorker({ kind: "platform", stack: "platform", input: { platform: region.platform, tenants: region.tenants, secretMode: "placeholder" }, outFile: platformFile }, 60_000);
    expect(platform.ok).toBe(true);
    const tenant = await runInWorker(
      { kind: "tenant", stack: "senja", input: { platform: region.platform, tenant: senja, platformStackName: OFFLINE_PLATFORM_STACK_NAME, secretMode: "placeholder", today: "2026-12-02" }, platformOutputs: platform.outputs!, outFile: tenantFile },
      60_000,
    );
    expect(tenant.ok).toBe(true);
    return { platform: fs.readFileSync(platformFile, "utf8"), tenant: fs.readFileSync(tenantFile, "utf8") };
  }

  it("writes the same platform and tenant previews with and without them", async () => {
    const plain = await previewBothStacks("plain", false);
    const fast = await previewBothStacks("fast", true);
    expect(fast.platform).toBe(plain.platform);
    expect(fast.tenant).toBe(plain.tenant);
    // Our own aliases (resources that moved into a TenantAttachment) survive the shortcut.
    expect(JSON.parse(fast.platform).resources.some((r: { options: { aliases: unknown[] } }) => r.options.aliases.length > 0)).toBe(true);
  });
});
