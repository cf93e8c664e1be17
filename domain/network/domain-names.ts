/**
 * DNS names as eduroam and RFC 1035 know them: the realm of a user name is one,
 * and it must be a domain the municipality controls.
 */

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Lower-case labels of letters, digits and inner hyphens, single dots, two labels or more, 253 characters at most. */
export function isDomainName(value: string): boolean {
  const labels = value.split(".");
  return value.length <= 253 && labels.length >= 2 && labels.every((label) => LABEL.test(label)) && /[a-z]/.test(labels[labels.length - 1]);
}

/** Whether `name` is `domain` itself or a name under it. */
export function isUnderDomain(name: string, domain: string): boolean {
  return name === domain || name.endsWith(`.${domain}`);
}

/** The domain of an e-mail address, lower-cased. */
export function emailDomain(address: string): string {
  return address.slice(address.lastIndexOf("@") + 1).toLowerCase();
}
