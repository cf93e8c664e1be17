/**
 * `grunnmur device-secrets <slug>`: prints the VPN pre-shared keys and RADIUS
 * secrets the platform generated for one municipality's devices, read from the
 * platform stack's state (scripts/secrets/device-secrets.ts). For the regional
 * team, who hands them to the municipality's technician over a channel fit for
 * secrets; never paste them into a tenant file, an issue or e-mail.
 */
import { spawnSync } from "node:child_process";
import { UsageError, type CommandSpec, type ParsedCommand } from "../args";
import { formatDiagnostic } from "../../tenants/validation/diagnostic";
import { hubStackName, PLATFORM_STACK } from "../../domain/azure/stack-names";
import { hubOf } from "../../domain/network/hub-placement";
import { loadCommandRegion } from "../region";
import { deviceSecretsFromExport, deviceSecretSpecs } from "../secrets/device-secrets";
import { findOnPath } from "../offboarding/runner";

export const deviceSecretsSpec: CommandSpec = {
  name: "device-secrets",
  summary: "print the VPN keys and RADIUS secrets the platform generated for one municipality's devices",
  usage: "grunnmur device-secrets <slug> [--stack NAME] [--names-only]",
  details: [
    "Reads the platform stack's state with `pulumi stack export --show-secrets` (the Pulumi",
    "CLI, logged in to the state backend, with the secrets provider's key) and prints the",
    "secrets of one municipality only. The same values are in the platform Key Vault under",
    "generated-vpn-<slug>-<site> and generated-radius-<slug>-<access point>.",
    "",
    "Options:",
    `  --stack NAME       the stack holding its attachment (default: its hub's, ${PLATFORM_STACK} or hub-<key>)`,
    "  --names-only       list what there is and where, without running Pulumi or printing values",
  ].join("\n"),
  options: { stack: { type: "string" }, "names-only": { type: "boolean" } },
  readsFiles: true,
};

export interface DeviceSecretsDeps {
  readonly findPulumi: () => string | undefined;
  /** Runs `pulumi <args>` and returns what it printed and its exit code. */
  readonly pulumi: (args: readonly string[]) => { code: number; stdout: string; stderr: string };
}

const systemDeps: DeviceSecretsDeps = {
  findPulumi: () => findOnPath("pulumi"),
  pulumi: (args) => {
    // Large regions have large states; the export is read whole.
    const run = spawnSync("pulumi", [...args], { encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
    return { code: run.status ?? 1, stdout: run.stdout ?? "", stderr: run.stderr ?? (run.error?.message ?? "") };
  },
};

export function runDeviceSecrets(cmd: ParsedCommand): number {
  return runDeviceSecretsWith(cmd, systemDeps);
}

export function runDeviceSecretsWith(cmd: ParsedCommand, deps: DeviceSecretsDeps): number {
  const [slug, ...extra] = cmd.positionals;
  if (!slug || extra.length > 0) throw new UsageError("name one municipality: grunnmur device-secrets <slug>, e.g. grunnmur device-secrets senja");
  const load = loadCommandRegion(cmd);
  if (!load.region) {
    for (const d of load.diagnostics) console.error(formatDiagnostic(d));
    console.error("\nThe files are not valid; fix them first (npx grunnmur validate).");
    return 1;
  }
  const tenant = load.region.tenants.find((t) => t.spec.slug === slug);
  if (!tenant) {
    console.error(`${slug} is not a tenant of this region (no tenants/${slug}.yaml); name one of: ${load.region.tenants.map((t) => t.spec.slug).join(", ")}`);
    return 1;
  }
  const specs = deviceSecretSpecs(tenant.spec);
  if (specs.length === 0) {
    console.log(`${slug} has no VPN sites and no access points, so the platform made no device secrets for it.`);
    return 0;
  }
  if (cmd.values["names-only"]) {
    for (const { what, field, spec } of specs) console.log(`${what} (${field}): Key Vault secret ${spec.secretName}`);
    return 0;
  }
  if (!deps.findPulumi()) {
    console.error("pulumi is not on PATH. Install the Pulumi CLI (https://www.pulumi.com/docs/iac/download-install/) and log in to the state backend, or use --names-only.");
    return 1;
  }
  // The keys are made with the municipality's attachment, in its hub's stack: the platform's for the primary hub.
  const stack = String(cmd.values.stack ?? hubStackName(hubOf(load.region.platform, tenant.spec)));
  const run = deps.pulumi(["stack", "export", "--stack", stack, "--show-secrets"]);
  if (run.code !== 0) {
    console.error(`pulumi stack export --stack ${stack} failed (exit ${run.code}):\n${run.stderr.trim()}`);
    return 1;
  }
  const secrets = deviceSecretsFromExport(tenant.spec, run.stdout);
  for (const secret of secrets) {
    console.log(`${secret.what} (${secret.field}): ${secret.value ?? `not made yet; deploy the platform stack first (pulumi up --stack ${stack})`}`);
  }
  console.log("\nHand these to the municipality's technician over a channel fit for secrets; never by e-mail or in a file in git.");
  return secrets.some((s) => s.value === undefined) ? 1 : 0;
}
