/**
 * Modules every tenant shares: EAP (PEAP and TTLS into the inner tunnel),
 * MSCHAP and PAP, the realm lookup, the filter for replies from the national
 * proxies, and the two logs eduroam requires.
 */
import { block, confFile } from "./conf-syntax";
import { LOCAL_ATTRIBUTES } from "./main-config";
import { ACCOUNTING_LOG_FILE, AUTH_LOG_FILE } from "./runtime";
import { CLIENT_KEYS } from "./clients";

export const INNER_SERVER = "eduroam-inner-tunnel";
export const OUTER_SERVER = "eduroam";
export const REALM_MODULE = "eduroam_realm";
export const POST_PROXY_FILTER = "eduroam_post_proxy";
export const AUTH_LOG = "eduroam_auth_log";
export const ACCOUNTING_LOG = "eduroam_accounting_log";

/** Return-code modules the policies use as statements. */
export function alwaysModules(): string {
  const codes = ["ok", "reject", "noop", "fail", "handled"];
  return confFile(
    "Return codes used as statements in the policies.",
    codes.flatMap((code) => [...block(`always ${code}`, [`rcode = ${code}`]), ""]).slice(0, -1),
  );
}

export function exprModule(): string {
  return confFile("String functions (tolower, hmacsha1) for realms and Chargeable-User-Identity.", block("expr", []));
}

export function eapModule(): string {
  const tunnel = (type: string) =>
    block(type, ["tls = tls-eduroam", "default_eap_type = mschapv2", `virtual_server = ${INNER_SERVER}`, "require_client_cert = no"]);
  return confFile(
    "EAP: PEAP-MSCHAPv2 and TTLS (PAP or MSCHAPv2 inside) into the inner tunnel, with the one\nserver certificate all RADIUS servers present (certs/server.pem, fetched from Key Vault at boot).",
    block("eap", [
      "default_eap_type = peap",
      "timer_expire = 60",
      "ignore_unknown_eap_types = no",
      "max_sessions = ${max_requests}",
      ...block("tls-config tls-eduroam", [
        "private_key_file = ${certdir}/server.pem",
        "certificate_file = ${certdir}/server.pem",
        'cipher_list = "DEFAULT"',
        "cipher_server_preference = yes",
        // FreeRADIUS 3.2 cannot run PEAP or TTLS over TLS 1.3 reliably.
        'tls_min_version = "1.2"',
        'tls_max_version = "1.2"',
        ...block("cache", ["enable = no"]),
        ...block("verify", []),
        ...block("ocsp", ["enable = no"]),
      ]),
      ...tunnel("peap"),
      ...tunnel("ttls"),
      ...block("mschapv2", []),
    ]),
  );
}

export function mschapModule(): string {
  return confFile("MS-CHAPv2 against NT hashes or cleartext passwords from a tenant's backend.", block("mschap", []));
}

export function papModule(): string {
  return confFile("PAP (TTLS-PAP) against passwords from a tenant's files backend.", block("pap", []));
}

export function realmModule(): string {
  return confFile(
    "Finds the realm after the last @: one of ours (realms.d/) or DEFAULT, the national proxies.",
    block(`realm ${REALM_MODULE}`, ["format = suffix", 'delimiter = "@"']),
  );
}

export function postProxyFilterModule(): string {
  return confFile(
    "Keeps only the attributes eduroam allows in replies from the national proxies: a foreign\nIdP must not pick a VLAN or a filter on our network.",
    block(`attr_filter ${POST_PROXY_FILTER}`, ['key = "%{Realm}"', `filename = \${modconfdir}/attr_filter/${POST_PROXY_FILTER}`]),
  );
}

/** The allow-list itself; everything not named here is dropped from proxied replies. */
export function postProxyFilterRules(): string {
  const allowed = [
    "User-Name",
    "Reply-Message",
    "State",
    "Class",
    "Session-Timeout",
    "Termination-Action",
    "Acct-Interim-Interval",
    "EAP-Message",
    "Message-Authenticator",
    "Chargeable-User-Identity",
    "MS-MPPE-Send-Key",
    "MS-MPPE-Recv-Key",
    "EAP-Key-Name",
  ];
  return confFile(
    "Attributes kept in replies proxied from the national proxies (used by the eduroam_post_proxy filter).",
    ["DEFAULT", ...allowed.map((name, i) => `\t${name} =* ANY${i < allowed.length - 1 ? "," : ""}`)],
  );
}

const client = (key: string) => `%{client:${key}}`;

/**
 * The auth log eduroam requires (time, outer identity, Calling-Station-Id,
 * result, CUI; the inner identity of our own users). It is written field by
 * field, never by dumping the reply, so MS-MPPE keys are never logged.
 */
export function authLogModule(): string {
  const fields = [
    "%S",
    `result=%{control:${LOCAL_ATTRIBUTES.result}}`,
    "user=%{User-Name}",
    `inner=%{session-state:${LOCAL_ATTRIBUTES.innerIdentity}}`,
    "realm=%{Realm}",
    "calling_station=%{Calling-Station-Id}",
    "called_station=%{Called-Station-Id}",
    "operator=%{Operator-Name}",
    "cui=%{string:reply:Chargeable-User-Identity}",
    "vlan=%{reply:Tunnel-Private-Group-Id}",
    "client=%{client:shortname}",
    `tenant=${client(CLIENT_KEYS.tenant)}`,
    "reason=%{%{session-state:Module-Failure-Message}:-%{Module-Failure-Message}}",
  ];
  return confFile(
    "The eduroam authentication log, one line per request, kept for the period in platform.yaml.",
    block(`linelog ${AUTH_LOG}`, [`filename = \${logdir}/${AUTH_LOG_FILE}`, "permissions = 0640", `format = "${fields.join("\t")}"`]),
  );
}

export function accountingLogModule(): string {
  const fields = [
    "%S",
    "status=%{Acct-Status-Type}",
    "user=%{User-Name}",
    "calling_station=%{Calling-Station-Id}",
    "session=%{Acct-Session-Id}",
    "client=%{client:shortname}",
  ];
  return confFile(
    "Accounting is answered and kept here (eduroam does not forward it): one line per record.",
    block(`linelog ${ACCOUNTING_LOG}`, [`filename = \${logdir}/${ACCOUNTING_LOG_FILE}`, "permissions = 0640", `format = "${fields.join("\t")}"`]),
  );
}
