/**
 * A second FreeRADIUS that plays Sikt's national proxy together with a foreign
 * home IdP behind it: it authenticates visitors of one foreign realm, answers
 * with a VLAN and a filter that our server must drop, and logs every request it
 * receives so tests can see what arrived (Operator-Name) and what never did.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { block, confFile, single } from "../../../domain/eduroam/conf-syntax";
import { radiusdConf } from "../../../domain/eduroam/main-config";
import { alwaysModules, eapModule, exprModule, mschapModule, papModule, INNER_SERVER } from "../../../domain/eduroam/shared-modules";
import type { RadiusRuntime } from "../../../domain/eduroam/runtime";

export const FOREIGN_REALM = "visitor.example.org";
export const FOREIGN_VLAN = "999";
export const FOREIGN_CUI = "cui-from-the-foreign-idp";
export const NATIONAL_PROXY_LOG = "national-proxy.log";

export interface MockNationalProxy {
  readonly runtime: RadiusRuntime;
  /** The shared secret our server uses towards it (and it towards us). */
  readonly secret: string;
  readonly visitor: { readonly user: string; readonly password: string };
  readonly serverPem: string;
}

export function writeMockNationalProxy(dir: string, mock: MockNationalProxy): void {
  const files: Record<string, string> = {
    "radiusd.conf": radiusdConf(mock.runtime),
    "clients.conf": confFile("Every loopback sender (the server under test).", block("client lab", ["ipv4addr = 127.0.0.0/8", `secret = ${single(mock.secret)}`, "require_message_authenticator = yes"])),
    "proxy.conf": confFile("Nothing is proxied further.", block("realm LOCAL", [])),
    "policy.d/none": confFile("No policies.", []),
    "mods-enabled/always": alwaysModules(),
    "mods-enabled/expr": exprModule(),
    "mods-enabled/eap": eapModule(),
    "mods-enabled/mschap": mschapModule(),
    "mods-enabled/pap": papModule(),
    "mods-enabled/visitors": confFile("Users of the foreign realm.", block("files visitors", ["filename = ${modconfdir}/files/visitors", 'key = "%{User-Name}"'])),
    "mods-config/files/visitors": `"${mock.visitor.user}" Cleartext-Password := "${mock.visitor.password}"\n`,
    "mods-enabled/received": confFile(
      "One line per request received.",
      block("linelog received", [`filename = \${logdir}/${NATIONAL_PROXY_LOG}`, 'format = "user=%{User-Name} operator=%{Operator-Name} cui_request=%{Chargeable-User-Identity}"']),
    ),
    "sites-enabled/national-proxy": confFile(
      "The national proxy and the foreign IdP in one.",
      block("server national-proxy", [
        ...block("listen", ["type = auth", `ipaddr = ${mock.runtime.listenAddress}`, `port = ${mock.runtime.authPort}`]),
        ...block("authorize", [
          "received",
          ...block(`if (&User-Name !~ /@${FOREIGN_REALM.replace(/\./g, "\\.")}$/)`, ["reject"]),
          ...block("eap", ["ok = return"]),
          ...block("Autz-Type Status-Server", ["ok"]),
        ]),
        ...block("authenticate", block("Auth-Type EAP", ["eap"])),
        ...block("post-auth", [
          ...block("update reply", [
            "&Tunnel-Type := VLAN",
            "&Tunnel-Medium-Type := IEEE-802",
            `&Tunnel-Private-Group-Id := "${FOREIGN_VLAN}"`,
            '&Filter-Id := "foreign-filter"',
          ]),
          ...block("if (&Chargeable-User-Identity)", block("update reply", [`&Chargeable-User-Identity := "${FOREIGN_CUI}"`])),
        ]),
      ]),
    ),
    [`sites-enabled/${INNER_SERVER}`]: confFile(
      "The foreign IdP's inner tunnel.",
      block(`server ${INNER_SERVER}`, [
        ...block("authorize", ["visitors", "mschap", ...block("eap", ["ok = return"]), "pap"]),
        ...block("authenticate", [...block("Auth-Type PAP", ["pap"]), ...block("Auth-Type MS-CHAP", ["mschap"]), "eap"]),
      ]),
    ),
    "certs/server.pem": mock.serverPem,
  };
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
}
