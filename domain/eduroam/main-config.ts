/**
 * radiusd.conf and the local dictionary: the server-wide settings and the
 * internal attributes the eduroam policies pass between the outer server,
 * the inner tunnel and the log.
 */
import { block, confFile } from "./conf-syntax";
import type { RadiusRuntime } from "./runtime";

/** Internal attributes (3000-3999 are for local use and never go on the wire). */
export const LOCAL_ATTRIBUTES = {
  innerIdentity: "Grunnmur-Inner-Identity",
  cuiKey: "Grunnmur-CUI-Key",
  result: "Grunnmur-Result",
} as const;

export function radiusdConf(runtime: RadiusRuntime): string {
  return confFile("Server-wide settings. Every other file is included from here.", [
    "prefix = /usr",
    "exec_prefix = /usr",
    "sysconfdir = /etc",
    "localstatedir = /var",
    "sbindir = ${exec_prefix}/sbin",
    `logdir = ${runtime.logDir}`,
    `raddbdir = ${runtime.configDir}`,
    "radacctdir = ${logdir}/radacct",
    "name = freeradius",
    "confdir = ${raddbdir}",
    "modconfdir = ${confdir}/mods-config",
    "certdir = ${confdir}/certs",
    "cadir = ${confdir}/certs",
    `run_dir = ${runtime.runDir}`,
    "db_dir = ${raddbdir}",
    "libdir = /usr/lib/freeradius",
    "pidfile = ${run_dir}/${name}.pid",
    "max_request_time = 30",
    "cleanup_delay = 5",
    "max_requests = 16384",
    "hostname_lookups = no",
    "",
    // The eduroam auth log is the linelog in mods-enabled/eduroam_log; the
    // built-in auth log would write passwords of failed logins.
    ...block("log", [
      "destination = files",
      "colourise = no",
      "file = ${logdir}/radius.log",
      "syslog_facility = daemon",
      "stripped_names = no",
      "auth = no",
      "auth_badpass = no",
      "auth_goodpass = no",
    ]),
    "",
    ...block("security", ["allow_core_dumps = no", "max_attributes = 200", "reject_delay = 1", "status_server = yes"]),
    "",
    "proxy_requests = yes",
    "$INCLUDE proxy.conf",
    "$INCLUDE clients.conf",
    "",
    ...block("thread pool", [
      "start_servers = 5",
      "max_servers = 32",
      "min_spare_servers = 3",
      "max_spare_servers = 10",
      "max_requests_per_server = 0",
      "auto_limit_acct = no",
    ]),
    "",
    ...block("modules", ["$INCLUDE mods-enabled/"]),
    "",
    ...block("instantiate", []),
    "",
    ...block("policy", ["$INCLUDE policy.d/"]),
    "",
    "$INCLUDE sites-enabled/",
  ]);
}

export function localDictionary(): string {
  return confFile("Internal attributes of the eduroam policies; never sent in a packet.", [
    `ATTRIBUTE\t${LOCAL_ATTRIBUTES.innerIdentity}\t3101\tstring`,
    `ATTRIBUTE\t${LOCAL_ATTRIBUTES.cuiKey}\t3102\tstring`,
    `ATTRIBUTE\t${LOCAL_ATTRIBUTES.result}\t3103\tstring`,
  ]);
}
