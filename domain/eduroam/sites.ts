/**
 * The two virtual servers: `eduroam` (what access points and the national
 * proxies talk to) and `eduroam-inner-tunnel` (the user inside PEAP or TTLS,
 * checked against the tenant's own backend).
 */
import { block, confFile } from "./conf-syntax";
import { POLICY } from "./unlang-policies";
import type { RadiusRuntime } from "./runtime";
import { ACCOUNTING_LOG, AUTH_LOG, INNER_SERVER, OUTER_SERVER, POST_PROXY_FILTER, REALM_MODULE } from "./shared-modules";

export function outerServer(runtime: RadiusRuntime): string {
  const listen = (type: string, port: number) => block("listen", [`type = ${type}`, `ipaddr = ${runtime.listenAddress}`, `port = ${port}`, "proto = udp"]);
  return confFile(
    "The eduroam server: requests from our access points (local users, or visitors proxied to the\nnational proxies) and from the national proxies (our users roaming elsewhere).",
    block(`server ${OUTER_SERVER}`, [
      ...listen("auth", runtime.authPort),
      ...listen("acct", runtime.acctPort),
      ...block("authorize", [
        POLICY.filterUserName,
        POLICY.visitedOperator,
        REALM_MODULE,
        POLICY.nationalProxyGuard,
        // Visitors: the national proxies handle the rest.
        ...block("if (&control:Proxy-To-Realm)", ["return"]),
        POLICY.requireEap,
        ...block("eap", ["ok = return"]),
        ...block("Autz-Type Status-Server", ["ok"]),
      ]),
      ...block("authenticate", block("Auth-Type EAP", ["eap"])),
      ...block("preacct", []),
      ...block("accounting", [ACCOUNTING_LOG, "ok"]),
      ...block("post-auth", [
        POLICY.localReply,
        POLICY.acceptResult,
        AUTH_LOG,
        ...block("Post-Auth-Type REJECT", [POLICY.rejectResult, AUTH_LOG, POLICY.rejectEap]),
      ]),
      ...block("pre-proxy", []),
      ...block("post-proxy", [POST_PROXY_FILTER]),
    ]),
  );
}

export function innerServer(): string {
  return confFile(
    "The inner tunnel: the real identity inside PEAP or TTLS. Its realm must be the outer realm;\neach realm is checked against its municipality's own backend (inner-tunnel.d/).",
    block(`server ${INNER_SERVER}`, [
      ...block("authorize", [
        POLICY.innerIdentity,
        ...block("update control", ["&Proxy-To-Realm := LOCAL"]),
        "$INCLUDE ${confdir}/inner-tunnel.d/authorize/",
        "mschap",
        ...block("eap", ["ok = return"]),
        "pap",
      ]),
      ...block("authenticate", [
        ...block("Auth-Type PAP", ["pap"]),
        ...block("Auth-Type MS-CHAP", ["mschap"]),
        "eap",
        "$INCLUDE ${confdir}/inner-tunnel.d/authenticate/",
      ]),
      ...block("post-auth", [POLICY.innerAccept, ...block("Post-Auth-Type REJECT", [POLICY.innerReject])]),
    ]),
  );
}
