/**
 * The first version of a new tenant file: valid in form, with every value the
 * municipality must supply marked so that validation fails until it is given
 * (tenants/validation/placeholder-values.ts): a "TODO: ..." text, a
 * `.kommune.invalid` address, or a working default with a `# TODO` comment.
 */
export interface NewTenant {
  readonly slug: string;
  readonly name: string;
  readonly kommunenummer: string;
  readonly organisasjonsnummer: string;
  readonly population: number;
  /** The IT contact's address; left out, a placeholder that fails validation until replaced. */
  readonly email?: string;
  readonly addressSpace: string;
  /** YYYY-MM: the month the file is written, when the municipality joins. */
  readonly joined: string;
}

export function tenantFileText(t: NewTenant): string {
  const q = (s: string) => JSON.stringify(s);
  const email = t.email ?? placeholderEmail(t.slug);
  return `# yaml-language-server: $schema=./schema/tenant.schema.json
#
# ${t.name}: written by \`grunnmur onboard\`. Values marked TODO need facts from the
# municipality: the file does not validate until each is filled in and its TODO removed.
# Everything else has a working default. Validate with \`npx grunnmur validate\`.
slug: ${t.slug}
displayName: ${q(t.name)}
kommunenummer: ${q(t.kommunenummer)}
organisasjonsnummer: ${q(t.organisasjonsnummer)}
population: ${t.population}
costCentre: "TODO: the municipality's cost centre (ansvar) for invoices"
contacts:
  - name: "TODO: the full name of the municipality's IT contact"
    role: IT lead
    email: ${email}
services: [storage, backup]
network:
  # Allocated from the kommunenummer and written here so it never moves.
  addressSpace: ${t.addressSpace}
storage:
  shares:
    felles: { quotaGb: 100 }    # TODO: shares and sizes the municipality needs
backup:
  tier: standard
joined: ${q(t.joined)}              # the month it joins; its budget starts then or at the first deployment
budget:
  monthlyNok: 10000             # TODO: the monthly budget the council approved
  alertRecipients: [${email}]
systems: {}                     # TODO: the system inventory (systemkartlegging): see tenants/senja.yaml
`;
}

/** An address that can never receive mail (RFC 2606), so the template's guess cannot pass for the real one. */
export function placeholderEmail(slug: string): string {
  return `it@${slug}.kommune.invalid`;
}

export const ONBOARDING_CHECKLIST = [
  "The municipality:",
  "  - fills in the values marked TODO (cost centre, IT contact, shares, budget, system inventory) and any it@<slug>.kommune.invalid address; `npx grunnmur validate` names each one until it is done",
  "  - gives Entra ID admin consent where its own directory is connected",
  "  - sends its VPN details (public IP of the VPN device, address ranges behind it)",
  "  - for eduroam: registers its realm with Sikt and gives the access-point addresses",
  "  - approves a risk assessment and an exit plan (Datatilsynet's advice for shared services)",
  "The regional IT team:",
  "  - once, before the first deployment with regions.dr.enabled: has Microsoft's approval for the platform subscription to deploy in Norway West (region access request, docs/deploy.md)",
  "  - puts in place the secrets from outside the file names (an LDAP bind password: README, \"Putting a secret from outside in place\"); VPN keys and RADIUS client secrets are generated",
  "  - after the platform is deployed: hands the technician the VPN keys and RADIUS secrets (npx grunnmur device-secrets <slug>) over a channel fit for secrets",
  "  - for eduroam: checks that the municipality controls its domain (Norid) and registers it in platform.yaml (domains.<slug>)",
  "  - runs `npx grunnmur preview --only <slug>` and opens the pull request with this one file",
  "  - after merge: `pulumi up` on the platform stack, then on the new stack <slug>",
];
