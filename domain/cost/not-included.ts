/**
 * What the estimate leaves out, said out loud in every report a council reads:
 * the estimate prices the Azure resources the stacks create, and a comparison
 * with today's datacentre is only fair when the rest is named.
 */
export interface NotIncluded {
  readonly item: string;
  /** The item in a sentence's run: "licences such as Entra ID P1". */
  readonly inline: string;
  readonly why: string;
}

export const NOT_INCLUDED: readonly NotIncluded[] = [
  { item: "Staff", inline: "staff", why: "the regional IT team's and the municipalities' own working hours, for running the platform and for migrating to it" },
  { item: "Licences such as Entra ID P1", inline: "licences such as Entra ID P1", why: "Conditional Access and administrative units need Entra ID P1 (or a Microsoft 365 plan that includes it) per user; bought per user, not per resource" },
  { item: "Microsoft Defender for Cloud", inline: "Defender", why: "Defender plans for servers, storage and Key Vault are billed per resource and hour once enabled, and are not in the price table" },
  { item: "Traffic", inline: "traffic", why: "data over the peerings, out to the internet and through the VPN tunnels is billed per GB; only the firewall's processed data is estimated" },
  { item: "VAT", inline: "VAT", why: "the price table is list prices excluding VAT" },
];

/** The list in one line, for a chart's foot or under a table. */
export const notIncludedLine = (): string => `Not included: ${NOT_INCLUDED.map((x) => x.inline).join(", ")}.`;
