/**
 * The runtime twin of each mandatory rule of the policy pack: the Azure Policy
 * definition assigned to enforce it in Azure itself, or why none is. The pack
 * judges what a stack will create; Azure Policy judges every request Azure
 * receives, including those that never went through grunnmur (a portal click,
 * a script), so the two together leave no way round a mandatory rule that
 * Azure Policy can express.
 *
 * The README's "Guardrails in Azure" table is rendered from this list
 * (policyTwinTable), and test/unit/policy-twins.test.ts checks that every
 * mandatory rule of the pack is here, so the pack and its twins cannot drift.
 *
 * Built-in ids marked `verified` were read in azure-policy's built-in
 * definitions or on Microsoft Learn's "built-in policy definitions" pages; the
 * others are written from the same catalogue by name but not yet checked there
 * (unverified: check before the first `pulumi up`).
 */

import type { ManagementGroupKey } from "./hierarchy";

export type TwinEffect = "Deny" | "DeployIfNotExists" | "Modify";

/** Where an assignment applies: every subscription of the region, or the municipalities' own subscriptions only. */
export type TwinScope = Extract<ManagementGroupKey, "region" | "municipalities">;

interface TwinCommon {
  /** The pack rule's id, e.g. "ST-01". */
  readonly ruleId: string;
  /** The pack rule's policy name, which waivers name. */
  readonly policyName: string;
  /** The Azure resource type the rule concerns; an exemption from a waiver is narrowed to it. */
  readonly resourceType: string;
}

export interface AssignedTwin extends TwinCommon {
  readonly kind: "builtin" | "custom";
  /** Built-in: the definition's GUID; custom: the name of the definition grunnmur creates (customDefinitions). */
  readonly definition: string;
  readonly displayName: string;
  readonly effect: TwinEffect;
  /**
   * Whether the definition takes an "effect" parameter. Some built-ins have
   * their effect fixed (Allowed locations, Network interfaces should not have
   * public IPs): passing one there fails the assignment.
   */
  readonly effectParameter: boolean;
  /** Other parameters, by the definition's parameter names. */
  readonly parameters?: Readonly<Record<string, unknown>>;
  readonly scope: TwinScope;
  /** Where the id was checked; undefined means unverified. */
  readonly verified?: string;
  /** Built-in roles the assignment's identity needs for remediation (DeployIfNotExists and Modify only). */
  readonly remediationRoles?: readonly string[];
  /** Why the scope is narrower than the region, when it is. */
  readonly note?: string;
}

export interface UntwinnedRule extends TwinCommon {
  readonly kind: "none";
  /** Why Azure Policy cannot hold this rule, in a sentence. */
  readonly reason: string;
}

export type PolicyTwin = AssignedTwin | UntwinnedRule;

const LEARN_STORAGE = "https://learn.microsoft.com/azure/storage/common/policy-reference";
const AZURE_POLICY_REPO = "Azure/azure-policy built-in-policies/policyDefinitions";
const LEARN_KEY_VAULT = "https://learn.microsoft.com/azure/key-vault/policy-reference";

