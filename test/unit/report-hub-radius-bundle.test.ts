/** The report shows a hub's RADIUS bundle secret's change as a diff of the generated files, as it does a server's userData. */
import { gzipSync } from "node:zlib";
import { diffStack } from "../../scripts/report/diff";
import { renderReport } from "../../scripts/report/markdown";
import type { StackPreview } from "../../scripts/preview/preview-file";

type Resource = StackPreview["resources"][number];

function secret(value: string): Resource {
  const type = "azure-native:keyvault:Secret";
  const name = "radius-bundle-hub-finnmark";
  return {
    urn: `urn:pulumi:hub-finnmark::grunnmur::azure-native:resources:ResourceGroup$${type}::${name}`,
    type,
    name,
    custom: true,
    parent: null,
    id: null,
    inputs: { secretName: name, vaultName: "kv-tromso-grunnmur-prod", properties: { value, contentType: "application/gzip; base64" } },
    options: { protect: false, retainOnDelete: false, dependsOn: [], ignoreChanges: [], replaceOnChanges: [], deleteBeforeReplace: false, aliases: [] },
  };
}
const stack = (resources: Resource[]): StackPreview => ({ stack: "hub-finnmark", generatedBy: "test", resources, outputs: {} });
/** A hub bundle as hubRadiusDelivery encodes it. */
const bundle = (files: Record<string, string>) =>
  gzipSync(Buffer.from(JSON.stringify({ hub: "finnmark", keyVault: "kv-tromso-grunnmur-prod", secrets: [], tenants: {}, files }))).toString("base64");

describe("a hub's RADIUS bundle secret in the report", () => {
  const before = { "realms.d/alta.conf": "realm alta.kommune.no {\n\tnostrip\n}\n" };
  const after = { ...before, "realms.d/hasvik.conf": "realm hasvik.kommune.no {\n\tnostrip\n}\n" };

  it("shows a changed bundle as the changed FreeRADIUS files, not base64", () => {
    const text = renderReport({ diffs: [diffStack("hub-finnmark", stack([secret(bundle(before))]), stack([secret(bundle(after))]))], extras: new Map() });
    expect(text).toContain("| changed | radius-bundle-hub-finnmark | keyvault:Secret | `properties`: the RADIUS configuration, see its diff below |");
    expect(text).toContain("RADIUS configuration of radius-bundle-hub-finnmark: 1 generated file changed (realms.d/hasvik.conf)");
    expect(text).toContain(["```diff", "--- /dev/null", "+++ b/realms.d/hasvik.conf", "@@ -0,0 +1,3 @@", "+realm hasvik.kommune.no {", "+\tnostrip", "+}", "```"].join("\n"));
    expect(text).not.toContain(bundle(after).slice(0, 40));
  });

  it("shows any other secret's change as it did: a masked value is no bundle", () => {
    const text = renderReport({ diffs: [diffStack("hub-finnmark", stack([secret("[secret]")]), stack([secret("[secret]x")]))], extras: new Map() });
    expect(text).not.toContain("RADIUS configuration of");
    expect(text).toContain("| changed | radius-bundle-hub-finnmark | keyvault:Secret | `properties`:");
  });
});
