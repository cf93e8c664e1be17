/**
 * What each stack program is given. The Pulumi entry point (stacks/index.ts)
 * builds these from the files; the offline preview builds the same from the
 * validated region, so both run exactly the same program.
 */
import type { PlatformFile } from "../tenants/schema/platform";
import type { ResolvedTenant } from "../tenants/region";
import type { SecretMode } from "./secrets";

export const PROJECT = "grunnmur";
export const PLATFORM_STACK = "platform";

export interface PlatformStackInput {
  readonly platform: PlatformFile;
  /** Every tenant: the hub needs their address spaces, sites and rules. */
  readonly tenants: readonly ResolvedTenant[];
  /** "placeholder" in offline previews: secrets are never read there. */
  readonly secretMode: SecretMode;
}

export interface TenantStackInput {
  readonly platform: PlatformFile;
  readonly tenant: ResolvedTenant;
  /** Fully qualified name of the platform stack, for the StackReference. */
  readonly platformStackName: string;
  readonly secretMode: SecretMode;
}

/** The outputs of the platform stack that tenant stacks read through a StackReference. */
export interface PlatformOutputs {
  readonly location: string;
  readonly environment: string;
  readonly subscriptionId: string;
  readonly hubResourceGroupName: string;
  readonly hubVnetId: string;
  readonly hubVnetName: string;
  /** Next hop for every spoke route table. */
  readonly firewallPrivateIp: string;
  readonly dnsResolverInboundIp: string;
  /** Private DNS zone ids by key: blob, file, vault, backup, ... */
  readonly privateDnsZoneIds: Record<string, string>;
  readonly workspaceId: string;
  readonly recoveryVaultId: string;
  readonly recoveryVaultName: string;
  readonly recoveryVaultResourceGroupName: string;
  /** Backup policy ids by tier, then workload (files, vms). */
  readonly backupPolicyIds: Record<string, { files: string; vms: string }>;
  readonly keyVaultId: string;
  readonly keyVaultName: string;
  readonly radiusPublicAddresses: string[];
}
