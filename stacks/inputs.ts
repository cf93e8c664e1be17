/**
 * What each stack program is given. The Pulumi entry point (stacks/index.ts)
 * builds these from the files; the offline preview builds the same from the
 * validated region, so both run exactly the same program.
 */
import type { PlatformFile } from "../tenants/schema/platform";
import type { ResolvedTenant } from "../tenants/region";

export const PROJECT = "grunnmur";
export const PLATFORM_STACK = "platform";

export interface PlatformStackInput {
  readonly platform: PlatformFile;
  /** Every tenant: the hub needs their address spaces, sites and rules. */
  readonly tenants: readonly ResolvedTenant[];
}

export interface TenantStackInput {
  readonly platform: PlatformFile;
  readonly tenant: ResolvedTenant;
  /** Fully qualified name of the platform stack, for the StackReference. */
  readonly platformStackName: string;
}

/** The outputs of the platform stack that tenant stacks read through a StackReference. */
export interface PlatformOutputs {
  readonly location: string;
  readonly hubResourceGroupName: string;
  readonly hubVnetId: string;
  readonly hubVnetName: string;
}
