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

export const SYNC_SCRIPT_PATH = "/usr/local/sbin/grunnmur-radius-sync";

/**
 * On the platform's servers the bundle arrives as the VM's userData, which Azure
 * updates in place; this script, run by a timer, installs a changed bundle from the
 * instance metadata service and reloads FreeRADIUS, so a new tenant never
 * replaces the servers.
 */
function syncScript(): string {
  return [
    "#!/bin/sh",
    "set -eu",
    "new=$(mktemp)",
    "curl -sf -H Metadata:true 'http://169.254.169.254/metadata/instance/compute/userData?api-version=2021-01-01&format=text' | base64 -d > \"$new\" || { rm -f \"$new\"; exit 0; }",
    `if [ -s "$new" ] && ! cmp -s "$new" ${BUNDLE_PATH}; then`,
    `  install -m 0600 "$new" ${BUNDLE_PATH}`,
    `  systemctl restart ${SECRETS_UNIT}`,
    "  systemctl reload-or-restart freeradius.service",
    "fi",
    "rm -f \"$new\"",
    "",
  ].join("\n");
}

type CloudFile = { path: string; owner: string; permissions: string; content: string; encoding?: string };

function staticFiles(runtime: RadiusRuntime, logRetentionDays: number): CloudFile[] {
  const file = (path: string, content: string, permissions: string) => ({ path, owner: "root:root", permissions, content });
  return [
    file(BOOT_SCRIPT_PATH, BOOT_SCRIPT, "0755"),
    file(`/etc/systemd/system/${SECRETS_UNIT}`, secretsUnit(runtime.configDir), "0644"),
    file("/etc/systemd/system/freeradius.service.d/grunnmur.conf", freeradiusDropIn(runtime.configDir), "0644"),
    file("/etc/logrotate.d/grunnmur-eduroam", logrotate(runtime.logDir, logRetentionDays), "0644"),
  ];
}

const PACKAGES = ["freeradius", "freeradius-ldap", "freeradius-utils", "python3"];

/**
 * Static cloud-init for the platform's RADIUS VMs (their customData): packages,
 * the boot script, units and the sync timer, but no tenant data, so it never
 * changes when a municipality joins. The configuration comes as userData.
 */
export function renderRadiusBootstrap(logRetentionDays: number): string {
  const runtime = SERVER_RUNTIME;
  const file = (path: string, content: string, permissions: string) => ({ path, owner: "root:root", permissions, content });
  const config = {
    package_update: true,
    packages: [...PACKAGES, "curl"],
    write_files: [
      ...staticFiles(runtime, logRetentionDays),
      file(SYNC_SCRIPT_PATH, syncScript(), "0755"),
      file("/etc/systemd/system/grunnmur-radius-sync.service", `[Unit]\nDescription=grunnmur: apply a changed eduroam configuration from userData\n\n[Service]\nType=oneshot\nExecStart=${SYNC_SCRIPT_PATH}\n`, "0644"),
      file("/etc/systemd/system/grunnmur-radius-sync.timer", "[Timer]\nOnBootSec=30s\nOnUnitActiveSec=5min\n\n[Install]\nWantedBy=timers.target\n", "0644"),
    ],
    runcmd: [
      ["systemctl", "daemon-reload"],
      ["systemctl", "enable", SECRETS_UNIT, "freeradius.service", "grunnmur-radius-sync.timer"],
      [SYNC_SCRIPT_PATH],
      ["systemctl", "start", "grunnmur-radius-sync.timer"],
    ],
  };
  return `#cloud-config\n${stringify(config, { lineWidth: 0 })}`;
}

/** Cloud-init user-data for one eduroam RADIUS server of the platform, from an eduroam plan. */
export function renderRadiusCloudInit(plan: EduroamPlan, options: RadiusCloudInitOptions): RadiusCloudInit {
  if (!/^[A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9]$/.test(options.keyVaultName)) {
    throw new Error(`"${options.keyVaultName}" is not a Key Vault name (3-24 letters, digits, hyphens)`);
  }
  const runtime = options.runtime ?? SERVER_RUNTIME;
  const tree = renderRadiusTree(plan, runtime);
  const config = {
    package_update: true,
    packages: PACKAGES,
    write_files: [
      { path: BUNDLE_PATH, owner: "root:root", permissions: "0600", content: radiusBundle(tree, options).toString("base64"), encoding: "b64" },
      ...staticFiles(runtime, plan.logRetentionDays),
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
