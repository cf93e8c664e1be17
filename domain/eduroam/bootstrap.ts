/**
 * The static cloud-init of the platform's RADIUS servers (their customData):
 * Debian's FreeRADIUS, the boot script, a boot unit that fetches the secrets
 * from Key Vault with the VM's managed identity before freeradius starts (at
 * every boot, so a rotated secret needs only a restart), and a sync timer that
 * installs the configuration bundle the VM receives as userData. No tenant data
 * is in it, so it never changes when a municipality joins.
 */
import { stringify } from "yaml";
import { BOOT_SCRIPT, BOOT_SCRIPT_PATH } from "./boot-script";
import { ACCOUNTING_LOG_FILE, AUTH_LOG_FILE, SERVER_RUNTIME, type RadiusRuntime } from "./runtime";

/** Where the sync script installs the bundle it receives as userData; the boot unit reads it there. */
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

export const SYNC_SCRIPT_PATH = "/usr/local/sbin/grunnmur-radius-sync";

/**
 * On the platform's servers the bundle arrives as the VM's userData, which Azure
 * updates in place; this script, run by a timer, installs a changed bundle from the
 * instance metadata service and reloads FreeRADIUS, so a new tenant never
 * replaces the servers. The other hubs' bundles are in Key Vault, not in userData:
 * the boot script's --check-hubs says whether one changed, so a municipality
 * joining another hub is applied within the timer's period too. When neither
 * changed, nothing is restarted or reloaded.
 */
function syncScript(): string {
  return [
    "#!/bin/sh",
    "set -eu",
    "new=$(mktemp)",
    "changed=no",
    // Without pipefail the pipeline's status is base64's: a failed fetch leaves $new empty, which -s catches.
    `if curl -sf -H Metadata:true 'http://169.254.169.254/metadata/instance/compute/userData?api-version=2021-01-01&format=text' | base64 -d > "$new" && [ -s "$new" ] && ! cmp -s "$new" ${BUNDLE_PATH}; then`,
    `  install -m 0600 "$new" ${BUNDLE_PATH}`,
    "  changed=yes",
    "fi",
    "rm -f \"$new\"",
    `if [ "$changed" = no ] && [ -s ${BUNDLE_PATH} ] && ${BOOT_SCRIPT_PATH} --bundle ${BUNDLE_PATH} --check-hubs; then`,
    "  changed=yes",
    "fi",
    "if [ \"$changed\" = yes ]; then",
    `  systemctl restart ${SECRETS_UNIT}`,
    "  systemctl reload-or-restart freeradius.service",
    "fi",
    "",
  ].join("\n");
}

const PACKAGES = ["freeradius", "freeradius-ldap", "freeradius-utils", "python3", "curl"];

/**
 * The customData of the platform's RADIUS VMs. `runtime` is the servers' own
 * unless a lab installs the tree elsewhere; the output for the servers' runtime
 * must stay byte-identical, since any change replaces the VMs.
 */
export function renderRadiusBootstrap(logRetentionDays: number, runtime: RadiusRuntime = SERVER_RUNTIME): string {
  const file = (path: string, content: string, permissions: string) => ({ path, owner: "root:root", permissions, content });
  const config = {
    package_update: true,
    packages: PACKAGES,
    write_files: [
      file(BOOT_SCRIPT_PATH, BOOT_SCRIPT, "0755"),
      file(`/etc/systemd/system/${SECRETS_UNIT}`, secretsUnit(runtime.configDir), "0644"),
      file("/etc/systemd/system/freeradius.service.d/grunnmur.conf", freeradiusDropIn(runtime.configDir), "0644"),
      file("/etc/logrotate.d/grunnmur-eduroam", logrotate(runtime.logDir, logRetentionDays), "0644"),
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
