/**
 * Norwegian public identifiers. Rules from SSB (KLASS 131, county and
 * municipality numbers) and Brønnøysundregistrene (organisasjonsnummer MOD11).
 */

/**
 * County numbers in force from 1 January 2024 (SSB KLASS 104). A kommunenummer's
 * first two digits must be one of these; 54xx (Troms og Finnmark 2020-2023) is gone.
 */
export const COUNTIES: Readonly<Record<string, string>> = {
  "03": "Oslo",
  "11": "Rogaland",
  "15": "Møre og Romsdal",
  "18": "Nordland",
  "31": "Østfold",
  "32": "Akershus",
  "33": "Buskerud",
  "34": "Innlandet",
  "39": "Vestfold",
  "40": "Telemark",
  "42": "Agder",
  "46": "Vestland",
  "50": "Trøndelag",
  "55": "Troms",
  "56": "Finnmark",
};

/** County numbers in ascending order (object keys like "11" would sort before "03"). */
export const COUNTY_CODES: readonly string[] = Object.keys(COUNTIES).sort();

export type IdentifierCheck = { ok: true } | { ok: false; reason: string };

export function checkKommunenummer(value: string): IdentifierCheck {
  if (!/^\d{4}$/.test(value)) {
    return { ok: false, reason: `"${value}" is not 4 digits; write it as a quoted string like "5501" so a leading zero is kept` };
  }
  const county = value.slice(0, 2);
  if (!(county in COUNTIES)) {
    const valid = COUNTY_CODES.join(", ");
    return { ok: false, reason: `"${value}" starts with county ${county}, which does not exist since 2024; valid county prefixes are ${valid}` };
  }
  if (value.slice(2) === "00") {
    return { ok: false, reason: `"${value}" ends in 00, which is the county itself, not a municipality` };
  }
  return { ok: true };
}

const ORGNR_WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2];

/** The MOD11 check digit for the first 8 digits, or undefined when none exists. */
export function orgnrCheckDigit(first8: string): number | undefined {
  const sum = ORGNR_WEIGHTS.reduce((acc, w, i) => acc + w * Number(first8[i]), 0);
  const r = sum % 11;
  if (r === 0) return 0;
  if (r === 1) return undefined;
  return 11 - r;
}

export function checkOrganisasjonsnummer(value: string): IdentifierCheck {
  if (!/^\d{9}$/.test(value)) {
    return { ok: false, reason: `"${value}" is not 9 digits; write it without spaces, as a quoted string` };
  }
  const expected = orgnrCheckDigit(value.slice(0, 8));
  if (expected === undefined) {
    return { ok: false, reason: `"${value}" cannot be an organisasjonsnummer: no MOD11 check digit exists for ${value.slice(0, 8)}` };
  }
  if (expected !== Number(value[8])) {
    return { ok: false, reason: `"${value}" has check digit ${value[8]}, but MOD11 gives ${expected}; check the number in Enhetsregisteret` };
  }
  return { ok: true };
}
