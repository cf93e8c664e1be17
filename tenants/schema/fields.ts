/**
 * Field types shared by the tenant and platform schemas. Each carries the
 * message a municipal IT admin sees when the value is wrong, and a description
 * that editors show on hover through the generated JSON Schema.
 */
import { z } from "zod";
import { parseCidr, parseIp } from "../../domain/network/cidr";
import { checkKommunenummer, checkOrganisasjonsnummer } from "../validation/identifiers";
import { isDomainName, normaliseDomain } from "../../domain/network/domain-names";

/** Keys that become parts of Azure resource names and Pulumi logical names. */
export const keyName = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,30}[a-z0-9]$/, {
    error: "must be 2-32 lower-case letters, digits or hyphens, starting with a letter (it becomes part of Azure resource names)",
  });

export const slug = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,38}[a-z0-9]$/, {
    error: "must be 2-40 lower-case ASCII letters, digits or hyphens, e.g. \"kvaenangen\" for Kvænangen",
  })
  .meta({ description: "Stable ASCII identifier; the file name and the Pulumi stack name. Never change it after deployment." });

export const kommunenummer = z
  .string({ error: "must be a quoted 4-digit string like \"5501\"" })
  .superRefine((value, ctx) => {
    const check = checkKommunenummer(value);
    if (!check.ok) ctx.addIssue({ code: "custom", message: check.reason });
  })
  .meta({ description: "Municipality number from SSB (KLASS 131), 4 digits as a quoted string, e.g. \"5501\".", pattern: "^\\d{4}$" });

export const organisasjonsnummer = z
  .string({ error: "must be a quoted 9-digit string like \"940330408\"" })
  .superRefine((value, ctx) => {
    const check = checkOrganisasjonsnummer(value);
    if (!check.ok) ctx.addIssue({ code: "custom", message: check.reason });
  })
  .meta({ description: "Organisation number in Enhetsregisteret, 9 digits with a MOD11 check digit.", pattern: "^\\d{9}$" });

export const population = z
  .number({ error: "must be a whole number of inhabitants, e.g. 14500" })
  .int({ error: "must be a whole number of inhabitants" })
  .positive({ error: "must be above 0" })
  .max(1_000_000, { error: "is larger than any Norwegian municipality; check the figure (SSB table 07459)" })
  .meta({ description: "Inhabitants (SSB table 07459); drives the population share of platform costs." });

export const cidrBlock = z
  .string({ error: "must be an IPv4 CIDR block like \"10.96.0.0/23\"" })
  .superRefine((value, ctx) => {
    const parsed = parseCidr(value);
    if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.reason });
  })
  .meta({ description: "IPv4 CIDR block, e.g. 10.96.0.0/23.", pattern: "^\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+$" });

export const ipAddress = z
  .string({ error: "must be an IPv4 address like \"192.0.2.10\"" })
  .refine((value) => parseIp(value) !== undefined, { error: "must be an IPv4 address like \"192.0.2.10\"" })
  .meta({ description: "IPv4 address." });

export const domainName = z
  .string({ error: 'must be a domain name like "senja.kommune.no"' })
  .superRefine((value, ctx) => {
    if (isDomainName(value)) return;
    const normal = normaliseDomain(value);
    const how = [
      value.toLowerCase() !== value ? "in lower case" : "",
      value.trim().endsWith(".") ? "without the trailing dot" : "",
      value.trim() !== value ? "without spaces" : "",
    ]
      .filter(Boolean)
      .join(", ");
    const hint = isDomainName(normal) ? `write it ${how}: "${normal}"` : 'a domain is lower-case labels of letters, digits and inner hyphens joined by single dots, like "senja.kommune.no"';
    ctx.addIssue({ code: "custom", message: `"${value}" is not a domain name; ${hint}` });
  })
  .meta({ description: "A DNS domain name in lower case, e.g. senja.kommune.no.", pattern: "^([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z][a-z0-9-]*[a-z0-9]$" });