/** The custom definitions grunnmur creates at the region's management group, by name. */
export const CUSTOM_DEFINITIONS: Readonly<Record<string, { displayName: string; description: string; mode: "All" | "Indexed"; policyRule: Record<string, unknown> }>> = {
  "grunnmur-no-public-ip": {
    displayName: "grunnmur: no public IP addresses in municipalities' subscriptions",
    description: "NW-05: a municipality reaches and is reached from the internet only through the hub firewall.",
    mode: "All",
    policyRule: { if: { field: "type", equals: "Microsoft.Network/publicIPAddresses" }, then: { effect: "deny" } },
  },
  "grunnmur-role-assignments-to-groups": {
    displayName: "grunnmur: Azure roles go to groups and workload identities, never to single users",
    description: "ID-01.1: roles are given to Entra groups (or workload identities), never to single users.",
    mode: "All",
    policyRule: {
      if: {
        allOf: [
          { field: "type", equals: "Microsoft.Authorization/roleAssignments" },
          { field: "Microsoft.Authorization/roleAssignments/principalType", equals: "User" },
        ],
      },
      then: { effect: "deny" },
    },
  },
  "grunnmur-workspace-retention": {
    displayName: "grunnmur: Log Analytics workspaces keep logs at least 180 days",
    description: "LG-03.1: logs are kept long enough to investigate an incident found late (eduroam needs six months).",
    mode: "Indexed",
    policyRule: {
      if: {
        allOf: [
          { field: "type", equals: "Microsoft.OperationalInsights/workspaces" },
          { field: "Microsoft.OperationalInsights/workspaces/retentionInDays", less: 180 },
        ],
      },
      then: { effect: "deny" },
    },
  },
};

const builtin = (t: Omit<AssignedTwin, "kind">): AssignedTwin => ({ kind: "builtin", ...t });
const custom = (t: Omit<AssignedTwin, "kind" | "effectParameter" | "displayName">): AssignedTwin => ({
  kind: "custom",
  effectParameter: false,
  displayName: CUSTOM_DEFINITIONS[t.definition].displayName,
  ...t,
});
const none = (ruleId: string, policyName: string, resourceType: string, reason: string): UntwinnedRule => ({ kind: "none", ruleId, policyName, resourceType, reason });

const STORAGE = "Microsoft.Storage/storageAccounts";
const VAULT = "Microsoft.KeyVault/vaults";
const RSV = "Microsoft.RecoveryServices/vaults";
const VM = "Microsoft.Compute/virtualMachines";
const NETWORK = "Microsoft.Network/virtualNetworks";

