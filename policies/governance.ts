/**
 * Rules for every resource (RG-01, TG-01, DL-01 … DL-03): data stays in Norway,
 * the invoice can be split per municipality and service, no deployment can
 * delete a place where data lives, and the locks that guard those places never
 * stand in the way of what the stacks themselves must delete.
 */
import type { PolicyResource, ResourceValidationPolicy } from "@pulumi/policy";
import { isAzureType, resourcePolicy, stackPolicy, type GrunnmurPolicy, type ResourceOptions } from "./core/define";
import { describeResource, expectEqual, settingMessage } from "./core/messages";
import { idOf } from "./core/stack-facts";
import { knownList, knownString, peek, show, UNKNOWN } from "./core/values";
import { lockFindings, lockScopeOfId, LOCK_TYPES, type LockFinding, type LockSubject } from "../domain/azure/locks";

const RG01 = "Archive Act; Digdir guidance";

/**
 * azure-native types that take no location of their own: extension resources
 * (role assignments, locks, diagnostic settings, data collection rule associations), children of another resource
 * (subnets, rules, peerings, storage services and shares, DNS zone groups) and
 * the Recovery Services vault's own items, which live in its region (their
 * `location` input is optional and unused). Every other Azure type without a
 * location is a finding: azure-native then falls back to the resource group's
 * location, which the resource itself does not show. A type used for the first
 * time must carry a location or be added here with its reason
 * (test/unit/location-types.test.ts checks the list against azure-native).
 */
export const LOCATIONLESS_TYPES: ReadonlySet<string> = new Set([
  // The directory's diagnostic setting (Entra ID logs): a tenant-wide resource with no region.
  "azure-native:aadiam:DiagnosticSetting",
  "azure-native:authorization:ManagementLockAtResourceGroupLevel",
  "azure-native:authorization:ManagementLockAtResourceLevel",
  "azure-native:authorization:ManagementLockByScope",
  // Governance (stacks/platform/governance.ts): tenant-, management-group- and subscription-level
  // resources with no region.
  "azure-native:authorization:PolicyDefinitionAtManagementGroup",
  "azure-native:authorization:PolicyExemption",
  // A remediation task runs over its assignment's management group and has no region.
  "azure-native:policyinsights:RemediationAtManagementGroup",
  "azure-native:authorization:RoleAssignment",
  "azure-native:consumption:Budget",
  "azure-native:keyvault:Secret",
  "azure-native:management:ManagementGroup",
  "azure-native:management:ManagementGroupSubscription",
  "azure-native:monitor:DataCollectionRuleAssociation",
  "azure-native:monitor:DiagnosticSetting",
  // The activity log's setting: a subscription-wide extension resource.
  "azure-native:monitor:SubscriptionDiagnosticSetting",
  "azure-native:network:FirewallPolicyRuleCollectionGroup",
  // A workspace's saved queries and tables live in the workspace's region.
  "azure-native:operationalinsights:SavedSearch",
  "azure-native:operationalinsights:Table",
  "azure-native:network:PrivateDnsZoneGroup",
  "azure-native:network:Route",
  "azure-native:network:SecurityRule",
  "azure-native:network:Subnet",
  "azure-native:network:VirtualNetworkPeering",
  "azure-native:privatedns:PrivateRecordSet",
  "azure-native:recoveryservices:ProtectedItem",
  "azure-native:recoveryservices:ProtectionContainer",
  "azure-native:recoveryservices:ProtectionPolicy",
  "azure-native:recoveryservices:ResourceGuardProxy",
  "azure-native:security:Pricing",
  "azure-native:security:SecurityContact",
  "azure-native:storage:BlobContainer",
  "azure-native:storage:BlobServiceProperties",
  "azure-native:storage:FileServiceProperties",
  "azure-native:storage:FileShare",
  "azure-native:storage:LocalUser",
  "azure-native:subscription:Alias",
]);

