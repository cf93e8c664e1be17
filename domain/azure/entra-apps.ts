/**
 * First-party Entra ID application ids: the same in every Entra tenant, so
 * conditional access can name them in code and the policy pack can check for them.
 */

/** "Windows Azure Service Management API": the portal, the Azure CLI and ARM. */
export const AZURE_MANAGEMENT_APP_ID = "797f4846-ba00-4fd7-ba43-dac1f8f63013";
