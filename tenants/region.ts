/**
 * The validated, resolved region: what every stack program and command works
 * from. Plain data (strings, not parsed CIDRs) so it crosses process
 * boundaries to preview workers as JSON.
 */
import type { PlatformFile } from "./schema/platform";
import type { TenantFile } from "./schema/tenant";
import type { ZoneName } from "../domain/network/zones";

export type SubnetKey = ZoneName | "endpoints";

export interface ResolvedTenant {
  /** Path of the tenant file, as shown in messages. */
  readonly file: string;
  readonly spec: TenantFile;
  readonly addressSpace: string;
  /** "file" when network.addressSpace was set; "allocated" when derived from the kommunenummer. */
  readonly addressSource: "file" | "allocated";
  /** Zones the tenant uses, in layout order. */
  readonly zones: readonly ZoneName[];
  /** Subnets in use (zones plus the private-endpoint subnet), as CIDR strings. */
  readonly subnets: Readonly<Partial<Record<SubnetKey, string>>>;
}

export interface Region {
  readonly platformFile: string;
  readonly platform: PlatformFile;
  /** Sorted by slug, so every consumer sees the same order. */
  readonly tenants: readonly ResolvedTenant[];
}