export const norwegianRegions = () =>
  resourcePolicy<{ location?: unknown }, { allowedLocations: readonly string[] }>(
    {
      id: "RG-01",
      name: "location-norway-only",
      source: RG01,
      title: "Resources and their data stay in Norway: norwayeast, and norwaywest for disaster recovery.",
      enforcementLevel: "mandatory",
      config: { allowedLocations: { default: ["norwayeast", "norwaywest", "global"], description: "Azure locations resources may use." } },
    },
    isAzureType,
    (r, report, config) => {
      // Often the resource group's location, unknown during a first preview: checked at `pulumi up`.
      const location = peek(() => r.props.location);
      if (location === UNKNOWN) return;
      if (location === undefined || location === null) {
        // Entra ID objects have no region; the types listed take none of their own.
        if (r.type.startsWith("azure-native:") && !LOCATIONLESS_TYPES.has(r.type)) {
          report(
            settingMessage({
              resource: r.label,
              property: "location",
              current: location,
              safe: '"norwayeast" ("norwaywest" only for disaster-recovery copies)',
              source: RG01,
              unsetMeans: "azure-native then takes the resource group's, which the resource does not show",
            }),
          );
        }
        return;
      }
      if (typeof location !== "string") {
        report(settingMessage({ resource: r.label, property: "location", current: location, safe: '"norwayeast"', source: RG01 }));
        return;
      }
      // Azure accepts "Norway East" as well as "norwayeast".
      const normalised = location.replace(/\s+/g, "").toLowerCase();
      if (!config.allowedLocations.includes(normalised)) {
        report(settingMessage({ resource: r.label, property: "location", current: location, safe: '"norwayeast" ("norwaywest" only for disaster-recovery copies)', source: RG01 }));
      }
    },
  );

export const TAG_KEYS = ["grunnmur:tenant", "grunnmur:service", "grunnmur:cost-centre", "grunnmur:environment"];

/** Types that take a location but no tags (azure-native's inputs have no `tags`): an extension resource with a region. */
const LOCATED_BUT_TAGLESS = new Set(["azure-native:maintenance:ConfigurationAssignment", "azure-native:authorization:PolicyAssignment"]);
const TG01 = "seed 000 cost catalogue";

export const costAllocationTags = () =>
  resourcePolicy<{ location?: unknown; tags?: Record<string, unknown> }, { requiredTags: readonly string[] }>(
    {
      id: "TG-01",
      name: "tags-cost-allocation",
      source: TG01,
      title: "Every taggable resource names its tenant, service, cost centre (ansvar) and environment, so the invoice can be split.",
      enforcementLevel: "advisory",
      config: { requiredTags: { default: TAG_KEYS, description: "Tag keys every taggable resource carries." } },
    },
    isAzureType,
    (r, report, config) => {
      // Resources with a location are "tracked" in ARM and take tags; the others cannot.
      if (peek(() => r.props.location) === undefined || LOCATED_BUT_TAGLESS.has(r.type)) return;
      const given = peek(() => r.props.tags);
      if (given === UNKNOWN) return;
      const tag = (key: string) => peek(() => (given ?? {})[key]);
      const missing = config.requiredTags.filter((key) => {
        const value = tag(key);
        return value !== UNKNOWN && (typeof value !== "string" || value === "");
      });
      if (missing.length > 0) {
        report(`${r.label}: tags lack ${missing.map((k) => show(k)).join(", ")}; set them (standardTags in components/shared/tags.ts) so costs reach the right municipality (${TG01})`);
      }
      const tenant = tag("grunnmur:tenant");
      if (r.stackKind === "tenant" && typeof tenant === "string" && tenant !== r.stack) {
        report(settingMessage({ resource: r.label, property: 'tags["grunnmur:tenant"]', current: tenant, safe: show(r.stack), source: TG01 }));
      }
    },
  );

/** Where data lives: deleting one of these loses it. */
export const STATEFUL_TYPES: readonly string[] = [
  "azure-native:storage:StorageAccount",
  "azure-native:storage:FileShare",
  "azure-native:storage:BlobContainer",
  "azure-native:keyvault:Vault",
  "azure-native:recoveryservices:Vault",
  "azure-native:dataprotection:BackupVault",
  "azure-native:operationalinsights:Workspace",
];
const DL01 = "grunnmur baseline DL-01";

export const statefulProtected = (): ResourceValidationPolicy =>
  resourcePolicy(
    {
      id: "DL-01",
      name: "stateful-resources-protected",
      source: DL01,
      title: "Storage, vaults, key vaults and log workspaces are protected: no deployment deletes them, and removing them from code leaves them in Azure.",
      enforcementLevel: "mandatory",
    },
    STATEFUL_TYPES,
    (r, report) => {
      expectEqual(report, r.label, "options.protect", r.opts.protect, true, DL01);
      // The engine does not pass retainOnDelete to policies (undefined there); the offline runner
      // always does, null when a hand-written list leaves it out, which is a finding like false.
      if (r.opts.retainOnDelete !== undefined) expectEqual(report, r.label, "options.retainOnDelete", r.opts.retainOnDelete, true, DL01);
    },
  );

const DL02 = "grunnmur baseline DL-02";
const DL03 = "grunnmur baseline DL-03";
const PRIVATE_ENDPOINT = "azure-native:network:PrivateEndpoint";

