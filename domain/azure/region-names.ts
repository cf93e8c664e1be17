/**
 * Every name a tenant file puts into the region, and the platform's names in the
 * same namespaces: Pulumi stack names and URNs, Azure names (storage accounts are
 * global; gateways, rule groups, peerings and DNS links share the hub's
 * namespaces), Entra ID group names and role assignment GUIDs. Each comes from
 * the naming function the programs call, so the validation sees the names the
 * deployment would use. Pure: the validation turns collisions into diagnostics
 * on both files (tenants/validation/name-rules.ts).
 *
 * Left out on purpose: names inside a tenant's own resource groups (VNet,
 * subnets, NSGs, route tables, private endpoint), since those resource groups are
 * unique by slug; and aliases, which collide exactly when the names they point
 * to do (the preview checks them against each other too, scripts/preview/urn-checks.ts).
 */
import { actionGroupName, alertPlans, changeQueryId, PLATFORM_OWNER, tenantAlertFacts, tenantAlertPlans } from "../alerting/plan";
import { radiusClientSecret, vpnPreSharedKey, type GeneratedSecretSpec } from "./generated-secrets";
import type { PlatformFile } from "../../tenants/schema/platform";
import type { SecretRef } from "../../tenants/schema/fields";
import type { TenantFile } from "../../tenants/schema/tenant";
import type { FieldPath } from "../../tenants/validation/diagnostic";
import { keyVaultNameForConfig } from "../eduroam/secret-placeholders";
import { isolationRuleCollectionGroup } from "../network/firewall-rules";
import { dnsLinkName, HUB_VNET_KEYS, hubPeeringName, hubsInUse } from "../network/hub-names";
import {
  LOCAL_NETWORK_GATEWAY_TYPE,
  localNetworkGatewayName,
  RULE_GROUP_TYPE,
  ruleCollectionGroupAzureName,
  ruleGroupName,
  siteConnectionName,
  siteLogicalName,
  TENANT_ATTACHMENT_TYPE,
  VPN_CONNECTION_TYPE,
} from "../network/tenant-attachment-names";
import { BREAK_GLASS, PLATFORM_GROUPS, platformGroupDisplayName, platformGroupPrefix, type PlatformGroupKey, tenantGroupDisplayNames, TENANT_GROUP_KEYS } from "./group-names";
import { secretReadGrantName } from "./key-vault";
import { REGION_CODES, roleAssignmentName } from "./names";

const ROLE_ASSIGNMENT_TYPE = "azure-native:authorization:RoleAssignment";
import { hubStackName, PLATFORM_STACK, PROJECT } from "./stack-names";
import { hubOf } from "../network/hub-placement";
import { tenantSubscriptionWhileValidating } from "./tenant-subscription";
import {
  guestLogicalName,
  protectedItemLogicalName,
  shareAzureName,
  shareLogicalName,
  storageAccountName,
  TENANT_COMPONENT_NAMES,
  TENANT_RESOURCE_GROUP_KEYS,
  TENANT_ROLE_GRANTS,
  TENANT_VAULT_RESOURCE_GROUP_KEY,
  TENANT_VAULT_ROLE_GRANTS,
  tenantBudgetName,
  tenantPrincipalKey,
  tenantResourceGroupName,
  tenantScopeKey,
  tenantStorageNameParts,
} from "./tenant-names";

/** The platform file, or the tenant at this index of the list given. */
export type NameOwner = "platform" | { readonly tenant: number };

export interface RegionName {
  /** Where the name must be unique. Namespaces starting "azure:" or "entra:" compare names without case, as Azure does. */
  readonly namespace: string;
  readonly name: string;
  /** What carries the name, for messages, e.g. "the storage account name". */
  readonly what: string;
  readonly owner: NameOwner;
  /** The field the name is made from: the slug, a site key, a share, ... */
  readonly path: FieldPath;
  /** Why two such names can meet, and what to change. */
  readonly hint: string;
  /** Entries with the same `same` are one resource, registered once (a secret copied once for every reference to it). */
  readonly same?: string;
}

/** Two or more entries with one name in one namespace. */
export type NameCollision = readonly RegionName[];

const RANDOM_PASSWORD_TYPE = "random:index/randomPassword:RandomPassword";
const KEY_VAULT_SECRET_TYPE = "azure-native:keyvault:Secret";

