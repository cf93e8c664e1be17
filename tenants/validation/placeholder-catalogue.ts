/**
 * What counts as "not filled in yet" in a tenant file. Deliberately narrow: only
 * the markers `grunnmur onboard` itself writes (scripts/onboarding/tenant-template.ts)
 * and the top-level domain reserved for names that can never be real. The example
 * tenants' documentation values (203.0.113.x addresses, `*.example` and
 * example.org names, organisasjonsnummer valid in form only) are not in it: they
 * are valid in form and the example region must validate.
 */

/** A value that starts with one of these words (any case), then a space, colon or nothing, is a note to fill in, not a value. */
export const PLACEHOLDER_WORDS = ["TODO", "TBD", "FIXME"] as const;

/**
 * E-mail addresses under the top-level domain `.invalid`, reserved for names that
 * can never resolve (RFC 2606 §2, https://www.rfc-editor.org/rfc/rfc2606). The
 * onboarding template writes `it@<slug>.kommune.invalid` when no --email is given.
 * The documentation domains (example.com, .org, .net, `.example`) are not
 * placeholders here: the example region's and the tests' tenants use them on
 * purpose, as values valid in form.
 */
export const PLACEHOLDER_EMAIL_TLDS = ["invalid"] as const;

const wordPattern = new RegExp(`^\\s*(?:${PLACEHOLDER_WORDS.join("|")})(?:$|[\\s:.,;!-])`, "i");

/** True when a comment written after a value (`monthlyNok: 10000  # TODO: ...`) says the value is the template's default, not the municipality's. */
export function isPlaceholderComment(comment: string): boolean {
  return wordPattern.test(comment);
}

/** Why `value` is a placeholder, or undefined when it is a real value. */
export function placeholderReason(value: string): string | undefined {
  if (wordPattern.test(value)) return "is a note, not a value";
  const at = value.lastIndexOf("@");
  if (at > 0) {
    const tld = value.slice(value.lastIndexOf(".") + 1).replace(/\s+$/, "").toLowerCase();
    if (value.lastIndexOf(".") > at && (PLACEHOLDER_EMAIL_TLDS as readonly string[]).includes(tld)) return `is a placeholder address (a .${tld} address can never receive mail)`;
  }
  return undefined;
}