export const email = z.email({ error: "must be an e-mail address like \"it@kommune.no\"" });

/** A prefix length written as 27 or "/27". */
export const prefixLength = z
  .union([z.number().int(), z.string().regex(/^\/\d{1,2}$/)], {
    error: "must be a prefix length like /26 (or the number 26)",
  })
  .transform((value) => (typeof value === "number" ? value : Number(value.slice(1))))
  .meta({ description: "Subnet size as a prefix length, e.g. /26." });

/**
 * Where a secret lives. Files name secrets, never hold them: the deploying
 * identity resolves the reference at `pulumi up` time.
 */
export const secretRef = z
  .strictObject({
    keyVaultSecret: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,127}$/, { error: "must be a Key Vault secret name (letters, digits, hyphens)" })
      .optional()
      .meta({ description: "Name of a secret in the platform Key Vault (or in `keyVault`)." }),
    keyVault: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9]$/, { error: "must be a Key Vault name (3-24 letters, digits, hyphens)" })
      .optional()
      .meta({ description: "Key Vault holding the secret; defaults to the platform Key Vault." }),
    pulumiConfig: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_.:-]*$/, { error: "must be a Pulumi config key like \"senjaVpnPsk\"" })
      .optional()
      .meta({ description: "Name of a secret Pulumi config value of the stack (set with `pulumi config set --secret`)." }),
  })
  .meta({ description: "Reference to a secret: `keyVaultSecret` (optionally with `keyVault`) or `pulumiConfig`. Never the value itself." });

export type SecretRef = z.infer<typeof secretRef>;

export const isoDate = z.iso.date({ error: "must be a date written as YYYY-MM-DD" });

/**
 * The policy a waiver names. The schema does not know the pack: validation
 * checks the name against the pack's (tenants/validation/waiver-rules.ts), and
 * `grunnmur schema` writes the names into the JSON Schema as an enum.
 */
export const waiverPolicyName = z.string().meta({ description: "Name of the policy waived, as shown in the policy report." });

/**
 * An exemption from one policy for one resource, reviewed like any change to
 * the file. Expired waivers waive nothing and fail the policy check.
 */
export const waiver = z
  .strictObject({
    policy: waiverPolicyName,
    resource: z
      .string()
      .min(1, { error: "must name the resource: its logical name as shown in the policy report, or its URN" })
      .meta({ description: "The resource exempted: its logical name as shown in the policy report, or its URN." }),
    reason: z
      .string()
      .min(20, { error: "must explain in a sentence why the policy does not fit here and what limits the risk" })
      .meta({ description: "Why the policy does not fit here, and what limits the risk meanwhile." }),
    granted: z.iso
      .date({ error: (issue) => (issue.input === undefined ? "is required: write the day the waiver was agreed (YYYY-MM-DD); it holds at most 12 months from then" : "must be a date written as YYYY-MM-DD") })
      .meta({ description: "The day the waiver was agreed (YYYY-MM-DD); not in the future. A waiver holds at most 12 months from it." }),
    expires: isoDate.meta({ description: "Last day the waiver holds (YYYY-MM-DD), at most 12 months after granted; after it, the policy check fails until it is fixed or renewed." }),
  })
  .meta({ description: "Exemption from one policy for one resource, with a reason and an expiry date." });

export type Waiver = z.output<typeof waiver>;

/**
 * A GitHub team as CODEOWNERS names it, "@organisation/team". The generated
 * .github/CODEOWNERS gives it review of the files that name it.
 */
export const githubTeam = z
  .string({ error: 'must be a GitHub team like "@grunnmur-region/senja-it"' })
  .regex(/^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/, {
    error: 'must be a GitHub team written "@organisation/team", like "@grunnmur-region/senja-it" (letters, digits, hyphens; no spaces)',
  })
  .meta({ description: 'A GitHub team, "@organisation/team-slug".' });

export const waivers = z.array(waiver).default([]).meta({ description: "Reviewed exemptions from the policy pack; each names a policy, a resource, a reason and an expiry date." });