const HINT = {
  slug: "the name is made from the slug, so choose another slug",
  storage:
    "storage account names keep only letters and digits and are unique across all of Azure, so slugs that differ only in hyphens get the same one; choose a slug that differs in letters or digits",
  site: 'the slug and the site key are joined with "-", so another slug and key can spell the same name; rename this site key',
  accessPoint: 'the slug and the access point key are joined with "-", so another slug and key can spell the same name; rename this access point key',
  group: "Entra ID group names are unique in the directory (the groups are created with preventDuplicateNames); choose another group name",
  slugGroup:
    "Entra ID group names are unique in the directory, and a tenant's default groups are grunnmur-<slug>-admins, -users and -readers; choose a slug that does not spell another group's name",
  share: "a share keeps the Azure name of its previousKey, so two shares cannot have the same one; keep previousKey on the share that was renamed only",
  guest: "a guest's resource name keeps only the letters and digits of the address, so two addresses that differ only in punctuation collide; list the person once",
  secret:
    'config keys become Key Vault secret names with every character other than letters, digits and "-" replaced by "-"; use config keys that differ in letters or digits',
} as const;

/** A URN as the Pulumi engine writes it: the type chain from the stack's child down, then the logical name. */
export function urn(stack: string, types: readonly string[], name: string): string {
  return `urn:pulumi:${stack}::${PROJECT}::${types.join("$")}::${name}`;
}

/** Slugs a tenant may not have: the platform's names that a tenant's names are made beside. */
export function reservedSlugs(platform: PlatformFile): ReadonlyArray<{ readonly slug: string; readonly reason: string }> {
  const isolation = isolationRuleCollectionGroup(platform.network.tenantPool.cidr).key;
  return [
    { slug: PLATFORM_STACK, reason: `the shared platform's Pulumi stack is named "${PLATFORM_STACK}", and a tenant's stack is named after its slug` },
    {
      slug: HUB_VNET_KEYS.primary,
      reason: `the hub VNet's links in the private DNS zones are named ${dnsLinkName(HUB_VNET_KEYS.primary)}, and a tenant's spoke links are named link-<slug>`,
    },
    {
      slug: HUB_VNET_KEYS.dr,
      reason: `the DR hub VNet's links in the private DNS zones are named ${dnsLinkName(HUB_VNET_KEYS.dr)}, and a tenant's spoke links are named link-<slug>`,
    },
    {
      slug: isolation,
      reason: `the firewall policy's group that keeps tenants apart is ${ruleCollectionGroupAzureName(isolation)}, and a tenant's own rule group is rcg-<slug>`,
    },
  ];
}

/** The names of the platform and of every tenant given, in the namespaces tenants can reach. */
export function regionNames(platform: PlatformFile, tenants: readonly TenantFile[]): RegionName[] {
  const out: RegionName[] = [...platformNames(platform)];
  tenants.forEach((tenant, index) => out.push(...tenantNames(platform, tenant, { tenant: index })));
  return out;
}

function platformNames(platform: PlatformFile): RegionName[] {
  const owner = "platform" as const;
  const entry = (namespace: string, name: string, what: string): RegionName => ({ namespace, name, what, owner, path: [], hint: HINT.slug });
  const out: RegionName[] = [entry("pulumi:stacks", PLATFORM_STACK, "the Pulumi stack")];
  const hubs = hubsInUse(platform);
  for (const key of hubs.vnetKeys) out.push(entry("azure:private-dns-zones:links", dnsLinkName(key), "the link in every private DNS zone"));
  const isolation = isolationRuleCollectionGroup(platform.network.tenantPool.cidr).key;
  for (const firewall of hubs.firewallNames) {
    out.push(entry(`azure:firewall-policy:${firewall}:rule-collection-groups`, ruleCollectionGroupAzureName(isolation), `the rule collection group in the policy of ${firewall}`));
  }
  const prefix = platformGroupPrefix(platform.host.slug);
  for (const key of [...(Object.keys(PLATFORM_GROUPS) as PlatformGroupKey[]), BREAK_GLASS] as const) {
    out.push(entry("entra:groups", platformGroupDisplayName(prefix, key), "the Entra ID group"));
  }
  if (platform.alerting) {
    out.push(entry("azure:monitoring:action-groups", actionGroupName(PLATFORM_OWNER, platform.environment), "the platform team's action group"));
    // The platform's own rules: the plan without tenants (their rules are theirs, above).
    const facts = { host: platform.host.slug, environment: platform.environment, platformContacts: platform.alerting.platformContacts, firewalls: hubs.firewallNames, radiusServers: [], keyVaultDeniedPerFiveMinutes: 1, tenants: [] };
    for (const alert of alertPlans(facts)) out.push(entry("azure:monitoring:alert-rules", alert.ruleName, "the platform's alert rule"));
  }
  if (platform.eduroam && platform.radius) {
    const { nationalProxies, serverCertificate } = platform.eduroam;
    const refs: Array<[FieldPath, SecretRef]> = [
      ...Object.entries(nationalProxies).map(([key, proxy]): [FieldPath, SecretRef] => [["eduroam", "nationalProxies", key, "secret"], proxy.secret]),
      [["eduroam", "serverCertificate"], serverCertificate],
    ];
    out.push(...secretCopies(owner, refs));
  }
  return out;
}

