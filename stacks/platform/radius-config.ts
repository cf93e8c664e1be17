/**
 * The seam where the eduroam configuration plugs into the RADIUS servers.
 * Until the eduroam generator lands, the bundle holds only the realm list, and
 * the bootstrap installs FreeRADIUS and the sync timer.
 */
import type { PlatformStackInput } from "../inputs";

/** Files of the generated FreeRADIUS tree, by path relative to /etc/freeradius/3.0. */
export function radiusConfigFiles(input: PlatformStackInput): Record<string, string> {
  const realms = input.tenants.filter((t) => t.spec.wifi).map((t) => `${t.spec.wifi!.realm} ${t.spec.slug}`);
  return { "grunnmur/realms.txt": `${realms.sort().join("\n")}\n` };
}

/** Static cloud-init for the RADIUS VMs; changing it replaces them, so it holds no tenant data. */
export function radiusBootstrap(keyVaultName: string): string {
  return [
    "#cloud-config",
    "package_update: true",
    "packages: [freeradius, freeradius-ldap, freeradius-utils, curl, jq]",
    "write_files:",
    "  - path: /usr/local/sbin/grunnmur-radius-sync",
    "    permissions: '0755'",
    "    content: |",
    "      #!/bin/sh",
    "      # Applies the configuration bundle from the VM's userData (Azure instance metadata).",
    "      set -eu",
    "      bundle=$(curl -s -H Metadata:true 'http://169.254.169.254/metadata/instance/compute/userData?api-version=2021-01-01&format=text')",
    "      [ -n \"$bundle\" ] || exit 0",
    "      echo \"$bundle\" | base64 -d | gunzip | jq -r '.files | to_entries[] | @base64' | while read -r entry; do",
    "        path=$(echo \"$entry\" | base64 -d | jq -r .key); dir=/etc/freeradius/3.0/$(dirname \"$path\")",
    "        mkdir -p \"$dir\"; echo \"$entry\" | base64 -d | jq -r .value > /etc/freeradius/3.0/$path",
    "      done",
    `      echo ${keyVaultName} > /etc/freeradius/3.0/grunnmur/key-vault-name`,
    "      systemctl reload freeradius || systemctl restart freeradius",
    "  - path: /etc/systemd/system/grunnmur-radius-sync.timer",
    "    content: |",
    "      [Timer]",
    "      OnBootSec=1min",
    "      OnUnitActiveSec=5min",
    "      [Install]",
    "      WantedBy=timers.target",
    "  - path: /etc/systemd/system/grunnmur-radius-sync.service",
    "    content: |",
    "      [Service]",
    "      Type=oneshot",
    "      ExecStart=/usr/local/sbin/grunnmur-radius-sync",
    "runcmd:",
    "  - [systemctl, daemon-reload]",
    "  - [systemctl, enable, --now, grunnmur-radius-sync.timer]",
    "",
  ].join("\n");
}
