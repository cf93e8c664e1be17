/**
 * The KQL texts of the log alerts and the saved change queries. Every value put
 * into a query comes from a validated file (slugs, IP addresses, resource group
 * names we build ourselves) and is still quoted here, so no file can change what
 * a query selects.
 */

/** A KQL string literal; refuses what our names never contain rather than trusting an escape. */
export function kqlString(value: string): string {
  if (!/^[A-Za-z0-9._:\-\/ ]*$/.test(value)) throw new Error(`cannot put ${JSON.stringify(value)} into a query: only letters, digits and . _ : - / are expected`);
  return `"${value}"`;
}

const list = (values: readonly string[]) => `(${values.map(kqlString).join(", ")})`;

/**
 * Tunnel disconnects of the VPN gateway. The gateway's TunnelDiagnosticLog lands in
 * AzureDiagnostics, with status_s and remoteIP_s, as in "Troubleshoot Azure VPN Gateway using
 * diagnostic logs" (https://learn.microsoft.com/azure/vpn-gateway/troubleshoot-vpn-with-azure-diagnostics).
 * Unverified: whether the gateway honours the "Dedicated" destination type and writes to a
 * resource-specific table instead, which would leave this query empty (docs/alerting.md).
 */
export function vpnTunnelDownQuery(remoteIps?: readonly string[]): string {
  return [
    "AzureDiagnostics",
    '| where Category == "TunnelDiagnosticLog" and status_s == "Disconnected"',
    ...(remoteIps ? [`| where remoteIP_s in ${list(remoteIps)}`] : []),
    "| project TimeGenerated, Resource, remoteIP_s, stateChangeReason_s, instance_s",
  ].join("\n");
}

/**
 * Failed backup jobs, from the Recovery Services vault's resource-specific table
 * AddonAzureBackupJobs (the vaults send "Dedicated" diagnostics; columns as in
 * https://learn.microsoft.com/azure/backup/backup-azure-reports-data-model).
 * A municipality's items are the ones whose unique id names one of its resource groups:
 * unverified that BackupItemUniqueId always carries the protected resource's group.
 */
export function backupJobFailedQuery(resourceGroups?: readonly string[]): string {
  return [
    "AddonAzureBackupJobs",
    '| where JobOperation == "Backup" and JobStatus == "Failed"',
    ...(resourceGroups ? [`| where BackupItemUniqueId has_any ${list(resourceGroups.map((g) => g.toLowerCase()))}`] : []),
    "| project TimeGenerated, BackupItemUniqueId, JobFailureCode, _ResourceId",
  ].join("\n");
}

/**
 * Backup items whose newest recovery point is older than maxAgeHours. CoreAzureBackup
 * reports each item about daily with LatestRecoveryPointTime (same data model page); the
 * alert reads two days so an item that stopped reporting a day ago is still seen.
 */
export function restorePointMissingQuery(maxAgeHours: number, resourceGroups?: readonly string[]): string {
  return [
    "CoreAzureBackup",
    '| where OperationName == "BackupItem"',
    ...(resourceGroups ? [`| where BackupItemUniqueId has_any ${list(resourceGroups.map((g) => g.toLowerCase()))}`] : []),
    "| summarize arg_max(TimeGenerated, LatestRecoveryPointTime, BackupItemFriendlyName) by BackupItemUniqueId",
    `| where isnull(todatetime(LatestRecoveryPointTime)) or todatetime(LatestRecoveryPointTime) < ago(${maxAgeHours}h)`,
  ].join("\n");
}

/**
 * What changed in one municipality's resources: the activity log's writes, deletes and
 * actions on its resource groups (and, with its own subscription, everything there).
 * AzureActivity columns: https://learn.microsoft.com/azure/azure-monitor/reference/tables/azureactivity
 */
export function tenantChangesQuery(resourceGroups: readonly string[], subscriptionId?: string): string {
  const groups = list(resourceGroups.map((g) => g.toLowerCase()));
  const where = subscriptionId
    ? `| where SubscriptionId =~ ${kqlString(subscriptionId)} or tolower(ResourceGroup) in ${groups}`
    : `| where tolower(ResourceGroup) in ${groups}`;
  return [
    "AzureActivity",
    '| where CategoryValue == "Administrative"',
    where,
    '| where OperationNameValue endswith "/write" or OperationNameValue endswith "/delete" or OperationNameValue endswith "/action"',
    "| project TimeGenerated, Caller, OperationNameValue, ActivityStatusValue, ResourceGroup, _ResourceId, CorrelationId",
    "| order by TimeGenerated desc",
  ].join("\n");
}