/** The stack of a tenant's attachment; a pin to no hub (reported by tenants/validation/hub-rules.ts) counts as the platform's. */
function attachmentStackOf(platform: PlatformFile, tenant: TenantFile): string {
  try {
    return hubStackName(hubOf(platform, tenant));
  } catch {
    return PLATFORM_STACK;
  }
}

function tenantNames(platform: PlatformFile, tenant: TenantFile, owner: NameOwner): RegionName[] {
  const slug = tenant.slug;
  const env = platform.environment;
  const region = REGION_CODES[platform.regions.primary];
  const out: RegionName[] = [];
  const add = (namespace: string, name: string, what: string, path: FieldPath, hint: string) => out.push({ namespace, name, what, owner, path, hint });
  const bySlug = (namespace: string, name: string, what: string) => add(namespace, name, what, ["slug"], HINT.slug);
  const ownStack = (types: readonly string[], name: string, path: FieldPath, hint: string) =>
    add(`pulumi:urn:${slug}`, urn(slug, types, name), "the Pulumi resource", path, hint);
  // The tenant's share of its hub is in that hub's stack: the platform's for the primary hub.
  const attachStack = attachmentStackOf(platform, tenant);
  const attachWhat = `the ${attachStack} stack's Pulumi resource`;
  const platformStack = (types: readonly string[], name: string, path: FieldPath, hint: string) =>
    add(`pulumi:urn:${attachStack}`, urn(attachStack, types, name), attachWhat, path, hint);

  // A generated secret: its random value and Key Vault copy in the tenant's share of the hub, and the copy's name in the vault.
  const generated = (spec: GeneratedSecretSpec, path: FieldPath, hint: string) => {
    platformStack([TENANT_ATTACHMENT_TYPE, RANDOM_PASSWORD_TYPE], spec.logicalName, path, hint);
    platformStack([TENANT_ATTACHMENT_TYPE, KEY_VAULT_SECRET_TYPE], spec.logicalName, path, hint);
    add("azure:platform-key-vault:secrets", spec.secretName, "the platform Key Vault secret the platform generates", path, hint);
  };

  bySlug("pulumi:stacks", slug, "the Pulumi stack");

  // Its share of the hub, in the platform stack (components/network/tenant-attachment.ts).
  platformStack([TENANT_ATTACHMENT_TYPE], slug, ["slug"], HINT.slug);
  for (const firewall of hubsInUse(platform).firewallNames) {
    platformStack([TENANT_ATTACHMENT_TYPE, RULE_GROUP_TYPE], ruleGroupName(firewall, slug), ["slug"], HINT.slug);
    bySlug(`azure:firewall-policy:${firewall}:rule-collection-groups`, ruleCollectionGroupAzureName(slug), `the rule collection group in the policy of ${firewall}`);
  }
  for (const key of Object.keys(tenant.sites)) {
    const path = ["sites", key];
    platformStack([TENANT_ATTACHMENT_TYPE, LOCAL_NETWORK_GATEWAY_TYPE], siteLogicalName(slug, key), path, HINT.site);
    platformStack([TENANT_ATTACHMENT_TYPE, VPN_CONNECTION_TYPE], siteLogicalName(slug, key), path, HINT.site);
    add("azure:hub-resource-group:local-network-gateways", localNetworkGatewayName(slug, key), "the local network gateway in the hub's resource group", path, HINT.site);
    add("azure:hub-resource-group:connections", siteConnectionName(slug, key), "the VPN connection in the hub's resource group", path, HINT.site);
    generated(vpnPreSharedKey(slug, key), path, HINT.site);
  }

  // Its alerting, in its share of the hub (stacks/platform/alerting.ts): names beside the platform team's.
  if (platform.alerting) {
    platformStack([TENANT_ATTACHMENT_TYPE, "azure-native:monitor:ActionGroup"], `ag-${slug}`, ["slug"], HINT.slug);
    bySlug("azure:monitoring:action-groups", actionGroupName(slug, env), "the action group");
    for (const alert of tenantAlertPlans(tenantAlertFacts(platform, tenant), env)) {
      platformStack([TENANT_ATTACHMENT_TYPE, "azure-native:monitor:ScheduledQueryRule"], alert.key, ["slug"], HINT.slug);
      bySlug("azure:monitoring:alert-rules", alert.ruleName, "the alert rule");
    }
    platformStack([TENANT_ATTACHMENT_TYPE, "azure-native:operationalinsights:SavedSearch"], `changes-${slug}`, ["slug"], HINT.slug);
    bySlug("azure:central-workspace:saved-searches", changeQueryId(slug), "the saved change query");
  }

  // Hub-side resources its own stack creates (components/network/spoke.ts).
  bySlug("azure:hub-vnet:peerings", hubPeeringName(slug), "the peering on the hub VNet");
  // No link in the private DNS zones: a spoke resolves through its hub's resolver (docs/network-scale.md).

  // Its own stack (stacks/tenant/program.ts). Resource groups and budgets are per
  // subscription, and a tenant may share the platform's: one namespace for all.
  for (const key of TENANT_RESOURCE_GROUP_KEYS) bySlug("azure:subscription:resource-groups", tenantResourceGroupName(slug, key, env, region), "the resource group");
  bySlug("azure:subscription:budgets", tenantBudgetName(slug), "the budget");
  for (const [key, grants] of TENANT_ROLE_GRANTS) {
    for (const grant of grants) {
      bySlug("azure:role-assignments", roleAssignmentName(tenantScopeKey(slug, key), tenantPrincipalKey(slug, grant.group), grant.role), "the role assignment name");
    }
  }

  const services = new Set(tenant.services);
  if (services.has("storage") && tenant.storage) {
    const account = storageAccountName(tenantStorageNameParts(slug, platform.host.slug));
    add("azure:storage-accounts", account, "the storage account name", ["slug"], HINT.storage);
    const backedUp = services.has("backup") && tenant.backup !== undefined;
    for (const [key, share] of Object.entries(tenant.storage.shares)) {
      const path = share.previousKey ? ["storage", "shares", key, "previousKey"] : ["storage", "shares", key];
      // Keyed by the tenant, not the account: two tenants' accounts colliding is reported once, on the slug.
      add(`azure:storage-account-of:${slug}:file-shares`, shareAzureName(key, share.previousKey), "the file share name", path, HINT.share);
      ownStack(["grunnmur:storage:TenantStorage", "azure-native:storage:FileShare"], shareLogicalName(TENANT_COMPONENT_NAMES.storage, key), path, HINT.share);
      if (backedUp) {
        ownStack(["grunnmur:backup:FileShareBackup", "azure-native:recoveryservices:ProtectedItem"], protectedItemLogicalName(TENANT_COMPONENT_NAMES.backup, key), path, HINT.share);
      }
    }
  }

  // In a subscription apart from the platform's (its own or its hub's) and with backup, its own vault's resource group and roles there.
  if (tenantSubscriptionWhileValidating(platform, tenant).subscriptionId && services.has("storage") && tenant.storage && services.has("backup") && tenant.backup) {
    const key = TENANT_VAULT_RESOURCE_GROUP_KEY;
    bySlug("azure:subscription:resource-groups", tenantResourceGroupName(slug, key, env, region), "the resource group");
    for (const grant of TENANT_VAULT_ROLE_GRANTS) {
      bySlug("azure:role-assignments", roleAssignmentName(tenantScopeKey(slug, key), tenantPrincipalKey(slug, grant.group), grant.role), "the role assignment name");
    }
  }

  const groups = tenantGroupDisplayNames(slug, tenant.identity);
  const groupField = { admins: "adminGroup", users: "userGroup", readers: "readerGroup" } as const;
  for (const key of TENANT_GROUP_KEYS) {
    const custom = tenant.identity[groupField[key]] !== undefined;
    add("entra:groups", groups[key], "the Entra ID group", custom ? ["identity", groupField[key]] : ["slug"], custom ? HINT.group : HINT.slugGroup);
  }
  // An address listed twice is reported as such (tenant-rules.ts); only the first counts here.
  const seen = new Set<string>();
  tenant.identity.externalAdmins.forEach((admin, i) => {
    if (seen.has(admin.email.toLowerCase())) return;
    seen.add(admin.email.toLowerCase());
    const path = ["identity", "externalAdmins", i, "email"];
    const name = guestLogicalName(TENANT_COMPONENT_NAMES.identity, admin.email);
    ownStack(["grunnmur:identity:TenantIdentity", "azuread:index/invitation:Invitation"], name, path, HINT.guest);
    ownStack(["grunnmur:identity:TenantIdentity", "azuread:index/groupMember:GroupMember"], name, path, HINT.guest);
  });

  if (tenant.wifi && platform.eduroam && platform.radius) {
    // Each access point's secret is generated (domain/azure/generated-secrets.ts) and read by every server.
    for (const key of Object.keys(tenant.wifi.accessPoints)) {
      const path = ["wifi", "accessPoints", key];
      const spec = radiusClientSecret(slug, key);
      generated(spec, path, HINT.accessPoint);
      // A file naming this secret too gives the same grant: the ownership rule (secret-rules.ts) reports that, not this.
      const same = `platform/${spec.secretName}`.toLowerCase();
      for (let server = 1; server <= platform.radius.count; server += 1) {
        const name = urn(attachStack, [TENANT_ATTACHMENT_TYPE, ROLE_ASSIGNMENT_TYPE], secretReadGrantName("platform", spec.secretName, server));
        out.push({ namespace: `pulumi:urn:${attachStack}`, name, what: attachWhat, owner, path, hint: HINT.accessPoint, same });
      }
    }
    const refs: Array<[FieldPath, SecretRef]> = [];
    if (tenant.wifi.userBackend.kind === "ldap") refs.push([["wifi", "userBackend", "bindPassword"], tenant.wifi.userBackend.bindPassword]);
    out.push(...secretCopies(owner, refs));
    // Each RADIUS server's read grant on each of its secrets sits in its share of the hub (stacks/platform/radius-config.ts).
    const seenGrants = new Set<string>();
    for (const [path, ref] of refs) {
      // A config key's grants follow from its copy's name, which is checked above.
      const secretName = ref.keyVaultSecret;
      if (ref.pulumiConfig !== undefined || secretName === undefined) continue;
      const vaultKey = ref.keyVault ?? "platform";
      if (seenGrants.has(`${vaultKey}/${secretName}`.toLowerCase())) continue;
      seenGrants.add(`${vaultKey}/${secretName}`.toLowerCase());
      // Two files naming one secret give one grant name: the ownership rule (secret-rules.ts) reports that, not this.
      const same = `${vaultKey}/${secretName}`.toLowerCase();
      for (let server = 1; server <= platform.radius.count; server += 1) {
        const name = urn(attachStack, [TENANT_ATTACHMENT_TYPE, ROLE_ASSIGNMENT_TYPE], secretReadGrantName(vaultKey, secretName, server));
        out.push({ namespace: `pulumi:urn:${attachStack}`, name, what: attachWhat, owner, path, hint: HINT.secret, same });
      }
    }
  }
  return out;
}

