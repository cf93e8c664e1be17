/**
 * Rules for every resource (RG-01, TG-01, DL-01): data stays in Norway, the
 * invoice can be split per municipality and service, and no deployment can
 * delete a place where data lives.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isAzureType, resourcePolicy, type GrunnmurPolicy } from "./core/define";
import { expectEqual, settingMessage } from "./core/messages";
import { peek, show, UNKNOWN } from "./core/values";

const RG01 = "Archive Act; Digdir guidance";

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
      if (typeof location !== "string") return;
      // Azure accepts "Norway East" as well as "norwayeast".
      const normalised = location.replace(/\s+/g, "").toLowerCase();
      if (!config.allowedLocations.includes(normalised)) {
        report(settingMessage({ resource: r.label, property: "location", current: location, safe: '"norwayeast" ("norwaywest" only for disaster-recovery copies)', source: RG01 }));
      }
    },
  );

export const TAG_KEYS = ["grunnmur:tenant", "grunnmur:service", "grunnmur:cost-centre", "grunnmur:environment"];
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
      if (peek(() => r.props.location) === undefined) return;
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
      // The engine does not pass retainOnDelete to policies; the offline preview records it.
      if (r.opts.retainOnDelete !== undefined) expectEqual(report, r.label, "options.retainOnDelete", r.opts.retainOnDelete, true, DL01);
    },
  );

export function governancePolicies(): GrunnmurPolicy[] {
  return [norwegianRegions(), costAllocationTags(), statefulProtected()];
}
