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