/**
 * The RADIUS servers read secrets from Key Vault only, so the platform stack copies
 * each `pulumiConfig` reference into the platform Key Vault (stacks/platform/radius-config.ts);
 * one copy per config key, however many references name it.
 */
function secretCopies(owner: NameOwner, refs: ReadonlyArray<[FieldPath, SecretRef]>): RegionName[] {
  return refs.flatMap(([path, ref]): RegionName[] => {
    if (ref.pulumiConfig === undefined) return [];
    return [
      {
        namespace: "azure:platform-key-vault:secrets",
        name: keyVaultNameForConfig(ref.pulumiConfig),
        what: "the platform Key Vault secret the RADIUS servers read",
        owner,
        path: [...path, "pulumiConfig"],
        hint: HINT.secret,
        same: ref.pulumiConfig,
      },
    ];
  });
}

/** Namespaces whose names Azure and Entra ID compare without case. */
const CASE_INSENSITIVE = /^(azure|entra):/;

/** Every name given more than once in its namespace, with all who give it, in the order given. */
export function findCollisions(names: readonly RegionName[]): NameCollision[] {
  // One map of names per namespace, not one map of "namespace + name" keys: tens of thousands of
  // long URNs at 357 tenants, each concatenated and hashed again, were most of this rule's time.
  const namespaces = new Map<string, { readonly fold: boolean; readonly names: Map<string, RegionName[]> }>();
  const groups: RegionName[][] = [];
  for (const entry of names) {
    let namespace = namespaces.get(entry.namespace);
    if (!namespace) {
      namespace = { fold: CASE_INSENSITIVE.test(entry.namespace), names: new Map() };
      namespaces.set(entry.namespace, namespace);
    }
    const name = namespace.fold ? entry.name.toLowerCase() : entry.name;
    const group = namespace.names.get(name);
    if (group) group.push(entry);
    else {
      const created = [entry];
      namespace.names.set(name, created);
      groups.push(created);
    }
  }
  // Entries with one `same` are one resource; any two others are two resources with one name.
  // Most names are given once; only groups of two or more need the set.
  return groups.filter((group) => group.length > 1 && new Set(group.map((entry, i) => entry.same ?? i)).size > 1);
}
