/**
 * `grunnmur device-secrets <slug>`: one municipality's generated device secrets
 * from the platform stack's export, through a fake Pulumi; never another's.
 */
import { parseCommand, UsageError } from "../../scripts/args";
import { deviceSecretsSpec, runDeviceSecretsWith, type DeviceSecretsDeps } from "../../scripts/commands/device-secrets";
import { deviceSecretsFromExport } from "../../scripts/secrets/device-secrets";
import { copyExampleRegion } from "../helpers/region-fixture";

/** A made-up value per generated secret, as `pulumi stack export --show-secrets` would print it. */
const fakeValue = (name: string) => `fake-${name}-${process.pid}`;
const exported = (names: readonly string[], encrypted = false) =>
  JSON.stringify({
    version: 3,
    deployment: {
      resources: names.map((name) => ({
        urn: `urn:pulumi:platform::grunnmur::grunnmur:network:TenantAttachment$random:index/randomPassword:RandomPassword::${name}`,
        type: "random:index/randomPassword:RandomPassword",
        outputs: { result: encrypted ? { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: "x" } : fakeValue(name) },
      })),
    },
  });

const senja = { slug: "senja", sites: { "finnsnes-radhus": {} }, wifi: { accessPoints: { "finnsnes-wlc": {} } } } as never;

describe("device secrets from the platform stack's export", () => {
  it("are the municipality's own VPN keys and RADIUS secrets, by the file's keys", () => {
    const secrets = deviceSecretsFromExport(senja, exported(["vpn-psk-senja-finnsnes-radhus", "radius-client-senja-finnsnes-wlc", "vpn-psk-alta-radhuset"]));
    expect(secrets).toEqual([
      { what: "VPN pre-shared key of site finnsnes-radhus", field: "sites.finnsnes-radhus", keyVaultSecret: "generated-vpn-senja-finnsnes-radhus", value: fakeValue("vpn-psk-senja-finnsnes-radhus") },
      { what: "RADIUS secret of access point finnsnes-wlc", field: "wifi.accessPoints.finnsnes-wlc", keyVaultSecret: "generated-radius-senja-finnsnes-wlc", value: fakeValue("radius-client-senja-finnsnes-wlc") },
    ]);
  });

  it("say which are not made yet, and refuse an export whose secrets are encrypted", () => {
    expect(deviceSecretsFromExport(senja, exported([])).map((s) => s.value)).toEqual([undefined, undefined]);
    expect(() => deviceSecretsFromExport(senja, exported(["vpn-psk-senja-finnsnes-radhus"], true))).toThrow("still encrypted");
    expect(() => deviceSecretsFromExport(senja, "error: no stack")).toThrow("did not print JSON");
  });
});

describe("grunnmur device-secrets", () => {
  const run = (args: string[], deps: Partial<DeviceSecretsDeps>) => {
    const region = copyExampleRegion();
    const out: string[] = [];
    const err: string[] = [];
    const log = jest.spyOn(console, "log").mockImplementation((m: unknown) => void out.push(String(m)));
    const error = jest.spyOn(console, "error").mockImplementation((m: unknown) => void err.push(String(m)));
    const calls: string[][] = [];
    try {
      const parsed = parseCommand(deviceSecretsSpec, [...args, "--tenants", region.tenantsDir, "--platform", region.platformFile]);
      if (parsed === "help") throw new Error("help");
      const code = runDeviceSecretsWith(parsed, {
        findPulumi: deps.findPulumi ?? (() => "/usr/local/bin/pulumi"),
        pulumi: (a) => {
          calls.push([...a]);
          return deps.pulumi ? deps.pulumi(a) : { code: 0, stdout: exported(["vpn-psk-senja-finnsnes-radhus", "radius-client-senja-finnsnes-wlc", "vpn-psk-alta-radhuset"]), stderr: "" };
        },
      });
      return { code, stdout: out.join("\n"), stderr: err.join("\n"), calls };
    } finally {
      log.mockRestore();
      error.mockRestore();
      region.remove();
    }
  };

  it("prints one municipality's secrets read with --show-secrets from the platform stack, and no other's", () => {
    const result = run(["senja"], {});
    expect(result.code).toBe(0);
    expect(result.calls).toEqual([["stack", "export", "--stack", "platform", "--show-secrets"]]);
    expect(result.stdout).toContain(`VPN pre-shared key of site finnsnes-radhus (sites.finnsnes-radhus): ${fakeValue("vpn-psk-senja-finnsnes-radhus")}`);
    expect(result.stdout).not.toContain(fakeValue("vpn-psk-alta-radhuset"));
  });

  it("lists names without Pulumi, and says so when Pulumi is missing or fails", () => {
    const names = run(["senja", "--names-only"], { findPulumi: () => undefined });
    expect(names.code).toBe(0);
    expect(names.calls).toEqual([]);
    expect(names.stdout).toContain("Key Vault secret generated-radius-senja-finnsnes-wlc");
    expect(run(["senja"], { findPulumi: () => undefined }).stderr).toContain("pulumi is not on PATH");
    const failed = run(["senja"], { pulumi: () => ({ code: 255, stdout: "", stderr: "error: no stack named 'platform' found" }) });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain("no stack named 'platform' found");
  });

  it("refuses a slug that is no tenant, naming the valid ones", () => {
    const result = run(["lyngen"], {});
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/lyngen is not a tenant of this region \(no tenants\/lyngen.yaml\); name one of: .*senja/);
    expect(() => run([], {})).toThrow(UsageError);
  });
});
