/**
 * The numbers behind the alerts and the audit logs, each with where it comes from.
 */

/**
 * Days the activity log and the Entra ID sign-in and audit logs are kept, at least.
 * The project's security baseline (LG-03) cites NSM Grunnprinsipper for IKT-sikkerhet v2.0,
 * principle 3.2 (logging), with at least 90 days for the workspace, and eduroam asks six months
 * of authentication logs; we hold the stricter, six months (180 days). NSM's own wording of
 * the period is unverified here (docs/alerting.md).
 */
export const NSM_LOG_RETENTION_DAYS = 180;

/** Key Vault answers 403 this many times in five minutes before anyone is woken: a few are a typo, a spike is a probe. */
export const KEY_VAULT_DENIED_DEFAULT = 10;

/**
 * Azure Firewall's FirewallHealth metric is a percentage; below 90 % the firewall is degraded.
 * Threshold, window and aggregation as in Azure Monitor Baseline Alerts (AzFW pack):
 * https://azure.github.io/azure-monitor-baseline-alerts/patterns/monitoring-packs/Platform/AzFW/
 */
export const FIREWALL_HEALTH_BELOW_PERCENT = 90;

/** A backup item with no recovery point newer than this raises "restore points missing". */
export const RESTORE_POINT_MAX_AGE_HOURS = 24;

/** The Service Health regions the platform runs in, as Service Health names them. */
export const SERVICE_HEALTH_REGIONS = ["Norway East", "Norway West"] as const;