/** Every mandatory rule of the pack, in pack order, with its twin or the reason it has none. */
export const POLICY_TWINS: readonly PolicyTwin[] = [
  builtin({ ruleId: "ST-01", policyName: "storage-https-only", resourceType: STORAGE, definition: "404c3081-a854-4457-ae30-26a93ef643f9", displayName: "Secure transfer to storage accounts should be enabled", effect: "Deny", effectParameter: true, scope: "region", verified: `${AZURE_POLICY_REPO}/Storage/Storage_AuditForHTTPSEnabled_Audit.json` }),
  builtin({ ruleId: "ST-02", policyName: "storage-minimum-tls-1-2", resourceType: STORAGE, definition: "fe83a0eb-a853-422d-aac2-1bffd182c5d0", displayName: "Storage accounts should have the specified minimum TLS version", effect: "Deny", effectParameter: true, parameters: { minimumTlsVersion: "TLS1_2" }, scope: "region", verified: `${AZURE_POLICY_REPO}/Storage/StorageAccountMinimumTLSVersion_Audit.json` }),
  builtin({ ruleId: "ST-03", policyName: "storage-no-public-blob-access", resourceType: STORAGE, definition: "4fa4b6c0-31ca-4c0d-b10d-24b96f62a751", displayName: "Storage account public access should be disallowed", effect: "Deny", effectParameter: true, scope: "region", verified: LEARN_STORAGE }),
  builtin({ ruleId: "ST-04.1", policyName: "storage-no-shared-key-access", resourceType: STORAGE, definition: "8c6a50c6-9ffd-4ae7-986f-5fa6111f9a54", displayName: "Storage accounts should prevent shared key access", effect: "Deny", effectParameter: true, scope: "region", verified: LEARN_STORAGE }),
  none("ST-04.2", "storage-no-local-users-or-sftp", STORAGE, "no built-in definition denies local users or SFTP; a custom one would rest on aliases not yet checked"),
  none("ST-04.3", "storage-share-default-permission-none", STORAGE, "the default share permission is a setting of the account's identity-based authentication that no built-in definition checks"),
  builtin({ ruleId: "ST-05", policyName: "storage-infrastructure-encryption", resourceType: STORAGE, definition: "4733ea7b-a883-42fe-8cac-97454c2a9e4a", displayName: "Storage accounts should have infrastructure encryption", effect: "Deny", effectParameter: true, scope: "region" }),
  builtin({ ruleId: "ST-06", policyName: "storage-private-network-only", resourceType: STORAGE, definition: "b2982f36-99f2-4db5-8eff-283140c09693", displayName: "Storage accounts should disable public network access", effect: "Deny", effectParameter: true, scope: "region" }),
  builtin({ ruleId: "ST-07", policyName: "storage-no-cross-tenant-replication", resourceType: STORAGE, definition: "92a89a79-6c52-4a7e-a03f-61306fc49312", displayName: "Storage accounts should prevent cross tenant object replication", effect: "Deny", effectParameter: true, scope: "region" }),
  none("ST-08", "storage-blob-soft-delete", STORAGE, "soft delete and versioning are settings of the blob service, a child resource that a deny on the account cannot see"),
  none("ST-09", "storage-file-soft-delete-smb", STORAGE, "share soft delete and the SMB settings live on the file service, a child resource no built-in definition checks"),
  builtin({ ruleId: "KV-01", policyName: "keyvault-soft-delete", resourceType: VAULT, definition: "1e66c121-a66a-4b1f-9b83-0fd99bf0fc2d", displayName: "Key vaults should have soft delete enabled", effect: "Deny", effectParameter: true, scope: "region" }),
  builtin({ ruleId: "KV-02", policyName: "keyvault-purge-protection", resourceType: VAULT, definition: "0b60c0b2-2dc2-4e1c-b5c9-abbed971de53", displayName: "Key vaults should have deletion protection enabled", effect: "Deny", effectParameter: true, scope: "region", verified: LEARN_KEY_VAULT }),
  builtin({ ruleId: "KV-03", policyName: "keyvault-rbac-authorization", resourceType: VAULT, definition: "12d4fa5e-1f9f-4c21-97a9-b99b3c6611b5", displayName: "Azure Key Vault should use RBAC permission model", effect: "Deny", effectParameter: true, scope: "region", verified: `${AZURE_POLICY_REPO}/Key Vault/Should_Use_RBAC.json` }),
  builtin({ ruleId: "KV-04", policyName: "keyvault-private-network-only", resourceType: VAULT, definition: "405c5871-3e91-4644-8a63-58e19d68ff5b", displayName: "Azure Key Vault should disable public network access", effect: "Deny", effectParameter: true, scope: "region" }),
  none("NW-01", "network-no-inbound-from-internet", "Microsoft.Network/networkSecurityGroups", "the pack reads every spelling of a rule's source, protocol and ports; the built-in definitions for management ports only audit, and a deny written on aliases would miss spellings"),
  none("NW-02", "network-subnet-has-nsg", NETWORK, "the built-in definition only audits, and counts Azure's own subnets (gateway, firewall, Bastion), which must have no NSG, as failures"),
  none("NW-03.1", "network-spoke-peers-hub-only", NETWORK, "which network is the hub is a fact of the region's files; Azure Policy sees one peering, not whose network its remote is"),
  none("NW-03.4", "network-spoke-routes-through-firewall", "Microsoft.Network/routeTables", "the firewall's address is a fact of the platform stack; a definition would have to be rewritten whenever the hub changes"),
  none("NW-03.5", "network-spoke-no-gateway-transit", NETWORK, "gateway transit is allowed on the hub's side of a peering and forbidden on the spoke's; Azure Policy cannot tell the two sides apart"),
  none("NW-03.6", "network-hub-side-in-platform-subscription", NETWORK, "which subscription a deployment writes to is a fact of the Pulumi provider, not of the resource"),
  none("NW-04.1", "network-admin-through-bastion", "Microsoft.Network/bastionHosts", "a rule that a resource exists somewhere in the region; Azure Policy judges each resource on its own"),
  custom({ ruleId: "NW-05", policyName: "network-no-public-ip-in-tenant", resourceType: "Microsoft.Network/publicIPAddresses", definition: "grunnmur-no-public-ip", effect: "Deny", scope: "municipalities", note: "the platform's subscription holds the firewall's, gateway's, Bastion's and RADIUS servers' public IPs" }),
  none("NW-03.2", "network-firewall-isolation-group", "Microsoft.Network/firewallPolicies/ruleCollectionGroups", "the isolation group's ranges come from platform.yaml's tenant pool and its priority from the other groups of the policy"),
  none("NW-03.3", "network-firewall-rules-stay-in-tenant", "Microsoft.Network/firewallPolicies/ruleCollectionGroups", "which ranges belong to which municipality is a fact of the region's files"),
  builtin({ ruleId: "LG-01", policyName: "logging-diagnostics-to-central-workspace", resourceType: "Microsoft.Insights/diagnosticSettings", definition: "0884adba-2312-4468-abeb-5422caed1038", displayName: "Enable allLogs category group resource logging for supported resources to Log Analytics (initiative)", effect: "DeployIfNotExists", effectParameter: true, scope: "region", remediationRoles: ["Log Analytics Contributor", "Monitoring Contributor"] }),
  custom({ ruleId: "LG-03.1", policyName: "logging-workspace-retention", resourceType: "Microsoft.OperationalInsights/workspaces", definition: "grunnmur-workspace-retention", effect: "Deny", scope: "region" }),
  none("LG-03.2", "logging-workspace-delete-lock", "Microsoft.OperationalInsights/workspaces", "locks are not resources Azure Policy evaluates; the lock's own CanNotDelete keeps it"),
  custom({ ruleId: "ID-01.1", policyName: "identity-role-assignment-to-groups", resourceType: "Microsoft.Authorization/roleAssignments", definition: "grunnmur-role-assignments-to-groups", effect: "Deny", scope: "region" }),
  none("ID-01.2", "identity-role-assignment-in-own-resource-groups", "Microsoft.Authorization/roleAssignments", "which resource groups are a municipality's own is a fact of the region's files"),
  none("ID-01.3", "identity-no-privileged-role-above-resource-group", "Microsoft.Authorization/roleAssignments", "the break-glass group is the one allowed exception and its id is known only after the platform stack runs"),
  none("ID-02.1", "identity-conditional-access-requires-mfa", "microsoft.graph/conditionalAccessPolicies", "conditional access lives in Entra ID, which Azure Policy does not see"),
  none("ID-02.2", "identity-mfa-for-azure-management", "microsoft.graph/conditionalAccessPolicies", "conditional access lives in Entra ID, which Azure Policy does not see"),
  none("ID-03", "identity-admin-roles-in-administrative-unit", "microsoft.graph/roleAssignments", "directory roles live in Entra ID, which Azure Policy does not see"),
  none("ID-03.2", "identity-directory-roles-to-role-assignable-groups", "microsoft.graph/roleAssignments", "directory roles live in Entra ID, which Azure Policy does not see"),
  builtin({ ruleId: "BK-01", policyName: "backup-vault-soft-delete-always-on", resourceType: RSV, definition: "31b8092a-36b8-434b-9af7-5ec844364148", displayName: "Soft delete should be enabled for Recovery Services Vaults", effect: "Deny", effectParameter: true, scope: "region" }),
  builtin({ ruleId: "BK-02", policyName: "backup-vault-immutability-locked", resourceType: RSV, definition: "d6f6f560-14b7-49a4-9fc8-d2c3a9807868", displayName: "Immutability must be enabled for Recovery Services vaults", effect: "Deny", effectParameter: true, scope: "region" }),
  builtin({ ruleId: "BK-03", policyName: "backup-vault-resource-guard", resourceType: RSV, definition: "c7031eab-0fc0-4cd9-acd0-4497bd66d91a", displayName: "Multi-User Authorization (MUA) must be enabled for Recovery Services Vaults", effect: "Deny", effectParameter: true, scope: "region" }),
  none("BK-04", "backup-vault-geo-redundant", RSV, "storage redundancy and cross-region restore are settings of the vault's backup configuration, a child resource no built-in definition denies"),
  none("BK-05", "backup-vault-private-network-only", RSV, "no built-in definition denies public network access on Recovery Services vaults that has been checked"),
  none("BK-06", "backup-data-protection-vault-hardened", "Microsoft.DataProtection/backupVaults", "the region creates no Backup vaults; a twin would be assigned with the first"),
  none("BK-08", "backup-vault-beside-storage", STORAGE, "registration of a storage account with a vault relates two resources, which Azure Policy judges one at a time"),
  builtin({ ruleId: "VM-01", policyName: "vm-nic-no-public-ip", resourceType: "Microsoft.Network/networkInterfaces", definition: "83a86a26-fd1f-447c-b59d-e51f44264114", displayName: "Network interfaces should not have public IPs", effect: "Deny", effectParameter: false, scope: "municipalities", verified: "https://learn.microsoft.com/azure/governance/policy/samples/built-in-policies#network", note: "the platform's eduroam RADIUS servers have public IPs by design" }),
  builtin({ ruleId: "VM-02", policyName: "vm-encryption-at-host", resourceType: VM, definition: "fc4d8e41-e223-45ea-9bf5-eada37891d87", displayName: "Virtual machines and virtual machine scale sets should have encryption at host enabled", effect: "Deny", effectParameter: true, scope: "municipalities", verified: "https://learn.microsoft.com/azure/virtual-machines/security-policy", note: "the rule covers workload VMs; the platform's RADIUS servers are not workload VMs" }),
  none("VM-03", "vm-trusted-launch", VM, "the built-in Trusted Launch definitions only audit"),
  none("VM-04", "vm-backup-protected", VM, "the pack ties each VM to its backup tier's policy from the tenant file; the built-in definitions only audit or configure a vault of their own choosing"),
  none("VM-05", "vm-secure-zone-sensitive-only", VM, "whether a system is sensitive is a fact of the tenant file"),
  none("VM-06", "vm-linux-no-password-ssh", VM, "the built-in check is a guest configuration audit inside the machine, not a deny"),
  none("VM-07", "vm-allowed-size-and-image", VM, "the allowed sizes and images are platform.yaml's workloads section, which changes with the platform; a twin would be rewritten with it"),
  none("VM-08", "vm-monitoring-agent", VM, "the data collection rule is the platform's; the built-in DeployIfNotExists definitions pick their own"),
  builtin({ ruleId: "RG-01", policyName: "location-norway-only", resourceType: "*", definition: "e56962a6-4747-49cd-b67b-bf8b01975c4c", displayName: "Allowed locations", effect: "Deny", effectParameter: false, parameters: { listOfAllowedLocations: ["norwayeast", "norwaywest", "global"] }, scope: "region", verified: "https://learn.microsoft.com/azure/governance/policy/samples/built-in-policies#general" }),
  none("DL-01", "stateful-resources-protected", "*", "protect and retainOnDelete are Pulumi options, unknown to Azure"),
  none("DL-02", "stateful-resources-locked", "*", "locks are not resources Azure Policy evaluates"),
  none("DL-03", "locks-spare-managed-resources", "*", "locks are not resources Azure Policy evaluates"),
  none("GV-01", "azure-policy-twins-assigned", "Microsoft.Authorization/policyAssignments", "the rule that the twins in this table are assigned; a twin of it would check itself"),
  none("WV-01", "waiver-not-expired", "*", "a fact of the tenant files; the exemptions made from waivers expire in Azure on the same day"),
];