/**
 * A resource as domain/azure/locks.ts sees it. A lock's scope is its `scope`
 * input or, for the other lock types, what its own id says; while unknown
 * during a real preview, the resources the scope was computed from.
 */
export function lockSubjectOf(r: PolicyResource): LockSubject {
  const opts = r.opts as ResourceOptions | undefined;
  const retain = opts?.retainOnDelete;
  const id = idOf(r);
  const subject = { urn: r.urn, type: r.type, id, protect: opts?.protect === true, retainOnDelete: retain === undefined ? undefined : retain === true };
  if (LOCK_TYPES.includes(r.type)) {
    const scope = knownString(() => r.props.scope) ?? (id ? lockScopeOfId(id) : undefined);
    const scopeFrom = (r.propertyDependencies?.scope ?? []).map((d) => d.urn);
    return { ...subject, lock: { scope, scopeFrom, level: knownString(() => r.props.level) } };
  }
  if (r.type === PRIVATE_ENDPOINT) {
    const connections = knownList<Record<string, unknown>>(() => r.props.privateLinkServiceConnections);
    return { ...subject, connectsTo: connections.flatMap((c) => (typeof c.privateLinkServiceId === "string" ? [c.privateLinkServiceId] : [])) };
  }
  return subject;
}

function findingsOf(resources: readonly PolicyResource[]) {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const label = (s: LockSubject) => {
    const r = byUrn.get(s.urn)!;
    return describeResource(r.type, r.props, r.name);
  };
  return { findings: lockFindings(resources.filter((r) => isAzureType(r.type)).map(lockSubjectOf)), label };
}

export const statefulLocked = () =>
  stackPolicy(
    {
      id: "DL-02",
      name: "stateful-resources-locked",
      source: DL02,
      title: "Storage accounts, Recovery Services and backup vaults and log workspaces carry a CanNotDelete lock that is itself protected and retained, so it outlives the stack with the data.",
      enforcementLevel: "mandatory",
    },
    "any",
    ({ resources }, report) => {
      const { findings, label } = findingsOf(resources);
      for (const f of findings) {
        if (f.kind === "missing") {
          report(
            `${label(f.resource)}: has no CanNotDelete lock, although ${f.reason}; lock it with addLock(..., { kept: true }) from components/shared/lock.ts (${DL02})`,
            f.resource.urn,
          );
        } else if (f.kind === "lock-not-kept") {
          const what = `${label(f.lock)}, the lock of ${label(f.resource)}`;
          if (f.problem === "level") {
            report(`${what}: level is ${show(f.lock.lock?.level)}; set it to "CanNotDelete" (a ReadOnly lock also refuses POST operations: listing keys, configuring backup, restoring) (${DL02})`, f.lock.urn);
          } else {
            report(`${what}: options.${f.problem} is false; set it to true so the lock stays in Azure with what it locks when the stack lets go of both (${DL02})`, f.lock.urn);
          }
        }
      }
    },
  );

/** The finding's text for DL-03, or undefined when it belongs to DL-02. */
function spareMessage(f: LockFinding, label: (s: LockSubject) => string): { message: string; urn: string } | undefined {
  if (f.kind === "forbidden") {
    return { message: `${label(f.lock)}: locks ${label(f.target)}, but ${f.reason}; remove the lock (${DL03})`, urn: f.lock.urn };
  }
  if (f.kind === "deletes-under-lock") {
    const where = f.how === "below" ? `lies below ${label(f.lock)}` : `connects to what ${label(f.lock)} locks (deleting the endpoint deletes a connection below it)`;
    return {
      message: `${label(f.resource)}: ${where}, so Azure refuses to delete it, yet the stack would delete it when it goes; set retainOnDelete: true on it, or take the lock off (${DL03})`,
      urn: f.resource.urn,
    };
  }
  return undefined;
}

export const locksSpareManagedResources = () =>
  stackPolicy(
    {
      id: "DL-03",
      name: "locks-spare-managed-resources",
      source: DL03,
      title: "No lock stands over anything a stack creates and deletes: never on virtual networks, DNS zones, firewall policies, resource groups or key vaults, and everything below a lock is retained on delete.",
      enforcementLevel: "mandatory",
    },
    "any",
    ({ resources }, report) => {
      const { findings, label } = findingsOf(resources);
      for (const f of findings) {
        const out = spareMessage(f, label);
        if (out) report(out.message, out.urn);
      }
    },
  );

export function governancePolicies(): GrunnmurPolicy[] {
  return [norwegianRegions(), costAllocationTags(), statefulProtected(), statefulLocked(), locksSpareManagedResources()];
}
