/**
 * What counts as "not filled in yet" in a tenant file. Deliberately narrow: only
 * the markers `grunnmur onboard` itself writes (scripts/onboarding/tenant-template.ts)
 * and the domains reserved for names that can never be real. The example tenants'
 * documentation values (203.0.113.x addresses, `*.example` LDAP servers,
 * organisasjonsnummer valid in form only) are not in it: they are valid in form
 * and the example region must validate.
 */

/** A value that starts with one of these words (any case), then a space, colon or nothing, is a note to fill in, not a value. */
export const PLACEHOLDER_WORDS = ["TODO", "TBD", "FIXME"] as const;

/**
 * E-mail domains that cannot receive mail: the top-level domain `.invalid` and
 * the second-level names reserved for documentation (RFC 2606 §2-3,
 * https://www.rfc-editor.org/rfc/rfc2606). The onboarding template writes
 * `<something>@<slug>.kommune.invalid` when no --email is given.
 */
export const PLACEHOLDER_EMAIL_TLDS = ["invalid"] as const;
export const PLACEHOLDER_EMAIL_DOMAINS = ["example.com", "example.net", "example.org"] as const;

/** The onboarding template's own marker for an address to replace. */
export const PLACEHOLDER_EMAIL_DOMAIN_SUFFIX = ".kommune.invalid";

const wordPattern = new RegExp(`^\\s*(?:${PLACEHOLDER_WORDS.join("|")})(?:$|[\\s:.,;!-])`, "i");

/** True when a comment written after a value (`monthlyNok: 10000  # TODO: ...`) says the value is the template's default, not the municipality's. */
export function isPlaceholderComment(comment: string): boolean {
  return wordPattern.test(comment);
}

/** Why `value` is a placeholder, or undefined when it is a real value. */
export function placeholderReason(value: string): string | undefined {
  if (wordPattern.test(value)) return "is a note, not a value";
  const at = value.lastIndexOf("@");
  if (at > 0 && !/\s/.test(value)) {
    const domain = value.slice(at + 1).toLowerCase().replace(/\.$/, "");
    const tld = domain.slice(domain.lastIndexOf(".") + 1);
    if ((PLACEHOLDER_EMAIL_TLDS as readonly string[]).includes(tld)) return `is a placeholder address (a .${tld} address can never receive mail)`;
    if (PLACEHOLDER_EMAIL_DOMAINS.some((d) => domain === d || domain.endsWith(`.${d}`))) return "is a placeholder address (a domain reserved for examples)";
  }
  return undefined;
}