/**
 * Twins of advisory rules: not required by the pack's mandatory set, but the
 * issue asks Azure to fill in what the pack only advises. TG-01's tags are
 * inherited from the resource group (Modify), one assignment per tag key.
 */
export const ADVISORY_TWINS: readonly AssignedTwin[] = ["grunnmur:tenant", "grunnmur:service", "grunnmur:cost-centre", "grunnmur:environment"].map((tag) =>
  builtin({
    ruleId: "TG-01",
    policyName: "tags-cost-allocation",
    resourceType: "*",
    definition: "ea3f2387-9b95-492a-a190-fcdc54f7b070",
    displayName: `Inherit a tag from the resource group if missing (${tag})`,
    effect: "Modify",
    effectParameter: false,
    parameters: { tagName: tag },
    scope: "region",
    remediationRoles: ["Tag Contributor"],
  }),
);

export function isAssigned(twin: PolicyTwin): twin is AssignedTwin {
  return twin.kind !== "none";
}

/** Every assignment the region makes, mandatory twins first, each with a stable key. */
export function plannedAssignments(): Array<AssignedTwin & { key: string }> {
  const mandatory = POLICY_TWINS.filter(isAssigned).map((t) => ({ ...t, key: t.ruleId.toLowerCase().replace(/\./g, "-") }));
  const advisory = ADVISORY_TWINS.map((t) => ({ ...t, key: `tg-01-${String(t.parameters?.tagName).replace(/^grunnmur:/, "")}` }));
  return [...mandatory, ...advisory];
}

