import * as fs from "node:fs";
import * as path from "node:path";
import { codeowners, CODEOWNERS_PATH } from "../../scripts/ci/codeowners";
import { loadCommandRegion } from "../../scripts/region";
import { DEFAULT_PLATFORM_FILE, DEFAULT_TENANTS_DIR, REPO_ROOT } from "../../tenants/paths";

describe("the committed .github/CODEOWNERS", () => {
  const load = loadCommandRegion({ tenantsDir: DEFAULT_TENANTS_DIR, platformFile: DEFAULT_PLATFORM_FILE });
  const generated = codeowners(load.region!);

  it("is what the files generate (run `npx grunnmur codeowners --write` when this fails)", () => {
    expect(generated.ok && generated.text).toBe(fs.readFileSync(path.join(REPO_ROOT, CODEOWNERS_PATH), "utf8"));
  });

  it("gives senja's file to the platform team and senja's own team, and platform.yaml and the policies to the platform team alone", () => {
    const lines = generated.ok ? generated.text.split("\n") : [];
    expect(lines).toContain("/tenants/senja.yaml @grunnmur-region/platform-team @grunnmur-region/senja-it");
    expect(lines).toContain("* @grunnmur-region/platform-team");
    // GitHub applies the last matching line: the platform-only lines come after every tenant line.
    const lastTenant = lines.findIndex((l) => l.startsWith("/tenants/senja.yaml"));
    for (const only of ["/platform.yaml", "/policies/", "/.github/", "/.ci/"]) {
      expect(lines.indexOf(`${only} @grunnmur-region/platform-team`)).toBeGreaterThan(lastTenant);
    }
  });
});
