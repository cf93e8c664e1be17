/**
 * No Pulumi program reads a Key Vault secret's value (issue 15): the platform
 * Key Vault refuses public network access, so a deployment outside the virtual
 * network could not, and on a first run the vault does not exist yet. What the
 * programs and components may not contain, and test/integration/pulumi-entry.test.ts
 * checks at run time that the programs make no request at all.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../tenants/paths";

const FORBIDDEN: ReadonlyArray<[RegExp, string]> = [
  [/vault\.azure\.net\/secrets/, "a Key Vault secret's data-plane URL"],
  [/getClientToken/, "an access token for a data plane"],
  [/\bfetch\(/, "an HTTP request"],
  [/keyvault\.getSecret|getSecretOutput/, "a read of a secret through the provider"],
  [/@azure\/keyvault-secrets|@azure\/identity/, "an Azure data-plane SDK"],
];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

describe("the Pulumi programs and components", () => {
  const files = ["stacks", "components"].flatMap((dir) => sources(path.join(REPO_ROOT, dir)));

  it("are all scanned", () => {
    expect(files.map((f) => path.relative(REPO_ROOT, f))).toEqual(expect.arrayContaining(["stacks/secrets.ts", "stacks/platform/program.ts", "components/security/generated-secret.ts"]));
  });

  it.each(FORBIDDEN)("contain no %s (%s)", (pattern) => {
    const found = files.filter((file) => pattern.test(fs.readFileSync(file, "utf8").replace(/^\s*(\/\/|\*).*$/gm, "")));
    expect(found.map((f) => path.relative(REPO_ROOT, f))).toEqual([]);
  });

  it("would catch a data-plane read", () => {
    const sample = 'const url = `https://${vault}.vault.azure.net/secrets/${name}`; await fetch(url);';
    expect(FORBIDDEN.filter(([pattern]) => pattern.test(sample)).length).toBe(2);
  });
});