/**
 * The assignment's name: at most 24 characters at management group scope
 * (https://learn.microsoft.com/azure/governance/policy/concepts/assignment-structure).
 */
export function assignmentName(key: string): string {
  const name = `gm-${key}`;
  if (name.length > 24) throw new Error(`policy assignment name "${name}" is longer than Azure's 24 characters at management group scope`);
  return name;
}

/**
 * The ARM id of a twin's assignment, from its management group's groupId: what a
 * hub stack's exemption names (stacks/hub/governance.ts), since the assignment
 * is the platform's resource and another stack cannot take its output.
 */
export function assignmentResourceId(groupId: string, key: string): string {
  return `/providers/Microsoft.Management/managementGroups/${groupId}/providers/Microsoft.Authorization/policyAssignments/${assignmentName(key)}`;
}

/** LG-01 is an initiative (policy set); the others single definitions. */
export function assignsPolicySet(twin: AssignedTwin): boolean {
  return twin.ruleId === "LG-01";
}

/** The definition id an assignment names. A custom definition lives at the region's management group. */
export function definitionIdOf(twin: AssignedTwin, regionGroupId: string): string {
  if (twin.kind === "custom") return `/providers/Microsoft.Management/managementGroups/${regionGroupId}/providers/Microsoft.Authorization/policyDefinitions/${twin.definition}`;
  const kind = assignsPolicySet(twin) ? "policySetDefinitions" : "policyDefinitions";
  return `/providers/Microsoft.Authorization/${kind}/${twin.definition}`;
}

