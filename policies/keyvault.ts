/**
 * Key Vault rules (KV-01 … KV-04): the vaults hold VPN keys and RADIUS
 * secrets for every municipality, so every rule protects data.
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as keyvault from "@pulumi/azure-native/keyvault";
import { policiesOfType, type GrunnmurPolicy } from "./core/define";
import { expectEqual, expectSetting } from "./core/messages";

type VaultProps = pulumi.Unwrap<keyvault.VaultArgs>;

export const KEY_VAULT = "azure-native:keyvault:Vault";

const vault = policiesOfType<VaultProps>(KEY_VAULT);

export const softDelete = () =>
  vault<{ minimumRetentionDays: number }>(
    {
      id: "KV-01",
      name: "keyvault-soft-delete",
      source: "MCSB DP-8",
      title: "Deleted keys and secrets stay recoverable for the retention period.",
      enforcementLevel: "mandatory",
      config: { minimumRetentionDays: { default: 90, minimum: 7, description: "Fewest days a deleted vault or secret stays recoverable (7-90)." } },
    },
    (r, report, config) => {
      expectEqual(report, r.label, "properties.enableSoftDelete", r.props.properties?.enableSoftDelete, true, "MCSB DP-8");
      expectSetting(report, {
        resource: r.label,
        property: "properties.softDeleteRetentionInDays",
        current: r.props.properties?.softDeleteRetentionInDays,
        ok: (v) => typeof v === "number" && v >= config.minimumRetentionDays,
        safe: String(Math.max(config.minimumRetentionDays, 90)),
        source: "MCSB DP-8",
      });
    },
  );

export const purgeProtection = () =>
  vault(
    { id: "KV-02", name: "keyvault-purge-protection", source: "CIS 8.3.5", title: "Nobody can purge a deleted vault or secret before its retention ends.", enforcementLevel: "mandatory" },
    (r, report) => expectEqual(report, r.label, "properties.enablePurgeProtection", r.props.properties?.enablePurgeProtection, true, "CIS 8.3.5"),
  );

export const rbacAuthorization = () =>
  vault(
    { id: "KV-03", name: "keyvault-rbac-authorization", source: "CIS 8.3.6", title: "Access to secrets is granted with Azure RBAC, not vault access policies.", enforcementLevel: "mandatory" },
    (r, report) => expectEqual(report, r.label, "properties.enableRbacAuthorization", r.props.properties?.enableRbacAuthorization, true, "CIS 8.3.6"),
  );

export const privateNetworkOnly = () =>
  vault(
    { id: "KV-04", name: "keyvault-private-network-only", source: "CIS 8.3.7", title: "Key vaults are reached through private endpoints only.", enforcementLevel: "mandatory" },
    (r, report) => {
      expectEqual(report, r.label, "properties.publicNetworkAccess", r.props.properties?.publicNetworkAccess, "Disabled", "CIS 8.3.7");
      expectEqual(report, r.label, "properties.networkAcls.defaultAction", r.props.properties?.networkAcls?.defaultAction, "Deny", "CIS 8.3.7", "Azure then allows every network");
    },
  );

export function keyVaultPolicies(): GrunnmurPolicy[] {
  return [softDelete(), purgeProtection(), rbacAuthorization(), privateNetworkOnly()];
}
