/**
 * Regions for the site tests: the example region, and one whose tenant file is
 * hostile, with markup and URLs in every string a municipality writes itself.
 */
import * as path from "node:path";
import { REPO_ROOT, DEFAULT_PLATFORM_FILE, DEFAULT_TENANTS_DIR } from "../../tenants/paths";
import type { Region } from "../../tenants/region";
import { loadRegion } from "../../tenants/validation/load-region";
import { loadCatalogue } from "../../scripts/commands/cost";
import type { Catalogue } from "../../tenants/schema/catalogue";
import { siteCost, type SiteInput, type SitePreviews } from "../../scripts/site/site-input";
import type { StackPreview } from "../../scripts/preview/preview-file";
import { basePlatform, baseTenant, makeRegion, type FixtureRegion } from "../helpers/region-fixture";

export const HOSTILE_NAME = `<script>window.pwned = "name"</script> kommune`;
export const HOSTILE_SITE = `<img src="https://attacker.example/x.png" onerror="window.pwned = 'site'">`;

export function loadedRegion(tenantsDir: string, platformFile: string): Region {
  const load = loadRegion({ tenantsDir, platformFile });
  if (!load.region) throw new Error(`invalid region: ${JSON.stringify(load.diagnostics, null, 2)}`);
  return load.region;
}

export const exampleRegion = (): Region => loadedRegion(DEFAULT_TENANTS_DIR, DEFAULT_PLATFORM_FILE);

export const exampleCatalogue = (): Catalogue => loadCatalogue(path.join(REPO_ROOT, "catalogue.yaml"));

/** A region of one municipality whose own strings are markup and links. */
export function hostileRegion(): FixtureRegion {
  return makeRegion({
    lyngen: {
      ...baseTenant("lyngen", "5536", 1),
      displayName: HOSTILE_NAME,
      services: ["storage", "backup"],
      sites: { radhus: { description: HOSTILE_SITE, publicIp: "198.51.100.77", prefixes: ["172.20.50.0/24"] } },
      storage: { shares: { felles: { quotaGb: 10 } } },
      backup: { tier: "standard", lastRestoreTest: "2026-01-15" },
    },
  }, { ...basePlatform() });
}

/** The input of the site with no previews at all, as on a fresh checkout. */
export function inputWithoutPreviews(region: Region, catalogue: Catalogue = exampleCatalogue()): SiteInput {
  const previews: SitePreviews = { dir: "out/preview", tenants: {} };
  return { region, catalogue, previews, cost: siteCost(region, previews), generatedOn: "2026-12-01" };
}

const POLICY_PACK = "grunnmur-baseline";

/**
 * Previews of every stack of a region, made up: no resources but one storage account
 * per tenant, and a policy section in which `advisoryFor` has one advisory finding.
 */
export function madeUpPreviews(region: Region, advisoryFor?: string): SitePreviews {
  const options = { protect: true, retainOnDelete: true, dependsOn: [], ignoreChanges: [], replaceOnChanges: [], deleteBeforeReplace: false, aliases: [] };
  const stack = (name: string): StackPreview => {
    const violations =
      name === advisoryFor
        ? [{ policy: "backup-restore-tested", rule: "BK-07", enforcement: "advisory" as const, resource: name, message: `tenants/${name}.yaml: backup.lastRestoreTest is not set <made up>` }]
        : [];
    return {
      stack: name,
      generatedBy: "test",
      outputs: {},
      resources:
        name === "platform"
          ? []
          : [{ urn: `urn:pulumi:${name}::grunnmur::azure-native:storage:StorageAccount::files`, type: "azure-native:storage:StorageAccount", name: "files", custom: true, parent: null, id: null, inputs: {}, options }],
      policy: { pack: POLICY_PACK, checkedOn: "2026-12-01", violations, waived: [], summary: { mandatory: 0, advisory: violations.length, waived: 0, policies: 58, resources: 1 } },
    };
  };
  return { dir: "out/preview", platform: stack("platform"), tenants: Object.fromEntries(region.tenants.map((t) => [t.spec.slug, stack(t.spec.slug)])) };
}

export function inputWith(region: Region, previews: SitePreviews, catalogue: Catalogue = exampleCatalogue()): SiteInput {
  return { region, catalogue, previews, cost: siteCost(region, previews), generatedOn: "2026-12-01" };
}