/**
 * The definitions of LG-01's initiative that a remediation task is made for: one per
 * resource type of the region that has resource logs, by the initiative's
 * policyDefinitionReferenceId. Read in Azure/azure-policy,
 * built-in-policies/policySetDefinitions/Monitoring/AzureMonitor_DiagSettings_logAnalytics_allLogs.json
 * (commit ab11e6e8). The initiative has no definition for storage accounts (their logs are
 * on the blob, file, queue and table services). The VPN gateway's would be
 * "network-virtualnetworkgateways" by the same pattern; it was not read, so it is not here.
 */
export const LG01_REMEDIATED_REFERENCES = [
  "keyvault-vaults",
  "network-azurefirewalls",
  "network-bastionhosts",
  "network-networksecuritygroups",
  "network-publicipaddresses",
  "operationalinsights-workspaces",
  "recoveryservices-vaults",
] as const;

export interface PlannedRemediation {
  /** Stable key and logical name suffix: the twin's key, and the initiative's reference id where there is one. */
  readonly key: string;
  /** The key of the assignment it remediates (plannedAssignments). */
  readonly assignmentKey: string;
  readonly scope: TwinScope;
  readonly remediationName: string;
  /** Required by Azure when the assignment assigns a policy set (Remediations - Create Or Update, policyDefinitionReferenceId). */
  readonly policyDefinitionReferenceId?: string;
  /**
   * "ExistingNonCompliant": what Azure's compliance scan has already found. Re-evaluating
   * ("ReEvaluateCompliance") is documented for subscriptions and below, not for a
   * management group's remediation (unverified on Learn: docs/governance.md).
   */
  readonly resourceDiscoveryMode: "ExistingNonCompliant";
}

