/**
 * Network zones a tenant spoke can have, with the sizes the subnet layout uses.
 * `endpoints` is internal: private endpoints (storage, key vault) always get a
 * small subnet of their own so the zones' NSGs stay simple.
 */
export const ZONE_NAMES = ["general", "secure", "exam"] as const;
export type ZoneName = (typeof ZONE_NAMES)[number];

export interface ZoneRule {
  /** Prefix length used when the file does not set one. */
  readonly defaultPrefix: number;
  /** Largest prefix length (smallest subnet) that is still useful. */
  readonly minimumPrefix: number;
  /** Why the minimum exists, shown in error messages. */
  readonly label: string;
  /** The service a tenant subscribes to to get this zone; general is always there. */
  readonly service?: string;
}

export const ZONE_RULES: Readonly<Record<ZoneName, ZoneRule>> = {
  general: { defaultPrefix: 24, minimumPrefix: 27, label: "a general zone" },
  secure: { defaultPrefix: 26, minimumPrefix: 28, label: "a secure zone (sikker sone)", service: "secure-zone" },
  exam: { defaultPrefix: 26, minimumPrefix: 27, label: "an exam zone", service: "exam-zone" },
};

export const ENDPOINTS_PREFIX = 27;
