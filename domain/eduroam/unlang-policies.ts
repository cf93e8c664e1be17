/**
 * The eduroam rules as FreeRADIUS policies: user-name hygiene, what the
 * visited side adds (Operator-Name, a CUI request), the loop guard for the
 * national proxies, the inner/outer realm check, and what local users get
 * back (VLAN, CUI). The outer and inner servers only call these by name.
 */
import { block, confFile, single, type Lines } from "./conf-syntax";
import { CLIENT_KEYS, ROLE_ACCESS_POINT, ROLE_NATIONAL_PROXY } from "./clients";
import { LOCAL_ATTRIBUTES } from "./main-config";
import { secretPlaceholder } from "./secret-placeholders";
import type { SecretRef } from "../../tenants/schema/fields";

export const POLICY = {
  filterUserName: "grunnmur_filter_user_name",
  visitedOperator: "grunnmur_visited_operator",
  nationalProxyGuard: "grunnmur_national_proxy_guard",
  requireEap: "grunnmur_require_eap",
  rejectEap: "grunnmur_reject_eap",
  localReply: "grunnmur_local_reply",
  innerIdentity: "grunnmur_inner_identity",
  innerAccept: "grunnmur_inner_accept",
  innerReject: "grunnmur_inner_reject",
  cuiKey: "grunnmur_cui_key",
  acceptResult: "grunnmur_result_accept",
  rejectResult: "grunnmur_result_reject",
} as const;

const clientIs = (role: string) => `("%{client:${CLIENT_KEYS.role}}" == "${role}")`;

/** `if (condition) { record why; reject }`: the reason ends up in the auth log. */
function rejectIf(condition: string, reason: string): string[] {
  return block(`if (${condition})`, [...block("update request", [`&Module-Failure-Message := ${single(reason)}`]), "reject"]);
}

/** One DNS label: letters, digits and inner hyphens. */
const LABEL = "[a-z0-9]([a-z0-9-]*[a-z0-9])?";

function filterUserName(): Lines {
  return block(POLICY.filterUserName, [
    ...rejectIf("!&User-Name", "no User-Name"),
    ...rejectIf("&User-Name =~ /[[:space:][:cntrl:]]/", "User-Name contains whitespace or control characters"),
    ...rejectIf("&User-Name !~ /@/", "User-Name has no realm"),
    ...rejectIf("&User-Name =~ /@.*@/", "User-Name has more than one @"),
    // A realm is a domain name: labels separated by single dots, at least two labels.
    ...rejectIf(`&User-Name !~ /@${LABEL}(\\.${LABEL})+$/i`, "the realm of User-Name is not a domain name"),
  ]);
}

function visitedOperator(): Lines {
  return block(POLICY.visitedOperator, [
    ...block(`if ${clientIs(ROLE_ACCESS_POINT)}`, [
      ...block("update request", [`&Operator-Name := "%{client:${CLIENT_KEYS.operatorName}}"`]),
      // A CUI request (a single NUL) asks the home IdP for a Chargeable-User-Identity.
      ...block("if (!&Chargeable-User-Identity)", block("update request", ["&Chargeable-User-Identity := 0x00"])),
    ]),
  ]);
}

function nationalProxyGuard(): Lines {
  // Without this, the catch-all realm would send a request from a national proxy back to it.
  return block(POLICY.nationalProxyGuard, rejectIf(`${clientIs(ROLE_NATIONAL_PROXY)} && &control:Proxy-To-Realm`, "request from a national proxy for a realm not served here"));
}

function requireEap(): Lines {
  return block(POLICY.requireEap, rejectIf("!&EAP-Message", "eduroam requires EAP"));
}

/**
 * Every Access-Reject carries an EAP-Failure and Message-Authenticator, also
 * when a policy rejected the request before EAP began (malformed or realm-less
 * names, the loop guard, a request without EAP): access points and the national
 * proxies drop a reply to an EAP request without them (RFC 3579, Blast-RADIUS).
 */
