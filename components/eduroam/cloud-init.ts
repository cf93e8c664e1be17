/**
 * The deployment seam: cloud-init user-data for a platform RADIUS server. It
 * installs Debian's FreeRADIUS, writes the generated tree (placeholders only,
 * never a secret) as one compressed bundle, and a boot unit that fetches the
 * secrets from Key Vault with the VM's managed identity before freeradius
 * starts, at every boot, so a rotated secret needs only a restart.
 */
import { gzipSync } from "node:zlib";
import { stringify } from "yaml";
import { BOOT_SCRIPT, BOOT_SCRIPT_PATH } from "./boot-script";
import { eduroamPlan, type EduroamPlan, type EduroamRegion } from "./plan";
import { renderRadiusTree, type RadiusTree } from "./radius-tree";
import { ACCOUNTING_LOG_FILE, AUTH_LOG_FILE, SERVER_RUNTIME, type RadiusRuntime } from "./runtime";
import { secretsIn, type SecretSource } from "./secret-placeholders";

export interface RadiusCloudInitOptions {
  /** Name of the platform Key Vault (https://<name>.vault.azure.net); secrets without `keyVault` are read there. */
  readonly keyVaultName: string;
  /** Client id of the user-assigned identity to use, when the VM has more than one. */
  readonly identityClientId?: string;
  /** Directories and listen address; the platform's servers use the default. Labs and tests pass their own. */
  readonly runtime?: RadiusRuntime;
}

export interface RadiusCloudInit {
  /** `#cloud-config` text; base64-encode it for the VM's customData. */
  readonly userData: string;
  /**
   * Every secret the servers read at boot. Grant the VM's identity "Key Vault
   * Secrets User" on each vault named here; entries with `copyFromPulumiConfig`
   * must be copied by the platform stack into the platform Key Vault as `secretName`.
   */
  readonly secrets: readonly SecretSource[];
  /** The tree inside the bundle, for previews and tests. */
  readonly tree: RadiusTree;
}

export const BUNDLE_PATH = "/etc/grunnmur/radius-tree.json.gz";
const SECRETS_UNIT = "grunnmur-radius-secrets.service";

function secretsUnit(configDir: string): string {
  return [
    "[Unit]",
    "Description=grunnmur: install the eduroam RADIUS configuration with secrets from Key Vault",
    "Wants=network-online.target",
    "After=network-online.target",
    "Before=freeradius.service",
    "",
    "[Service]",
    "Type=oneshot",
    `ExecStart=${BOOT_SCRIPT_PATH} --bundle ${BUNDLE_PATH} --target ${configDir}`,
    "",
    "[Install]",
    "WantedBy=multi-user.target",
    "",
  ].join("\n");
}

/** Debian's unit reads /etc/freeradius/3.0; point it at the generated tree instead. */
function freeradiusDropIn(configDir: string): string {
  return [
    "[Unit]",
    `Requires=${SECRETS_UNIT}`,
    `After=${SECRETS_UNIT}`,
    "",
    "[Service]",
    "ExecStartPre=",
    `ExecStartPre=/usr/sbin/freeradius -d ${configDir} -Cx -lstdout`,
    "ExecStart=",
    `ExecStart=/usr/sbin/freeradius -f -d ${configDir}`,
    "ExecReload=",
    `ExecReload=/usr/sbin/freeradius -d ${configDir} -Cxm -lstdout`,
    "ExecReload=/bin/kill -HUP $MAINPID",
    "",
  ].join("\n");
}

/** Keeps the auth logs as long as the platform file says (eduroam: at least six months). */
function logrotate(logDir: string, days: number): string {
  return [
    `${logDir}/${AUTH_LOG_FILE} ${logDir}/${ACCOUNTING_LOG_FILE} {`,
    "\tdaily",
    `\trotate ${days}`,
    "\tcompress",
    "\tdelaycompress",
    "\tmissingok",
    "\tnotifempty",
    "\tcreate 0640 freerad freerad",
    "}",
    "",
  ].join("\n");
}

/** The bundle the boot script reads: the tree and where each placeholder's secret lives. */
export function radiusBundle(tree: RadiusTree, options: RadiusCloudInitOptions): Buffer {
  const bundle = {
    keyVault: options.keyVaultName,
    ...(options.identityClientId ? { identityClientId: options.identityClientId } : {}),
    secrets: secretsIn(tree),
    files: tree,
  };
  // mtime 0 in the gzip header keeps the output byte-identical between runs.
  return gzipSync(Buffer.from(JSON.stringify(bundle)), { level: 9 });
}

/** Cloud-init user-data for one eduroam RADIUS server of the platform, from an eduroam plan. */
export function renderRadiusCloudInit(plan: EduroamPlan, options: RadiusCloudInitOptions): RadiusCloudInit {
  if (!/^[A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9]$/.test(options.keyVaultName)) {
    throw new Error(`"${options.keyVaultName}" is not a Key Vault name (3-24 letters, digits, hyphens)`);
  }
  const runtime = options.runtime ?? SERVER_RUNTIME;
  const tree = renderRadiusTree(plan, runtime);
  const file = (path: string, content: string, permissions: string) => ({ path, owner: "root:root", permissions, content });
  const config = {
    package_update: true,
    packages: ["freeradius", "freeradius-ldap", "freeradius-utils", "python3"],
    write_files: [
      { ...file(BUNDLE_PATH, radiusBundle(tree, options).toString("base64"), "0600"), encoding: "b64" },
      file(BOOT_SCRIPT_PATH, BOOT_SCRIPT, "0755"),
      file(`/etc/systemd/system/${SECRETS_UNIT}`, secretsUnit(runtime.configDir), "0644"),
      file("/etc/systemd/system/freeradius.service.d/grunnmur.conf", freeradiusDropIn(runtime.configDir), "0644"),
      file("/etc/logrotate.d/grunnmur-eduroam", logrotate(runtime.logDir, plan.logRetentionDays), "0644"),
    ],
    runcmd: [
      ["systemctl", "daemon-reload"],
      ["systemctl", "enable", SECRETS_UNIT, "freeradius.service"],
      ["systemctl", "restart", SECRETS_UNIT],
      ["systemctl", "restart", "freeradius.service"],
    ],
  };
  const userData = `#cloud-config\n${stringify(config, { lineWidth: 0 })}`;
  return { userData, secrets: secretsIn(tree), tree };
}

/**
 * The same from the platform stack's input (`{ platform, tenants }`); undefined
 * when the platform file has no eduroam section.
 */
export function radiusCloudInit(region: EduroamRegion, options: RadiusCloudInitOptions): RadiusCloudInit | undefined {
  const plan = eduroamPlan(region);
  return plan ? renderRadiusCloudInit(plan, options) : undefined;
}
