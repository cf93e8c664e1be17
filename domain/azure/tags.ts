/**
 * The tags every resource carries, so the regional team can split the Azure
 * invoice per municipality and service, and auditors can see who owns what.
 */
export interface TagArgs {
  /** Tenant slug, or the host's slug for platform resources. */
  readonly tenant: string;
  /** Catalogue service the resource belongs to, e.g. "network", "storage". */
  readonly service: string;
  /** The municipality's cost centre (ansvar). */
  readonly costCentre: string;
  readonly environment: string;
}

export type Tags = Readonly<Record<string, string>>;

export function standardTags(args: TagArgs): Tags {
  return {
    "grunnmur:tenant": args.tenant,
    "grunnmur:service": args.service,
    "grunnmur:cost-centre": args.costCentre,
    "grunnmur:environment": args.environment,
    "grunnmur:managed-by": "pulumi",
  };
}

/** The same tags for another service of the same owner. */
export function withService(tags: Tags, service: string): Tags {
  return { ...tags, "grunnmur:service": service };
}