function rejectEap(): Lines {
  return block(POLICY.rejectEap, [
    // As in stock FreeRADIUS: eap builds the EAP-Failure for the request's EAP conversation.
    // A malformed EAP-Message makes it fail; the fallback below still answers.
    ...block("eap", ["fail = 1"]),
    ...block("if (!&reply:EAP-Message)", [
      // The identifier must be the request's, or the supplicant discards the failure.
      ...block('if (&request:EAP-Message && ("%{hex:&request:EAP-Message}" =~ /^[0-9a-f]{2}([0-9a-f]{2})/))', block("update reply", ['&EAP-Message := "0x04%{1}0004"'])),
      ...block("else", block("update reply", ["&EAP-Message := 0x04000004"])),
    ]),
    ...block("if (!&reply:Message-Authenticator)", block("update reply", ["&Message-Authenticator := 0x00"])),
  ]);
}

function localReply(): Lines {
  return block(POLICY.localReply, [
    ...block("if (!&control:Proxy-To-Realm)", [
      // The tenant's VLAN only for its own users at its own access points.
      ...block(`if (${clientIs(ROLE_ACCESS_POINT)} && (&Realm == "%{client:${CLIENT_KEYS.realm}}"))`, [
        ...block("update reply", [
          "&Tunnel-Type := VLAN",
          "&Tunnel-Medium-Type := IEEE-802",
          `&Tunnel-Private-Group-Id := "%{client:${CLIENT_KEYS.vlan}}"`,
        ]),
      ]),
      ...block("if (&request:Chargeable-User-Identity && &session-state:Chargeable-User-Identity)", [
        ...block("update reply", ["&Chargeable-User-Identity := &session-state:Chargeable-User-Identity"]),
      ]),
    ]),
  ]);
}

function innerIdentity(): Lines {
  return block(POLICY.innerIdentity, [
    ...rejectIf("!&User-Name || (&User-Name !~ /^[^@[:space:]]+@[^@[:space:]]+$/)", "inner identity is not user@realm"),
    ...block("if (&User-Name =~ /@([^@]+)$/)", block("update request", ['&Realm := "%{tolower:%{1}}"'])),
    ...rejectIf("&Realm != &outer.request:Realm", "inner realm differs from outer realm"),
  ]);
}

function innerAccept(): Lines {
  return block(POLICY.innerAccept, [
    POLICY.cuiKey,
    // One CUI per user and visited operator, not reversible without the key.
    ...block("update request", ['&Tmp-String-1 := "%{tolower:%{User-Name}},%{outer.request:Operator-Name}"']),
    ...block("update outer.session-state", [
      `&${LOCAL_ATTRIBUTES.innerIdentity} := &User-Name`,
      `&Chargeable-User-Identity := "%{hmacsha1:&Tmp-String-1 &control:${LOCAL_ATTRIBUTES.cuiKey}}"`,
    ]),
  ]);
}

function innerReject(): Lines {
  return block(POLICY.innerReject, [
    ...block("update outer.session-state", [`&${LOCAL_ATTRIBUTES.innerIdentity} := &User-Name`]),
    // The outer request that ends a PEAP or TTLS session is a later one; the session state outlives it.
    ...block("if (&Module-Failure-Message)", block("update outer.session-state", ["&Module-Failure-Message := &Module-Failure-Message"])),
  ]);
}

/** Record the outcome for the auth log. */
function result(): Lines {
  return [
    ...block(POLICY.acceptResult, block("update control", [`&${LOCAL_ATTRIBUTES.result} := "accept"`])),
    "",
    ...block(POLICY.rejectResult, block("update control", [`&${LOCAL_ATTRIBUTES.result} := "reject"`])),
  ];
}

export function eduroamPolicies(): string {
  const sections = [filterUserName(), visitedOperator(), nationalProxyGuard(), requireEap(), rejectEap(), localReply(), innerIdentity(), innerAccept(), innerReject(), result()];
  return confFile("eduroam policies, called by name from sites-enabled/eduroam and eduroam-inner-tunnel.", sections.flatMap((s) => [...s, ""]).slice(0, -1));
}

/** Kept apart because it holds a secret: the file is the only policy readable only by freerad. */
export function cuiKeyPolicy(cuiKey: SecretRef): string {
  return confFile("The key for Chargeable-User-Identity (from Key Vault at boot).", block(POLICY.cuiKey, block("update control", [`&${LOCAL_ATTRIBUTES.cuiKey} := ${single(secretPlaceholder(cuiKey))}`])));
}
