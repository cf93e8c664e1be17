/**
 * What each stack program is given. The Pulumi entry point (stacks/index.ts)
 * builds these from the files; the offline preview builds the same from the
 * validated region, so both run exactly the same program.
 */
import type { PlatformFile } from "../tenants/schema/platform";
import type { ResolvedTenant } from "../tenants/region";
import type { SecretMode } from "./secrets";


export interface PlatformStackInput {
  readonly platform: PlatformFile;
  /** Every tenant: the hub needs their address spaces, sites and rules. */
  readonly tenants: readonly ResolvedTenant[];
  /** "placeholder" in offline previews: secrets are never read there. */
  readonly secretMode: SecretMode;
  /** The day of the run (YYYY-MM-DD): the shared services' first patch windows fall after it. Default: today (UTC). */
  readonly today?: string;
}

export interface TenantStackInput {
  readonly platform: PlatformFile;
  readonly tenant: ResolvedTenant;
  /** Fully qualified name of the platform stack, for the StackReference. */
  readonly platformStackName: string;
  /** Fully qualified name of the tenant's hub stack (hub-<key>); undefined on the primary hub, which is the platform's. */
  readonly hubStackName?: string;
  readonly secretMode: SecretMode;
  /** The day of the run (YYYY-MM-DD): a new budget starts in its month at the earliest. */
  readonly today: string;
}

export interface HubStackInput {
  readonly platform: PlatformFile;
  /** The hub's key in platform.yaml network.hubs; never the primary's, which the platform stack holds. */
  readonly hub: string;
  /** Every tenant of the region: the program attaches those on this hub (domain/network/hub-placement.ts). */
  readonly tenants: readonly ResolvedTenant[];
  /** Fully qualified name of the platform stack, for the StackReference. */
  readonly platformStackName: string;
  readonly secretMode: SecretMode;
  readonly today?: string;
}