/**
 * One remediation task per DeployIfNotExists or Modify assignment (one per remediated
 * definition of an initiative), so resources that existed before the assignment are
 * fixed too: Azure applies those effects by itself only to resources created or updated
 * after it (https://learn.microsoft.com/azure/governance/policy/concepts/remediation-structure).
 */
export function plannedRemediations(assignments: ReadonlyArray<AssignedTwin & { key: string }> = plannedAssignments()): PlannedRemediation[] {
  return assignments
    .filter((t) => t.effect === "DeployIfNotExists" || t.effect === "Modify")
    .flatMap((t) => {
      const base = { assignmentKey: t.key, scope: t.scope, resourceDiscoveryMode: "ExistingNonCompliant" as const };
      if (!assignsPolicySet(t)) return [{ ...base, key: t.key, remediationName: `gm-rem-${t.key}` }];
      return LG01_REMEDIATED_REFERENCES.map((ref) => ({ ...base, key: `${t.key}-${ref}`, remediationName: `gm-rem-${t.key}-${ref}`, policyDefinitionReferenceId: ref }));
    });
}

/** The assignment's parameters in ARM's shape ({ name: { value } }). */
export function assignmentParameters(twin: AssignedTwin, extra: Readonly<Record<string, unknown>> = {}): Record<string, { value: unknown }> {
  const values: Record<string, unknown> = { ...(twin.effectParameter ? { effect: twin.effect } : {}), ...twin.parameters, ...extra };
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { value: v }]));
}

const cell = (s: string) => s.replace(/\|/g, "\\|");

/** The README's table: one row per mandatory rule, then the advisory twins. */
export function policyTwinTable(): string {
  const rows = [
    "| rule | pack policy | Azure Policy | effect | assigned at | verified |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  const where = (scope: TwinScope) => (scope === "region" ? "region" : "municipalities");
  for (const t of [...POLICY_TWINS, ...ADVISORY_TWINS]) {
    if (t.kind === "none") {
      rows.push(`| ${t.ruleId} | \`${t.policyName}\` | none: ${cell(t.reason)} | | | |`);
    } else {
      const what = t.kind === "custom" ? `custom \`${t.definition}\`` : `built-in \`${t.definition}\` (${cell(t.displayName)})`;
      rows.push(`| ${t.ruleId} | \`${t.policyName}\` | ${what} | ${t.effect} | ${where(t.scope)} | ${t.kind === "custom" ? "custom" : t.verified ? "yes" : "unverified"} |`);
    }
  }
  return rows.join("\n");
}

/**
 * Role definition GUIDs the remediating assignments' identities need, from
 * Microsoft Learn's "Azure built-in roles"
 * (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
 * None of them can grant access (ID-01.3 forbids those above a resource group).
 */
export const REMEDIATION_ROLE_IDS: Readonly<Record<string, string>> = {
  "Log Analytics Contributor": "92aaf0da-9dab-42b6-94a3-d43ce8d16293",
  "Monitoring Contributor": "749f88d5-cbae-40b8-bcfc-e573ddc772fa",
  "Tag Contributor": "4a9ae827-6dc8-4573-8ac7-8239d42aa03f",
};
