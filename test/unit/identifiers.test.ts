import { checkKommunenummer, checkOrganisasjonsnummer, orgnrCheckDigit } from "../../tenants/validation/identifiers";

describe("kommunenummer", () => {
  it.each(["5501", "5530", "5601", "0301", "5038"])("accepts %s", (value) => {
    expect(checkKommunenummer(value)).toEqual({ ok: true });
  });

  it.each([
    ["5401", "starts with county 54, which does not exist since 2024"],
    ["550", "is not 4 digits"],
    ["55a1", "is not 4 digits"],
    ["5500", "ends in 00, which is the county itself"],
  ])("rejects %s", (value, reason) => {
    const check = checkKommunenummer(value);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toContain(reason);
  });
});

describe("organisasjonsnummer MOD11", () => {
  it("computes the check digit with weights 3,2,7,6,5,4,3,2", () => {
    expect(orgnrCheckDigit("12345678")).toBe(5);
  });

  it("accepts the documented example 123456785", () => {
    expect(checkOrganisasjonsnummer("123456785")).toEqual({ ok: true });
  });

  it("names the expected check digit when the last digit is wrong", () => {
    expect(checkOrganisasjonsnummer("123456784")).toEqual({
      ok: false,
      reason: '"123456784" has check digit 4, but MOD11 gives 5; check the number in Enhetsregisteret',
    });
  });

  it("rejects numbers whose weighted sum leaves remainder 1, for which no check digit exists", () => {
    // 4*3 = 12, and 12 mod 11 = 1.
    expect(orgnrCheckDigit("40000000")).toBeUndefined();
    expect(checkOrganisasjonsnummer("400000000")).toEqual({
      ok: false,
      reason: '"400000000" cannot be an organisasjonsnummer: no MOD11 check digit exists for 40000000',
    });
  });

  it("rejects a number that is not 9 digits", () => {
    expect(checkOrganisasjonsnummer("12345678").ok).toBe(false);
  });
});
