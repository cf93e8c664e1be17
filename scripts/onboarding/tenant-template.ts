/**
 * The first version of a new tenant file: valid as written, with TODO comments
 * only where the municipality must supply facts.
 */
export interface NewTenant {
  readonly slug: string;
  readonly name: string;
  readonly kommunenummer: string;
  readonly organisasjonsnummer: string;
  readonly population: number;
  readonly email: string;
  readonly addressSpace: string;
  /** YYYY-MM: the month the file is written, when the municipality joins. */
  readonly joined: string;
}

export function tenantFileText(t: NewTenant): string {
  const q = (s: string) => JSON.stringify(s);
  return `# yaml-language-server: $schema=./schema/tenant.schema.json
#
# ${t.name}: written by \`grunnmur onboard\`. Lines marked TODO need facts from the
# municipality; everything else has a working default. Validate with \`npx grunnmur validate\`.
slug: ${t.slug}
displayName: ${q(t.name)}
kommunenummer: ${q(t.kommunenummer)}
organisasjonsnummer: ${q(t.organisasjonsnummer)}
population: ${t.population}
costCentre: "TODO"              # TODO: the municipality's cost centre (ansvar) for invoices
contacts:
  - name: IT contact            # TODO: the municipality's IT contact person
    role: IT lead
    email: ${t.email}
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
  alertRecipients: [${t.email}]
systems: {}                     # TODO: the system inventory (systemkartlegging): see tenants/senja.yaml
`;
}

export const ONBOARDING_CHECKLIST = [
  "The municipality:",
  "  - fills in the TODO lines: cost centre, IT contact, shares, budget, system inventory",
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
